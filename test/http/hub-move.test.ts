import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, decodeJwt } from 'jose';
import {
  bearer,
  brickRequest,
  check,
  issue,
  restartTestHub,
  startTestHub,
  verify,
  type TestHub,
} from '../helpers/test-hub.js';
import { createProofPool, type ProofRunner } from '../../src/adapters/crypto/workers/proof-pool.js';
import { wireOfflineVerification } from '../../src/wiring.js';
import { verifyCredential } from '../../src/services/verification/verify-credential.js';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { checkRecognition } from '../helpers/recognition.js';
import { signingKeyFor } from '../../src/services/registry/spoke-keys.js';
import { privateKeyObject } from '../../src/adapters/crypto/keys/ed25519-keys.js';

/**
 * A hub that moves (README "Moving a hub"): certificates issued under http://127.0.0.1:4011 keep
 * verifying after the hub restarts, on the same database, under https://hub.example, online, on
 * the /v page and offline with the new trust list; revoking one reaches the bits its old status
 * list URL names; new certificates carry the new DIDs. The proof worker threads check the old
 * certificates' signatures, so they must know the old context URL too.
 */
type Doc = Record<string, any>;
const OLD = 'http://127.0.0.1:4011';
const OLD_DID = 'did:web:127.0.0.1%3A4011';
const NEW = 'https://hub.example';
const NEW_DID = 'did:web:hub.example';
const uuid = (id: string) => id.replace('urn:uuid:', '');

