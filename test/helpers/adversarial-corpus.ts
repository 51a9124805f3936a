import { generateEd25519, privateKeyObject } from '../../src/adapters/crypto/keys/ed25519-keys.js';
import { encodeCredentialPayload } from '../../src/adapters/qr/credential-payload.js';
import { signingKeyFor } from '../../src/services/registry/spoke-keys.js';
import { CompactSign } from 'jose';
import { bearer, issue, brickRequest, type TestHub } from './test-hub.js';
import { sdJwtVcOf, walletKey } from './wallet-credentials.js';

/**
 * The adversarial corpus (docs/architecture.md: "An adversarial corpus runs against every verification
 * path"): a revoked certificate, an expired one and a revoked JWT, each rewritten the ways an
 * attacker would to make it verify. Most rewrites keep the Data Integrity signature valid
 * (the same RDF written as other JSON: `rdfPreserving`, proven against the stock library by
 * test/adapters/compact-form-check.test.ts); the rest break it. No case may ever verify
 * "valid"; each states the outcome and the code the verifier must give.
 */
export type Doc = Record<string, any>;
export interface CorpusCase {
  name: string;
  input: Doc | string;
  expect: { outcome: 'invalid' | 'indeterminate'; code: string };
  /** the rewrite keeps the signed RDF, so the stock Data Integrity verifier still accepts the signature */
  rdfPreserving?: boolean;
  /** JSON text carrying it is refused before verification (a `__proto__` key): a request body or a pasted text is a 400, a CLI file an error */
  jsonBodyRefused?: boolean;
  /** what its credential QR code text (`SKP1:`) gives, where that differs */
  qrExpect?: CorpusCase['expect'];
}

export const IRI = {
  credentialStatus: 'https://www.w3.org/2018/credentials#credentialStatus',
  credentialSubject: 'https://www.w3.org/2018/credentials#credentialSubject',
  validUntil: 'https://www.w3.org/2018/credentials#validUntil',
  statusPurpose: 'https://www.w3.org/ns/credentials/status#statusPurpose',
  statusListCredential: 'https://www.w3.org/ns/credentials/status#statusListCredential',
  achievement: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement',
  identifier: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier',
  humanCode: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#humanCode',
  targetCode: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetCode',
  proof: 'https://w3id.org/security#proof',
  created: 'http://purl.org/dc/terms/created',
  dateTime: 'http://www.w3.org/2001/XMLSchema#dateTime',
} as const;

export interface CorpusSources {
  revokedDi: Doc;
  expiredDi: Doc;
  revokedJwt: string;
  /** the revoked Data Integrity certificate's wallet copy, an SD-JWT VC (docs/sd-jwt-vc.md) with every disclosure */
  revokedSdJwt: string;
  /** signs a credential as the revoked JWT's centre, with its real key (the centre's own rewrite) */
  signJwtAsCentre: (credential: Doc) => Promise<string>;
}

const clone = <T>(v: T): T => structuredClone(v);
/** `doc` with `key` renamed to `to`, in place of the original key (order kept). */
function rename(doc: Doc, key: string, to: string, value: unknown = doc[key]): Doc {
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => (k === key ? [to, value] : [k, v])));
}
const pick = (doc: Doc, ...keys: string[]): Doc =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => keys.includes(k)));
const without = (doc: Doc, ...keys: string[]): Doc =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => !keys.includes(k)));
const dateValue = (v: string) => ({ '@value': v, '@type': IRI.dateTime });
const forged = (code: string) => ({ outcome: 'invalid' as const, code });
const notCompact = forged('not-compact-form');

