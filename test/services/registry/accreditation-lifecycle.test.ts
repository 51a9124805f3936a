import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeAccreditation,
  type AccreditationChange,
} from '../../../src/services/registry/accreditation-lifecycle.js';
import { grantAccreditation } from '../../../src/services/registry/registry-service.js';
import { mayCertify } from '../../../src/services/issuance/certification-gate.js';
import { IssuanceLookups } from '../../../src/services/issuance/issue-certificate.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, audited, rejects } from '../../helpers/service-calls.js';

/** Accreditation changes as events in force from an instant (src/services/registry/accreditation-lifecycle.ts). */
describe('changeAccreditation', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  /** a fresh accreditation of th-bkk-itc for TH-BRICK-1 and TH-WIRING-1, for one test */
  const fresh = async () =>
    (
      await grantAccreditation(hub.ctx, ADMIN, 'th-bkk-itc', {
        qualifications: ['TH-BRICK-1', 'TH-WIRING-1'],
        validFrom: '2026-01-01',
        validUntil: '2027-12-31',
      })
    ).id;
  const change = (id: string, c: Partial<AccreditationChange> & Pick<AccreditationChange, 'kind'>) =>
    changeAccreditation(hub.ctx, ADMIN, 'th-bkk-itc', id, {
      effectiveFrom: '2026-11-01',
      reason: 'audit',
      ...c,
    });

  it('refuses an effectiveFrom that is neither a date nor a date-time with a zone, and an unknown accreditation', async () => {
    const id = await fresh();
    for (const effectiveFrom of ['2026-11-01T10:00:00', '01/11/2026', '2026-02-30', ''])
      expect(
        (await rejects(change(id, { kind: 'suspended', effectiveFrom }), 'validation-failed')).details,
      ).toEqual({
        field: 'effectiveFrom',
      });
    await rejects(change('no-such-accreditation', { kind: 'suspended' }), 'not-found');
    // another centre's accreditation is not this centre's
    await rejects(
      changeAccreditation(hub.ctx, ADMIN, 'kh-ntti', id, {
        kind: 'suspended',
        effectiveFrom: '2026-11-01',
        reason: 'x',
      }),
      'not-found',
    );
    expect(
      (await hub.ctx.store.repos.spokes.accreditations('th-bkk-itc')).find((a) => a.id === id)?.events ?? [],
    ).toEqual([]);
  });

  it('records a suspension as an event (bumping the registry version), and only a suspended accreditation is reinstated', async () => {
    const id = await fresh();
    await rejects(change(id, { kind: 'reinstated' }), 'conflict');
    const version = await hub.ctx.store.repos.meta.registryVersion();
    const suspended = await change(id, { kind: 'suspended', effectiveFrom: '2026-11-01T08:00:00Z' });
    expect(suspended.events).toEqual([
      {
        kind: 'suspended',
        effectiveFrom: '2026-11-01T08:00:00Z',
        reason: 'audit',
        recordedAt: '2026-11-20T10:00:00Z',
      },
    ]);
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version + 1);
    expect((await audited(hub.ctx, 'accreditation.suspended')).at(-1)).toMatchObject({
      actor: ADMIN.tokenId,
      subject: 'th-bkk-itc',
      details: { accreditation: id },
    });
    await rejects(change(id, { kind: 'suspended', effectiveFrom: '2026-11-02' }), 'conflict');
    await change(id, { kind: 'reinstated', effectiveFrom: '2026-11-03' });
    await change(id, { kind: 'suspended', effectiveFrom: '2026-11-04' });
  });

  it('changes are recorded in the order they take effect: an earlier one after a later one is a conflict', async () => {
    const id = await fresh();
    await change(id, { kind: 'suspended', effectiveFrom: '2026-11-10' });
    const err = await rejects(
      change(id, { kind: 'reinstated', effectiveFrom: '2026-11-09T23:59:59Z' }),
      'conflict',
    );
    expect(err.details).toEqual({ field: 'effectiveFrom' });
    // at the same instant is not earlier
    await change(id, { kind: 'reinstated', effectiveFrom: '2026-11-10T00:00:00Z' });
  });

  it('an amendment adds known qualifications or removes some; it must do one of them', async () => {
    const id = await fresh();
    await rejects(change(id, { kind: 'amended' }), 'validation-failed');
    await rejects(change(id, { kind: 'amended', add: [], remove: [] }), 'validation-failed');
    const unknown = await rejects(
      change(id, { kind: 'amended', add: ['XX-NOPE-1'] }),
      'unknown-qualification',
    );
    expect(unknown.details).toEqual({ field: 'add', value: 'XX-NOPE-1' });
    const amended = await change(id, { kind: 'amended', add: ['PH-FOH-4'], remove: ['TH-WIRING-1'] });
    expect(amended.events?.[0]).toMatchObject({
      kind: 'amended',
      add: ['PH-FOH-4'],
      remove: ['TH-WIRING-1'],
    });
  });

  it('withdrawal is final, and the gate sees each change from its instant on', async () => {
    const id = await fresh();
    await change(id, { kind: 'withdrawn', effectiveFrom: '2026-11-15T12:00:00Z' });
    for (const kind of ['suspended', 'reinstated', 'withdrawn', 'amended'] as const)
      await rejects(change(id, { kind, effectiveFrom: '2026-12-01', add: ['PH-FOH-4'] }), 'conflict');
    // th-bkk-itc also has its demo accreditation for TH-BRICK-1: TH-WIRING-1 is only in the demo one too, so ask the gate with this one alone
    const spoke = (await hub.ctx.store.repos.spokes.get('th-bkk-itc'))!;
    const only = (await hub.ctx.store.repos.spokes.accreditations('th-bkk-itc')).filter((a) => a.id === id);
    const lookups = { ...new IssuanceLookups(hub.ctx), accreditations: async () => only };
    const gate = (at: string) =>
      mayCertify(
        {
          qualification: lookups.qualification,
          framework: lookups.framework,
          accreditations: lookups.accreditations,
        },
        spoke,
        'TH-WIRING-1',
        at,
      );
    expect((await gate('2026-11-15T11:59:59Z')).problems).toEqual([]);
    expect((await gate('2026-11-15T12:00:00Z')).problems[0]).toMatchObject({
      code: 'not-accredited',
      details: { reason: 'withdrawn' },
    });
  });
});
