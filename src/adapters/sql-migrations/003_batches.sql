-- Testing-centre cohorts (batches), exactly-once issuance, idempotency keys, token scopes.
-- Holder-match keys: SHA-256 of the normalised name|birthDate and of the normalised document
-- number, so a cohort can be checked against certificates already issued without storing
-- more personal data than the credential itself holds.
ALTER TABLE certificates ADD COLUMN holder_key TEXT;
ALTER TABLE certificates ADD COLUMN holder_document_key TEXT;
CREATE INDEX certificates_holder_key ON certificates(spoke, qualification, holder_key);
CREATE INDEX certificates_holder_document_key ON certificates(spoke, qualification, holder_document_key);
-- an authority token is scoped to a country
ALTER TABLE tokens ADD COLUMN country TEXT;
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  spoke TEXT NOT NULL REFERENCES spokes(slug),
  token_id TEXT NOT NULL,
  state TEXT NOT NULL,
  format TEXT NOT NULL,
  qr TEXT NOT NULL,
  source TEXT NOT NULL,
  total INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  committed_at TEXT,
  completed_at TEXT,
  lease_owner TEXT,
  lease_until TEXT
);
CREATE INDEX batches_spoke ON batches(spoke, created_at);
CREATE INDEX batches_state ON batches(state);
-- One row of a cohort. Its certificate id is decided when the row is stored, before anything
-- is signed: resuming an interrupted commit re-issues the row under the same id, never twice.
CREATE TABLE batch_rows (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  row_number INTEGER NOT NULL,
  line INTEGER,
  input TEXT NOT NULL,
  errors TEXT NOT NULL,
  state TEXT NOT NULL,
  certificate_id TEXT UNIQUE,
  failure TEXT,
  PRIMARY KEY (batch_id, row_number)
);
CREATE INDEX batch_rows_state ON batch_rows(batch_id, state);
-- Idempotency-Key: claimed (unique row) before the work, completed with the first answer.
CREATE TABLE idempotency_keys (
  token_id TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL,
  owner TEXT NOT NULL,
  status INTEGER,
  headers TEXT,
  body TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_id, idem_key)
);
