-- Outcomes (issue 16; README "Placements and follow-ups"): employer and programme tokens, the
-- worker's consent to follow-up (hub data kept beside the certificate, never a claim inside it),
-- placements recorded by employers and their tracer follow-ups at 3, 6 and 12 months.
-- A programme token's corridors, as JSON text (null: every corridor; the other roles have none).
ALTER TABLE tokens ADD COLUMN corridors TEXT;
-- Consent given at certification, with the version of the wording the worker agreed to.
CREATE TABLE follow_up_consents (
  certificate_id TEXT PRIMARY KEY REFERENCES certificates(id),
  wording_version TEXT NOT NULL,
  consented_at TEXT NOT NULL
);
-- employer_token is the recording token's id (not a foreign key: tokens may be deleted by label).
-- wage_amount is the decimal amount as text, read back exactly on both engines.
CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  employer_token TEXT NOT NULL,
  certificate_id TEXT NOT NULL REFERENCES certificates(id),
  destination TEXT NOT NULL,
  isco08 TEXT NOT NULL,
  start_date TEXT NOT NULL,
  wage_amount TEXT NOT NULL,
  wage_currency TEXT NOT NULL,
  contract_type TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX placements_employer ON placements(employer_token, start_date);
-- one employer records a worker's placement starting on a day once (a retry is not a second placement)
CREATE UNIQUE INDEX placements_once ON placements(employer_token, certificate_id, start_date);
CREATE INDEX placements_certificate ON placements(certificate_id);
-- One answer per placement and month mark (3, 6 or 12): the primary key refuses a second one.
CREATE TABLE placement_follow_ups (
  placement_id TEXT NOT NULL REFERENCES placements(id),
  month INTEGER NOT NULL,
  still_employed INTEGER NOT NULL,
  wage_amount TEXT,
  wage_currency TEXT,
  role_or_grade TEXT,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (placement_id, month)
);
