import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/adapters/crypto/keys/secret-box.js';

const box = new SecretBox(randomBytes(32));
const secret = '{"kty":"OKP","crv":"Ed25519","d":"s3cr3t ✓"}';
const ad = 'did:web:hub.example:spokes:kh-ntti#key-1';

/** Flip one bit of one base64url part of a sealed value. */
function flipBit(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  it('opens what it sealed, with the same associated data', () => {
    expect(box.open(box.seal(secret, ad), ad)).toBe(secret);
  });

  it('seals in the v1.<iv>.<tag>.<ciphertext> format, without the plaintext in clear', () => {
    const sealed = box.seal(secret, ad);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('s3cr3t');
  });

  it('uses a fresh IV each time, so sealing twice gives different ciphertexts', () => {
    expect(box.seal(secret, ad)).not.toBe(box.seal(secret, ad));
  });

  it('refuses to open with another key', () => {
    const sealed = box.seal(secret, ad);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, ad)).toThrow();
  });

  it('refuses to open with other associated data (a row swapped to another key id)', () => {
    const sealed = box.seal(secret, ad);
    expect(() => box.open(sealed, 'did:web:hub.example:spokes:th-bkk-itc#key-1')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    expect(() => box.open(flipBit(box.seal(secret, ad), 3), ad)).toThrow();
  });

  it('refuses a tampered authentication tag', () => {
    expect(() => box.open(flipBit(box.seal(secret, ad), 2), ad)).toThrow();
  });

  it('refuses a tampered IV', () => {
    expect(() => box.open(flipBit(box.seal(secret, ad), 1), ad)).toThrow();
  });

  it('refuses an unknown format version', () => {
    expect(() => box.open(box.seal(secret, ad).replace(/^v1\./, 'v2.'), ad)).toThrow(
      'unrecognised sealed secret',
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  // BUG (src/adapters/crypto/keys/secret-box.ts, open): setAuthTag is given whatever length the
  // stored tag has and the decipher is created without { authTagLength: 16 }. Node 20 then
  // accepts GCM tags as short as 4 bytes, so a forger only has to match 32 bits of tag
  // instead of 128. Repro: keep only the first 4 bytes of the tag part; open() still succeeds.
  it('refuses a truncated (4-byte) authentication tag', () => {
    const [v, iv, tag, ct] = box.seal(secret, ad).split('.');
    const truncated = [v, iv, Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url'), ct].join(
      '.',
    );
    expect(() => box.open(truncated, ad)).toThrow();
  });
});
