import type { Repositories, StatusBit } from '../ports.js';
import type { BitLookup, CompanionLookup, StatusLookup } from '../../domain/checks/status-check.js';
import { companionOf } from '../../domain/status-list-credential.js';

/** What a status entry asks of its list. */
export interface StatusEntryRef {
  listUrl: string;
  index: number;
  purpose: string;
}

/** Where verification reads status bits from: the hub's own store, or saved list files (offline CLI). */
export interface StatusView {
  /**
   * A certificate's status entries, all at once (the hub reads them in one query), in the order
   * given. A revocation entry on one of this hub's lists answers with its companion suspension
   * bit too (../../domain/checks/status-check.ts).
   */
  lookupAll(entries: readonly StatusEntryRef[]): Promise<StatusLookup[]>;
}

/** The list's statusPurpose must be the entry's (§3.2 validate algorithm). */
export const purposeMismatch = (listUrl: string, list: string, entry: string): BitLookup => ({
  found: false,
  message: `${listUrl} is a ${list} list, the status entry says ${entry}.`,
});

/** No companion suspension list can be named for a revocation list of this hub: its suspension cannot be confirmed. */
export const noCompanion = (listUrl: string): CompanionLookup => ({
  listUrl,
  found: false,
  message: `${listUrl} names no companion suspension list.`,
});

/**
 * Lists this hub serves are read straight from the store: a lookup, not a re-verification
 * of the signed list credential per request. Lists of other hosts are not fetched.
 */
export function hubStatusView(repos: Pick<Repositories, 'statusLists'>, publicUrl: string): StatusView {
  const prefix = `${publicUrl}/status-lists/`;
  return {
    async lookupAll(entries) {
      // each entry of this hub's lists, and beside a revocation entry its companion's bit at the same index: one read
      const reads: { id: string; index: number }[] = [];
      const planned = entries.map((e) => {
        if (!e.listUrl.startsWith(prefix)) return undefined;
        const own = reads.push({ id: e.listUrl.slice(prefix.length), index: e.index }) - 1;
        const companionId =
          e.purpose === 'revocation' ? companionOf(e.listUrl.slice(prefix.length)) : undefined;
        const companion = companionId ? reads.push({ id: companionId, index: e.index }) - 1 : undefined;
        return { own, companion };
      });
      const bits = reads.length > 0 ? await repos.statusLists.bits(reads) : [];
      return entries.map(({ listUrl, index, purpose }, i): StatusLookup => {
        const plan = planned[i];
        if (!plan)
          return { found: false, message: `${listUrl} is not a list of this hub and is not fetched.` };
        const own = bitLookup(listUrl, index, purpose, bits[plan.own]);
        if (!own.found || purpose !== 'revocation') return own;
        if (plan.companion === undefined) return { ...own, suspension: noCompanion(listUrl) };
        const companionUrl = `${prefix}${reads[plan.companion]!.id}`;
        return {
          ...own,
          suspension: {
            listUrl: companionUrl,
            ...bitLookup(companionUrl, index, 'suspension', bits[plan.companion]),
          },
        };
      });
    },
  };
}

function bitLookup(listUrl: string, index: number, purpose: string, b: StatusBit | undefined): BitLookup {
  if (!b) return { found: false, message: `this hub has no list ${listUrl}.` };
  if (index >= b.size) return { found: false, message: `index ${index} is outside the list.` };
  if (b.purpose !== purpose) return purposeMismatch(listUrl, b.purpose, purpose);
  return { found: true, set: b.set, listIssuer: b.issuer, version: String(b.version) };
}
