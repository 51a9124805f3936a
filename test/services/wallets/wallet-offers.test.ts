import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStatus } from '../../helpers/certificates.js';
import {
  createOffer,
  offerClaimsOf,
  offerView,
  offerWithIssuance,
  replaceOffer,
} from '../../../src/services/wallets/wallet-offers.js';
import { secretHash } from '../../../src/domain/wallets/offers.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, audited, KH_ISSUER, rejects, TH_ISSUER } from '../../helpers/service-calls.js';

/** Wallet offers called directly (src/services/wallets/wallet-offers.ts): hashes only, one open offer per certificate, who may make one. */
describe('wallet offers', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });
  const offers = (id: string) => hub.ctx.store.repos.wallets.offersOf(id);

  it('stores only hashes of the code and the PIN; a new offer voids the open one; the lifetime is the configured one', async () => {
    const { id } = await issue(hub);
    const now = '2026-11-20T10:00:00Z';
    const first = await hub.ctx.store.transaction((tx) =>
      createOffer({ walletOfferDays: 2 }, tx, id, null, now),
    );
    expect(first.expiresAt).toBe('2026-11-22T10:00:00Z');
    const second = await hub.ctx.store.transaction((tx) =>
      createOffer({}, tx, id, { birthdate: '1995-04-12' }, now),
    );
    expect(second.expiresAt).toBe('2026-11-27T10:00:00Z');
    const [newest, older] = (await offers(id))
      .filter((o) => [first.id, second.id].includes(o.id))
      .sort((a) => (a.id === second.id ? -1 : 1));
    expect(newest).toMatchObject({
      codeHash: secretHash(second.preAuthorizedCode),
      pinHash: secretHash(second.pin),
      voidedAt: null,
    });
    expect(older).toMatchObject({ voidedAt: now, claims: null });
    const stored = JSON.stringify(await offers(id));
    expect(stored).not.toContain(second.preAuthorizedCode);
    expect(stored).not.toContain(`"${second.pin}"`);
  });

  it('keeps the birth date for the SD-JWT VC only when the certificate does not print it', () => {
    expect(offerClaimsOf({ birthDate: '1995-04-12' })).toEqual({ birthdate: '1995-04-12' });
    expect(offerClaimsOf({ birthDate: '1995-04-12', showBirthDate: true })).toBeNull();
    expect(offerClaimsOf({})).toBeNull();
  });

  it('the view: offer URI by value without the PIN, an https link and a QR code', async () => {
    const { id } = await issue(hub);
    const offer = await hub.ctx.store.transaction((tx) => offerWithIssuance(hub.ctx, tx, id, {}));
    const view = await offerView(hub.ctx, offer);
    expect(decodeURIComponent(view.uri)).toContain(offer.preAuthorizedCode);
    expect(view.uri).not.toContain(offer.pin);
    expect(view.pin).toBe(offer.pin);
  });

  it('only the issuing centre replaces an offer, not for a revoked certificate; it is audited', async () => {
    const { id } = await issue(
      hub,
      brickRequest({ holder: { name: 'Replace Me', birthDate: '1990-01-01' } }),
    );
    await rejects(replaceOffer(hub.ctx, ADMIN, id), 'forbidden');
    await rejects(replaceOffer(hub.ctx, TH_ISSUER, id), 'not-found');
    const view = await replaceOffer(hub.ctx, KH_ISSUER, id, { birthDate: '1990-01-01' });
    expect(view.pin).toMatch(/^[0-9]{6}$/);
    // the open one (the offer made at certification has the same instant under the test clock: it is the voided one)
    expect((await offers(id)).filter((o) => !o.voidedAt).map((o) => o.claims)).toEqual([
      { birthdate: '1990-01-01' },
    ]);
    expect((await audited(hub.ctx, 'certificate.wallet-offer')).at(-1)!.subject).toBe(id);
    await setStatus(hub, id, 'revocation');
    const before = (await offers(id)).length;
    await rejects(replaceOffer(hub.ctx, KH_ISSUER, id), 'certificate-not-valid');
    expect((await offers(id)).length).toBe(before);
  });
});
