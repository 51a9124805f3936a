import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign } from 'jose';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { runCli } from '../helpers/server-process.js';
import { jwtAround, withDeepSubject } from '../helpers/hostile-json.js';
import { signAsCentre } from '../helpers/forge.js';
import { issueLegacyCertificate } from '../helpers/legacy-status.js';
import { wireOfflineVerification } from '../../src/wiring.js';
import { verifyCredential } from '../../src/services/verification/verify-credential.js';
import { decodeList, encodeList, setBit } from '../../src/domain/bitstring.js';
import { generateEd25519, privateKeyObject } from '../../src/adapters/crypto/keys/ed25519-keys.js';

/**
 * Offline verification end to end: the files a verifier saves from the hub (trust list,
 * the certificate's status list(s), the certificate) and the real CLI (`tsx src/cli/main.ts
 * verify ... --trust-list ... --status-lists ...`) in a child process with no database.
 * The hub runs in process on a clock 30 minutes behind the real one (the CLI judges at
 * the real time), so the saved data is 30 minutes old.
 */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

type Check = { id: string; outcome: string; code?: string; message?: string; details?: unknown };
type Result = { outcome: string; checks: Check[]; registryVersion?: number; offlineData?: any };

describe('offline verification with the CLI: saved trust list and status lists, no database', () => {
  let hub: TestHub;
  let work: string; // the verifier's folder: tl.jws, lists/, cert files
  let noDb: string; // SKILLPASS_DATA_DIR for the CLI: must stay empty
  let hubKey: string;
  const hubAt = isoSeconds(Date.now() - 30 * 60_000);
  const env = () => ({
    SKILLPASS_DATA_DIR: noDb,
    SKILLPASS_KEY_ENCRYPTION_KEY: '',
    SKILLPASS_ADMIN_TOKEN: '',
  });
  const path = (...p: string[]) => join(work, ...p);

  const get = async (url: string) => {
    const res = await hub.app.inject({ url });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  /** What a verifier does before going offline: save the trust list and the certificate's centre's lists. */
  const saveTrustList = async (file = path('tl.jws')) => {
    writeFileSync(file, await get('/registry/trust-list'));
    return file;
  };
  const saveLists = async (credential: Record<string, any>, dir = path('lists')) => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // each list an entry names (one revocation entry; two for a certificate of an earlier version) and
    // a revocation list's companion suspension list, as README "Offline verification" says
    for (const e of [credential.credentialStatus].flat()) {
      const listPath = new URL(e.statusListCredential).pathname;
      for (const p of new Set([listPath, listPath.replace(/-revocation$/, '-suspension')])) {
        writeFileSync(join(dir, `${p.split('/').pop()}.json`), await get(p));
      }
    }
    return dir;
  };
  const saveCert = (name: string, credential: unknown) => {
    const file = path(name);
    writeFileSync(file, typeof credential === 'string' ? credential : JSON.stringify(credential, null, 2));
    return file;
  };
  const cli = (args: string[]) => runCli(['verify', ...args], env());
  const cliJson = async (args: string[]) => {
    const r = await cli([...args, '--json']);
    return { code: r.code, result: JSON.parse(r.stdout) as Result, stderr: r.stderr };
  };
  const setStatus = async (credentialId: string, statusPurpose: string, status: boolean) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
        status,
        reason: 'offline test',
      },
    });
    expect(res.statusCode).toBe(200);
  };
  const online = async (credential: unknown): Promise<Result> =>
    (await hub.app.inject({ method: 'POST', url: '/verifications', payload: { credential } })).json();
  /** the comparable part of a result: each check without its details (the status snapshot names a list version, online, or a file's date, offline) */
  const comparable = (r: Result) => ({
    outcome: r.outcome,
    checks: r.checks.map(({ details: _d, ...c }) => c),
  });
  const check = (r: Result, id: string) => r.checks.find((c) => c.id === id);

  let certificate: { id: string; credential: Record<string, any> };

  beforeAll(async () => {
    hub = await startTestHub(hubAt);
    work = mkdtempSync(join(tmpdir(), 'skillpass-offline-'));
    noDb = mkdtempSync(join(tmpdir(), 'skillpass-nodb-'));
    hubKey = (await hub.app.inject({ url: '/.well-known/did.json' })).json().verificationMethod[0]
      .publicKeyMultibase;
    const issued = await issue(
      hub,
      brickRequest({ assessment: { date: hubAt.slice(0, 10), language: 'km', result: 'competent' } }),
    );
    certificate = { id: issued.id, credential: issued.credential as Record<string, any> };
    await saveTrustList();
    await saveLists(certificate.credential);
    saveCert('cert.json', certificate.credential);
  });
  afterAll(async () => {
    await hub.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(noDb, { recursive: true, force: true });
  });

  it('a valid certificate: exit 0, VALID, the data\'s age, "not pinned"; no database file is created', async () => {
    const r = await cli([path('cert.json'), '--trust-list', path('tl.jws'), '--status-lists', path('lists')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('outcome: VALID');
    expect(r.stdout).toMatch(
      /trust list #\d+ issued .* \(3\d min old\), signed by did:web:.*#key-1 \(not pinned: pass --hub-key to pin the hub key\)/,
    );
    expect(r.stdout).toMatch(/status list .*kh-ntti-1-revocation from .* \(3\d min old\)/);
    expect(r.stdout).toMatch(/status list .*kh-ntti-1-suspension from .* \(3\d min old\)/);
    for (const id of ['well-formed', 'proof', 'issuer', 'accreditation', 'level', 'validity', 'status'])
      expect(r.stdout).toMatch(new RegExp(`\\[PASS\\] ${id}`));
    expect(readdirSync(noDb)).toEqual([]);
  });

  it("--hub-key with the hub's publicKeyMultibase: pinned; with another key: a clear refusal, non-zero exit", async () => {
    const [pinned, wrong] = await Promise.all([
      cli([
        path('cert.json'),
        '--trust-list',
        path('tl.jws'),
        '--status-lists',
        path('lists'),
        '--hub-key',
        hubKey,
      ]),
      cli([
        path('cert.json'),
        '--trust-list',
        path('tl.jws'),
        '--status-lists',
        path('lists'),
        '--hub-key',
        generateEd25519().publicKeyMultibase,
      ]),
    ]);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain('outcome: VALID');
    expect(pinned.stdout).toMatch(/signed by did:web:\S+#key-1 \(pinned\)/);
    expect(wrong.code).toBe(2); // an error, not an "invalid" answer
    expect(wrong.stdout).not.toContain('VALID');
    expect(wrong.stderr).toContain('not signed by the pinned hub key');
    expect(readdirSync(noDb)).toEqual([]);
  });

  it('the same certificate through the online service and the offline CLI: the same checks, valid, JWT, suspended, forged', async () => {
    const jwt = (
      await issue(
        hub,
        brickRequest({
          format: 'vc+jwt',
          assessment: { date: hubAt.slice(0, 10), language: 'km', result: 'competent' },
        }),
      )
    ).credential as string;
    const suspended = await issue(
      hub,
      brickRequest({ assessment: { date: hubAt.slice(0, 10), language: 'km', result: 'competent' } }),
    );
    await setStatus(suspended.id, 'suspension', true);
    const tampered = {
      ...certificate.credential,
      credentialSubject: { ...certificate.credential.credentialSubject, name: 'Someone Else' },
    };
    const wrongLevel = await signAsCentre(hub.ctx, 'kh-ntti', { aqrfLevel: 4 });
    const cases: [string, unknown, string][] = [
      ['cert.json', certificate.credential, 'valid'],
      ['cert.jwt', jwt, 'valid'],
      ['suspended.json', suspended.credential, 'invalid'],
      ['tampered.json', tampered, 'invalid'],
      ['level.json', wrongLevel, 'invalid'],
    ];
    // all of these certificates come from kh-ntti list 1: one save of the lists (after the suspension) serves them all
    const tl = await saveTrustList(path('tl-now.jws'));
    const lists = await saveLists(certificate.credential, path('lists-now'));
    const offline = await Promise.all(
      cases.map(([name, credential]) =>
        cliJson([saveCert(name, credential), '--trust-list', tl, '--status-lists', lists]),
      ),
    );
    for (const [i, [name, credential, expected]] of cases.entries()) {
      const on = await online(credential);
      const off = offline[i]!;
      expect(on.outcome, name).toBe(expected);
      expect(comparable(off.result), name).toEqual(comparable(on));
      expect(off.result.registryVersion, name).toBe(on.registryVersion);
      expect(off.code, name).toBe(expected === 'valid' ? 0 : 1);
    }
    expect(check(offline[2]!.result, 'status')).toMatchObject({ outcome: 'invalid', code: 'suspended' });
    expect(check(offline[3]!.result, 'proof')).toMatchObject({ outcome: 'invalid' });
    expect(check(offline[4]!.result, 'level')).toMatchObject({ outcome: 'invalid', code: 'level-mismatch' });
    expect(offline[0]!.result.offlineData.trustList).toMatchObject({ pinned: false, stale: false });
  });

  it('revoked on the hub, lists saved again: exit 1, revoked; the online answer agrees', async () => {
    const victim = await issue(
      hub,
      brickRequest({ assessment: { date: hubAt.slice(0, 10), language: 'km', result: 'competent' } }),
    );
    const file = saveCert('victim.json', victim.credential);
    const before = await cliJson([
      file,
      '--trust-list',
      path('tl.jws'),
      '--status-lists',
      await saveLists(victim.credential as Record<string, any>, path('lists-victim')),
    ]);
    expect(before.code).toBe(0);
    await setStatus(victim.id, 'revocation', true);
    // the old copies still say "not revoked": offline answers are as fresh as the saved lists
    const stale = await cli([file, '--trust-list', path('tl.jws'), '--status-lists', path('lists-victim')]);
    expect(stale.code).toBe(0);
    const lists = await saveLists(victim.credential as Record<string, any>, path('lists-victim'));
    const after = await cliJson([file, '--trust-list', path('tl.jws'), '--status-lists', lists]);
    expect(after.code).toBe(1);
    expect(after.result.outcome).toBe('invalid');
    expect(check(after.result, 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
    expect(comparable(after.result)).toEqual(comparable(await online(victim.credential)));
    const text = await cli([file, '--trust-list', path('tl.jws'), '--status-lists', lists]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('outcome: INVALID');
    expect(text.stdout).toMatch(/\[FAIL\] status .*\(revoked\)/);
  });

  it('a certificate of an earlier version (two entries, a list pair): valid offline with its two saved lists; suspended, then revoked, as online', async () => {
    const old = await issueLegacyCertificate(hub);
    const credential = old.credential as Record<string, any>;
    const file = saveCert('old.json', credential);
    const first = await saveLists(credential, path('lists-old'));
    expect(readdirSync(first).sort()).toEqual([
      `${old.lists.revocation}.json`,
      `${old.lists.suspension}.json`,
    ]);
    const valid = await cliJson([file, '--trust-list', path('tl.jws'), '--status-lists', first]);
    expect(valid.code).toBe(0);
    expect(comparable(valid.result)).toEqual(comparable(await online(credential)));
    for (const [purpose, code] of [
      ['suspension', 'suspended'],
      ['revocation', 'revoked'],
    ] as const) {
      await setStatus(old.id, purpose, true);
      const lists = await saveLists(credential, path('lists-old'));
      const after = await cliJson([file, '--trust-list', path('tl.jws'), '--status-lists', lists]);
      expect(after.code, purpose).toBe(1);
      expect(check(after.result, 'status'), purpose).toMatchObject({ outcome: 'invalid', code });
      expect(comparable(after.result), purpose).toEqual(comparable(await online(credential)));
    }
    // one of the pair missing: the status cannot be confirmed
    rmSync(join(path('lists-old'), `${old.lists.suspension}.json`));
    const half = await cliJson([file, '--trust-list', path('tl.jws'), '--status-lists', path('lists-old')]);
    expect(check(half.result, 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
  });

  it('the companion suspension list not saved: a certificate that is not revoked is indeterminate (exit 3), never valid; a revoked one is revoked', async () => {
    const cert = await issue(
      hub,
      brickRequest({ assessment: { date: hubAt.slice(0, 10), language: 'km', result: 'competent' } }),
    );
    const credential = cert.credential as Record<string, any>;
    const file = saveCert('companion.json', credential);
    const lists = await saveLists(credential, path('lists-companion'));
    const revocationList = String(credential.credentialStatus.statusListCredential).split('/').pop()!;
    const companion = revocationList.replace(/-revocation$/, '-suspension');
    expect(readdirSync(lists).sort()).toEqual([`${revocationList}.json`, `${companion}.json`]);
    rmSync(join(lists, `${companion}.json`));
    const half = await cliJson([file, '--trust-list', path('tl.jws'), '--status-lists', lists]);
    expect(half.code).toBe(3);
    expect(check(half.result, 'status')).toMatchObject({
      outcome: 'indeterminate',
      code: 'status-unavailable',
    });
    expect(check(half.result, 'status')!.message).toContain(companion);
    await setStatus(cert.id, 'revocation', true);
    writeFileSync(join(lists, `${revocationList}.json`), await get(`/status-lists/${revocationList}`));
    const revoked = await cliJson([file, '--trust-list', path('tl.jws'), '--status-lists', lists]);
    expect(revoked.code).toBe(1);
    expect(check(revoked.result, 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
  });

  it('no saved status lists (an empty folder, or none given): exit 3, indeterminate, status-unavailable', async () => {
    mkdirSync(path('empty-lists'));
    const [empty, none] = await Promise.all([
      cliJson([path('cert.json'), '--trust-list', path('tl.jws'), '--status-lists', path('empty-lists')]),
      cliJson([path('cert.json'), '--trust-list', path('tl.jws')]),
    ]);
    for (const r of [empty, none]) {
      expect(r.code).toBe(3);
      expect(r.result.outcome).toBe('indeterminate');
      expect(check(r.result, 'status')).toMatchObject({
        outcome: 'indeterminate',
        code: 'status-unavailable',
      });
      expect(r.result.checks.filter((c) => c.id !== 'status').every((c) => c.outcome === 'valid')).toBe(true);
    }
    // the text output too
    const text = await cli([
      path('cert.json'),
      '--trust-list',
      path('tl.jws'),
      '--status-lists',
      path('empty-lists'),
    ]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('outcome: INDETERMINATE');
  });

  it('a saved status list with changed bits does not verify: indeterminate, never valid', async () => {
    const dir = await saveLists(certificate.credential, path('lists-tampered'));
    const entry = certificate.credential.credentialStatus;
    const list = JSON.parse(readFileSync(join(dir, 'kh-ntti-1-revocation.json'), 'utf8'));
    const bits = decodeList(list.credentialSubject.encodedList);
    setBit(bits, (Number(entry.statusListIndex) + 1) % (bits.length * 8), true); // a neighbour's revoked bit: this certificate's own bit stays clear
    list.credentialSubject.encodedList = encodeList(bits);
    writeFileSync(join(dir, 'kh-ntti-1-revocation.json'), JSON.stringify(list));
    const r = await cliJson([path('cert.json'), '--trust-list', path('tl.jws'), '--status-lists', dir]);
    expect(r.code).toBe(3);
    expect(r.result.outcome).toBe('indeterminate');
    expect(check(r.result, 'status')).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
    expect(check(r.result, 'status')!.message).toMatch(/kh-ntti-1-revocation\.json does not verify/);
  });

  it('hostile files: a certificate nested 5,000 deep is an error (exit 2), a JWT around one is FAIL too-deep, a status list nested too deep is not read', async () => {
    const deepFile = saveCert('deep.json', withDeepSubject(certificate.credential));
    const jwtFile = saveCert('deep.jwt', jwtAround(withDeepSubject(certificate.credential)));
    const dir = await saveLists(certificate.credential, path('lists-deep'));
    const listFile = join(dir, readdirSync(dir)[0]!);
    writeFileSync(listFile, withDeepSubject(JSON.parse(readFileSync(listFile, 'utf8'))));
    const [deep, jwt, list] = await Promise.all([
      cli([deepFile, '--trust-list', path('tl.jws'), '--status-lists', path('lists')]),
      cli([jwtFile, '--trust-list', path('tl.jws'), '--status-lists', path('lists')]),
      cliJson([path('cert.json'), '--trust-list', path('tl.jws'), '--status-lists', dir]),
    ]);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain('more than 64 levels deep');
    expect(jwt.code).toBe(1);
    expect(jwt.stdout).toMatch(/\[FAIL\] well-formed .*\(too-deep\)/);
    expect(list.code).toBe(3);
    expect(check(list.result, 'status')).toMatchObject({
      outcome: 'indeterminate',
      code: 'status-unavailable',
    });
    expect(check(list.result, 'status')!.message).not.toMatch(/does not verify/); // not read as a list at all
  });

  it('a tampered trust list (payload edited, or one byte flipped): a clear error and a non-zero exit', async () => {
    const jws = readFileSync(path('tl.jws'), 'utf8').trim();
    const [h, p, s] = jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    // the edit a forger wants: a withdrawn centre back in, here simply a later nextUpdate
    const edited = `${h}.${Buffer.from(JSON.stringify({ ...claims, nextUpdate: '2099-01-01T00:00:00Z' })).toString('base64url')}.${s}`;
    const flip = (at: number) => {
      const bytes = Buffer.from(p, 'base64url');
      bytes[at]! ^= 0x01;
      return `${h}.${bytes.toString('base64url')}.${s}`;
    };
    writeFileSync(path('tl-edited.jws'), edited);
    writeFileSync(path('tl-flipped.jws'), flip(10)); // inside "SkillPassTrustList": still JSON
    writeFileSync(path('tl-broken.jws'), flip(1)); // the first quote: no longer JSON
    const [a, b, c] = await Promise.all(
      ['tl-edited.jws', 'tl-flipped.jws', 'tl-broken.jws'].map((f) =>
        cli([path('cert.json'), '--trust-list', path(f), '--status-lists', path('lists')]),
      ),
    );
    for (const r of [a!, b!, c!]) {
      expect(r.code).toBe(2);
      expect(r.stdout).not.toContain('VALID');
      expect(r.stderr).toMatch(/^the trust list.*altered/i);
    }
    expect(a!.stderr).toContain('signature does not verify');
    expect(b!.stderr).toContain('signature does not verify');
    expect(c!.stderr).toContain('not readable JSON');
    expect(readdirSync(noDb)).toEqual([]);
  });

  it('a trust list re-signed by someone else: accepted only while not pinned (and says so); refused with --hub-key', async () => {
    // the forger lists their own key as the hub key and signs with it
    const jws = readFileSync(path('tl.jws'), 'utf8').trim();
    const claims = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
    const forger = generateEd25519();
    const kid = claims.hubKeys[0].id;
    const forged = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({ ...claims, hubKeys: [{ id: kid, publicKeyMultibase: forger.publicKeyMultibase }] }),
      ),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'skillpass-trust-list+jwt' })
      .sign(privateKeyObject(forger.privateJwk));
    writeFileSync(path('tl-forged.jws'), forged);
    const [unpinned, pinned] = await Promise.all([
      cli([path('cert.json'), '--trust-list', path('tl-forged.jws'), '--status-lists', path('lists')]),
      cli([
        path('cert.json'),
        '--trust-list',
        path('tl-forged.jws'),
        '--status-lists',
        path('lists'),
        '--hub-key',
        hubKey,
      ]),
    ]);
    // unpinned, the CLI trusts the key the file names (that is what "not pinned" warns about)
    expect(unpinned.code).toBe(0);
    expect(unpinned.stdout).toContain('(not pinned: pass --hub-key to pin the hub key)');
    expect(pinned.code).not.toBe(0);
    expect(pinned.stderr).toContain('not signed by the pinned hub key');
  });

  it('a trust list past its nextUpdate: trust checks indeterminate (registry-stale), in process and with the CLI', async () => {
    const jws = readFileSync(path('tl.jws'), 'utf8');
    const nextUpdate = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'))
      .nextUpdate as string;
    const at = async (now: string) => {
      const offline = await wireOfflineVerification({
        trustListJws: jws,
        statusListDir: path('lists'),
        hubKey,
        now,
      });
      return { offline, result: await verifyCredential(certificate.credential, offline.deps) };
    };
    const justBefore = await at(nextUpdate);
    expect(justBefore.offline.stale).toBe(false);
    expect(justBefore.result.outcome).toBe('valid');
    const after = await at(isoSeconds(Date.parse(nextUpdate) + 1000));
    expect(after.offline.stale).toBe(true);
    expect(after.result.outcome).toBe('indeterminate');
    for (const id of ['issuer', 'accreditation', 'level'])
      expect(check(after.result, id)).toMatchObject({ outcome: 'indeterminate', code: 'registry-stale' });
    expect(check(after.result, 'issuer')!.message).toContain(nextUpdate);
    for (const id of ['well-formed', 'proof', 'validity', 'status'])
      expect(check(after.result, id)!.outcome).toBe('valid');

    // the CLI judges at the real time: a trust list the hub issued 25 hours ago is past its nextUpdate now
    hub.clock.set(isoSeconds(Date.now() - 25 * 3_600_000));
    try {
      await saveTrustList(path('tl-old.jws'));
    } finally {
      hub.clock.set(hubAt);
    }
    const [text, json] = await Promise.all([
      cli([path('cert.json'), '--trust-list', path('tl-old.jws'), '--status-lists', path('lists')]),
      cliJson([path('cert.json'), '--trust-list', path('tl-old.jws'), '--status-lists', path('lists')]),
    ]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('outcome: INDETERMINATE');
    expect(text.stdout).toMatch(/\(\d+ min old, PAST its nextUpdate\)/);
    expect(text.stdout).toMatch(/\[\?\?\?\?\] issuer .*\(registry-stale\)/);
    expect(json.code).toBe(3);
    expect(json.result.offlineData.trustList.stale).toBe(true);
    for (const id of ['issuer', 'accreditation', 'level'])
      expect(check(json.result, id)).toMatchObject({ outcome: 'indeterminate', code: 'registry-stale' });
    expect(readdirSync(noDb)).toEqual([]);
  });
});
