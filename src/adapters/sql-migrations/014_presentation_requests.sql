-- Presentation requests (issue 17; README "Asking a worker's wallet for a certificate"): an
-- employer's OpenID4VP request for one qualification, answered once by the worker's wallet.
-- employer_token is the creating token's id (not a foreign key: tokens may be deleted by label).
-- claims: the selectively disclosable claims asked for, as JSON text. page_key_hash: SHA-256 of
-- the key in the employer's page URL. result: the verification result as JSON text, kept until
-- purge_after (the request's lifetime and a short retention), when the row is deleted.
CREATE TABLE presentation_requests (
  id TEXT PRIMARY KEY,
  employer_token TEXT NOT NULL,
  qualification TEXT NOT NULL,
  purpose TEXT,
  claims TEXT NOT NULL,
  nonce TEXT NOT NULL,
  page_key_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  answered_at TEXT,
  result TEXT,
  purge_after TEXT NOT NULL
);
CREATE INDEX presentation_requests_purge ON presentation_requests(purge_after);
