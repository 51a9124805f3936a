import { type CheckResult, fail, pass, skip, unsure } from '../verification-result.js';

/**
 * The status check (https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm),
 * judged now, from list lookups the caller made (the hub's own store, or saved list files).
 * A list that cannot be read makes the answer "indeterminate", never "valid".
 *
 * Entries are one bit (statusSize 1): a set `revocation` bit is revoked, a set `suspension` bit
 * suspended; another purpose says nothing about validity. A revocation entry on one of this
 * hub's lists also answers with its companion suspension list's bit at the same index
 * (`suspension`, ../status-list-credential.ts): SkillPass's suspension, which the certificate
 * does not name. Revoked is definitive whatever the companion says; while not revoked, a
 * companion that cannot be read leaves the status unconfirmed (indeterminate), never valid.
 */
export type BitLookup =
  { found: true; set: boolean; listIssuer: string; version: string } | { found: false; message: string };

/** The companion suspension list's bit, read with a revocation entry on one of this hub's lists. */
export type CompanionLookup = BitLookup & { listUrl: string };

export type StatusLookup = BitLookup & { suspension?: CompanionLookup };

export interface StatusEntry {
  purpose: string;
  listUrl: string;
  index: number;
}

export interface StatusEntryLookup extends StatusEntry {
  lookup: StatusLookup;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseStatusEntry(entry: unknown): StatusEntry | undefined {
  if (!isObject(entry)) return undefined;
  const e = entry;
  if (e.type !== 'BitstringStatusListEntry') return undefined;
  // statusListIndex is "an integer ... expressed as a string" (https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry):
  // Number('') would read bit 0, Number(' 7 ') bit 7
  if (typeof e.statusListIndex !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(e.statusListIndex))
    return undefined;
  const index = Number(e.statusListIndex);
  if (typeof e.statusListCredential !== 'string' || typeof e.statusPurpose !== 'string') return undefined;
  // statusSize: absent means 1 (§2.1). This verifier reads one-bit entries only: a wider one would
  // read other bits than the issuer wrote, so it is not read at all
  if (e.statusSize !== undefined && e.statusSize !== 1) return undefined;
  return { purpose: e.statusPurpose, listUrl: e.statusListCredential, index };
}

export function checkStatus(
  issuer: string,
  entryCount: number,
  lookups: readonly StatusEntryLookup[],
): CheckResult {
  if (entryCount === 0) return skip('status', 'The certificate carries no status entry.');
  if (lookups.length < entryCount)
    return fail(
      'status',
      'unsupported-status-entry',
      'The certificate has a status entry this verifier cannot read.',
    );
  const versionOf = (l: BitLookup) => (l.found ? { version: l.version } : {});
  const snapshot = lookups.map((l) => ({
    list: l.listUrl,
    purpose: l.purpose,
    ...versionOf(l.lookup),
    ...(l.lookup.suspension
      ? { suspension: { list: l.lookup.suspension.listUrl, ...versionOf(l.lookup.suspension) } }
      : {}),
  }));
  // every bit read: each entry's own, and the companion suspension bit beside a revocation entry
  const bits = lookups.flatMap((l) => [
    { purpose: l.purpose, lookup: l.lookup as BitLookup },
    ...(l.lookup.suspension ? [{ purpose: 'suspension', lookup: l.lookup.suspension as BitLookup }] : []),
  ]);
  for (const { lookup } of bits) {
    if (lookup.found && lookup.listIssuer !== issuer) {
      return fail('status', 'status-list-issuer-mismatch', 'The status list belongs to another issuer.', {
        snapshot,
      });
    }
  }
  const isSet = (purpose: string) =>
    bits.some((b) => b.purpose === purpose && b.lookup.found && b.lookup.set);
  if (isSet('revocation'))
    return fail('status', 'revoked', 'This certificate has been revoked by its testing centre.', {
      snapshot,
    });
  if (isSet('suspension'))
    return fail('status', 'suspended', 'This certificate is suspended by its testing centre.', { snapshot });
  const missing = bits.map((b) => b.lookup).find((l) => !l.found);
  if (missing && !missing.found)
    return unsure('status', 'status-unavailable', `The status list could not be read: ${missing.message}`);
  return pass('status', 'Neither revoked nor suspended.', { snapshot });
}
