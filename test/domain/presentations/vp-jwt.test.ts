import { describe, expect, it } from 'vitest';
import { checkVpBinding, readJwtVp } from '../../../src/domain/presentations/vp-jwt.js';

/** A VP as a JWT (VC-JWT 1.1 §6.3.1): what is read, and the holder's binding. */
const now = '2026-11-20T10:00:00Z';
const iat = Date.parse(now) / 1000;
const vp = (over: Record<string, unknown> = {}, claims: Record<string, unknown> = {}) => ({
  iss: 'did:key:zHolder',
  aud: 'https://employer.example',
  nonce: 'n-1',
  iat,
  vp: { type: ['VerifiablePresentation'], verifiableCredential: ['a.b.c'], ...over },
  ...claims,
});
const challenge = { audience: 'https://employer.example', nonce: 'n-1' };

describe('a JWT VP', () => {
  it('reads the holder and its one credential', () => {
    expect(readJwtVp(vp())).toMatchObject({
      ok: true,
      vp: { holder: 'did:key:zHolder', credential: 'a.b.c' },
    });
  });

  it('refuses another type, two credentials, none, or a holder other than iss', () => {
    expect(readJwtVp(vp({ type: ['VerifiableCredential'] })).ok).toBe(false);
    expect(readJwtVp(vp({ verifiableCredential: ['a.b.c', 'd.e.f'] })).ok).toBe(false);
    expect(readJwtVp(vp({ verifiableCredential: [] })).ok).toBe(false);
    expect(readJwtVp(vp({ holder: 'did:key:zOther' })).ok).toBe(false);
    expect(readJwtVp(vp({}, { iss: undefined })).ok).toBe(false);
  });

  it('binding: the subject must be the holder; with a challenge, aud, nonce and a fresh iat', () => {
    const read = (claims: Record<string, unknown> = {}) => {
      const r = readJwtVp(vp({}, claims));
      if (!r.ok) throw new Error(r.message);
      return r.vp;
    };
    expect(checkVpBinding(read(), 'did:key:zHolder', true, challenge, now).outcome).toBe('valid');
    expect(checkVpBinding(read(), 'did:key:zOther', true, challenge, now).code).toBe('holder-mismatch');
    expect(checkVpBinding(read(), 'did:key:zHolder', false, challenge, now).code).toBe('key-binding-invalid');
    expect(
      checkVpBinding(read({ aud: ['https://x.example'] }), 'did:key:zHolder', true, challenge, now).code,
    ).toBe('challenge-mismatch');
    expect(checkVpBinding(read({ nonce: 'n-2' }), 'did:key:zHolder', true, challenge, now).code).toBe(
      'challenge-mismatch',
    );
    expect(checkVpBinding(read({ iat: iat - 600 }), 'did:key:zHolder', true, challenge, now).code).toBe(
      'key-binding-stale',
    );
    expect(checkVpBinding(read({ iat: iat - 600 }), 'did:key:zHolder', true, undefined, now).details).toEqual(
      { challenge: false },
    );
  });
});