/** Issues the three sources on a test hub (clock at its usual 2026-11-20) and returns them. */
export async function corpusSources(hub: TestHub): Promise<CorpusSources> {
  const admin = bearer(hub.tokens.admin);
  const now = hub.clock.now().toISOString();
  // a one-year qualification, certified in mid-2025: expired by the hub's clock and by the real one
  const post = async (url: string, payload: unknown) => {
    const res = await hub.app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: payload as Record<string, unknown>,
    });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  await post('/registry/qualifications', {
    code: 'TH-TILE-1',
    title: { en: 'Tiling, level 1' },
    country: 'TH',
    framework: 'TH-TPQF',
    level: 1,
    isco08: '7122',
    validityYears: 1,
  });
  await post('/registry/spokes/kh-ntti/accreditations', {
    qualifications: ['TH-TILE-1'],
    validFrom: '2025-01-01',
    validUntil: '2028-12-31',
  });
  hub.clock.set('2025-06-02T08:00:00Z');
  const expired = await issue(
    hub,
    brickRequest({
      qualification: 'TH-TILE-1',
      assessment: { date: '2025-06-01', language: 'km', result: 'competent' },
    }),
  );
  hub.clock.set(now);
  const revoke = async (id: string) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
    });
    if (res.statusCode !== 200) throw new Error(`revoke: ${res.statusCode} ${res.body}`);
  };
  const di = await issue(hub, brickRequest({ holder: { name: 'Chan Sophea', birthDate: '1990-02-03' } }));
  const jwt = await issue(
    hub,
    brickRequest({ holder: { name: 'Keo Bopha', birthDate: '1992-07-08' }, format: 'vc+jwt' }),
  );
  await revoke(di.id);
  await revoke(jwt.id);
  const { repos } = hub.ctx.store;
  const spoke = (await repos.spokes.get('kh-ntti'))!;
  return {
    revokedDi: di.credential as Doc,
    expiredDi: expired.credential as Doc,
    revokedJwt: jwt.credential as string,
    revokedSdJwt: await sdJwtVcOf(hub, di, await walletKey()),
    signJwtAsCentre: async (credential) =>
      hub.ctx.signer.signJwt(credential, await signingKeyFor(hub.ctx, repos, 'kh-ntti', spoke.did)),
  };
}

const jwtPayload = (jwt: string): Doc =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Doc;

