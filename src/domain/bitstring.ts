import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-encoding):
 * index 0 is the most significant bit of the first byte; the list is GZIP-compressed and
 * multibase base64url-encoded ('u' prefix) as `encodedList`.
 */
export const STATUS_LIST_SIZE = 131_072; // the spec's minimum, for herd privacy

export function getBit(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) throw new RangeError(`status index ${index} is outside the list`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}

export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  const i = index >> 3;
  if (i >= bits.length || index < 0) throw new RangeError(`status index ${index} is outside the list`);
  bits[i] = value ? bits[i]! | (0x80 >> (index & 7)) : bits[i]! & ~(0x80 >> (index & 7));
}

export const encodeList = (bits: Uint8Array): string => `u${gzipSync(bits).toString('base64url')}`;

export function decodeList(encoded: string): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url (u prefix)');
  return new Uint8Array(
    gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: 16 * 1024 * 1024 }),
  );
}
