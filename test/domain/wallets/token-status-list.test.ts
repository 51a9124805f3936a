import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { setBit } from '../../../src/domain/bitstring.js';
import {
  parseTokenListId,
  statusListTokenClaims,
  twoBitList,
} from '../../../src/domain/wallets/token-status-list.js';

describe('Token Status List from a Bitstring pair (draft-ietf-oauth-status-list)', () => {
  it('two bits per index, LSB first: 0 valid, 1 revoked (wins over suspended), 2 suspended', () => {
    const revocation = new Uint8Array(2);
    const suspension = new Uint8Array(2);
    setBit(revocation, 1, true);
    setBit(suspension, 2, true);
    setBit(revocation, 5, true);
    setBit(suspension, 5, true);
    const list = twoBitList(revocation, suspension, 16);
    expect(list).toHaveLength(4);
    // byte 0 holds indexes 0..3: 0b10_00_01_00 -> index 1 = 1 (bits 2-3), index 2 = 2 (bits 4-5)
    expect(list[0]).toBe(0b00100100);
    // index 5 is the second pair of byte 1: revoked
    expect(list[1]).toBe(0b00000100);
  });

  it('the claims: sub, iat, exp, ttl and the zlib-deflated list', () => {
    const list = new Uint8Array([1, 2, 3]);
    const claims = statusListTokenClaims({
      uri: 'https://hub.example/token-status-lists/c-1',
      issuer: 'did:x',
      nowSeconds: 100,
      list,
    });
    expect(claims).toMatchObject({
      sub: 'https://hub.example/token-status-lists/c-1',
      iat: 100,
      exp: 400,
      ttl: 300,
    });
    const lst = (claims.status_list as { bits: number; lst: string }).lst;
    expect(new Uint8Array(inflateSync(Buffer.from(lst, 'base64url')))).toEqual(list);
  });

  it('names a list <centre>-<n>', () => {
    expect(parseTokenListId('kh-ntti-12')).toEqual({ spoke: 'kh-ntti', listNumber: 12 });
    expect(parseTokenListId('kh-ntti-1-revocation')).toBeUndefined();
    expect(parseTokenListId('../x-1')).toBeUndefined();
  });
});
