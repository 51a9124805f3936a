-- Every public URL the hub has served under (README "Moving a hub"), recorded at start. The one
-- adopted last is the hub's identity now; the others stay its aliases: certificates issued under
-- them name their DIDs, status-list URLs and context URL, and keep verifying.
CREATE TABLE hub_public_urls (
  public_url TEXT PRIMARY KEY,
  did TEXT NOT NULL,
  first_adopted TEXT NOT NULL,
  adopted_seq INTEGER NOT NULL
);
