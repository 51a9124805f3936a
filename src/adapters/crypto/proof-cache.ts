import { createHash } from 'node:crypto';
import type { ProofCheck } from './eddsa-rdfc-2022.js';

/**
 * Proof results for identical bytes under the same public key: the only verification
 * result that can never change, so the only one cached (an employer rescanning the same
 * certificate). Validity, status, issuer and accreditation are always judged afresh.
 *
 * Bounded, in two generations rather than a least-recently-used list: new results go into
 * the young generation; when it is full it becomes the old one and the previous old one is
 * dropped whole; a hit in the old generation moves to the young one. Every distinct
 * credential is a miss that inserts, so an LRU kept in one Map deleted an entry per request,
 * and V8's Map then walks the deleted slots to find the oldest: with 20,000 entries that cost
 * the event loop more than the rest of the cache (about 15% of the main thread on distinct
 * JWTs, measured alternating the two builds). Between max/2 and max results are held.
 */
export class ProofCache {
  private young = new Map<string, ProofCheck>();
  private old = new Map<string, ProofCheck>();
  constructor(private readonly max = 20_000) {}

  /** the key's length first, so no key and bytes can run together into another pair's */
  static key(bytes: string, publicKeyMultibase: string): string {
    return createHash('sha256').update(`${publicKeyMultibase.length}:${publicKeyMultibase}`).update(bytes).digest('base64url');
  }

  get(key: string): ProofCheck | undefined {
    const young = this.young.get(key);
    if (young) return young;
    const old = this.old.get(key);
    if (old) this.set(key, old); // still wanted: keep it past the next turnover
    return old;
  }

  set(key: string, value: ProofCheck): void {
    if (this.young.size >= Math.max(1, Math.floor(this.max / 2))) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    let n = this.young.size;
    for (const k of this.old.keys()) if (!this.young.has(k)) n++;
    return n;
  }
}
