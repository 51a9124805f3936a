import type { OfferClaims, WalletOffer } from '../../domain/wallets/offers.js';
import type { WalletAccessToken, WalletCopyRecord, WalletRepository } from '../../services/ports.js';
import { json, nullable, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/** Offers, access tokens, nonces and wallet copies (migration 013), written once for both engines. */
const OPEN = 'redeemed_at IS NULL AND voided_at IS NULL';

const toOffer = (r: Row): WalletOffer => ({
  id: String(r.id),
  certificateId: String(r.certificate_id),
  codeHash: String(r.code_hash),
  pinHash: String(r.pin_hash),
  claims: r.claims === null || r.claims === undefined ? null : json<OfferClaims>(r.claims),
  createdAt: String(r.created_at),
  expiresAt: String(r.expires_at),
  redeemedAt: nullable(r.redeemed_at),
  voidedAt: nullable(r.voided_at),
  failedPins: Number(r.failed_pins),
});

const toToken = (r: Row): WalletAccessToken => ({
  tokenHash: String(r.token_hash),
  offerId: String(r.offer_id),
  expiresAt: String(r.expires_at),
  used: json<string[]>(r.used),
});

const toCopy = (r: Row): WalletCopyRecord => ({
  id: String(r.id),
  certificateId: String(r.certificate_id),
  offerId: String(r.offer_id),
  format: String(r.format),
  holder: String(r.holder),
  issuedAt: String(r.issued_at),
});

export function walletRepository(ex: SqlExec): WalletRepository {
  const one = async (sql: string, params: unknown[]) => (await ex.all(sql, params))[0];
  return {
    insertOffer: async (o) => {
      await ex.run(
        'INSERT INTO wallet_offers (id, certificate_id, code_hash, pin_hash, claims, created_at, expires_at, redeemed_at, voided_at, failed_pins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          o.id,
          o.certificateId,
          o.codeHash,
          o.pinHash,
          o.claims ? JSON.stringify(o.claims) : null,
          o.createdAt,
          o.expiresAt,
          o.redeemedAt,
          o.voidedAt,
          o.failedPins,
        ],
      );
    },
    offerByCode: async (hash) => {
      const r = await one('SELECT * FROM wallet_offers WHERE code_hash = ?', [hash]);
      return r ? toOffer(r) : undefined;
    },
    offer: async (id) => {
      const r = await one('SELECT * FROM wallet_offers WHERE id = ?', [id]);
      return r ? toOffer(r) : undefined;
    },
    offersOf: async (certificateId) =>
      (
        await ex.all('SELECT * FROM wallet_offers WHERE certificate_id = ? ORDER BY created_at DESC, id', [
          certificateId,
        ])
      ).map(toOffer),
    voidOpenOffers: (certificateId, at) =>
      ex.run(
        `UPDATE wallet_offers SET voided_at = ?, claims = NULL WHERE certificate_id = ? AND ${OPEN} AND expires_at > ?`,
        [at, certificateId, at],
      ),
    recordWrongPin: async (id, from, voidedAt) =>
      (voidedAt
        ? await ex.run(
            `UPDATE wallet_offers SET failed_pins = ?, voided_at = ?, claims = NULL WHERE id = ? AND failed_pins = ? AND ${OPEN}`,
            [from + 1, voidedAt, id, from],
          )
        : await ex.run(
            `UPDATE wallet_offers SET failed_pins = ? WHERE id = ? AND failed_pins = ? AND ${OPEN}`,
            [from + 1, id, from],
          )) === 1,
    redeem: async (id, at) =>
      (await ex.run(`UPDATE wallet_offers SET redeemed_at = ? WHERE id = ? AND ${OPEN}`, [at, id])) === 1,
    eraseClaims: async (id) => {
      await ex.run('UPDATE wallet_offers SET claims = NULL WHERE id = ?', [id]);
    },
    insertToken: async (t) => {
      await ex.run(
        'INSERT INTO wallet_access_tokens (token_hash, offer_id, expires_at, used) VALUES (?, ?, ?, ?)',
        [t.tokenHash, t.offerId, t.expiresAt, JSON.stringify(t.used)],
      );
    },
    token: async (hash) => {
      const r = await one('SELECT * FROM wallet_access_tokens WHERE token_hash = ?', [hash]);
      return r ? toToken(r) : undefined;
    },
    useToken: async (hash, before, after) =>
      (await ex.run('UPDATE wallet_access_tokens SET used = ? WHERE token_hash = ? AND used = ?', [
        JSON.stringify(after),
        hash,
        JSON.stringify(before),
      ])) === 1,
    insertNonce: async (nonce, expiresAt) => {
      await ex.run('INSERT INTO wallet_nonces (nonce, expires_at) VALUES (?, ?)', [nonce, expiresAt]);
    },
    takeNonce: async (nonce, now) =>
      (await ex.run('DELETE FROM wallet_nonces WHERE nonce = ? AND expires_at > ?', [nonce, now])) === 1,
    insertCopy: async (c) => {
      await ex.run(
        'INSERT INTO wallet_copies (id, certificate_id, offer_id, format, holder, issued_at) VALUES (?, ?, ?, ?, ?, ?)',
        [c.id, c.certificateId, c.offerId, c.format, c.holder, c.issuedAt],
      );
    },
    copiesOf: async (certificateId) =>
      (
        await ex.all('SELECT * FROM wallet_copies WHERE certificate_id = ? ORDER BY issued_at, id', [
          certificateId,
        ])
      ).map(toCopy),
    copy: async (id) => {
      const r = await one('SELECT * FROM wallet_copies WHERE id = ?', [id]);
      return r ? toCopy(r) : undefined;
    },
    purge: async (now, redeemedBefore) => {
      await ex.atomically([
        { sql: 'DELETE FROM wallet_nonces WHERE expires_at <= ?', params: [now] },
        { sql: 'DELETE FROM wallet_access_tokens WHERE expires_at <= ?', params: [now] },
        {
          sql: 'UPDATE wallet_offers SET claims = NULL WHERE claims IS NOT NULL AND (expires_at <= ? OR voided_at IS NOT NULL OR redeemed_at <= ?)',
          params: [now, redeemedBefore],
        },
      ]);
    },
  };
}
