-- Certificates in a wallet (OpenID4VCI 1.0, pre-authorized code flow; README "Certificates in a
-- wallet (OpenID4VCI)"). Secrets are stored as SHA-256 hashes only: the pre-authorized code, the
-- PIN (tx_code) and the access token; the worker's copies of them are in the offer shown once.
-- An offer: single use, expiring, voided by 5 wrong PINs or by a newer offer for its certificate.
-- `claims` holds what the SD-JWT VC discloses but the hub does not keep in clear (the birth date
-- when it is not printed on the certificate), as JSON text, only until the offer is redeemed,
-- voided or expired: then it is set to NULL (services/wallets/wallet-offers.ts).
CREATE TABLE wallet_offers (
  id TEXT PRIMARY KEY,
  certificate_id TEXT NOT NULL REFERENCES certificates(id),
  code_hash TEXT NOT NULL UNIQUE,
  pin_hash TEXT NOT NULL,
  claims TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  redeemed_at TEXT,
  voided_at TEXT,
  failed_pins INTEGER NOT NULL
);
CREATE INDEX wallet_offers_certificate ON wallet_offers(certificate_id);
CREATE INDEX wallet_offers_expiry ON wallet_offers(expires_at);
-- An access token from the token endpoint, bound to its offer; it may obtain each credential
-- configuration once (`used`: JSON array of the configuration ids already issued).
CREATE TABLE wallet_access_tokens (
  token_hash TEXT PRIMARY KEY,
  offer_id TEXT NOT NULL REFERENCES wallet_offers(id),
  expires_at TEXT NOT NULL,
  used TEXT NOT NULL
);
-- c_nonce values from the nonce endpoint: each accepted in one key proof, then deleted.
CREATE TABLE wallet_nonces (
  nonce TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE INDEX wallet_nonces_expiry ON wallet_nonces(expires_at);
-- Every copy issued to a wallet: its own id, the certificate it copies (and whose status index it
-- shares), the format, and the wallet key it is bound to (a DID or a JWK thumbprint).
CREATE TABLE wallet_copies (
  id TEXT PRIMARY KEY,
  certificate_id TEXT NOT NULL REFERENCES certificates(id),
  offer_id TEXT NOT NULL REFERENCES wallet_offers(id),
  format TEXT NOT NULL,
  holder TEXT NOT NULL,
  issued_at TEXT NOT NULL
);
CREATE INDEX wallet_copies_certificate ON wallet_copies(certificate_id);
