-- How many indexes each list pair has handed out, kept on the revocation list's row: counting
-- the allocations on every issuance took about 3 ms once a list neared its fill limit
-- (src/services/issuance/status-lists.ts). Kept by tryAllocate and the status release, in their unit of work.
ALTER TABLE status_lists ADD COLUMN allocated INTEGER NOT NULL DEFAULT 0;
UPDATE status_lists SET allocated = (SELECT COUNT(*) FROM status_allocations a
  WHERE a.spoke = status_lists.spoke AND a.list_number = status_lists.list_number)
  WHERE purpose = 'revocation';
