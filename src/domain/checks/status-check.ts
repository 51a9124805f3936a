import { type CheckResult, fail, pass, skip, unsure } from '../verification-result.js';

/**
 * The status check (https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm),
 * judged now, from list lookups the caller made (the hub's own store, or saved list files).
 * A list that cannot be read makes the answer "indeterminate", never "valid".
 */
export type StatusLookup =
  | { found: true; set: boolean; listIssuer: string; version: string }
  | { found: false; message: string };

export interface StatusEntryLookup {
  purpose: string;
  listUrl: string;
  index: number;
  lookup: StatusLookup;
}

export function parseStatusEntry(entry: unknown): { purpose: string; listUrl: string; index: number } | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const e = entry as Record<string, unknown>;
  if (e.type !== 'BitstringStatusListEntry') return undefined;
  // statusListIndex is "an integer ... expressed as a string" (https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry):
  // Number('') would read bit 0, Number(' 7 ') bit 7
  if (typeof e.statusListIndex !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(e.statusListIndex)) return undefined;
  const index = Number(e.statusListIndex);
  if (typeof e.statusListCredential !== 'string' || typeof e.statusPurpose !== 'string') return undefined;
  return { purpose: e.statusPurpose, listUrl: e.statusListCredential, index };
}

export function checkStatus(issuer: string, entryCount: number, lookups: readonly StatusEntryLookup[]): CheckResult {
  if (entryCount === 0) return skip('status', 'The certificate carries no status entry.');
  if (lookups.length < entryCount) return fail('status', 'unsupported-status-entry', 'The certificate has a status entry this verifier cannot read.');
  const snapshot = lookups.map((l) => ({ list: l.listUrl, purpose: l.purpose, ...(l.lookup.found ? { version: l.lookup.version } : {}) }));
  for (const l of lookups) {
    if (l.lookup.found && l.lookup.listIssuer !== issuer) {
      return fail('status', 'status-list-issuer-mismatch', 'The status list belongs to another issuer.', { snapshot });
    }
  }
  const revoked = lookups.find((l) => l.purpose === 'revocation' && l.lookup.found && l.lookup.set);
  if (revoked) return fail('status', 'revoked', 'This certificate has been revoked by its testing centre.', { snapshot });
  const suspended = lookups.find((l) => l.purpose === 'suspension' && l.lookup.found && l.lookup.set);
  if (suspended) return fail('status', 'suspended', 'This certificate is suspended by its testing centre.', { snapshot });
  const missing = lookups.find((l) => !l.lookup.found);
  if (missing && !missing.lookup.found) return unsure('status', 'status-unavailable', `The status list could not be read: ${missing.lookup.message}`);
  return pass('status', 'Neither revoked nor suspended.', { snapshot });
}
