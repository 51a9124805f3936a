import { describe, expect, it } from 'vitest';
import { oauthAnswer } from '../../../src/domain/wallets/oauth-error.js';
import {
  afterWrongPin,
  credentialOfferObject,
  isPin,
  MAX_PIN_ATTEMPTS,
  offerState,
  redeemRefusal,
  secretHash,
  type WalletOffer,
} from '../../../src/domain/wallets/offers.js';

const offer = (over: Partial<WalletOffer> = {}): WalletOffer => ({
  id: 'o1',
  certificateId: 'urn:uuid:1',
  codeHash: secretHash('code'),
  pinHash: secretHash('123456'),
  claims: null,
  createdAt: '2026-11-20T10:00:00Z',
  expiresAt: '2026-11-27T10:00:00Z',
  redeemedAt: null,
  voidedAt: null,
  failedPins: 0,
  ...over,
});

describe('wallet offers (pure rules)', () => {
  it('an offer is open until its expiry instant (exclusive), then expired; redeemed and voided win', () => {
    expect(offerState(offer(), '2026-11-27T09:59:59Z')).toBe('open');
    expect(offerState(offer(), '2026-11-27T10:00:00Z')).toBe('expired');
    expect(offerState(offer({ redeemedAt: '2026-11-21T00:00:00Z' }), '2026-11-21T00:00:01Z')).toBe(
      'redeemed',
    );
    expect(offerState(offer({ voidedAt: '2026-11-21T00:00:00Z' }), '2026-11-21T00:00:01Z')).toBe('voided');
  });

  it('only an open offer may be redeemed: unknown, used, voided and expired are invalid_grant', () => {
    expect(redeemRefusal(offer(), '2026-11-21T00:00:00Z')).toBeUndefined();
    for (const [o, at, words] of [
      [undefined, '2026-11-21T00:00:00Z', /not known/],
      [offer({ redeemedAt: '2026-11-20T11:00:00Z' }), '2026-11-21T00:00:00Z', /already used/],
      [offer({ voidedAt: '2026-11-20T11:00:00Z' }), '2026-11-21T00:00:00Z', /voided/],
      [offer(), '2026-11-28T00:00:00Z', /expired/],
    ] as const) {
      const refusal = redeemRefusal(o, at);
      expect(oauthAnswer(refusal)?.body).toEqual({
        error: 'invalid_grant',
        error_description: expect.stringMatching(words),
      });
    }
  });

  it('the fifth wrong PIN voids the offer, not the fourth', () => {
    expect(MAX_PIN_ATTEMPTS).toBe(5);
    expect(afterWrongPin(3)).toEqual({ failedPins: 4, voided: false, left: 1 });
    expect(afterWrongPin(4)).toEqual({ failedPins: 5, voided: true, left: 0 });
  });

  it('a PIN is exactly six digits', () => {
    expect(isPin('012345')).toBe(true);
    for (const bad of ['12345', '1234567', '12345a', ' 123456']) expect(isPin(bad)).toBe(false);
  });

  it('the offer object carries the code and a numeric 6-digit tx_code description, never the PIN', () => {
    const o = credentialOfferObject('https://hub.example', ['a', 'b'], 'the-code');
    expect(o).toEqual({
      credential_issuer: 'https://hub.example',
      credential_configuration_ids: ['a', 'b'],
      grants: {
        'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
          'pre-authorized_code': 'the-code',
          tx_code: { input_mode: 'numeric', length: 6, description: expect.any(String) },
        },
      },
    });
  });
});
