import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  credentialRequest,
  nonceRequest,
  tokenRequest,
} from '../../../src/services/wallets/wallet-issuance.js';
import { oauthAnswer } from '../../../src/domain/wallets/oauth-error.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { codeOf, joseWallet } from '../../helpers/jose-wallet.js';
import { KH_ISSUER, rejects } from '../../helpers/service-calls.js';
import { replaceOffer } from '../../../src/services/wallets/wallet-offers.js';

/**
 * The token, nonce and credential use cases called directly (src/services/wallets/wallet-issuance.ts):
 * one redemption wins a race, access tokens expire, and the birth date kept for the SD-JWT VC is
 * erased once issued or once its offer is over.
 */
describe('wallet issuance', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });
  const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
  const certify = async () =>
    (await issue(hub, brickRequest())) as Awaited<ReturnType<typeof issue>> & {
      walletOffer: { uri: string; pin: string };
    };
  const form = (c: Awaited<ReturnType<typeof certify>>) => ({
    grant_type: GRANT,
    'pre-authorized_code': codeOf(c.walletOffer.uri),
    tx_code: c.walletOffer.pin,
  });
  const oauth = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (e) {
      const answer = oauthAnswer(e);
      if (answer) return answer.body.error;
      throw e;
    }
    return undefined;
  };
  const seconds = () => Math.floor(hub.clock.now().getTime() / 1000);

  it('concurrent redemptions of one code: exactly one gets a token', async () => {
    const c = await certify();
    const results = await Promise.all(Array.from({ length: 4 }, () => oauth(tokenRequest(hub.ctx, form(c)))));
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    expect(results.filter((r) => r === 'invalid_grant')).toHaveLength(3);
  });

  it('the birth date kept with the offer is erased once the SD-JWT VC is issued', async () => {
    const c = await certify();
    const offerOf = async () => (await hub.ctx.store.repos.wallets.offersOf(c.id))[0]!;
    expect((await offerOf()).claims).toEqual({ birthdate: '1995-04-12' });
    const { access_token } = await tokenRequest(hub.ctx, form(c));
    const wallet = await joseWallet();
    const proof = await wallet.proof({
      nonce: (await nonceRequest(hub.ctx)).c_nonce,
      aud: hub.ctx.publicUrl,
      iat: seconds(),
    });
    const answer = await credentialRequest(hub.ctx, `Bearer ${access_token}`, {
      credential_configuration_id: 'skill-certificate-sd-jwt',
      proofs: { jwt: [proof] },
    });
    const sdJwt = answer.credentials[0]!.credential as string;
    const disclosed = sdJwt
      .split('~')
      .slice(1, -1)
      .map((d) => JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[]);
    expect(disclosed.map((d) => d[1])).toEqual(['birthdate', 'identifier', 'assessment']);
    expect(disclosed[0]![2]).toBe('1995-04-12');
    expect((await offerOf()).claims).toBeNull();
  });

  it('claims of an offer that expired unredeemed are erased; an access token expires', async () => {
    const unused = await certify();
    const used = await certify();
    const { access_token } = await tokenRequest(hub.ctx, form(used));
    hub.clock.set('2026-11-27T10:00:01Z');
    try {
      const wallet = await joseWallet();
      const proof = await wallet.proof({
        nonce: (await nonceRequest(hub.ctx)).c_nonce,
        aud: hub.ctx.publicUrl,
        iat: seconds(),
      });
      expect(
        await oauth(
          credentialRequest(hub.ctx, `Bearer ${access_token}`, {
            credential_configuration_id: 'skill-certificate-ldp-vc',
            proofs: { jwt: [proof] },
          }),
        ),
      ).toBe('invalid_token');
      // any token request purges what is over
      expect(await oauth(tokenRequest(hub.ctx, form(unused)))).toBe('invalid_grant');
      for (const c of [unused, used])
        expect((await hub.ctx.store.repos.wallets.offersOf(c.id))[0]!.claims).toBeNull();
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
  });

  it('an expired certificate gets no wallet copy (credential_request_denied), nor a new offer', async () => {
    const c = await certify();
    const validUntil = (await hub.ctx.store.repos.certificates.get(c.id))!.validUntil;
    const at = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
    try {
      // an offer redeemed a minute before the certificate expires, its access token used a second after
      hub.clock.set(at(validUntil, -60));
      const view = await replaceOffer(hub.ctx, KH_ISSUER, c.id);
      const { access_token } = await tokenRequest(hub.ctx, {
        grant_type: GRANT,
        'pre-authorized_code': codeOf(view.uri),
        tx_code: view.pin,
      });
      hub.clock.set(at(validUntil, 1));
      const wallet = await joseWallet();
      const proof = await wallet.proof({
        nonce: (await nonceRequest(hub.ctx)).c_nonce,
        aud: hub.ctx.publicUrl,
        iat: seconds(),
      });
      expect(
        await oauth(
          credentialRequest(hub.ctx, `Bearer ${access_token}`, {
            credential_configuration_id: 'skill-certificate-ldp-vc',
            proofs: { jwt: [proof] },
          }),
        ),
      ).toBe('credential_request_denied');
      expect(await hub.ctx.store.repos.wallets.copiesOf(c.id)).toEqual([]);
      await rejects(replaceOffer(hub.ctx, KH_ISSUER, c.id), 'certificate-not-valid');
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
  });
});
