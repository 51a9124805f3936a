/**
 * Checks the signature of a compact JWS signed with EdDSA (Ed25519), as VC-JOSE uses it
 * (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose, RFC 7515 section 5.2, RFC 8037).
 * jose (./proof-verifier.ts decodes the header with it) goes through WebCrypto and imports
 * the key again on every call; this takes the raw public key and hands the Ed25519 check to
 * `checkSignature` (the proof runner: libsodium in a worker thread, ../keys/ed25519.ts), so the
 * event loop keeps serving while a core verifies. test/adapters/jws-eddsa.test.ts holds it
 * to jose's verdicts.
 */
import { verifyEd25519 } from '../keys/ed25519.js';
import type { SignatureTask } from '../workers/proof-work.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SignatureCheck = (task: SignatureTask) => Promise<boolean>;
const inline: SignatureCheck = async (t) => verifyEd25519(t.signature, t.message, t.publicKey);

export function verifyCompactJwsEdDSA(
  jws: string,
  header: Record<string, unknown>,
  publicKey: Uint8Array,
  checkSignature: SignatureCheck = inline,
): Promise<boolean> {
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return Promise.resolve(false);
  const [protectedHeader, payload, signature] = parts as [string, string, string];
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') return Promise.resolve(false);
  // no extension is understood here, so a critical one must be refused (RFC 7515 section 4.1.11); b64: false is one (RFC 7797)
  if (header.crit !== undefined || header.b64 !== undefined) return Promise.resolve(false);
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return Promise.resolve(false);
  return checkSignature({
    signature: sig,
    message: Buffer.from(`${protectedHeader}.${payload}`, 'ascii'),
    publicKey,
  });
}
