-- Employers and the worker's own follow-up survey (issue 16, item 3; README "Placements and follow-ups").
-- An employer outlives its tokens: placements and follow-ups belong to the employer, so a rotated or
-- second token acts for the same employer and revoking one keeps its data.
CREATE TABLE employers (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  country TEXT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE tokens ADD COLUMN employer_id TEXT;
-- one employer per existing employer token, with the token's id as the employer's
INSERT INTO employers (id, label, country, created_at)
  SELECT id, label, country, created_at FROM tokens WHERE role = 'employer' AND country IS NOT NULL;
UPDATE tokens SET employer_id = id WHERE role = 'employer' AND country IS NOT NULL;
ALTER TABLE placements ADD COLUMN employer_id TEXT;
UPDATE placements SET employer_id = employer_token;
-- placements of a token since deleted: their own employer, in the placements' country
INSERT INTO employers (id, label, country, created_at)
  SELECT employer_token, 'employer (token deleted)', MIN(destination), MIN(recorded_at) FROM placements
  WHERE employer_token NOT IN (SELECT id FROM employers) GROUP BY employer_token;
-- employer_token stays as the token that recorded the placement; uniqueness and listing are the employer's
DROP INDEX placements_once;
DROP INDEX placements_employer;
CREATE UNIQUE INDEX placements_once_per_employer ON placements(employer_id, certificate_id, start_date);
CREATE INDEX placements_of_employer ON placements(employer_id, start_date);
-- The worker's personal survey code, one per certificate (handed to the worker by the centre at
-- certification, before any placement): only its SHA-256 hash is stored.
CREATE TABLE worker_survey_codes (
  code_hash TEXT PRIMARY KEY,
  certificate_id TEXT NOT NULL UNIQUE REFERENCES certificates(id),
  created_at TEXT NOT NULL
);
-- The worker's answers (source: worker), apart from the employer's (placement_follow_ups):
-- one per placement and month mark, the primary key refuses a second.
CREATE TABLE worker_survey_answers (
  placement_id TEXT NOT NULL REFERENCES placements(id),
  month INTEGER NOT NULL,
  still_employed INTEGER NOT NULL,
  wage_amount TEXT,
  wage_currency TEXT,
  role_or_grade TEXT,
  would_recommend INTEGER NOT NULL,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (placement_id, month)
);
