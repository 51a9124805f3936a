-- Programme statistics (issue 16, items 4, 5 and 8; README "Programme statistics").
-- One row per check of a certificate this hub holds: a verification (POST /verifications, the
-- VC API, the /v pages) or a recognition decision. Only what the counts need: no IP, no name, no
-- token. certificate_ref is an HMAC-SHA256 of the certificate id under a hub secret (the
-- 'statistics-key' secret), so events can be counted per distinct certificate but not joined
-- back to a certificate, a worker or a placement. centre, qualification and aqrf_level are the
-- certificate's; destination is the asking authority's or employer's country ('' when anonymous);
-- outcome is the verification outcome or the recognition decision.
CREATE TABLE statistic_events (
  kind TEXT NOT NULL,
  certificate_ref TEXT NOT NULL,
  centre TEXT NOT NULL,
  qualification TEXT NOT NULL,
  aqrf_level INTEGER,
  destination TEXT NOT NULL,
  checked_on TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX statistic_events_day ON statistic_events(kind, checked_on);
-- Programme costs (POST /programmes/:id/costs): a programme is the label its programme tokens
-- share; amounts are decimal text, read back exactly on both engines, one row per entry.
CREATE TABLE programme_costs (
  id TEXT PRIMARY KEY,
  programme TEXT NOT NULL,
  quarter TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX programme_costs_programme ON programme_costs(programme, quarter);
