import { type CheckResult, fail, pass, skip, unsure } from '../verification-result.js';

/**
 * The status check (https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm),
 * judged now, from list lookups the caller made (the hub's own store, or saved list files).
 * A list that cannot be read makes the answer "indeterminate", never "valid".
 *
 * Entries of purpose `revocation` and `suspension` are one bit (certificates issued before
 * migration 007 carry one of each); an entry of purpose `message` (SkillPass certificates
 * since) holds a `statusSize`-bit value, judged by the message its own `statusMessage` gives
 * that value: "revoked", "suspended" or "valid" (../status-list-credential.ts).
 */
export type StatusLookup =
  | { found: true; value: number; listIssuer: string; version: string }
  | { found: false; message: string };

export interface StatusEntry {
  purpose: string;
  listUrl: string;
  index: number;
  /** bits per entry (§2.1 statusSize; 1 when absent) */
  statusSize: number;
  /** statusMessage: the message for each value, by value */
  messages?: string[];
}

export interface StatusEntryLookup extends StatusEntry {
  lookup: StatusLookup;
}

/** Entry sizes this verifier reads: an entry never spans two bytes of the list. */
const READABLE_SIZES = new Set([1, 2, 4, 8]);
const HEX = /^0x[0-9a-f]+$/i;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * statusMessage (§2.1): an array with one element per possible value (2^statusSize), each with
 * `status` (the value in hexadecimal, `0x` prefix) and `message`; MUST be present when
 * statusSize > 1. Undefined when it breaks a rule.
 */
function parseMessages(value: unknown, statusSize: number): string[] | undefined {
  const count = 2 ** statusSize;
  if (!Array.isArray(value) || value.length !== count) return undefined;
  const messages = new Array<string | undefined>(count).fill(undefined);
  for (const m of value) {
    if (!isObject(m) || typeof m.status !== 'string' || !HEX.test(m.status) || typeof m.message !== 'string') return undefined;
    const v = Number.parseInt(m.status.slice(2), 16);
    if (v >= count || messages[v] !== undefined) return undefined;
    messages[v] = m.message;
  }
  return messages as string[];
}

export function parseStatusEntry(entry: unknown): StatusEntry | undefined {
  if (!isObject(entry)) return undefined;
  const e = entry;
  if (e.type !== 'BitstringStatusListEntry') return undefined;
  // statusListIndex is "an integer ... expressed as a string" (https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry):
  // Number('') would read bit 0, Number(' 7 ') bit 7
  if (typeof e.statusListIndex !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(e.statusListIndex)) return undefined;
  const index = Number(e.statusListIndex);
  if (typeof e.statusListCredential !== 'string' || typeof e.statusPurpose !== 'string') return undefined;
  // statusSize: "If present, ... an integer greater than zero"; absent means 1
  const statusSize = e.statusSize === undefined ? 1 : e.statusSize;
  if (typeof statusSize !== 'number' || !READABLE_SIZES.has(statusSize)) return undefined;
  let messages: string[] | undefined;
  if (e.statusMessage !== undefined || statusSize > 1) {
    messages = parseMessages(e.statusMessage, statusSize);
    if (!messages) return undefined;
  }
  return { purpose: e.statusPurpose, listUrl: e.statusListCredential, index, statusSize, ...(messages ? { messages } : {}) };
}

type Verdict = 'revoked' | 'suspended' | 'unknown' | 'clear';

function verdictOf(l: StatusEntryLookup & { lookup: { found: true } }): Verdict {
  const { value } = l.lookup;
  if (l.purpose === 'revocation') return value !== 0 ? 'revoked' : 'clear';
  if (l.purpose === 'suspension') return value !== 0 ? 'suspended' : 'clear';
  if (l.purpose === 'message') {
    const message = l.messages?.[value];
    return message === 'revoked' || message === 'suspended' ? message : message === 'valid' ? 'clear' : 'unknown';
  }
  return 'clear'; // another purpose (refresh) says nothing about validity
}

export function checkStatus(issuer: string, entryCount: number, lookups: readonly StatusEntryLookup[]): CheckResult {
  if (entryCount === 0) return skip('status', 'The certificate carries no status entry.');
  if (lookups.length < entryCount) return fail('status', 'unsupported-status-entry', 'The certificate has a status entry this verifier cannot read.');
  const snapshot = lookups.map((l) => ({ list: l.listUrl, purpose: l.purpose, ...(l.lookup.found ? { version: l.lookup.version } : {}),
    ...(l.lookup.found && l.purpose === 'message' ? { status: `0x${l.lookup.value.toString(16)}` } : {}) }));
  for (const l of lookups) {
    if (l.lookup.found && l.lookup.listIssuer !== issuer) {
      return fail('status', 'status-list-issuer-mismatch', 'The status list belongs to another issuer.', { snapshot });
    }
  }
  const verdicts = lookups.map((l) => (l.lookup.found ? verdictOf(l as StatusEntryLookup & { lookup: { found: true } }) : undefined));
  if (verdicts.includes('revoked')) return fail('status', 'revoked', 'This certificate has been revoked by its testing centre.', { snapshot });
  if (verdicts.includes('suspended')) return fail('status', 'suspended', 'This certificate is suspended by its testing centre.', { snapshot });
  const missing = lookups.find((l) => !l.lookup.found);
  if (missing && !missing.lookup.found) return unsure('status', 'status-unavailable', `The status list could not be read: ${missing.lookup.message}`);
  if (verdicts.includes('unknown')) return unsure('status', 'unknown-status-message', 'The status list gives this certificate a status its status entry does not explain.');
  return pass('status', 'Neither revoked nor suspended.', { snapshot });
}