/** Every rewrite of a Data Integrity certificate, on the revoked one unless the rewrite is about dates. */
export function dataIntegrityCases({ revokedDi: r, expiredDi: x }: CorpusSources): CorpusCase[] {
  const status = r.credentialStatus as Doc; // one entry (OB 3.0: one credentialStatus)
  const subject = r.credentialSubject as Doc;
  const achievement = subject.achievement as Doc;
  const cases: CorpusCase[] = [
    { name: 'revoked, as issued', input: clone(r), expect: forged('revoked') },
    { name: 'expired, as issued', input: clone(x), expect: forged('expired') },
    {
      name: 'credentialStatus written as its full IRI',
      input: rename(r, 'credentialStatus', IRI.credentialStatus),
      expect: notCompact,
      rdfPreserving: true,
    },
    // the same node (its id) described half under the term and half under the IRI: one entry in RDF, an unreadable one as JSON
    {
      name: 'the status entry split between the term and its IRI',
      rdfPreserving: true,
      expect: notCompact,
      input: {
        ...rename(r, 'credentialStatus', 'credentialStatus', pick(status, 'id', 'type', 'statusPurpose')),
        [IRI.credentialStatus]: pick(status, 'id', 'type', 'statusListIndex', 'statusListCredential'),
      },
    },
    {
      name: 'credentialStatus wrapped in @set',
      input: { ...r, credentialStatus: { '@set': [status] } },
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'credentialStatus wrapped in @list',
      input: { ...r, credentialStatus: { '@list': [status] } },
      expect: notCompact,
    },
    {
      name: 'credentialStatus moved under @nest',
      input: { ...without(r, 'credentialStatus'), '@nest': { credentialStatus: status } },
      expect: notCompact,
      rdfPreserving: true,
    },
    // safe-mode JSON-LD processing (the suites') refuses this one, so it breaks the signature too
    {
      name: 'the status entry moved into @included and linked back with @reverse',
      expect: notCompact,
      input: {
        ...without(r, 'credentialStatus'),
        '@included': [{ ...status, '@reverse': { credentialStatus: { id: r.id } } }],
      },
    },
    {
      name: 'an inline context defines a second name for credentialStatus',
      rdfPreserving: true,
      expect: notCompact,
      input: {
        ...rename(r, 'credentialStatus', 'cs'),
        '@context': [...r['@context'], { cs: { '@id': IRI.credentialStatus, '@type': '@id' } }],
      },
    },
    {
      name: 'an inline context aliases @type',
      rdfPreserving: true,
      expect: notCompact,
      input: { ...rename(r, 'type', 'kind'), '@context': [...r['@context'], { kind: '@type' }] },
    },
    {
      name: 'a nested context inside the status entry renames statusPurpose',
      rdfPreserving: true,
      expect: notCompact,
      input: {
        ...r,
        credentialStatus: {
          '@context': { purpose: IRI.statusPurpose },
          ...rename(status, 'statusPurpose', 'purpose'),
        },
      },
    },
    {
      name: 'statusPurpose written as its full IRI',
      input: { ...r, credentialStatus: rename(status, 'statusPurpose', IRI.statusPurpose) },
      expect: notCompact,
      rdfPreserving: true,
    },
    // the list decides which bit is read: hidden from a JSON reader, the entry would name no list at all
    {
      name: 'statusListCredential written as its full IRI',
      rdfPreserving: true,
      expect: notCompact,
      input: {
        ...r,
        credentialStatus: rename(status, 'statusListCredential', IRI.statusListCredential, {
          '@id': status.statusListCredential,
        }),
      },
    },
    {
      name: '@type instead of type',
      input: rename(r, 'type', '@type'),
      expect: notCompact,
      rdfPreserving: true,
    },
    { name: '@id instead of id', input: rename(r, 'id', '@id'), expect: notCompact, rdfPreserving: true },
    {
      name: 'the status entry typed with @type',
      input: { ...r, credentialStatus: rename(status, 'type', '@type') },
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'the whole credential inside @graph',
      input: { '@context': r['@context'], '@graph': [without(r, '@context')] },
      expect: notCompact,
    },
    {
      name: 'credentialSubject written as its full IRI',
      input: rename(r, 'credentialSubject', IRI.credentialSubject),
      expect: notCompact,
      rdfPreserving: true,
    },
    // the holder match reads the subject's identifiers: hidden from a JSON reader, a forger's subject would match nobody's data, or anybody's
    {
      name: "the subject's identifier written as its full IRI",
      input: { ...r, credentialSubject: rename(subject, 'identifier', IRI.identifier) },
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'the achievement written as its full IRI',
      input: { ...r, credentialSubject: rename(subject, 'achievement', IRI.achievement) },
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'humanCode written as its full IRI',
      input: {
        ...r,
        credentialSubject: { ...subject, achievement: rename(achievement, 'humanCode', IRI.humanCode) },
      },
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'the AQRF targetCode written as its full IRI',
      rdfPreserving: true,
      expect: notCompact,
      input: {
        ...r,
        credentialSubject: {
          ...subject,
          achievement: {
            ...achievement,
            alignment: (achievement.alignment as Doc[]).map((a, i) =>
              i === 0 ? rename(a, 'targetCode', IRI.targetCode) : a,
            ),
          },
        },
      },
    },
    {
      name: 'the subject given @reverse statements',
      input: { ...r, credentialSubject: { ...subject, '@reverse': { credentialSubject: { id: r.id } } } },
      expect: notCompact,
    },
    // without the term's @graph container the proof is another statement (the signature's RDF changes): no proof at all
    {
      name: 'proof written as its full IRI',
      input: rename(r, 'proof', IRI.proof),
      expect: forged('no-proof'),
    },
    {
      name: 'proof.created written as its full IRI (hides the issuance time)',
      rdfPreserving: true,
      expect: notCompact,
      input: {
        ...r,
        proof: rename(r.proof as Doc, 'created', IRI.created, dateValue((r.proof as Doc).created as string)),
      },
    },
    {
      name: 'proof typed with @type',
      input: { ...r, proof: rename(r.proof as Doc, 'type', '@type') },
      expect: notCompact,
    },
    {
      name: 'a __proto__ key',
      input: JSON.parse(JSON.stringify(r).replace(/^\{/, '{"__proto__":{"credentialStatus":[]},')) as Doc,
      expect: notCompact,
      jsonBodyRefused: true,
      qrExpect: forged('forbidden-key'),
    },
    {
      name: 'validUntil written as its full IRI (expired certificate)',
      input: rename(x, 'validUntil', IRI.validUntil, dateValue(x.validUntil as string)),
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'validUntil as a typed value object (expired certificate)',
      input: { ...x, validUntil: dateValue(x.validUntil as string) },
      expect: notCompact,
      rdfPreserving: true,
    },
    {
      name: 'a second, later validUntil under its IRI (expired certificate)',
      input: { ...x, [IRI.validUntil]: dateValue('2099-01-01T00:00:00Z') },
      expect: notCompact,
    },
    {
      name: 'two validUntil values (expired certificate)',
      input: { ...x, validUntil: [x.validUntil, '2099-01-01T00:00:00Z'] },
      expect: forged('ambiguous-value'),
    },
    {
      name: 'validUntil removed (expired certificate)',
      input: without(x, 'validUntil'),
      expect: forged('bad-signature'),
    },
    {
      name: 'credentialStatus removed',
      input: without(r, 'credentialStatus'),
      expect: forged('bad-signature'),
    },
    // no @vocab reaches it: JSON-LD processing in safe mode (the suite's) refuses the document
    {
      name: 'credentialStatus key in another case (an undefined term)',
      input: rename(r, 'credentialStatus', 'CredentialStatus'),
      expect: notCompact,
    },
    {
      name: 'the status entry pointing at another index',
      input: {
        ...r,
        credentialStatus: {
          ...status,
          statusListIndex: String((Number(status.statusListIndex) + 1) % 131072),
        },
      },
      expect: forged('bad-signature'),
    },
    {
      name: 'a status entry in a form the verifier cannot read',
      input: { ...r, credentialStatus: { ...status, statusListIndex: 7 } },
      expect: forged('unsupported-status-entry'),
    },
    // a refresh entry says nothing about validity: the entry is signed, so this breaks the signature
    {
      name: 'the status purpose rewritten from revocation to refresh',
      expect: forged('bad-signature'),
      input: { ...r, credentialStatus: { ...status, statusPurpose: 'refresh' } },
    },
    {
      name: 'a second proof by the issuer added (an earlier date)',
      input: { ...r, proof: [r.proof, { ...(r.proof as Doc), created: '2026-01-01T00:00:00Z' }] },
      expect: forged('multiple-issuer-proofs'),
    },
    {
      name: 'the proof chained to a proof that is not there',
      input: {
        ...r,
        proof: { ...(r.proof as Doc), previousProof: 'urn:uuid:00000000-0000-4000-8000-000000000000' },
      },
      expect: forged('bad-signature'),
    },
    // the proof cannot be confirmed (indeterminate), and the status is still read: revoked
    {
      name: 'a proof of a suite the hub does not implement',
      input: { ...r, proof: { ...(r.proof as Doc), cryptosuite: 'bbs-2023' } },
      expect: forged('revoked'),
    },
    {
      name: 'an unknown context added',
      input: { ...r, '@context': [...r['@context'], 'https://attacker.example/context.jsonld'] },
      expect: { outcome: 'indeterminate', code: 'unknown-context' },
    },
    {
      name: 'type values written as full IRIs',
      input: {
        ...r,
        type: [
          'https://www.w3.org/2018/credentials#VerifiableCredential',
          'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
        ],
      },
      expect: notCompact,
    },
  ];
  return cases;
}

/** JWT cases: the JWS covers the bytes, so rewrites are re-signed with the centre's own key (a centre hiding its status). */
export async function jwtCases(s: CorpusSources): Promise<CorpusCase[]> {
  const payload = jwtPayload(s.revokedJwt);
  const [header, body] = s.revokedJwt.split('.') as [string, string, string];
  const stranger = generateEd25519();
  const strangerSigned = await new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as never)
    .sign(privateKeyObject(stranger.privateJwk));
  const claims = (doc: Doc) => without(doc, 'iss', 'jti', 'sub', 'nbf', 'exp', 'iat');
  const credential = claims(payload);
  const noKid = await new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt' })
    .sign(privateKeyObject(stranger.privateJwk));
  return [
    { name: 'JWT: revoked, as issued', input: s.revokedJwt, expect: forged('revoked') },
    {
      name: 'JWT: re-signed by its centre with credentialStatus as its full IRI',
      input: await s.signJwtAsCentre(rename(credential, 'credentialStatus', IRI.credentialStatus)),
      expect: notCompact,
    },
    {
      name: 'JWT: re-signed by its centre with @type for type',
      input: await s.signJwtAsCentre(rename(credential, 'type', '@type')),
      expect: notCompact,
    },
    {
      name: 'JWT: re-signed by its centre with the status entry in @included',
      expect: notCompact,
      input: await s.signJwtAsCentre({
        ...without(credential, 'credentialStatus'),
        '@included': [
          {
            ...(credential.credentialStatus as Doc),
            '@reverse': { credentialStatus: { id: credential.id } },
          },
        ],
      }),
    },
    {
      name: 'JWT: payload edited (status entry removed)',
      input: `${header}.${Buffer.from(JSON.stringify(without(payload, 'credentialStatus'))).toString('base64url')}.${s.revokedJwt.split('.')[2]}`,
      expect: forged('bad-signature'),
    },
    {
      name: 'JWT: alg none',
      input: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')}.${body}.`,
      expect: forged('unsupported-alg'),
      qrExpect: forged('malformed-qr-payload'),
    }, // an unsigned JWT is not a compact JWS: the QR decoder refuses it first
    {
      name: "JWT: signed by a stranger under the centre's kid",
      input: strangerSigned,
      expect: forged('bad-signature'),
    },
    { name: 'JWT: no kid', input: noKid, expect: forged('no-kid') },
  ];
}

