import { createHash } from 'node:crypto';

/**
 * Append-only, hash-chained audit log (docs/architecture.md, "Rules that keep it trustworthy").
 * Each entry's hash covers its content and the previous entry's hash, so editing or
 * deleting any past row breaks every hash after it.
 */
export interface AuditEntryContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Deterministic JSON: object keys sorted at every depth. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, content: AuditEntryContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(stableJson(content)).digest('hex');
}

export function chainEntry(
  prev: AuditEntry | undefined,
  content: Omit<AuditEntryContent, 'seq'>,
): AuditEntry {
  const prevHash = prev?.hash ?? GENESIS_HASH;
  // hash exactly what storage will give back: details as they survive a JSON round trip
  const details = JSON.parse(JSON.stringify(content.details)) as Record<string, unknown>;
  const full: AuditEntryContent = { seq: (prev?.seq ?? 0) + 1, ...content, details };
  return { ...full, prevHash, hash: auditHash(prevHash, full) };
}

export type ChainVerdict = { ok: true; length: number } | { ok: false; brokenAt: number; reason: string };

/** Walk the chain in order and report the first entry that does not fit. */
export function verifyChain(entries: readonly AuditEntry[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq)
      return { ok: false, brokenAt: e.seq, reason: `expected entry ${expectedSeq}, found ${e.seq}` };
    if (e.prevHash !== prevHash)
      return { ok: false, brokenAt: e.seq, reason: 'previous hash does not match' };
    const { prevHash: _p, hash: _h, ...content } = e;
    if (auditHash(prevHash, content) !== e.hash)
      return { ok: false, brokenAt: e.seq, reason: 'entry content does not match its hash' };
    prevHash = e.hash;
    expectedSeq += 1;
  }
  return { ok: true, length: entries.length };
}
