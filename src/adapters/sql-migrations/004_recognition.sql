-- Recognition agreements, recorded by the hub or by a destination authority (its own country).
-- Versioned: an (id, version) row is never overwritten; the highest version of an id is the one in use.
-- An authority token's country scope is tokens.country (003).
CREATE TABLE recognition_agreements (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
