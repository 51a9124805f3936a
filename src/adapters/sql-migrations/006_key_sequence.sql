-- A centre's keys in the order they were created. Ordering by valid_from text stops working
-- once instants carry milliseconds ("10:00:00.700Z" sorts before "10:00:00Z"), and two keys can
-- share an instant; the sequence never ties (src/services/registry/key-lifecycle.ts, README "Key rotation").
-- Existing keys are numbered by (valid_from, id), which was their order: whole seconds only.
ALTER TABLE spoke_keys ADD COLUMN seq INTEGER;
UPDATE spoke_keys SET seq = (SELECT COUNT(*) FROM spoke_keys k WHERE k.spoke = spoke_keys.spoke
  AND (k.valid_from < spoke_keys.valid_from OR (k.valid_from = spoke_keys.valid_from AND k.id <= spoke_keys.id)));
CREATE UNIQUE INDEX spoke_keys_seq ON spoke_keys(spoke, seq);
