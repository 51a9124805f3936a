import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { base45Decode, base45Encode } from './base45.js';
import { MAX_EMBEDDED_JSON_LENGTH, parseBoundedJson } from '../../domain/json-bounds.js';
import { SkillPassError } from '../../domain/errors.js';

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
/** a decoded credential larger than this is refused (a small code must not inflate into a huge one: a deflate bomb stops here) */
export const MAX_DECODED_BYTES = MAX_EMBEDDED_JSON_LENGTH;

export const encodeCredentialPayload = (serialized: string): string =>
  CREDENTIAL_QR_PREFIX + base45Encode(deflateRawSync(Buffer.from(serialized, 'utf8'), { level: 9 }));

export const isCredentialPayload = (text: string): boolean => text.trim().toUpperCase().startsWith(CREDENTIAL_QR_PREFIX);

/**
 * The credential in an `SKP1:` text: a JSON object, or a compact JWT string; throws when it is
 * not one; a `too-large` SkillPassError when it inflates beyond MAX_DECODED_BYTES, `too-deep` when
 * its JSON nests too deeply (../../domain/json-bounds.ts).
 */
export function decodeCredentialPayload(text: string): Record<string, unknown> | string {
  const body = text.trim().slice(CREDENTIAL_QR_PREFIX.length);
  const decoded = inflateBounded(base45Decode(body)).toString('utf8').trim();
  if (!decoded.startsWith('{')) {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(decoded)) throw new Error('SKP1 payload is neither JSON nor a compact JWT');
    return decoded;
  }
  const doc: unknown = parseBoundedJson(decoded);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('SKP1 payload is not a JSON object');
  return doc as Record<string, unknown>;
}

function inflateBounded(deflated: Uint8Array): Buffer {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_DECODED_BYTES });
  } catch (err) {
    // zlib stops at the limit instead of inflating on: the bomb is refused, not unpacked
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new SkillPassError('too-large', `This QR code's credential inflates beyond ${MAX_DECODED_BYTES} bytes.`, { limit: MAX_DECODED_BYTES });
    throw err;
  }
}
