import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { base45Decode, base45Encode } from './base45.js';

/**
 * The whole signed credential in a QR code, for checking without the hub.
 *
 *   SKP1:<base45(deflate-raw(the credential as issued, UTF-8))>
 *
 * "As issued" is the credential's JSON text (Data Integrity) or its compact JWT (VC-JOSE).
 * `SKP1:` and base45 (RFC 9285) are all QR alphanumeric characters, so the code uses the
 * denser alphanumeric mode. A JWT that fits a QR code as it is goes in as it is; ours,
 * around 3.3 kB, do not fit at error correction M, so they are wrapped too.
 */
export const CREDENTIAL_QR_PREFIX = 'SKP1:';
/** a decoded credential larger than this is refused (a small code must not inflate into a huge one) */
const MAX_DECODED_BYTES = 256 * 1024;

export const encodeCredentialPayload = (serialized: string): string =>
  CREDENTIAL_QR_PREFIX + base45Encode(deflateRawSync(Buffer.from(serialized, 'utf8'), { level: 9 }));

export const isCredentialPayload = (text: string): boolean => text.trim().toUpperCase().startsWith(CREDENTIAL_QR_PREFIX);

/** The credential in an `SKP1:` text: a JSON object, or a compact JWT string; throws when it is not one. */
export function decodeCredentialPayload(text: string): Record<string, unknown> | string {
  const body = text.trim().slice(CREDENTIAL_QR_PREFIX.length);
  const decoded = inflateRawSync(base45Decode(body), { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8').trim();
  if (!decoded.startsWith('{')) {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(decoded)) throw new Error('SKP1 payload is neither JSON nor a compact JWT');
    return decoded;
  }
  const doc: unknown = JSON.parse(decoded);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('SKP1 payload is not a JSON object');
  return doc as Record<string, unknown>;
}
