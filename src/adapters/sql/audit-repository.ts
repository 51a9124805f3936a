import { chainEntry, type AuditEntry, type AuditEntryContent } from '../../domain/audit-chain.js';
import type { AuditRepository } from '../../services/ports.js';
import { toAudit, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/**
 * The audit log's SQL, once for both engines. Appending reads the last entry and writes the next
 * one; how that pair is kept from interleaving differs (a synchronous SQLite transaction, a
 * PostgreSQL advisory lock), so each engine hands in `append` built from these pieces.
 */
export const LAST_AUDIT = 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1';
export const INSERT_AUDIT =
  'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** The next entry after `last` (the row LAST_AUDIT read) and INSERT_AUDIT's parameters for it. */
export function nextAudit(
  last: Row | undefined,
  content: Omit<AuditEntryContent, 'seq'>,
): { entry: AuditEntry; params: unknown[] } {
  const entry = chainEntry(last ? toAudit(last) : undefined, content);
  return {
    entry,
    params: [
      entry.seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.subject,
      JSON.stringify(entry.details),
      entry.prevHash,
      entry.hash,
    ],
  };
}

export function auditRepository(ex: SqlExec, append: AuditRepository['append']): AuditRepository {
  return {
    append,
    all: async () => (await ex.all('SELECT * FROM audit_log ORDER BY seq')).map(toAudit),
    forSubject: async (subject) =>
      (await ex.all('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq', [subject])).map(toAudit),
  };
}
