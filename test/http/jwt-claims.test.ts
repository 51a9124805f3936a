import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactSign, decodeJwt, importJWK, jwtVerify } from 'jose';
import { brickRequest, check, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { freePort } from '../helpers/server-process.js';
import { signingKeyFor } from '../../src/services/registry/spoke-keys.js';
import { privateKeyObject } from '../../src/adapters/crypto/keys/ed25519-keys.js';

/**
 * SkillPass JWTs carry the registered claims Open Badges 3.0 §8.2 asks for (iss, jti, nbf, exp,
 * sub) and iat, each agreeing with the credential (VC-JOSE-COSE); the verifier refuses a JWT whose
 * claims contradict its credential, and still verifies JWTs issued before the claims existed.
 */
type Doc = Record<string, any>;
const parts = (jwt: string) => jwt.split('.') as [string, string, string];
const headerOf = (jwt: string): Doc =>
  JSON.parse(Buffer.from(parts(jwt)[0], 'base64url').toString('utf8')) as Doc;
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe('JWT claims (OB 3.0 §8.2, VC-JOSE-COSE)', () => {
  let hub: TestHub;
  let jwt: string;
  let payload: Doc;
  /** signs any payload as kh-ntti, with the real key, under a kid of our choice (a centre's own rewrite, or an earlier SkillPass) */
  let signAsCentre: (payload: Doc, kid?: string) => Promise<string>;
  beforeAll(async () => {
    hub = await startTestHub();
    jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential as string;
    payload = decodeJwt(jwt) as Doc;
    const spoke = (await hub.ctx.store.repos.spokes.get('kh-ntti'))!;
    const key = await signingKeyFor(hub.ctx, hub.ctx.store.repos, 'kh-ntti', spoke.did);
    signAsCentre = async (p, kid = headerOf(jwt).kid as string) =>
      new CompactSign(Buffer.from(JSON.stringify(p)))
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt', cty: 'vc' })
        .sign(privateKeyObject(key.privateJwk));
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a certificate issued as a JWT carries iss, jti, nbf, exp and iat, each what the credential says', () => {
    expect(payload).toMatchObject({
      iss: payload.issuer.id,
      jti: payload.id,
      nbf: seconds(payload.validFrom),
      exp: seconds(payload.validUntil),
      iat: seconds(payload.validFrom),
    });
    expect(payload.iss).toMatch(/^did:web:.*:spokes:kh-ntti$/);
    expect(payload).not.toHaveProperty('sub'); // the worker has no identifier of their own (no credentialSubject.id)
    expect(payload).not.toHaveProperty('vc'); // VC-JOSE-COSE: the payload is the credential itself
  });

  it('verifies valid, and so does the same credential re-signed with every claim it mirrors (sub included)', async () => {
    expect((await verify(hub, { credential: jwt })).outcome).toBe('valid');
    const withSubject = {
      ...payload,
      sub: 'did:example:worker',
      credentialSubject: { ...payload.credentialSubject, id: 'did:example:worker' },
    };
    const r = await verify(hub, { credential: await signAsCentre(withSubject) });
    expect(check(r, 'well-formed')!.outcome).toBe('valid');
    expect(check(r, 'proof')!.outcome).toBe('valid');
  });

  it.each([
    ['iss names another issuer', { iss: 'did:web:127.0.0.1%3A3999:spokes:th-bkk-itc' }],
    ['jti names another credential', { jti: 'urn:uuid:00000000-0000-4000-8000-000000000000' }],
    ['nbf is a day after validFrom', (p: Doc) => ({ nbf: p.nbf + 86_400 })],
    ['nbf is written as a date, not a NumericDate', (p: Doc) => ({ nbf: p.validFrom })],
    ['exp is later than validUntil', (p: Doc) => ({ exp: p.exp + 365 * 86_400 })],
    [
      'exp is set while the credential has no validUntil',
      (p: Doc) => ({ validUntil: undefined, exp: p.exp }),
    ],
    ['sub is set while the subject has no id', { sub: 'did:example:someone' }],
    [
      'sub is not the subject id',
      (p: Doc) => ({
        sub: 'did:example:someone',
        credentialSubject: { ...p.credentialSubject, id: 'did:example:worker' },
      }),
    ],
    ['iat is not a NumericDate', { iat: 'yesterday' }],
  ])(
    'a JWT whose claims contradict its credential is invalid: jwt-claims-mismatch (%s)',
    async (_what, change) => {
      const changed: Doc = { ...payload, ...(typeof change === 'function' ? change(payload) : change) };
      for (const k of Object.keys(changed)) if (changed[k] === undefined) delete changed[k];
      const r = await verify(hub, { credential: await signAsCentre(changed) });
      expect(r.outcome).toBe('invalid');
      expect(check(r, 'well-formed')).toMatchObject({ outcome: 'invalid', code: 'jwt-claims-mismatch' });
      expect(check(r, 'proof')!.outcome).toBe('skipped');
    },
  );

  it('a JWT SkillPass issued before the claims (none, or only some, and the Multikey method as kid) still verifies valid', async () => {
    const { iss: _iss, jti: _jti, nbf: _nbf, exp: _exp, iat: _iat, ...credential } = payload;
    const multikeyKid = `${payload.issuer.id}#key-1`;
    for (const old of [
      credential,
      { ...credential, iss: payload.iss },
      { ...credential, iss: payload.iss, jti: payload.jti, nbf: payload.nbf },
    ]) {
      const r = await verify(hub, { credential: await signAsCentre(old, multikeyKid) });
      expect(r.outcome, JSON.stringify(Object.keys(old).filter((k) => k.length === 3))).toBe('valid');
    }
  });

  it("iat is held to the issuance instant like a Data Integrity proof's created: far from validFrom is issuance-time-mismatch", async () => {
    const r = await verify(hub, { credential: await signAsCentre({ ...payload, iat: payload.iat + 3600 }) });
    expect(check(r, 'well-formed')!.outcome).toBe('valid');
    expect(check(r, 'issuer')).toMatchObject({ outcome: 'invalid', code: 'issuance-time-mismatch' });
    expect(
      (await verify(hub, { credential: await signAsCentre({ ...payload, iat: payload.iat + 60 }) })).outcome,
    ).toBe('valid');
  });
});

describe('a standard JOSE verifier accepts a SkillPass JWT', () => {
  let hub: TestHub;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    hub = await startTestHub('2026-11-20T10:00:00Z', { PORT: String(port) });
    await hub.app.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await hub.close();
  });

  /** did:web to its document's URL (https://w3c-ccg.github.io/did-method-web/#read-resolve; http here: a loopback test server). */
  const didWebUrl = (did: string): string => {
    const [host, ...path] = did
      .replace(/^did:web:/, '')
      .split(':')
      .map(decodeURIComponent);
    return `http://${host}/${path.length > 0 ? `${path.join('/')}/did.json` : '.well-known/did.json'}`;
  };

  it('jose alone: jwtVerify with importJWK of the method the kid dereferences to in the DID document served over HTTP', async () => {
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential as string;
    const { kid } = headerOf(jwt) as { kid: string };
    const did = kid.split('#')[0]!;
    expect(didWebUrl(did)).toBe(`${base}/spokes/kh-ntti/did.json`);
    const doc = (await (await fetch(didWebUrl(did))).json()) as Doc;
    expect(doc.id).toBe(did);
    const method = (doc.verificationMethod as Doc[]).find((m) => m.id === kid)!;
    expect(method).toMatchObject({
      type: 'JsonWebKey',
      controller: did,
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519' },
    });
    expect(doc.assertionMethod).toContain(kid);
    const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK(method.publicKeyJwk, 'EdDSA'), {
      algorithms: ['EdDSA'],
      typ: 'vc+jwt',
      issuer: did,
      currentDate: hub.clock.now(),
    });
    expect(protectedHeader.typ).toBe('vc+jwt');
    expect(payload).toMatchObject({
      iss: did,
      jti: payload.id,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
    });
    // the hub's own document publishes its key as a JWK too
    const hubDoc = (await (await fetch(`${base}/.well-known/did.json`)).json()) as Doc;
    expect(
      (hubDoc.verificationMethod as Doc[]).some(
        (m) => m.type === 'JsonWebKey' && m.publicKeyJwk.crv === 'Ed25519',
      ),
    ).toBe(true);
  });
});
