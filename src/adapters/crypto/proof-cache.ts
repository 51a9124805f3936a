import { createHash } from 'node:crypto';
import type { ProofCheck } from './eddsa-rdfc-2022.js';
import { BoundedMap } from '../../domain/bounded-map.js';

/**
 * Proof results for identical bytes under the same public key: the only verification
 * result that can never change, so the only one cached (an employer rescanning the same
 * certificate). Validity, status, issuer and accreditation are always judged afresh.
 * Bounded in two generations (../../domain/bounded-map.ts): every distinct credential is a
 * miss that inserts, and a one-Map LRU evicting on each cost the event loop about 15% on
 * distinct JWTs (measured alternating the two builds).
 */
export class ProofCache {
  private readonly entries: BoundedMap<string, ProofCheck>;
  constructor(max = 20_000) { this.entries = new BoundedMap(max); }

  /** the key's length first, so no key and bytes can run together into another pair's */
  static key(bytes: string, publicKeyMultibase: string): string {
    return createHash('sha256').update(`${publicKeyMultibase.length}:${publicKeyMultibase}`).update(bytes).digest('base64url');
  }

  get(key: string): ProofCheck | undefined { return this.entries.get(key); }
  set(key: string, value: ProofCheck): void { this.entries.set(key, value); }
  get size(): number { return this.entries.size; }
}
