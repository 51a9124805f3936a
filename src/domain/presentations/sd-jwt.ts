import { createHash } from 'node:crypto';
import { FORBIDDEN_KEYS, parseBoundedJson } from '../json-bounds.js';
import type { CheckCode } from '../check-codes.js';

/**
 * An SD-JWT as received (RFC 9901 §4, §7.1 "Verification of the SD-JWT"), read and its
 * disclosures checked against the issuer-signed digests. Pure: the signatures are checked by
 * the caller (the issuer JWT with the centre's key, the KB-JWT with `cnf.jwk`).
 *
 * The shape SkillPass issues (docs/sd-jwt-vc.md) discloses top-level claims only; an
 * array-element disclosure or an `_sd` below the top level is not something it issues, so it is
 * refused rather than half-read.
 */
export interface SdJwtParts {
  /** the issuer-signed JWT (compact JWS) */
  issuerJwt: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  disclosures: Disclosure[];
  /** the Key Binding JWT, when the presentation ends with one */
  kbJwt?: { text: string; header: Record<string, unknown>; payload: Record<string, unknown> };
  /** everything before the KB-JWT, the last `~` included: what `sd_hash` covers (RFC 9901 §4.3.1) */
  presented: string;
}

export interface Disclosure {
  raw: string;
  digest: string;
  name: string;
  value: unknown;
}

export type SdJwtProblem = { code: CheckCode; message: string };
export type Read<T> = { ok: true; value: T } | { ok: false; problem: SdJwtProblem };

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (code: CheckCode, message: string): { ok: false; problem: SdJwtProblem } => ({
  ok: false,
  problem: { code, message },
});

/** base64url SHA-256 of the ASCII text, as `_sd_alg: sha-256` and `sd_hash` use it (RFC 9901 §4.2.3). */
export const sdDigest = (text: string): string =>
  createHash('sha256').update(text, 'ascii').digest('base64url');

/** Does this text look like an SD-JWT (a compact JWS followed by `~`)? An empty signature (alg none) is read too: the signature check refuses it. */
export const isSdJwt = (text: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*~/.test(text);

function jsonPart(part: string): unknown {
  if (!BASE64URL.test(part)) throw new Error('not base64url');
  // every part is bounded JSON (../json-bounds.ts): a deep or huge part is refused before it is walked
  return parseBoundedJson(utf8.decode(Buffer.from(part, 'base64url')));
}

function jwtParts(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS');
  const header = jsonPart(parts[0]!);
  const payload = jsonPart(parts[1]!);
  if (!isObject(header) || !isObject(payload)) throw new Error('header or payload not an object');
  return { header, payload };
}

/** Splits and decodes `<issuer-jwt>~<disclosure>~...~[<kb-jwt>]` (RFC 9901 §4). */
export function parseSdJwt(text: string): Read<SdJwtParts> {
  const pieces = text.trim().split('~');
  if (pieces.length < 2) return bad('malformed-sd-jwt', 'Not an SD-JWT: no `~` separator.');
  const last = pieces.pop()!;
  const [issuerJwt, ...rawDisclosures] = pieces as [string, ...string[]];
  try {
    const { header, payload } = jwtParts(issuerJwt);
    const disclosures: Disclosure[] = [];
    for (const raw of rawDisclosures) {
      const d = jsonPart(raw);
      // an object property disclosure is [salt, name, value]; an array element one ([salt, value]) is not issued here
      if (!Array.isArray(d) || d.length !== 3 || typeof d[0] !== 'string' || typeof d[1] !== 'string')
        return bad('malformed-sd-jwt', 'A disclosure is not a [salt, claim name, value] array.');
      disclosures.push({ raw, digest: sdDigest(raw), name: d[1], value: d[2] as unknown });
    }
    const presented = `${pieces.join('~')}~`;
    if (last === '') return { ok: true, value: { issuerJwt, header, payload, disclosures, presented } };
    const kb = jwtParts(last);
    return {
      ok: true,
      value: {
        issuerJwt,
        header,
        payload,
        disclosures,
        presented,
        kbJwt: { text: last, header: kb.header, payload: kb.payload },
      },
    };
  } catch (err) {
    // a bounds problem (too deep, too large ...) keeps its own code
    const code = (err as { code?: unknown }).code;
    if (code === 'too-deep' || code === 'too-large' || code === 'forbidden-key' || code === 'nul-character')
      return bad(code, (err as Error).message);
    return bad('malformed-sd-jwt', 'A part of the SD-JWT is not base64url-encoded JSON.');
  }
}

export interface DisclosedClaims {
  /** the payload with the disclosed claims in place and `_sd`/`_sd_alg` removed */
  claims: Record<string, unknown>;
  /** names of the claims the holder disclosed */
  disclosed: string[];
  /** how many selectively disclosable claims were withheld (digests without a disclosure; decoys included) */
  withheldDigests: number;
}

const RESERVED = new Set(['_sd', '_sd_alg', '...', 'cnf', 'iss', 'vct', 'status', 'iat', 'nbf', 'exp']);

/**
 * RFC 9901 §7.1 step 3: `_sd_alg` must be one this verifier implements (sha-256, the default
 * when absent); each disclosure's digest must appear in the top-level `_sd` exactly once, a
 * digest may not appear twice, and a disclosed name may not be one already in clear (or a
 * reserved one): otherwise the presentation is refused, never read around.
 */
export function applyDisclosures(parts: Pick<SdJwtParts, 'payload' | 'disclosures'>): Read<DisclosedClaims> {
  const { payload, disclosures } = parts;
  const alg = payload._sd_alg ?? 'sha-256';
  if (alg !== 'sha-256')
    return bad(
      'unsupported-sd-alg',
      `The SD-JWT digests are made with ${String(alg)}; only sha-256 is accepted.`,
    );
  const sd = payload._sd ?? [];
  if (!Array.isArray(sd) || !sd.every((d) => typeof d === 'string'))
    return bad('malformed-sd-jwt', 'The `_sd` claim is not an array of digests.');
  if (new Set(sd).size !== sd.length)
    return bad('duplicate-disclosure', 'The same digest appears twice in `_sd` (RFC 9901 §7.1).');
  for (const [k, v] of Object.entries(payload))
    if (k !== '_sd' && containsSd(v))
      return bad(
        'malformed-sd-jwt',
        'Selective disclosure below the top level is not part of this credential type.',
      );
  const { _sd: _digests, _sd_alg: _alg, ...claims } = payload;
  const seen = new Set<string>();
  const disclosed: string[] = [];
  for (const d of disclosures) {
    if (seen.has(d.digest))
      return bad('duplicate-disclosure', `The disclosure of "${d.name}" is presented twice.`);
    seen.add(d.digest);
    if (!sd.includes(d.digest))
      return bad(
        'unreferenced-disclosure',
        `The disclosure of "${d.name}" is not one the issuer signed (its digest is not in \`_sd\`).`,
      );
    if (RESERVED.has(d.name) || FORBIDDEN_KEYS.has(d.name) || Object.hasOwn(claims, d.name))
      return bad('malformed-sd-jwt', `The disclosure "${d.name}" would overwrite a claim.`);
    claims[d.name] = d.value;
    disclosed.push(d.name);
  }
  return { ok: true, value: { claims, disclosed, withheldDigests: sd.length - disclosures.length } };
}

function containsSd(v: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (Array.isArray(v))
    return v.some(
      (e) => (isObject(e) && Object.keys(e).length === 1 && '...' in e) || containsSd(e, depth + 1),
    );
  if (!isObject(v)) return false;
  return '_sd' in v || Object.values(v).some((e) => containsSd(e, depth + 1));
}
