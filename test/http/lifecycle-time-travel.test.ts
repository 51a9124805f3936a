import { beforeEach, afterEach, describe, expect, it } from 'vitest';
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

/** Accreditation history and key history, judged at each certificate's issuance time, with the clock injected. */
describe('lifecycle over time', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub('2026-03-01T09:00:00Z');
  });
  afterEach(async () => {
    await hub.close();
  });

  const at = (iso: string) => hub.clock.set(iso);
  const admin = () => bearer(hub.tokens.admin);
  const brick = (date: string) => brickRequest({ assessment: { date, language: 'km', result: 'competent' } });
  const accreditationId = async () => (await hub.ctx.store.repos.spokes.accreditations('kh-ntti'))[0]!.id;
  const change = async (body: Record<string, unknown>) =>
    hub.app.inject({
      method: 'POST',
      url: `/registry/spokes/kh-ntti/accreditations/${await accreditationId()}/changes`,
      headers: admin(),
      payload: body,
    });
  const tryIssue = (date: string) =>
    hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload: brick(date),
    });

  it('suspension: issued before stays valid; issuance during it is refused; one dated during it is invalid; reinstatement restores issuance', async () => {
    const before = await issue(hub, brick('2026-02-27'));
    expect(
      (await change({ kind: 'suspended', effectiveFrom: '2026-04-01', reason: 'audit findings' })).statusCode,
    ).toBe(201);

    at('2026-04-15T09:00:00Z');
    expect((await verify(hub, { id: before.id })).outcome).toBe('valid');
    const refused = await tryIssue('2026-04-14');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'not-accredited', details: { reason: 'suspended' } });
    const during = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-04-15T09:00:00Z' });
    expect(check(await verify(hub, { credential: during }), 'accreditation')).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });

    expect(
      (await change({ kind: 'reinstated', effectiveFrom: '2026-05-01', reason: 'corrective actions done' }))
        .statusCode,
    ).toBe(201);
    at('2026-05-02T09:00:00Z');
    const after = await issue(hub, brick('2026-05-01'));
    expect((await verify(hub, { id: after.id })).outcome).toBe('valid');
    // the certificate forged during the suspension stays invalid after reinstatement
    expect((await verify(hub, { credential: during })).outcome).toBe('invalid');
    expect((await verify(hub, { id: before.id })).outcome).toBe('valid');
  });

  it('boundary: a suspension effective on a day covers that day; the day before is still accredited', async () => {
    expect((await change({ kind: 'suspended', effectiveFrom: '2026-04-01', reason: 'x' })).statusCode).toBe(
      201,
    );
    const lastDay = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-03-31T23:59:59Z' });
    const firstDay = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-04-01T00:00:00Z' });
    at('2026-04-02T00:00:00Z');
    expect(check(await verify(hub, { credential: lastDay }), 'accreditation')!.outcome).toBe('valid');
    expect(check(await verify(hub, { credential: firstDay }), 'accreditation')!.outcome).toBe('invalid');
  });

  it('amendment: removing a qualification refuses it from that date; adding one allows it', async () => {
    const res = await change({
      kind: 'amended',
      effectiveFrom: '2026-04-01',
      remove: ['TH-BRICK-1'],
      add: ['TH-WIRING-1'],
      reason: 'scope change',
    });
    expect(res.statusCode).toBe(201);
    const old = await issue(hub, brick('2026-02-27'));
    at('2026-04-02T09:00:00Z');
    expect((await tryIssue('2026-04-01')).statusCode).toBe(403);
    const wiring = await issue(
      hub,
      brickRequest({
        qualification: 'TH-WIRING-1',
        assessment: { date: '2026-04-01', language: 'km', result: 'competent' },
      }),
    );
    expect((await verify(hub, { id: wiring.id })).outcome).toBe('valid');
    expect((await verify(hub, { id: old.id })).outcome).toBe('valid');
  });

  it('withdrawal is final and refuses issuance from its date; later changes are refused', async () => {
    const old = await issue(hub, brick('2026-02-27'));
    expect(
      (await change({ kind: 'withdrawn', effectiveFrom: '2026-03-10', reason: 'centre closed' })).statusCode,
    ).toBe(201);
    at('2026-03-11T09:00:00Z');
    expect((await tryIssue('2026-03-10')).statusCode).toBe(403);
    expect((await verify(hub, { id: old.id })).outcome).toBe('valid');
    expect((await change({ kind: 'reinstated', effectiveFrom: '2026-03-20', reason: 'x' })).statusCode).toBe(
      409,
    );
  });

  it('refuses impossible changes: reinstating what is not suspended, changes out of date order, unknown qualifications', async () => {
    expect((await change({ kind: 'reinstated', effectiveFrom: '2026-04-01', reason: 'x' })).statusCode).toBe(
      409,
    );
    expect((await change({ kind: 'suspended', effectiveFrom: '2026-05-01', reason: 'x' })).statusCode).toBe(
      201,
    );
    expect((await change({ kind: 'suspended', effectiveFrom: '2026-04-01', reason: 'x' })).statusCode).toBe(
      409,
    );
    expect(
      (await change({ kind: 'amended', effectiveFrom: '2026-06-01', add: ['NOPE-1'], reason: 'x' })).json()
        .code,
    ).toBe('unknown-qualification');
    expect((await change({ kind: 'paused', effectiveFrom: '2026-06-01', reason: 'x' })).statusCode).toBe(400);
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: `/registry/spokes/kh-ntti/accreditations/${await accreditationId()}/changes`,
          headers: bearer(hub.tokens.khNtti),
          payload: { kind: 'withdrawn', effectiveFrom: '2026-06-01', reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('key rotation: the old key stays valid for what it signed before, is rejected for anything dated after; new certificates use the new key', async () => {
    const old = await issue(hub, brick('2026-02-27'));
    const key1 = (await hub.ctx.store.repos.spokes.activeSigningKey('kh-ntti'))!; // sealed, as stored
    at('2026-03-05T09:00:00Z');
    const rotated = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes/kh-ntti/keys/rotate',
      headers: admin(),
      payload: { reason: 'yearly' },
    });
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json()).toMatchObject({
      retired: { id: expect.stringMatching(/#key-1$/), validUntil: '2026-03-05T09:00:00Z' },
      current: { id: expect.stringMatching(/#key-2$/) },
    });
    expect(JSON.stringify(rotated.json())).not.toContain('encryptedSecret');
    const doc = (await hub.app.inject({ url: '/spokes/kh-ntti/did.json' })).json();
    expect(
      doc.verificationMethod.filter((v: any) => v.type === 'Multikey').map((v: any) => v.id.split('#')[1]),
    ).toEqual(['key-1', 'key-2']);
    expect(
      doc.verificationMethod.filter((v: any) => v.type === 'JsonWebKey').map((v: any) => v.publicKeyJwk.x),
    ).toHaveLength(2);

    at('2026-03-06T09:00:00Z');
    const fresh = await issue(hub, brick('2026-03-05'));
    expect((fresh.credential as any).proof.verificationMethod).toMatch(/#key-2$/);
    expect((await verify(hub, { id: fresh.id })).outcome).toBe('valid');
    expect((await verify(hub, { id: old.id })).outcome).toBe('valid');

    // a credential dated after the rotation but signed with the retired key
    const backdated = await signAsCentre(hub.ctx, 'kh-ntti', {
      issuedAt: '2026-03-06T09:00:00Z',
      verificationMethod: key1.id,
      privateJwk: JSON.parse(hub.ctx.sealer.open(key1.encryptedSecret, key1.id)),
    });
    expect(check(await verify(hub, { credential: backdated }), 'issuer')).toMatchObject({
      outcome: 'invalid',
      code: 'key-rotated-out',
    });
  });

  it('compromise: everything the key signed from that date is invalid, what it signed before stays valid; a new key takes over', async () => {
    const early = await issue(hub, brick('2026-02-27'));
    at('2026-03-10T09:00:00Z');
    const late = await issue(hub, brick('2026-03-09'));
    at('2026-03-20T09:00:00Z');
    const res = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes/kh-ntti/keys/compromised',
      headers: admin(),
      payload: { key: 'key-1', from: '2026-03-05T00:00:00Z', reason: 'laptop stolen' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ compromisedFrom: '2026-03-05T00:00:00Z' });
    expect((await verify(hub, { id: early.id })).outcome).toBe('valid');
    expect(check(await verify(hub, { id: late.id }), 'issuer')).toMatchObject({
      outcome: 'invalid',
      code: 'key-compromised',
    });
    const next = await issue(hub, brick('2026-03-19'));
    expect((next.credential as any).proof.verificationMethod).toMatch(/#key-2$/);
    expect((await verify(hub, { id: next.id })).outcome).toBe('valid');
  });
});
