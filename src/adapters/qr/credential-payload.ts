import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SkillPassError } from '../../domain/errors.js';
import {
  credentialOfInflated,
  deflatedOfPayload,
  MAX_DECODED_BYTES,
  payloadOfDeflated,
} from '../../domain/credential-payload.js';
import type { CredentialPayloadCodec } from '../../services/format-ports.js';

/**
 * The `SKP1:` credential QR payload (its format: ../../domain/credential-payload.ts), deflated
 * and inflated with node:zlib: the codec behind the CredentialPayloadCodec port.
 */
export {
  CREDENTIAL_QR_PREFIX,
  MAX_DECODED_BYTES,
  isCredentialPayload,
} from '../../domain/credential-payload.js';

export const encodeCredentialPayload = (serialized: string): string =>
  payloadOfDeflated(deflateRawSync(Buffer.from(serialized, 'utf8'), { level: 9 }));

/**
 * The credential in an `SKP1:` text: a JSON object, or a compact JWT string; throws when it is
 * not one; a `too-large` SkillPassError when it inflates beyond MAX_DECODED_BYTES, `too-deep` when
 * its JSON nests too deeply (../../domain/json-bounds.ts).
 */
export function decodeCredentialPayload(text: string): Record<string, unknown> | string {
  return credentialOfInflated(inflateBounded(deflatedOfPayload(text)).toString('utf8'));
}

function inflateBounded(deflated: Uint8Array): Buffer {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_DECODED_BYTES });
  } catch (err) {
    // zlib stops at the limit instead of inflating on: the bomb is refused, not unpacked
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new SkillPassError(
        'too-large',
        `This QR code's credential inflates beyond ${MAX_DECODED_BYTES} bytes.`,
        { limit: MAX_DECODED_BYTES },
      );
    throw err;
  }
}

export const credentialPayloads: CredentialPayloadCodec = {
  encode: encodeCredentialPayload,
  decode: decodeCredentialPayload,
};
