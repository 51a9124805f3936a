import { parseBoundedJson } from '../json-bounds.js';
import { decodeJwtPayload } from '../jwt-payload.js';
import { oauthError } from './oauth-error.js';

/**
 * The checks of a JWT key proof that need no key and no store (OpenID4VCI 1.0 Appendix F.1 and
 * F.4): `typ` openid4vci-proof+jwt, an accepted `alg`, the key named by `jwk` or by a `kid` that is a
 * did:key or did:jwk URL (resolved locally, no network), `aud` the credential issuer, `iat`
 * within a window around now, and a `nonce` (required since the issuer has a nonce endpoint).
 * The caller then checks the nonce is one it issued and not used, and the signature.
 */
export const PROOF_TYP = 'openid4vci-proof+jwt';
export const PROOF_ALGS = ['EdDSA', 'ES256'] as const;
/** how far `iat` may be from now, either way (seconds) */
export const PROOF_IAT_WINDOW_SECONDS = 300;

export type PublicJwk = Record<string, unknown> & { kty: string };

/** The wallet's key as the proof names it: a JWK, or a DID URL to resolve. */
export type ProofKey = { jwk: PublicJwk; did?: string } | { kid: string; did: string };

export interface ReadProof {
  alg: string;
  key: ProofKey;
  nonce: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const bad = (why: string) => oauthError('invalid_proof', `The key proof ${why}.`);

function decodeHeader(jwt: string): Record<string, unknown> {
  const encoded = jwt.split('.')[0] ?? '';
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw bad('is not a compact JWT');
  let header: unknown;
  try {
    header = parseBoundedJson(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw bad('header cannot be read');
  }
  if (!isObject(header)) throw bad('header is not a JSON object');
  return header;
}

/** A public JWK of the curves the algs sign with: no private member. */
function publicJwk(v: unknown): PublicJwk {
  if (!isObject(v) || typeof v.kty !== 'string') throw bad('jwk is not a JWK');
  if (v.d !== undefined) throw bad('jwk holds a private key');
  const okp = v.kty === 'OKP' && v.crv === 'Ed25519' && typeof v.x === 'string';
  const ec = v.kty === 'EC' && v.crv === 'P-256' && typeof v.x === 'string' && typeof v.y === 'string';
  if (!okp && !ec) throw bad('jwk is neither an Ed25519 nor a P-256 public key');
  return v as PublicJwk;
}

/** did:jwk (https://github.com/quartzjer/did-jwk): the DID is the base64url JWK itself. */
export function jwkOfDidJwk(did: string): PublicJwk {
  const encoded = did.slice('did:jwk:'.length);
  if (!did.startsWith('did:jwk:') || !/^[A-Za-z0-9_-]+$/.test(encoded)) throw bad('kid is not a did:jwk');
  let jwk: unknown;
  try {
    jwk = parseBoundedJson(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw bad('kid is a did:jwk that cannot be read');
  }
  return publicJwk(jwk);
}

export const didJwkOf = (jwk: PublicJwk): string => {
  const members = jwk.kty === 'EC' ? ['crv', 'kty', 'x', 'y'] : ['crv', 'kty', 'x'];
  const pub = Object.fromEntries(members.map((m) => [m, jwk[m]]));
  return `did:jwk:${Buffer.from(JSON.stringify(pub), 'utf8').toString('base64url')}`;
};

/** The DID a wallet copy names as its subject: the proof's DID, or did:jwk of its bare JWK. */
export const holderDidOf = (key: { jwk: PublicJwk; did?: string }): string => key.did ?? didJwkOf(key.jwk);

export function readProof(jwt: unknown, expected: { audience: string; nowSeconds: number }): ReadProof {
  if (typeof jwt !== 'string' || jwt.length > 8192 || jwt.split('.').length !== 3)
    throw bad('is not a compact JWT');
  const header = decodeHeader(jwt);
  if (header.typ !== PROOF_TYP) throw bad(`typ is not ${PROOF_TYP}`);
  const alg = header.alg;
  if (typeof alg !== 'string' || !(PROOF_ALGS as readonly string[]).includes(alg))
    throw bad(`alg is not one of ${PROOF_ALGS.join(', ')}`);
  const named = ['kid', 'jwk', 'x5c'].filter((m) => header[m] !== undefined);
  if (named.length !== 1) throw bad('header must name its key in exactly one of kid, jwk or x5c');
  let key: ProofKey;
  if (header.jwk !== undefined) key = { jwk: publicJwk(header.jwk) };
  else if (typeof header.kid === 'string' && /^did:(key|jwk):/.test(header.kid)) {
    const did = header.kid.split('#')[0]!;
    key = did.startsWith('did:jwk:') ? { jwk: jwkOfDidJwk(did), did } : { kid: header.kid, did };
  } else throw bad('kid is not a did:key or did:jwk URL (x5c is not accepted)');
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwtPayload(jwt);
  } catch {
    throw bad('payload cannot be read');
  }
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.audience))
    throw bad(`aud is not this credential issuer (${expected.audience})`);
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw bad('has no iat');
  if (Math.abs(claims.iat - expected.nowSeconds) > PROOF_IAT_WINDOW_SECONDS)
    throw bad(`iat is more than ${PROOF_IAT_WINDOW_SECONDS} seconds from now`);
  if (typeof claims.nonce !== 'string' || claims.nonce === '')
    throw oauthError('invalid_nonce', 'The key proof carries no nonce: get one from the nonce endpoint.');
  return { alg, key, nonce: claims.nonce };
}
