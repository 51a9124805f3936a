import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer,
  brickRequest,
  check,
  issue,
  startTestHub,
  verify,
  type TestHub,
} from '../helpers/test-hub.js';
import { signAsCentre } from '../helpers/forge.js';
import { wireOfflineVerification } from '../../src/wiring.js';
import { verifyCredential } from '../../src/services/verification/verify-credential.js';

/**
 * Accreditation changes take effect at an instant, not a day (README, "Accreditation changes"):
 * issuance is refused and verification fails from effectiveFrom on, to the millisecond, online
 * and with a saved trust list; a certificate issued earlier the same day stays valid.
 */
describe('accreditation changes at an instant', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub('2026-03-02T09:00:00Z');
  });
  afterEach(async () => {
    await hub.close();
  });

  const at = (iso: string) => hub.clock.set(iso);
  const accreditationId = async () => (await hub.ctx.store.repos.spokes.accreditations('kh-ntti'))[0]!.id;
  const change = async (body: Record<string, unknown>) =>
    hub.app.inject({
      method: 'POST',
      url: `/registry/spokes/kh-ntti/accreditations/${await accreditationId()}/changes`,
      headers: bearer(hub.tokens.admin),
      payload: body,
    });
  const request = () =>
    brickRequest({ assessment: { date: '2026-03-01', language: 'km', result: 'competent' } });
  const tryIssue = () =>
    hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload: request(),
    });
  const offline = async (credential: unknown) => {
    const jws = (await hub.app.inject({ url: '/registry/trust-list' })).body;
    const { deps } = await wireOfflineVerification({ trustListJws: jws, now: hub.ctx.clock().toISOString() });
    return verifyCredential(credential as Record<string, unknown>, deps);
  };

  it('09:00 / 15:00 / 16:00: a suspension recorded at 15:00, effective 15:00, leaves the 09:00 certificate valid and refuses 16:00, online and offline', async () => {
    const morning = await issue(hub, request());

    at('2026-03-02T15:00:00Z');
    const res = await change({
      kind: 'suspended',
      effectiveFrom: '2026-03-02T15:00:00Z',
      reason: 'audit findings',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().events).toMatchObject([
      { kind: 'suspended', effectiveFrom: '2026-03-02T15:00:00Z', recordedAt: '2026-03-02T15:00:00Z' },
    ]);

    at('2026-03-02T16:00:00Z');
    const refused = await tryIssue();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'not-accredited', details: { reason: 'suspended' } });
    const afternoon = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-03-02T16:00:00Z' });

    const morningOnline = await verify(hub, { id: morning.id });
    expect(morningOnline.outcome).toBe('valid');
    expect(check(morningOnline, 'accreditation')!.outcome).toBe('valid');
    const afternoonOnline = await verify(hub, { credential: afternoon });
    expect(check(afternoonOnline, 'accreditation')).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });

    // a saved trust list carries the change with its instant: the same answers without the hub
    for (const [name, credential, online] of [
      ['09:00', morning.credential, morningOnline],
      ['16:00', afternoon, afternoonOnline],
    ] as const) {
      const off = await offline(credential);
      for (const id of ['issuer', 'accreditation', 'level'])
        expect(check(off, id), `${name} ${id}`).toEqual(check(online, id));
    }
  });

  it('a change scheduled ahead: issuance allowed one ms before its instant, refused exactly at it and one ms after; verification agrees', async () => {
    expect(
      (await change({ kind: 'suspended', effectiveFrom: '2026-03-02T15:00:00Z', reason: 'scheduled audit' }))
        .statusCode,
    ).toBe(201);
    at('2026-03-02T14:59:59.999Z');
    const before = await tryIssue();
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().credential.validFrom).toBe('2026-03-02T14:59:59.999Z');
    for (const instant of ['2026-03-02T15:00:00Z', '2026-03-02T15:00:00.001Z']) {
      at(instant);
      const refused = await tryIssue();
      expect(refused.statusCode, instant).toBe(403);
      expect(refused.json(), instant).toMatchObject({
        code: 'not-accredited',
        details: { reason: 'suspended' },
      });
    }
    at('2026-03-02T16:00:00Z');
    expect(check(await verify(hub, { id: before.json().id }), 'accreditation')!.outcome).toBe('valid');
    const exactly = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-03-02T15:00:00Z' });
    const justBefore = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-03-02T14:59:59.999Z' });
    expect(check(await verify(hub, { credential: exactly }), 'accreditation')).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });
    expect(check(await verify(hub, { credential: justBefore }), 'accreditation')!.outcome).toBe('valid');
    expect(check(await offline(exactly), 'accreditation')).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });
    expect(check(await offline(justBefore), 'accreditation')!.outcome).toBe('valid');
  });

  it('reinstatement and withdrawal at an instant: issuance resumes exactly at the reinstatement, stops for good at the withdrawal', async () => {
    expect(
      (await change({ kind: 'suspended', effectiveFrom: '2026-03-02T10:00:00Z', reason: 'audit' }))
        .statusCode,
    ).toBe(201);
    // 20:30 in Bangkok (+07:00) is 13:30 UTC
    expect(
      (await change({ kind: 'reinstated', effectiveFrom: '2026-03-02T20:30:00+07:00', reason: 'fixed' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await change({ kind: 'withdrawn', effectiveFrom: '2026-03-02T18:00:00Z', reason: 'closed' }))
        .statusCode,
    ).toBe(201);
    const outcome = async (instant: string) => {
      at(instant);
      return (await tryIssue()).statusCode;
    };
    expect(await outcome('2026-03-02T09:59:59.999Z')).toBe(201);
    expect(await outcome('2026-03-02T13:29:59.999Z')).toBe(403);
    expect(await outcome('2026-03-02T13:30:00Z')).toBe(201);
    expect(await outcome('2026-03-02T17:59:59.999Z')).toBe(201);
    expect(await outcome('2026-03-02T18:00:00Z')).toBe(403);
  });

  it('a plain date still means the start of that day, UTC: a same-day certificate is judged with the change', async () => {
    const morning = await issue(hub, request());
    at('2026-03-02T15:00:00Z');
    expect(
      (await change({ kind: 'suspended', effectiveFrom: '2026-03-02', reason: 'retroactive' })).statusCode,
    ).toBe(201);
    expect(check(await verify(hub, { id: morning.id }), 'accreditation')).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });
    const lastNight = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-03-01T23:59:59.999Z' });
    expect(check(await verify(hub, { credential: lastNight }), 'accreditation')!.outcome).toBe('valid');
  });

  it('refuses an effectiveFrom that is not an instant (no time zone, no seconds, no such day), and changes out of order by instant; nothing is recorded', async () => {
    for (const effectiveFrom of [
      '2026-03-02T15:00:00',
      '2026-03-02T15:00Z',
      '2026-02-30',
      '2026-02-30T15:00:00Z',
      'this afternoon',
    ]) {
      const res = await change({ kind: 'suspended', effectiveFrom, reason: 'x' });
      expect(res.statusCode, effectiveFrom).toBe(400);
      expect(res.json().code, effectiveFrom).toBe('validation-failed');
    }
    expect((await hub.ctx.store.repos.spokes.accreditations('kh-ntti'))[0]!.events).toEqual([]);

    expect(
      (await change({ kind: 'suspended', effectiveFrom: '2026-03-02T15:00:00Z', reason: 'x' })).statusCode,
    ).toBe(201);
    // earlier, whether written as a date (the start of the day) or in another time zone (21:59:59+07:00 is 14:59:59 UTC)
    for (const effectiveFrom of ['2026-03-02', '2026-03-02T21:59:59+07:00']) {
      const res = await change({ kind: 'reinstated', effectiveFrom, reason: 'x' });
      expect(res.statusCode, effectiveFrom).toBe(409);
    }
    // the same instant is not earlier: it applies after the suspension, in recording order
    expect(
      (await change({ kind: 'reinstated', effectiveFrom: '2026-03-02T22:00:00+07:00', reason: 'x' }))
        .statusCode,
    ).toBe(201);
    at('2026-03-02T15:00:00Z');
    expect((await tryIssue()).statusCode).toBe(201);
  });

  it('the VC API issuance is held to the instant too', async () => {
    expect(
      (await change({ kind: 'suspended', effectiveFrom: '2026-03-02T15:00:00Z', reason: 'audit' }))
        .statusCode,
    ).toBe(201);
    const composed = async () => {
      const { proof: _p, ...credential } = (await signAsCentre(hub.ctx, 'kh-ntti')) as Record<
        string,
        unknown
      >;
      return hub.app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: bearer(hub.tokens.khNtti),
        payload: { credential },
      });
    };
    at('2026-03-02T14:59:59.999Z');
    expect((await composed()).statusCode).toBe(201);
    at('2026-03-02T15:00:00Z');
    const refused = await composed();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('not-accredited');
  });
});
