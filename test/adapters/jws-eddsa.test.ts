import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { verifyCompactJwsEdDSA } from '../../src/adapters/crypto/suites/jws-eddsa.js';

/** The direct Ed25519 JWS check must give jose's verdict on valid and tampered tokens alike. */
const { privateKey, publicKey: publicKeyObject } = generateKeyPairSync('ed25519');
const raw = (k: KeyObject) => Buffer.from(k.export({ format: 'jwk' }).x!, 'base64url');
const publicKey = raw(publicKeyObject);
const other = raw(generateKeyPairSync('ed25519').publicKey);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const sign = (header: Record<string, unknown>, payload: unknown) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as never)
    .sign(privateKey);

/** Signed by hand: jose will not sign headers it would refuse */
const rawSign = (header: Record<string, unknown>, payload: string) => {
  const input = `${b64(header)}.${payload}`;
  return `${input}.${ed25519Sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
};

async function joseSays(jws: string, key = publicKeyObject): Promise<boolean> {
  try {
    await compactVerify(jws, key, { algorithms: ['EdDSA', 'Ed25519'] });
    return true;
  } catch {
    return false;
  }
}

describe('verifyCompactJwsEdDSA', () => {
  it('agrees with jose on valid and tampered tokens', async () => {
    const payload = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: { name: 'Sok Dara' },
    };
    const good = await sign({ alg: 'EdDSA', kid: 'did:example:1#key-1', typ: 'vc+jwt' }, payload);
    const [h, p, s] = good.split('.') as [string, string, string];
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const cases: [string, string][] = [
      ['valid', good],
      ['payload changed', `${h}.${b64({ ...payload, issuer: 'did:example:2' })}.${s}`],
      ['header changed', `${b64({ alg: 'EdDSA', kid: 'did:example:1#key-2', typ: 'vc+jwt' })}.${p}.${s}`],
      ['signature bit flipped', `${h}.${p}.${flip(s, 5)}`],
      ['signature truncated', `${h}.${p}.${s.slice(0, 40)}`],
      ['signature missing', `${h}.${p}.`],
      ['non-base64url character in the payload', `${h}.${p.slice(0, 10)}*${p.slice(11)}.${s}`],
      ['four parts', `${good}.x`],
      ['two parts', `${h}.${p}`],
      ['signed with "crit"', rawSign({ alg: 'EdDSA', crit: ['exp'], exp: 1 }, p)],
      ['signed by hand, plain header (control)', rawSign({ alg: 'EdDSA' }, p)],
    ];
    for (const [name, jws] of cases) {
      let header: Record<string, unknown>;
      try {
        header = decodeProtectedHeader(jws) as Record<string, unknown>;
      } catch {
        header = {};
      }
      expect(await verifyCompactJwsEdDSA(jws, header, publicKey), name).toBe(await joseSays(jws));
    }
    expect(
      await verifyCompactJwsEdDSA(good, decodeProtectedHeader(good) as Record<string, unknown>, other),
    ).toBe(false);
    // stricter than jose: an unencoded payload (RFC 7797) is no VC-JOSE claims set
    const unencoded = rawSign({ alg: 'EdDSA', b64: false, crit: ['b64'] }, p);
    expect(await joseSays(unencoded)).toBe(true);
    expect(
      await verifyCompactJwsEdDSA(
        unencoded,
        decodeProtectedHeader(unencoded) as Record<string, unknown>,
        publicKey,
      ),
    ).toBe(false);
    expect(await joseSays(good)).toBe(true);
  });

  it('refuses an algorithm other than EdDSA even when the header claims it', async () => {
    const good = await sign({ alg: 'EdDSA' }, { a: 1 });
    expect(await verifyCompactJwsEdDSA(good, { alg: 'ES256' }, publicKey)).toBe(false);
    expect(await verifyCompactJwsEdDSA(good, { alg: 'EdDSA' }, publicKey)).toBe(true);
  });
});
