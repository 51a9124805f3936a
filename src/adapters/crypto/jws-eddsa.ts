/**
 * Checks the signature of a compact JWS signed with EdDSA (Ed25519), as VC-JOSE uses it
 * (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose, RFC 7515 section 5.2, RFC 8037).
 * jose (./proof-verifier.ts decodes the header with it) goes through WebCrypto and imports
 * the key again on every call; this takes the cached KeyObject and hands the Ed25519 check
 * to libuv's thread pool (node:crypto's callback form), so the event loop keeps serving
 * while a core verifies. test/adapters/jws-eddsa.test.ts holds it to jose's verdicts.
 */
import { verify, type KeyObject } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function verifyCompactJwsEdDSA(jws: string, header: Record<string, unknown>, publicKey: KeyObject): Promise<boolean> {
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return Promise.resolve(false);
  const [protectedHeader, payload, signature] = parts as [string, string, string];
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') return Promise.resolve(false);
  // no extension is understood here, so a critical one must be refused (RFC 7515 section 4.1.11); b64: false is one (RFC 7797)
  if (header.crit !== undefined || header.b64 !== undefined) return Promise.resolve(false);
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return Promise.resolve(false);
  const data = Buffer.from(`${protectedHeader}.${payload}`, 'ascii');
  return new Promise((resolve) => {
    verify(null, data, publicKey, sig, (err, ok) => resolve(!err && ok));
  });
}
