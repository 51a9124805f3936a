import { parseBoundedJson } from './json-bounds.js';

/**
 * The claims of a compact JWS (RFC 7515 section 7.1), read without checking the signature:
 * verification reads the credential first and checks the proof with the issuer's key after.
 * What jose's decodeJwt does, with Node's base64url decoder (jose's browser-safe one was a
 * measurable part of a JWT verification); test/domain/jwt-payload.test.ts compares the two.
 * Unlike jose, the payload's JSON is bounded (./json-bounds.ts): a payload nested too deeply
 * is refused with a `too-deep` SkillPassError before it is parsed.
 */
import { toMillis } from './dates.js';
import { unwrapSingletons } from './compact-form.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error(parts.length === 5 ? 'a JWE, not a JWS' : 'not a compact JWS');
  const encoded = parts[1]!;
  if (!BASE64URL.test(encoded)) throw new Error('the payload is not base64url');
  const claims: unknown = parseBoundedJson(utf8.decode(Buffer.from(encoded, 'base64url')));
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    throw new Error('the payload is not a JSON object');
  return claims as Record<string, unknown>;
}

/**
 * The registered JWT claims (RFC 7519 section 4.1) a SkillPass JWT carries, each mirroring a
 * member of the credential it secures: Open Badges 3.0 §8.2 "JSON Web Token Proof Format"
 * (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof-format) requires `iss` = issuer.id,
 * `jti` = id, `nbf` = validFrom, `exp` = validUntil (when set) and `sub` = credentialSubject.id
 * (when it has one); VC-JOSE-COSE (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose)
 * secures the credential as the payload itself and recommends that such claims never
 * contradict it. `iat` is when the JWT was signed: SkillPass signs at the issuance instant,
 * so it plays the part of a Data Integrity proof's `created`.
 */
export const JWT_CLAIM_NAMES = ['iss', 'jti', 'sub', 'nbf', 'exp', 'iat'] as const;
export type JwtClaims = Partial<
  Record<'iss' | 'jti' | 'sub', string> & Record<'nbf' | 'exp' | 'iat', number>
>;

/**
 * The credential a VC-JOSE payload secures: the payload without its registered claims. They
 * are the JWT's (RFC 7519), held to the credential by jwtClaimsConflict, not statements of the
 * credential: the VC 2.0 context defines iss, sub, nbf, exp and iat but not jti (the
 * credential's `id` is its identifier), so a payload read as JSON-LD would drop jti.
 */
export function credentialOfJwtPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const credential: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (!(JWT_CLAIM_NAMES as readonly string[]).includes(k))
      Object.defineProperty(credential, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return credential;
}

/** An instant as a NumericDate (RFC 7519 section 2): whole seconds since the epoch. */
export const numericDate = (instant: string): number => Math.floor(toMillis(instant) / 1000);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : isObject(v) && typeof v.id === 'string' ? v.id : undefined;

/** The credential members the claims mirror (VC 2.0, or VC 1.1's issuanceDate/expirationDate). */
export interface ClaimSources {
  issuer?: string;
  id?: string;
  validFrom?: string;
  validUntil?: string;
  subjectId?: string;
}

export function claimSources(credential: Record<string, unknown>): ClaimSources {
  const c = unwrapSingletons(credential) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const out: ClaimSources = {};
  const set = (k: keyof ClaimSources, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('issuer', idOf(c.issuer));
  set('id', str(c.id));
  set('validFrom', str(c.validFrom ?? c.issuanceDate));
  set('validUntil', str(c.validUntil ?? c.expirationDate));
  set('subjectId', isObject(c.credentialSubject) ? str(c.credentialSubject.id) : undefined);
  return out;
}

/** The claims for a credential about to be signed; `signedAt` gives `iat`. */
export function jwtClaimsFor(credential: Record<string, unknown>, signedAt?: string): JwtClaims {
  const s = claimSources(credential);
  const claims: JwtClaims = {};
  if (s.issuer) claims.iss = s.issuer;
  if (s.id) claims.jti = s.id;
  if (s.subjectId) claims.sub = s.subjectId;
  if (s.validFrom && !Number.isNaN(toMillis(s.validFrom))) claims.nbf = numericDate(s.validFrom);
  if (s.validUntil && !Number.isNaN(toMillis(s.validUntil))) claims.exp = numericDate(s.validUntil);
  if (signedAt && !Number.isNaN(toMillis(signedAt))) claims.iat = numericDate(signedAt);
  return claims;
}

/**
 * Why the claims contradict the credential, or undefined when they agree. A claim that is
 * absent contradicts nothing (JWTs SkillPass issued before it set claims carry none); one that
 * is present must equal its credential member, the dates to the second. `nested`: a VC-JWT 1.1
 * payload (the credential under `vc`), where a claim stands in for a member the credential
 * leaves out (https://www.w3.org/TR/vc-data-model-1.1/#jwt-decoding): only a member that is
 * there can be contradicted.
 */
export function jwtClaimsConflict(
  claims: Record<string, unknown>,
  s: ClaimSources,
  nested = false,
): string | undefined {
  const text: [string, string | undefined, string][] = [
    ['iss', s.issuer, 'the issuer'],
    ['jti', s.id, 'the credential id'],
    ['sub', s.subjectId, 'the subject id'],
  ];
  for (const [name, expected, what] of text) {
    if (nested && expected === undefined) continue;
    if (claims[name] !== undefined && claims[name] !== expected)
      return `its ${name} claim is not ${what}${expected ? ` (${expected})` : ' (the credential has none)'}`;
  }
  const dates: [string, string | undefined, string][] = [
    ['nbf', s.validFrom, 'validFrom'],
    ['exp', s.validUntil, 'validUntil'],
  ];
  for (const [name, expected, what] of dates) {
    const v = claims[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return `its ${name} claim is not a NumericDate`;
    if (nested && expected === undefined) continue;
    if (!expected || Number.isNaN(toMillis(expected)) || Math.floor(v) !== numericDate(expected))
      return `its ${name} claim is not ${what}${expected ? ` (${expected})` : ' (the credential has none)'}`;
  }
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)))
    return 'its iat claim is not a NumericDate';
  return undefined;
}

/** `iat` as an instant (a Data Integrity proof's `created`, for the issuance-time check), if the claims carry one. */
export const signedAtOf = (claims: Record<string, unknown>): string | undefined =>
  typeof claims.iat === 'number' && Number.isFinite(claims.iat) && Math.abs(claims.iat) < 8.64e12
    ? new Date(claims.iat * 1000).toISOString().replace(/\.000Z$/, 'Z')
    : undefined;