describe('moving a hub to a new public URL', () => {
  let hub: TestHub;
  let pool: ProofRunner;
  let oldDi: Doc;
  let oldJwt: string;
  let legacyDi: Doc;
  let legacyJwt: string;
  let receipt: Doc;
  let versionAfterMove: number;
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-move-'));

  beforeAll(async () => {
    pool = createProofPool(1);
    hub = await startTestHub('2026-11-20T10:00:00Z', { SKILLPASS_PUBLIC_URL: OLD }, { proofRunner: pool });
    oldDi = (await issue(hub)).credential as Doc;
    oldJwt = (
      await issue(
        hub,
        brickRequest({ format: 'vc+jwt', holder: { name: 'Keo Bopha', birthDate: '1992-07-08' } }),
      )
    ).credential as string;
    expect(oldDi.issuer.id).toBe(`${OLD_DID}:spokes:kh-ntti`);
    expect(oldDi['@context'][2]).toBe('https://w3id.org/skillpass/v1');
    // the same certificates as SkillPass issued them before contexts had a permanent URL (the hub's
    // context under its origin) and before JWTs had claims (kid: the Multikey method), signed by the centre
    const spoke = (await hub.ctx.store.repos.spokes.get('kh-ntti'))!;
    const key = await signingKeyFor(hub.ctx, hub.ctx.store.repos, 'kh-ntti', spoke.did);
    const legacyContexts = [...oldDi['@context'].slice(0, 2), `${OLD}/contexts/skillpass/v1.jsonld`];
    const { proof: _proof, ...unsigned } = oldDi;
    legacyDi = await hub.ctx.signer.signDataIntegrity(
      { ...unsigned, '@context': legacyContexts },
      key,
      oldDi.validFrom,
    );
    const { iss: _i, jti: _j, nbf: _n, exp: _e, iat: _t, ...jwtCredential } = decodeJwt(oldJwt) as Doc;
    legacyJwt = await new CompactSign(
      Buffer.from(JSON.stringify({ ...jwtCredential, '@context': legacyContexts })),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid: key.verificationMethod, typ: 'vc+jwt', cty: 'vc' })
      .sign(privateKeyObject(key.privateJwk));
    for (const credential of [oldDi, oldJwt, legacyDi, legacyJwt])
      expect((await verify(hub, { credential })).outcome).toBe('valid');
    const recognition = await checkRecognition(
      hub,
      { certificate: oldDi.id, destination: 'TH', issueReceipt: true },
      bearer(hub.tokens.admin),
    );
    expect(recognition.statusCode, recognition.body).toBe(200);
    receipt = recognition.json().receipt as Doc;
    expect(receipt['@context'][1]).toBe('https://w3id.org/skillpass/recognition/v1');
    await hub.app.inject({ url: '/status-lists/kh-ntti-1-revocation' }); // a signed list cached under the old identity
    hub.clock.set('2026-11-21T09:00:00Z');
    hub = await restartTestHub(hub, { SKILLPASS_PUBLIC_URL: NEW }, { proofRunner: pool });
    versionAfterMove = await hub.ctx.store.repos.meta.registryVersion();
  });
  afterAll(async () => {
    await hub.close();
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the former public URL and answers for it', async () => {
    expect(hub.ctx.publicUrl).toBe(NEW);
    expect(hub.ctx.hubDid).toBe(NEW_DID);
    expect(hub.ctx.aliases.former).toEqual([{ publicUrl: OLD, did: OLD_DID }]);
    expect((await hub.ctx.store.repos.identity.publicUrls()).map((u) => u.publicUrl)).toEqual([NEW, OLD]);
    const audit = await hub.ctx.store.repos.audit.all();
    expect(audit.find((e) => e.action === 'hub.moved')).toMatchObject({
      subject: NEW,
      details: { from: OLD, to: NEW, fromDid: OLD_DID, toDid: NEW_DID },
    });
    expect(verifyChain(audit).ok).toBe(true);
  });

  it('a certificate issued before the move verifies valid online: Data Integrity and JWT, with the old or the permanent context URL, by value and by id, on the worker threads', async () => {
    for (const credential of [oldDi, oldJwt, legacyDi, legacyJwt]) {
      const r = await verify(hub, { credential });
      expect(r.outcome, JSON.stringify(r.checks)).toBe('valid');
      expect(check(r, 'issuer')!.outcome).toBe('valid');
      expect(check(r, 'status')!.outcome).toBe('valid');
    }
    expect((await verify(hub, { id: oldDi.id })).outcome).toBe('valid');
    expect(pool.threads).toBe(1);
  });

  it('a recognition receipt signed before the move verifies valid online and offline (its context URL is permanent)', async () => {
    expect((await verify(hub, { credential: receipt })).outcome).toBe('valid');
    const jws = (await hub.app.inject({ url: '/registry/trust-list' })).body;
    const offline = await wireOfflineVerification({ trustListJws: jws, now: '2026-11-21T09:00:00Z' });
    expect((await verifyCredential(receipt, offline.deps)).outcome).toBe('valid');
  });

  it('its verification page says valid', async () => {
    const page = await hub.app.inject({ url: `/v/${uuid(oldDi.id)}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-outcome="valid"');
  });

  it('DID documents: the current one lists the former DID as alsoKnownAs; the former DID still resolves, under its own ids', async () => {
    const spoke = (await hub.app.inject({ url: '/spokes/kh-ntti/did.json' })).json();
    expect(spoke.id).toBe(`${NEW_DID}:spokes:kh-ntti`);
    expect(spoke.alsoKnownAs).toEqual([`${OLD_DID}:spokes:kh-ntti`]);
    expect(spoke.verificationMethod[0].id).toBe(`${NEW_DID}:spokes:kh-ntti#key-1`);
    const hubDoc = (await hub.app.inject({ url: '/.well-known/did.json' })).json();
    expect(hubDoc).toMatchObject({ id: NEW_DID, alsoKnownAs: [OLD_DID] });
    const former = (await hub.ctx.resolver.dereference(`${OLD_DID}:spokes:kh-ntti`))!;
    expect(former).toMatchObject({
      id: `${OLD_DID}:spokes:kh-ntti`,
      alsoKnownAs: [`${NEW_DID}:spokes:kh-ntti`],
    });
    expect((former.verificationMethod as Doc[]).map((m) => m.id.split('#')[0])).toEqual([
      `${OLD_DID}:spokes:kh-ntti`,
      `${OLD_DID}:spokes:kh-ntti`,
    ]);
    expect(oldDi.proof.verificationMethod).toBe(`${OLD_DID}:spokes:kh-ntti#key-1`);
    expect(await hub.ctx.resolver.dereference(oldDi.proof.verificationMethod)).toMatchObject({
      type: 'Multikey',
      controller: `${OLD_DID}:spokes:kh-ntti`,
    });
  });

  it('new certificates carry the new DIDs and status-list URLs, and the permanent context URL', async () => {
    const fresh = (await issue(hub)).credential as Doc;
    expect(fresh.issuer.id).toBe(`${NEW_DID}:spokes:kh-ntti`);
    expect(fresh.proof.verificationMethod).toBe(`${NEW_DID}:spokes:kh-ntti#key-1`);
    expect(fresh.credentialStatus.statusListCredential).toMatch(/^https:\/\/hub\.example\/status-lists\//);
    expect(fresh['@context'][2]).toBe('https://w3id.org/skillpass/v1');
    expect((await verify(hub, { credential: fresh })).outcome).toBe('valid');
    const jwt = (
      await issue(
        hub,
        brickRequest({ format: 'vc+jwt', holder: { name: 'Chan Sophea', birthDate: '1990-01-01' } }),
      )
    ).credential as string;
    expect(decodeJwt(jwt).iss).toBe(`${NEW_DID}:spokes:kh-ntti`);
    // the status list is signed again under the new identity, not served from before the move
    const list = (await hub.app.inject({ url: '/status-lists/kh-ntti-1-revocation' })).json();
    expect(list).toMatchObject({
      id: `${NEW}/status-lists/kh-ntti-1-revocation`,
      issuer: `${NEW_DID}:spokes:kh-ntti`,
    });
  });

  it('offline, with the new trust list (which lists the former URL) and status lists saved from the moved hub, the old certificates are valid', async () => {
    const jws = (await hub.app.inject({ url: '/registry/trust-list' })).body;
    expect(JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'))).toMatchObject({
      publicUrl: NEW,
      iss: NEW_DID,
      aliases: [{ publicUrl: OLD, did: OLD_DID }],
    });
    const lists = join(dir, 'lists-1');
    await saveLists(lists);
    const offline = await wireOfflineVerification({
      trustListJws: jws,
      statusListDir: lists,
      now: '2026-11-21T09:00:00Z',
    });
    for (const credential of [oldDi, oldJwt, legacyDi, legacyJwt]) {
      const r = await verifyCredential(credential, offline.deps);
      expect(r.outcome, JSON.stringify(r.checks)).toBe('valid');
    }
  });

  it('revoking an old certificate sets the bit its old status-list URL names: revoked online and offline', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: oldDi.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(oldDi.credentialStatus.statusListCredential).toMatch(
      new RegExp(`^${OLD.replace(/\./g, '\\.')}/status-lists/`),
    );
    expect(check(await verify(hub, { credential: oldDi }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'revoked',
    });
    const lists = join(dir, 'lists-2');
    await saveLists(lists);
    const jws = (await hub.app.inject({ url: '/registry/trust-list' })).body;
    const offline = await wireOfflineVerification({
      trustListJws: jws,
      statusListDir: lists,
      now: '2026-11-21T09:00:00Z',
    });
    expect(check(await verifyCredential(oldDi, offline.deps), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'revoked',
    });
    expect(check(await verify(hub, { credential: legacyDi }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'revoked',
    });
    expect((await verifyCredential(oldJwt, offline.deps)).outcome).toBe('valid');
  });

  it('the certification gate still reads a qualification named by its URL under the former public URL', async () => {
    const { proof: _p, ...credential } = structuredClone(oldDi);
    delete credential.id;
    delete credential.credentialStatus;
    // the issuer as the centre's current DID (the VC API never fills it in)
    credential.issuer = { ...credential.issuer, id: 'did:web:hub.example:spokes:kh-ntti' };
    // kh-ntti is not accredited for TH-WIRING-1; a humanCode of another shape names nothing, the old URL does
    Object.assign(credential.credentialSubject.achievement, {
      humanCode: 'Wiring (in-house)',
      id: `${OLD}/registry/qualifications/TH-WIRING-1`,
    });
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: { credential },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('not-accredited');
  });

  it('starting again under the same public URL changes nothing', async () => {
    hub = await restartTestHub(hub, { SKILLPASS_PUBLIC_URL: NEW }, { proofRunner: pool });
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(versionAfterMove);
    expect((await hub.ctx.store.repos.audit.all()).filter((e) => e.action === 'hub.moved')).toHaveLength(1);
    expect((await verify(hub, { credential: oldJwt })).outcome).toBe('valid');
    expect((await verify(hub, { credential: legacyJwt })).outcome).toBe('valid');
  });

  it('a key named by its id from before the move can be marked compromised (last: it rotates the key)', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes/kh-ntti/keys/compromised',
      headers: bearer(hub.tokens.admin),
      payload: {
        key: `${OLD_DID}:spokes:kh-ntti#key-1`,
        from: '2026-11-20T10:00:00Z',
        reason: 'laptop stolen',
      },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect((await hub.ctx.store.repos.spokes.key(`${NEW_DID}:spokes:kh-ntti#key-1`))!.compromisedFrom).toBe(
      '2026-11-20T10:00:00Z',
    );
    expect(check(await verify(hub, { credential: legacyJwt }), 'issuer')).toMatchObject({
      outcome: 'invalid',
      code: 'key-compromised',
    });
  });

  /** the moved hub's status lists, as an offline verifier saves them (GET /status-lists/:id) */
  async function saveLists(folder: string) {
    mkdirSync(folder, { recursive: true });
    for (const id of ['kh-ntti-1-revocation', 'kh-ntti-1-suspension']) {
      writeFileSync(join(folder, `${id}.json`), (await hub.app.inject({ url: `/status-lists/${id}` })).body);
    }
  }
});
