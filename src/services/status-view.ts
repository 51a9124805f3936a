import type { Repositories } from './ports.js';
import type { StatusLookup } from '../domain/checks/status-check.js';

/** What a status entry asks of its list. */
export interface StatusEntryRef { listUrl: string; index: number; statusSize: number; purpose: string }

/** Where verification reads status values from: the hub's own store, or saved list files (offline CLI). */
export interface StatusView {
  /** a certificate's status entries, all at once (the hub reads them in one query), in the order given */
  lookupAll(entries: readonly StatusEntryRef[]): Promise<StatusLookup[]>;
}

/** An entry whose statusSize is not its list's reads other bits than the issuer wrote: no answer. */
export const sizeMismatch = (listUrl: string, list: number, entry: number): StatusLookup =>
  ({ found: false, message: `${listUrl} holds ${list}-bit entries, the status entry says ${entry}.` });

/** The list's statusPurpose must be the entry's (§3.2 validate algorithm). */
export const purposeMismatch = (listUrl: string, list: string, entry: string): StatusLookup =>
  ({ found: false, message: `${listUrl} is a ${list} list, the status entry says ${entry}.` });

/**
 * Lists this hub serves are read straight from the store: a lookup, not a re-verification
 * of the signed list credential per request. Lists of other hosts are not fetched.
 */
export function hubStatusView(repos: Pick<Repositories, 'statusLists'>, publicUrl: string): StatusView {
  const prefix = `${publicUrl}/status-lists/`;
  return {
    async lookupAll(entries) {
      const ours = entries.filter((e) => e.listUrl.startsWith(prefix));
      const values = await repos.statusLists.bits(ours.map((e) => ({ id: e.listUrl.slice(prefix.length), index: e.index })));
      return entries.map(({ listUrl, index, statusSize, purpose }): StatusLookup => {
        if (!listUrl.startsWith(prefix)) return { found: false, message: `${listUrl} is not a list of this hub and is not fetched.` };
        const v = values[ours.findIndex((e) => e.listUrl === listUrl && e.index === index)];
        if (!v) return { found: false, message: `this hub has no list ${listUrl}.` };
        if (index >= v.size) return { found: false, message: `index ${index} is outside the list.` };
        if (v.purpose !== purpose) return purposeMismatch(listUrl, v.purpose, purpose);
        if (v.statusSize !== statusSize) return sizeMismatch(listUrl, v.statusSize, statusSize);
        return { found: true, value: v.value, listIssuer: v.issuer, version: String(v.version) };
      });
    },
  };
}
