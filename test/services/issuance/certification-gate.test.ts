import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCertify, refusal, type GateLookups } from '../../../src/services/issuance/certification-gate.js';
import { IssuanceLookups } from '../../../src/services/issuance/issue-certificate.js';
import { isSkillPassError } from '../../../src/domain/errors.js';
import type { Spoke } from '../../../src/domain/types.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';

/** The one answer to "may this centre certify this qualification now?" (src/services/issuance/certification-gate.ts). */
describe('certification gate', () => {
  let hub: TestHub;
  let kh: Spoke;
  beforeAll(async () => {
    hub = await startTestHub();
    kh = (await hub.ctx.store.repos.spokes.get('kh-ntti'))!;
  });
  afterAll(async () => {
    await hub.close();
  });
  const now = '2026-11-20T10:00:00Z';
  /** the registry's lookups, counting the reads of each kind */
  const counting = () => {
    const reads = { qualification: 0, framework: 0, accreditations: 0 };
    const real = new IssuanceLookups(hub.ctx);
    const lookups: GateLookups = {
      qualification: (c) => (reads.qualification++, real.qualification(c)),
      framework: (f) => (reads.framework++, real.framework(f)),
      accreditations: (s) => (reads.accreditations++, real.accreditations(s)),
    };
    return { lookups, reads };
  };

  it('normalises the code, then answers with the qualification, its framework and its AQRF level', async () => {
    const { lookups } = counting();
    for (const written of ['TH-BRICK-1', ' th-brick-1 ', 'ＴＨ-ＢＲＩＣＫ-１']) {
      const answer = await mayCertify(lookups, kh, written, now);
      expect(answer.problems, written).toEqual([]);
      expect(answer.code).toBe('TH-BRICK-1');
      expect(answer.qualification?.code).toBe('TH-BRICK-1');
      expect(answer.framework?.id).toBe('TH-TPQF');
      expect(answer.aqrfLevel).toBe(1);
    }
  });

  it('an unknown qualification is refused without reading frameworks or accreditations', async () => {
    const { lookups, reads } = counting();
    const answer = await mayCertify(lookups, kh, 'xx-nothing-9', now);
    expect(answer.code).toBe('XX-NOTHING-9');
    expect(answer.problems.map((p) => p.code)).toEqual(['unknown-qualification']);
    expect(answer.qualification).toBeUndefined();
    expect(reads).toEqual({ qualification: 1, framework: 0, accreditations: 0 });
  });

  it('a qualification outside the centre accreditation, or outside its period, is not-accredited (with the AQRF level known)', async () => {
    const { lookups } = counting();
    // TH-WIRING-1 is th-bkk-itc's, not kh-ntti's
    const other = await mayCertify(lookups, kh, 'TH-WIRING-1', now);
    expect(other.problems.map((p) => p.code)).toEqual(['not-accredited']);
    expect(other.aqrfLevel).toBe(1);
    // kh-ntti's accreditation runs 2025-01-01 .. 2028-12-31
    expect((await mayCertify(lookups, kh, 'TH-BRICK-1', '2028-12-31T23:59:59Z')).problems).toEqual([]);
    const after = await mayCertify(lookups, kh, 'TH-BRICK-1', '2029-01-01T00:00:00Z');
    expect(after.problems.map((p) => p.code)).toEqual(['not-accredited']);
  });

  it('a qualification whose framework has no AQRF referencing in force that day is level-not-referenced', async () => {
    // KH-CQF is referenced from 2024-01-01
    const { lookups } = counting();
    const answer = await mayCertify(lookups, kh, 'KH-SEW-2', '2023-12-31T12:00:00Z');
    expect(answer.problems.map((p) => p.code)).toEqual(['level-not-referenced']);
    expect(answer.aqrfLevel).toBeUndefined();
  });

  it('refusal turns a problem into the typed error a request answers with', async () => {
    const { lookups } = counting();
    const [problem] = (await mayCertify(lookups, kh, 'TH-WIRING-1', now)).problems;
    const err = refusal(problem!);
    expect(isSkillPassError(err)).toBe(true);
    expect(err.code).toBe('not-accredited');
    expect(err.message).toBe(problem!.message);
    expect(err.details).toEqual({ reason: 'not-covered' });
  });
});
