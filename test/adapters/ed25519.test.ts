import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify as opensslVerify,
  type KeyObject,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKeyBytes, verifyEd25519 } from '../../src/adapters/crypto/keys/ed25519.js';
import { createProofPool } from '../../src/adapters/crypto/workers/proof-pool.js';
import { SkillPassError } from '../../src/domain/errors.js';
import { ed25519PublicKeyToMultibase } from '../../src/adapters/crypto/keys/multikey.js';

/** libsodium (sodium-native) checks every signature; node:crypto (OpenSSL) is the reference it must agree with. */
const raw = (k: KeyObject) => Buffer.from(k.export({ format: 'jwk' }).x!, 'base64url');
const hex = (h: string) => Buffer.from(h, 'hex');
const keyObject = (rawKey: Buffer) =>
  createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawKey.toString('base64url') }, format: 'jwk' });

describe('Ed25519 signature checks (libsodium)', () => {
  it('accepts the RFC 8032 section 7.1 test vectors, and refuses them with one bit changed', () => {
    const vectors = [
      {
        pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
        msg: '',
        sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      },
      {
        pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
        msg: '72',
        sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
      },
    ];
    for (const v of vectors) {
      expect(verifyEd25519(hex(v.sig), hex(v.msg), hex(v.pk))).toBe(true);
      const flipped = hex(v.sig);
      flipped[10]! ^= 0x01;
      expect(verifyEd25519(flipped, hex(v.msg), hex(v.pk))).toBe(false);
    }
  });

  it("gives node:crypto's verdict on valid and tampered signatures, messages and keys", () => {
    const cases = Array.from({ length: 200 }, (_, i) => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const message = randomBytes(i * 7);
      const signature = sign(null, message, privateKey);
      const variants: [Buffer, Buffer, KeyObject][] = [[message, signature, publicKey]];
      const badSig = Buffer.from(signature);
      badSig[i % 64]! ^= 1 << (i % 8);
      variants.push([message, badSig, publicKey]);
      if (message.length > 0) {
        const badMsg = Buffer.from(message);
        badMsg[i % message.length]! ^= 0x80;
        variants.push([badMsg, signature, publicKey]);
      }
      variants.push([message, signature, generateKeyPairSync('ed25519').publicKey]);
      return variants;
    }).flat();
    let valid = 0;
    for (const [message, signature, key] of cases) {
      const reference = opensslVerify(null, message, key, signature);
      expect(verifyEd25519(signature, message, raw(key))).toBe(reference);
      if (reference) valid++;
    }
    expect(valid).toBe(200);
  });

  it('refuses a non-canonical S (S + L) as OpenSSL does, and wrong lengths without throwing', () => {
    const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const privateKey = createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: seed.toString('base64url'),
        x: hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a').toString('base64url'),
      },
      format: 'jwk',
    });
    const message = Buffer.from('SkillPass');
    const signature = sign(null, message, privateKey);
    const publicKey = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(verifyEd25519(signature, message, publicKey)).toBe(true);
    // S is the little-endian second half; L = 2^252 + 27742317777372353535851937790883648493
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).reverse().toString('hex')}`);
    const sPlusL = Buffer.from((s + L).toString(16).padStart(64, '0'), 'hex').reverse();
    const malleated = Buffer.concat([signature.subarray(0, 32), sPlusL]);
    expect(opensslVerify(null, message, keyObject(publicKey), malleated)).toBe(false);
    expect(verifyEd25519(malleated, message, publicKey)).toBe(false);
    expect(verifyEd25519(signature.subarray(0, 63), message, publicKey)).toBe(false);
    expect(verifyEd25519(signature, message, publicKey.subarray(0, 31))).toBe(false);
  });

  it('reads the raw key out of a Multikey value', () => {
    const key = randomBytes(32);
    expect(Buffer.from(ed25519PublicKeyBytes(ed25519PublicKeyToMultibase(key))).equals(key)).toBe(true);
    expect(() => ed25519PublicKeyBytes('zNotAKey')).toThrow();
  });

  it('in the worker pool, many checks started together (sent in batches) each get their own verdict', async () => {
    const pool = createProofPool(2);
    try {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const tasks = Array.from({ length: 150 }, (_, i) => {
        const message = randomBytes(40 + i);
        const signature = sign(null, message, privateKey);
        if (i % 3 === 1) signature[5]! ^= 0x10;
        return { task: { signature, message, publicKey: raw(publicKey) }, expected: i % 3 !== 1 };
      });
      const verdicts = await Promise.all(tasks.map((t) => pool.verifySignature(t.task)));
      expect(verdicts).toEqual(tasks.map((t) => t.expected));
    } finally {
      await pool.close();
    }
  });

  it('a full worker queue refuses further signature checks at once (back-pressure), and the checks already taken still finish', async () => {
    const pool = createProofPool(1, 1);
    try {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const big = randomBytes(2 * 1024 * 1024); // hashing 64 of these keeps the one worker busy for a while
      const slow = { signature: sign(null, big, privateKey), message: big, publicKey: raw(publicKey) };
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      const running = Array.from({ length: 64 }, () => pool.verifySignature(slow)); // one message, taken by the worker
      await nextTurn();
      const queued = pool.verifySignature(slow); // the next message waits in the queue (its one place)
      await nextTurn();
      await expect(pool.verifySignature(slow)).rejects.toBeInstanceOf(SkillPassError);
      await expect(pool.verifySignature(slow)).rejects.toMatchObject({ code: 'overloaded' });
      expect(await Promise.all(running)).toEqual(Array.from({ length: 64 }, () => true));
      expect(await queued).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
