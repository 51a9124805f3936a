-- Registry, keys, tokens, certificates and the audit log.
-- Portable SQL (TEXT/INTEGER, no engine-specific types) so the same schema serves PostgreSQL.
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE aqrf_levels (
  level INTEGER PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE frameworks (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE qualifications (
  code TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE spokes (
  slug TEXT PRIMARY KEY,
  did TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE spoke_keys (
  id TEXT PRIMARY KEY,
  spoke TEXT NOT NULL REFERENCES spokes(slug),
  public_key_multibase TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  compromised_from TEXT,
  encrypted_secret TEXT NOT NULL
);
CREATE INDEX spoke_keys_spoke ON spoke_keys(spoke);
CREATE TABLE accreditations (
  id TEXT PRIMARY KEY,
  spoke TEXT NOT NULL REFERENCES spokes(slug),
  qualifications TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX accreditations_spoke ON accreditations(spoke);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  spoke TEXT,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  spoke TEXT NOT NULL REFERENCES spokes(slug),
  qualification TEXT NOT NULL,
  format TEXT NOT NULL,
  serialized TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT NOT NULL
);
CREATE INDEX certificates_spoke ON certificates(spoke);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
