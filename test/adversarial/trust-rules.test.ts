import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, issue, brickRequest, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { signAsCentre } from '../helpers/forge.js';

/**
 * Trust rules that only a credential the hub would never issue can reach, each pinned through
 * the real app: deleting the rule makes its test fail. (The certificates are signed with a
 * registered centre's real key: test/helpers/forge.ts.)
 */
describe('trust rules on forged but correctly signed credentials', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.close());

  it("a certificate whose status entry names another centre's list: status-list-issuer-mismatch", async () => {
    const other = (await issue(hub, brickRequest(), hub.tokens.thBkk)).credential as Record<string, unknown>;
    const entry = other.credentialStatus as Record<string, unknown>;
    expect(String(entry.statusListCredential)).toContain('th-bkk-itc');
    const forged = await signAsCentre(hub.ctx, 'kh-ntti', { credentialStatus: entry });
    const r = await verify(hub, { credential: forged });
    expect(r.outcome).toBe('invalid');
    expect(check(r, 'proof')).toMatchObject({ outcome: 'valid' });
    expect(check(r, 'status')).toMatchObject({ outcome: 'invalid', code: 'status-list-issuer-mismatch' });
  });

  it('a status entry of a kind the verifier cannot read: unsupported-status-entry', async () => {
    const mine = (await issue(hub)).credential as Record<string, unknown>;
    const entry = mine.credentialStatus as Record<string, unknown>;
    const forged = await signAsCentre(hub.ctx, 'kh-ntti', {
      credentialStatus: { ...entry, statusListIndex: 'forty-two' },
    });
    const r = await verify(hub, { credential: forged });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'valid' });
    expect(check(r, 'status')).toMatchObject({ outcome: 'invalid', code: 'unsupported-status-entry' });
  });

  it('an entry wider than one bit (statusSize 2, with its statusMessage): unsupported-status-entry, never read as valid', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const wide = {
      ...vc.credentialStatus,
      statusSize: 2,
      statusMessage: ['0x0', '0x1', '0x2', '0x3'].map((status) => ({ status, message: status })),
    };
    const r = await verify(hub, {
      credential: await signAsCentre(hub.ctx, 'kh-ntti', { credentialStatus: wide }),
    });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'valid' });
    expect(check(r, 'status')).toMatchObject({ outcome: 'invalid', code: 'unsupported-status-entry' });
  });

  it("an entry whose purpose is not its list's: the status cannot be read (indeterminate), never valid", async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const r = await verify(hub, {
      credential: await signAsCentre(hub.ctx, 'kh-ntti', {
        credentialStatus: { ...vc.credentialStatus, statusPurpose: 'suspension' },
      }),
    });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'valid' });
    expect(check(r, 'status')).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
  });

  it('a revocation entry that names the companion suspension list: indeterminate, never valid', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const url = String(vc.credentialStatus.statusListCredential).replace(/-revocation$/, '-suspension');
    const r = await verify(hub, {
      credential: await signAsCentre(hub.ctx, 'kh-ntti', {
        credentialStatus: { ...vc.credentialStatus, id: `${url}#1`, statusListCredential: url },
      }),
    });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'valid' });
    expect(check(r, 'status')).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
    expect(r.outcome).not.toBe('valid');
  });

  it('a suspended certificate whose entry names only its revocation list is still suspended: the companion bit is read', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    expect(vc.credentialStatus.statusPurpose).toBe('revocation');
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: { authorization: `Bearer ${hub.tokens.khNtti}` },
      payload: {
        credentialId: vc.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        status: true,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(check(await verify(hub, { credential: vc }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'suspended',
    });
  });

  it('proof created more than 5 minutes from validFrom: issuance-time-mismatch; within 5 minutes: valid', async () => {
    const issuedAt = '2026-11-20T09:00:00Z';
    const late = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt, created: '2026-11-20T09:05:01Z' });
    const early = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt, created: '2026-11-20T08:54:59Z' });
    const close = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt, created: '2026-11-20T09:04:59Z' });
    for (const forged of [late, early]) {
      const r = await verify(hub, { credential: forged });
      expect(check(r, 'proof')).toMatchObject({ outcome: 'valid' });
      expect(check(r, 'issuer')).toMatchObject({ outcome: 'invalid', code: 'issuance-time-mismatch' });
    }
    expect((await verify(hub, { credential: close })).outcome).toBe('valid');
  });

  it('two proofs by the issuer: multiple-issuer-proofs (which dates it?); a proof without a verification method: no-verification-method', async () => {
    const genuine = (await issue(hub)).credential as Record<string, any>;
    const two = await verify(hub, {
      credential: {
        ...genuine,
        proof: [genuine.proof, { ...genuine.proof, created: '2026-11-20T10:00:01Z' }],
      },
    });
    expect(check(two, 'proof')).toMatchObject({ outcome: 'invalid', code: 'multiple-issuer-proofs' });
    const { verificationMethod: _vm, ...noMethod } = genuine.proof;
    const none = await verify(hub, { credential: { ...genuine, proof: noMethod } });
    expect(none.outcome).toBe('invalid');
    expect(check(none, 'proof')).toMatchObject({ outcome: 'invalid', code: 'no-verification-method' });
  });

  it('a JWT whose header names no key: no-kid', async () => {
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential as string;
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const { kid: _kid, ...bare } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const r = await verify(hub, {
      credential: `${Buffer.from(JSON.stringify(bare)).toString('base64url')}.${payload}.${signature}`,
    });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'no-kid' });
  });
});
