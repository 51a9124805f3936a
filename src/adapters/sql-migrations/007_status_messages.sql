-- One status entry per certificate (OB 3.0 allows one credentialStatus): new lists are Bitstring
-- Status Lists with statusPurpose 'message' and statusSize 2 (bit 2i revoked, bit 2i+1 suspended;
-- src/domain/status-list-credential.ts), one list per list number, id '<centre>-<n>-status'.
-- Lists created before this migration are revocation/suspension pairs of one bit per entry. They
-- are carried as they are (bits, versions, signed copies, allocations, fill counts): certificates
-- already issued name them, so they are still served, read and changed; they take no new
-- certificates (the next list number opens a message list).
ALTER TABLE status_lists ADD COLUMN status_size INTEGER NOT NULL DEFAULT 1;
UPDATE status_lists SET status_size = 1 WHERE purpose IN ('revocation', 'suspension');
-- the open list is the newest message list of a centre
CREATE INDEX status_lists_open ON status_lists(spoke, purpose, list_number);
