import type { Repositories } from './ports.js';
import type { StatusLookup } from '../domain/checks/status-check.js';

/** Where verification reads status bits from: the hub's own store, or saved list files (offline CLI). */
export interface StatusView {
  /** a certificate's status entries, all at once (the hub reads them in one query), in the order given */
  lookupAll(entries: readonly { listUrl: string; index: number }[]): Promise<StatusLookup[]>;
}

/**
 * Lists this hub serves are read straight from the store: a lookup, not a re-verification
 * of the signed list credential per request. Lists of other hosts are not fetched.
 */
export function hubStatusView(repos: Pick<Repositories, 'statusLists'>, publicUrl: string): StatusView {
  const prefix = `${publicUrl}/status-lists/`;
  return {
    async lookupAll(entries) {
      const ours = entries.filter((e) => e.listUrl.startsWith(prefix));
      const bits = await repos.statusLists.bits(ours.map((e) => ({ id: e.listUrl.slice(prefix.length), index: e.index })));
      return entries.map(({ listUrl, index }): StatusLookup => {
        if (!listUrl.startsWith(prefix)) return { found: false, message: `${listUrl} is not a list of this hub and is not fetched.` };
        const bit = bits[ours.findIndex((e) => e.listUrl === listUrl && e.index === index)];
        if (!bit) return { found: false, message: `this hub has no list ${listUrl}.` };
        if (index >= bit.size) return { found: false, message: `index ${index} is outside the list.` };
        return { found: true, set: bit.set, listIssuer: bit.issuer, version: String(bit.version) };
      });
    },
  };
}
