import { base45Decode, base45Encode } from './base45.js';
import { MAX_EMBEDDED_JSON_LENGTH, parseBoundedJson } from './json-bounds.js';

/**
 * The whole signed credential in a QR code, for checking without the hub.
 *
 *   SKP1:<base45(deflate-raw(the credential as issued, UTF-8))>
 *
 * "As issued" is the credential's JSON text (Data Integrity) or its compact JWT (VC-JOSE).
 * `SKP1:` and base45 (RFC 9285) are all QR alphanumeric characters, so the code uses the
 * denser alphanumeric mode. A JWT that fits a QR code as it is goes in as it is; ours,
 * around 3.3 kB, do not fit at error correction M, so they are wrapped too.
 * The format lives here; the deflating is node:zlib's, in ../adapters/qr/credential-payload.ts.
 */
export const CREDENTIAL_QR_PREFIX = 'SKP1:';
/** a decoded credential larger than this is refused (a small code must not inflate into a huge one: a deflate bomb stops here) */
export const MAX_DECODED_BYTES = MAX_EMBEDDED_JSON_LENGTH;

export const isCredentialPayload = (text: string): boolean =>
  text.trim().toUpperCase().startsWith(CREDENTIAL_QR_PREFIX);

/** The `SKP1:` text of deflated bytes. */
export const payloadOfDeflated = (deflated: Uint8Array): string =>
  CREDENTIAL_QR_PREFIX + base45Encode(deflated);

/** The deflated bytes an `SKP1:` text carries; throws when its base45 is damaged. */
export const deflatedOfPayload = (text: string): Uint8Array =>
  base45Decode(text.trim().slice(CREDENTIAL_QR_PREFIX.length));

/**
 * The credential in an inflated payload: a JSON object, or a compact JWT string; throws when it is
 * not one, `too-deep` when its JSON nests too deeply (./json-bounds.ts).
 */
export function credentialOfInflated(inflated: string): Record<string, unknown> | string {
  const decoded = inflated.trim();
  if (!decoded.startsWith('{')) {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(decoded))
      throw new Error('SKP1 payload is neither JSON nor a compact JWT');
    return decoded;
  }
  const doc: unknown = parseBoundedJson(decoded);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error('SKP1 payload is not a JSON object');
  return doc as Record<string, unknown>;
}
