import { describe, expect, it } from 'vitest';
import { checkIssuer } from '../../../src/domain/checks/issuer-check.js';
import { key, otherSpoke, spoke } from '../fixtures.js';

const at = '2026-11-20T10:00:00Z';

describe('checkIssuer', () => {
  it('passes for a registered centre signing with its own key that was valid at issuance', () => {
    expect(checkIssuer(spoke.did, spoke, key(), at)).toMatchObject({
      id: 'issuer',
      outcome: 'valid',
      details: { spoke: spoke.slug },
    });
  });

  it('fails with issuer-not-registered for an issuer the hub does not know', () => {
    expect(checkIssuer('did:web:elsewhere.example', undefined, key(), at)).toMatchObject({
      outcome: 'invalid',
      code: 'issuer-not-registered',
    });
  });

  it('fails with key-not-registered when the signing key is not in the registry', () => {
    expect(checkIssuer(spoke.did, spoke, undefined, at).code).toBe('key-not-registered');
  });

  it('fails with key-not-registered when the key belongs to another centre', () => {
    const othersKey = key({ id: `${otherSpoke.did}#key-1`, spoke: otherSpoke.slug });
    expect(checkIssuer(spoke.did, spoke, othersKey, at).code).toBe('key-not-registered');
  });

  it('fails with missing-issuance-time when the credential does not say when it was issued', () => {
    expect(checkIssuer(spoke.did, spoke, key(), undefined).code).toBe('missing-issuance-time');
  });

  it('fails with key-compromised when issued at or after the compromise date', () => {
    expect(checkIssuer(spoke.did, spoke, key({ compromisedFrom: '2026-11-01T00:00:00Z' }), at).code).toBe(
      'key-compromised',
    );
  });

  it('passes a credential issued before the key was compromised', () => {
    expect(checkIssuer(spoke.did, spoke, key({ compromisedFrom: '2026-12-01T00:00:00Z' }), at).outcome).toBe(
      'valid',
    );
  });

  it('fails with key-rotated-out when issued after the key was replaced', () => {
    expect(checkIssuer(spoke.did, spoke, key({ validUntil: '2026-06-01T00:00:00Z' }), at).code).toBe(
      'key-rotated-out',
    );
  });

  it('fails with key-not-yet-valid when issued before the key existed', () => {
    expect(checkIssuer(spoke.did, spoke, key({ validFrom: '2026-12-01T00:00:00Z' }), at).code).toBe(
      'key-not-yet-valid',
    );
  });
});
