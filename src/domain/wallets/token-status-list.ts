import { deflateSync } from 'node:zlib';
import { getBit } from '../bitstring.js';

/**
 * A Token Status List (draft-ietf-oauth-status-list §4, §5.1) with `bits: 2` built from a
 * centre's Bitstring Status List pair (../status-list-credential.ts): per index, 0 valid, 1
 * revoked ("INVALID"), 2 suspended; revoked wins over suspended. The bytes are LSB-first (index 0
 * is the two lowest bits of byte 0), compressed with DEFLATE in the ZLIB format and base64url
 * encoded as `lst`. Pure.
 */
export const TOKEN_STATUS = { valid: 0, revoked: 1, suspended: 2 } as const;
/** how long a reader may keep the token before fetching it again (seconds, the `ttl` claim) */
export const STATUS_LIST_TTL_SECONDS = 300;

export function twoBitList(revocation: Uint8Array, suspension: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(size / 4));
  for (let i = 0; i < size; i++) {
    const value = getBit(revocation, i)
      ? TOKEN_STATUS.revoked
      : getBit(suspension, i)
        ? TOKEN_STATUS.suspended
        : TOKEN_STATUS.valid;
    if (value) out[i >> 2] = out[i >> 2]! | (value << ((i & 3) * 2));
  }
  return out;
}

/** The Status List Token's claims: `sub` its own URI, `iat`, `exp` and `ttl`. */
export function statusListTokenClaims(o: {
  uri: string;
  issuer: string;
  nowSeconds: number;
  list: Uint8Array;
}): Record<string, unknown> {
  return {
    iss: o.issuer,
    sub: o.uri,
    iat: o.nowSeconds,
    exp: o.nowSeconds + STATUS_LIST_TTL_SECONDS,
    ttl: STATUS_LIST_TTL_SECONDS,
    status_list: { bits: 2, lst: deflateSync(o.list).toString('base64url') },
  };
}

/** `<centre>-<n>`: the token list of a list number (both of its Bitstring lists); undefined for another name. */
export function parseTokenListId(id: string): { spoke: string; listNumber: number } | undefined {
  const m = /^([a-z0-9][a-z0-9-]{0,62})-([0-9]{1,9})$/.exec(id);
  return m ? { spoke: m[1]!, listNumber: Number(m[2]) } : undefined;
}

export const tokenStatusListUrl = (publicUrl: string, spoke: string, listNumber: number): string =>
  `${publicUrl}/token-status-lists/${spoke}-${listNumber}`;
