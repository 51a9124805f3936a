-- Lifecycle: accreditation history, status lists, registry version.
CREATE TABLE accreditation_events (
  accreditation_id TEXT NOT NULL REFERENCES accreditations(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (accreditation_id, seq)
);
CREATE TABLE status_lists (
  id TEXT PRIMARY KEY,
  spoke TEXT NOT NULL REFERENCES spokes(slug),
  list_number INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  size INTEGER NOT NULL,
  bits BLOB NOT NULL,
  version INTEGER NOT NULL,
  signed_version INTEGER,
  signed_credential TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (spoke, list_number, purpose)
);
CREATE TABLE status_allocations (
  spoke TEXT NOT NULL,
  list_number INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  certificate_id TEXT NOT NULL UNIQUE,
  PRIMARY KEY (spoke, list_number, idx)
);
CREATE TABLE meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO meta (name, value) VALUES ('registry_version', 0);
