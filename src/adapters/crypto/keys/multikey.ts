import { createHash, createPublicKey } from 'node:crypto';
import { BoundedMap } from '../../../domain/bounded-map.js';
/**
 * Ed25519 public keys as Multikey `publicKeyMultibase` (base58btc, multicodec 0xed01),
 * as used by did:key and the Multikey verification method type
 * (https://www.w3.org/TR/controller-document/#multikey).
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ED25519_PUB_PREFIX = [0xed, 0x01];

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

/** Keys and signatures are short; a long text would make this BigInt loop quadratic (a cheap way to stall a thread). */
const MAX_BASE58_CHARS = 256;

export function base58btcDecode(text: string): Uint8Array {
  if (text.length > MAX_BASE58_CHARS) throw new Error('base58btc value too long for a key or a signature');
  let n = 0n;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('invalid base58btc character');
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

export const ed25519PublicKeyToMultibase = (raw: Uint8Array): string =>
  `z${base58btcEncode(Uint8Array.from([...ED25519_PUB_PREFIX, ...raw]))}`;

/** Raw 32-byte Ed25519 public key from a `z6Mk...` multibase value; throws if it is not one. */
export function multibaseToEd25519PublicKey(multibase: string): Uint8Array {
  if (!multibase.startsWith('z')) throw new Error('only base58btc multibase is supported');
  const bytes = base58btcDecode(multibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01)
    throw new Error('not an Ed25519 public key');
  return bytes.slice(2);
}

/** P-256 public keys (multicodec 0x1200, compressed point): the `zDn...` did:key and Multikey values of ecdsa-rdfc-2019. */
export function isP256Multibase(multibase: string): boolean {
  if (!multibase.startsWith('z')) return false;
  try {
    const bytes = base58btcDecode(multibase.slice(1));
    return (
      bytes.length === 35 &&
      bytes[0] === 0x80 &&
      bytes[1] === 0x24 &&
      (bytes[2] === 0x02 || bytes[2] === 0x03)
    );
  } catch {
    return false;
  }
}

/** A public key as a JWK (RFC 7517): OKP Ed25519 (RFC 8037) or EC P-256 (RFC 7518 section 6.2). */
export type PublicJwk =
  | { kty: 'OKP'; crv: 'Ed25519'; x: string; kid?: string }
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid?: string };

const P256_PUB_PREFIX = [0x80, 0x24];
/** DER SubjectPublicKeyInfo prefix of a compressed P-256 point (id-ecPublicKey, prime256v1). */
const P256_SPKI_COMPRESSED = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/**
 * The JWK of a Multikey public key, with its RFC 7638 thumbprint as `kid`: the key a
 * JsonWebKey verification method publishes next to the Multikey one (did-document.ts).
 * undefined for a key of another kind.
 */
export function publicJwkOfMultibase(multibase: string): PublicJwk | undefined {
  let jwk: PublicJwk;
  if (isP256Multibase(multibase)) {
    const point = base58btcDecode(multibase.slice(1)).slice(2);
    const exported = createPublicKey({
      key: Buffer.concat([P256_SPKI_COMPRESSED, point]),
      format: 'der',
      type: 'spki',
    }).export({ format: 'jwk' });
    jwk = { kty: 'EC', crv: 'P-256', x: String(exported.x), y: String(exported.y) };
  } else {
    try {
      jwk = {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(multibaseToEd25519PublicKey(multibase)).toString('base64url'),
      };
    } catch {
      return undefined;
    }
  }
  return { ...jwk, kid: jwkThumbprint(jwk) };
}

/** Keys seen again and again (every JWT of a centre names the same one): converted once. */
const multibaseOfJwk = new BoundedMap<string, string | null>(10_000);
/** (tests) how many JWK conversions are cached */
export const jwkCacheSize = (): number => multibaseOfJwk.size;

/** The Multikey value of a public JWK (the inverse of publicJwkOfMultibase); undefined for any other JWK. */
export function multibaseOfPublicJwk(jwk: unknown): string | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const k = jwk as Record<string, unknown>;
  if (
    'd' in k ||
    typeof k.x !== 'string' ||
    k.x.length > 64 ||
    (k.y !== undefined && (typeof k.y !== 'string' || k.y.length > 64))
  )
    return undefined;
  const id = `${String(k.kty)} ${String(k.crv)} ${k.x} ${String(k.y)}`;
  const known = multibaseOfJwk.get(id);
  if (known !== undefined) return known ?? undefined;
  const multibase = convertJwk(k, k.x);
  multibaseOfJwk.set(id, multibase ?? null); // null: not an Ed25519 key (BoundedMap holds no undefined)
  return multibase;
}

function convertJwk(k: Record<string, unknown>, xText: string): string | undefined {
  const x = Buffer.from(xText, 'base64url');
  if (k.kty === 'OKP' && k.crv === 'Ed25519' && x.length === 32) return ed25519PublicKeyToMultibase(x);
  if (k.kty === 'EC' && k.crv === 'P-256' && typeof k.y === 'string' && x.length === 32) {
    const y = Buffer.from(k.y, 'base64url');
    if (y.length !== 32) return undefined;
    return `z${base58btcEncode(Uint8Array.from([...P256_PUB_PREFIX, (y[31]! & 1) === 1 ? 0x03 : 0x02, ...x]))}`;
  }
  return undefined;
}

/** RFC 7638: SHA-256 over the required members, in lexicographic order, base64url. */
export function jwkThumbprint(jwk: PublicJwk): string {
  const members =
    jwk.kty === 'OKP'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}