/** The whole corpus: every case, and every object case again as a credential QR code's text (`SKP1:`). */
export async function adversarialCorpus(s: CorpusSources): Promise<CorpusCase[]> {
  const base = [...dataIntegrityCases(s), ...(await jwtCases(s))];
  const qr = base.map((c): CorpusCase => ({
    name: `QR code (SKP1) of: ${c.name}`,
    expect: c.qrExpect ?? c.expect,
    input: encodeCredentialPayload(typeof c.input === 'string' ? c.input : JSON.stringify(c.input)),
  }));
  // an SD-JWT VC is never a credential QR code's content (SKP1 holds a credential), so it is not wrapped in one
  return [...base, ...qr, ...sdJwtCases(s)];
}

const b64json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * The revoked certificate's SD-JWT VC rewritten the ways a holder would to pass it off (RFC 9901
 * §7.1, docs/sd-jwt-vc.md): its status or digests changed, disclosures forged, repeated or
 * nested too deep, the signature algorithm dropped, a Key Binding JWT that is not one.
 */
export function sdJwtCases({ revokedSdJwt: vc }: CorpusSources): CorpusCase[] {
  const [jwt, ...rest] = vc.split('~') as [string, ...string[]];
  const disclosures = rest.filter((d) => d !== '');
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Doc;
  const withPayload = (p: Doc) => [`${header}.${b64json(p)}.${signature}`, ...disclosures, ''].join('~');
  let deep: unknown = 'x';
  for (let i = 0; i < 80; i++) deep = [deep];
  const forgedBirth = b64json(['c2FsdA', 'birthdate', '1970-01-01']);
  const kbNone = `${b64json({ alg: 'none', typ: 'kb+jwt' })}.${b64json({ iat: 1, aud: 'x', nonce: 'x', sd_hash: 'x' })}.`;
  return [
    { name: 'SD-JWT VC of the revoked certificate, as issued', input: vc, expect: forged('revoked') },
    {
      name: 'SD-JWT VC with its status claim removed',
      input: withPayload(without(claims, 'status')),
      expect: forged('bad-signature'),
    },
    {
      name: 'SD-JWT VC pointing at another index of the list',
      input: withPayload({
        ...claims,
        status: { status_list: { ...(claims.status as Doc).status_list, idx: 0 } },
      }),
      expect: forged('bad-signature'),
    },
    {
      name: 'SD-JWT VC with alg none and no signature',
      input: [`${b64json({ alg: 'none', typ: 'dc+sd-jwt' })}.${payload}.`, ...disclosures, ''].join('~'),
      expect: forged('unsupported-alg'),
    },
    {
      name: 'SD-JWT VC with a forged disclosure (not one the centre signed)',
      input: [jwt, forgedBirth, ''].join('~'),
      expect: forged('unreferenced-disclosure'),
    },
    {
      name: 'SD-JWT VC with the same disclosure twice',
      input: [jwt, disclosures[0]!, disclosures[0]!, ''].join('~'),
      expect: forged('duplicate-disclosure'),
    },
    {
      name: 'SD-JWT VC whose digests claim another hash algorithm',
      input: withPayload({ ...claims, _sd_alg: 'md5' }),
      expect: forged('unsupported-sd-alg'),
    },
    {
      name: 'SD-JWT VC with a disclosure nested 80 levels deep',
      input: [jwt, b64json(['c2FsdA', 'birthdate', deep]), ''].join('~'),
      expect: forged('too-deep'),
    },
    {
      name: 'SD-JWT VC with an unsigned (alg none) Key Binding JWT',
      input: `${[jwt, ...disclosures].join('~')}~${kbNone}`,
      expect: forged('key-binding-invalid'),
    },
  ];
}
