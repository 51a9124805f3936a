import { describe, expect, it } from 'vitest';
import { checkKeyBinding } from '../../../src/domain/presentations/key-binding.js';
import { sdDigest } from '../../../src/domain/presentations/sd-jwt.js';

/** RFC 9901 §7.3: the Key Binding JWT against what was presented and the verifier's challenge. */
const now = '2026-11-20T10:00:00Z';
const iat = Date.parse(now) / 1000;
const presented = 'header.payload.sig~disclosure~';
const kb = (
  payload: Record<string, unknown> = {},
  header: Record<string, unknown> = { typ: 'kb+jwt', alg: 'ES256' },
) => ({
  presented,
  kbJwt: {
    text: 'kb',
    header,
    payload: { iat, aud: 'https://employer.example', nonce: 'n-1', sd_hash: sdDigest(presented), ...payload },
  },
});
const challenge = { audience: 'https://employer.example', nonce: 'n-1' };

describe('the Key Binding JWT', () => {
  it('bound to the challenge: valid', () => {
    expect(checkKeyBinding(kb(), true, challenge, now)).toMatchObject({
      outcome: 'valid',
      details: { challenge: true },
    });
  });

  it('without a challenge: valid for integrity only, and the message says it was not checked against one', () => {
    const r = checkKeyBinding(kb(), true, undefined, now);
    expect(r).toMatchObject({ outcome: 'valid', details: { challenge: false } });
    expect(r.message).toMatch(/not checked against a challenge/);
  });

  it('another audience or another nonce: challenge-mismatch', () => {
    expect(checkKeyBinding(kb({ aud: 'https://other.example' }), true, challenge, now).code).toBe(
      'challenge-mismatch',
    );
    expect(checkKeyBinding(kb({ nonce: 'n-2' }), true, challenge, now).code).toBe('challenge-mismatch');
    expect(checkKeyBinding(kb(), true, { nonce: 'n-1' }, now).outcome).toBe('valid');
  });

  it('no KB-JWT: refused when a challenge was set, skipped (and said) otherwise', () => {
    expect(checkKeyBinding({ presented }, undefined, challenge, now).code).toBe('no-key-binding');
    expect(checkKeyBinding({ presented }, undefined, undefined, now).outcome).toBe('skipped');
  });

  it('a bad signature, no holder key, another typ or another sd_hash: key-binding-invalid', () => {
    expect(checkKeyBinding(kb(), false, challenge, now).code).toBe('key-binding-invalid');
    expect(checkKeyBinding(kb(), undefined, challenge, now).code).toBe('key-binding-invalid');
    expect(checkKeyBinding(kb({}, { typ: 'JWT', alg: 'ES256' }), true, challenge, now).code).toBe(
      'key-binding-invalid',
    );
    expect(checkKeyBinding(kb({ sd_hash: sdDigest('other~') }), true, challenge, now).code).toBe(
      'key-binding-invalid',
    );
    expect(checkKeyBinding(kb({ iat: 'now' }), true, challenge, now).code).toBe('key-binding-invalid');
  });

  it('iat more than 5 minutes from now, either way: key-binding-stale', () => {
    expect(checkKeyBinding(kb({ iat: iat - 301 }), true, challenge, now).code).toBe('key-binding-stale');
    expect(checkKeyBinding(kb({ iat: iat + 301 }), true, challenge, now).code).toBe('key-binding-stale');
    expect(checkKeyBinding(kb({ iat: iat - 299 }), true, challenge, now).outcome).toBe('valid');
    expect(checkKeyBinding(kb({ iat: 1e300 }), true, challenge, now).code).toBe('key-binding-stale');
  });
});
