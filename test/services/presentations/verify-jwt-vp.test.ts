import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, issue, type TestHub } from '../../helpers/test-hub.js';
import { didKeyWallet, jwtVcOf, presentJwtVp, type DidWallet } from '../../helpers/wallet-credentials.js';
import { verifyWithHub } from '../../../src/services/verification/verification-service.js';

/** A holder-signed VP as a JWT (jwt_vc_json): the credential's checks, and the holder's binding to the challenge. */
describe('verifyJwtVp', () => {
  let hub: TestHub;
  let wallet: DidWallet;
  let vc: string;
  const challenge = { audience: 'https://employer.example', nonce: 'n-1' };
  const binding = async (vp: string, withChallenge = true) =>
    (await verifyWithHub(hub.ctx, vp, withChallenge ? { challenge } : {})).checks.find(
      (c) => c.id === 'holder-binding',
    );

  beforeAll(async () => {
    hub = await startTestHub();
    wallet = didKeyWallet();
    vc = await jwtVcOf(hub, await issue(hub), wallet.did);
  });
  afterAll(async () => hub?.close());

  it('bound to the challenge, by the credential subject: valid, every credential check run', async () => {
    const r = await verifyWithHub(
      hub.ctx,
      await presentJwtVp(hub, vc, wallet, { aud: challenge.audience, nonce: challenge.nonce }),
      { challenge },
    );
    expect(r.outcome).toBe('valid');
    expect(r.checks.map((c) => c.id)).toEqual([
      'well-formed',
      'proof',
      'issuer',
      'accreditation',
      'level',
      'validity',
      'status',
      'holder-binding',
    ]);
    expect(r.presentation).toMatchObject({ format: 'jwt_vp', challengeChecked: true });
  });

  it('without a challenge: integrity only, and said', async () => {
    const b = await binding(await presentJwtVp(hub, vc, wallet), false);
    expect(b).toMatchObject({ outcome: 'valid', details: { challenge: false } });
  });

  it('another verifier, another nonce, another holder than the subject, or a forged holder signature: refused', async () => {
    expect(
      (await binding(await presentJwtVp(hub, vc, wallet, { aud: 'https://other.example', nonce: 'n-1' })))
        ?.code,
    ).toBe('challenge-mismatch');
    expect(
      (await binding(await presentJwtVp(hub, vc, wallet, { aud: challenge.audience, nonce: 'old' })))?.code,
    ).toBe('challenge-mismatch');
    const thief = didKeyWallet();
    expect(
      (await binding(await presentJwtVp(hub, vc, thief, { ...challenge, aud: challenge.audience })))?.code,
    ).toBe('holder-mismatch');
    // signed by the thief while claiming to be the subject
    expect(
      (
        await binding(
          await presentJwtVp(
            hub,
            vc,
            { ...thief, did: wallet.did, kid: wallet.kid },
            { aud: challenge.audience, nonce: 'n-1' },
          ),
        )
      )?.code,
    ).toBe('key-binding-invalid');
  });
});
