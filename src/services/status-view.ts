import type { Repositories } from './ports.js';
import type { StatusLookup } from '../domain/checks/status-check.js';

/** Where verification reads status bits from: the hub's own store, or saved list files (offline CLI). */
export interface StatusView {
  lookup(listUrl: string, index: number): Promise<StatusLookup>;
}

/**
 * Lists this hub serves are read straight from the store: a lookup, not a re-verification
 * of the signed list credential per request. Lists of other hosts are not fetched.
 */
export function hubStatusView(repos: Pick<Repositories, 'statusLists'>, publicUrl: string): StatusView {
  const prefix = `${publicUrl}/status-lists/`;
  return {
    async lookup(listUrl, index) {
      if (!listUrl.startsWith(prefix)) return { found: false, message: `${listUrl} is not a list of this hub and is not fetched.` };
      const bit = await repos.statusLists.bit(listUrl.slice(prefix.length), index);
      if (!bit) return { found: false, message: `this hub has no list ${listUrl}.` };
      if (index >= bit.size) return { found: false, message: `index ${index} is outside the list.` };
      return { found: true, set: bit.set, listIssuer: bit.issuer, version: String(bit.version) };
    },
  };
}
