import { parseBoundedJson } from './json-bounds.js';

/**
 * The claims of a compact JWS (RFC 7515 section 7.1), read without checking the signature:
 * verification reads the credential first and checks the proof with the issuer's key after.
 * What jose's decodeJwt does, with Node's base64url decoder (jose's browser-safe one was a
 * measurable part of a JWT verification); test/domain/jwt-payload.test.ts compares the two.
 * Unlike jose, the payload's JSON is bounded (./json-bounds.ts): a payload nested too deeply
 * is refused with a `too-deep` SkillPassError before it is parsed.
 */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error(parts.length === 5 ? 'a JWE, not a JWS' : 'not a compact JWS');
  const encoded = parts[1]!;
  if (!BASE64URL.test(encoded)) throw new Error('the payload is not base64url');
  const claims: unknown = parseBoundedJson(utf8.decode(Buffer.from(encoded, 'base64url')));
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('the payload is not a JSON object');
  return claims as Record<string, unknown>;
}
