import { createHash } from 'node:crypto';
import type { ProofCheck } from '../suites/eddsa-rdfc-2022.js';
import type { FormVerdict } from '../../../services/crypto-ports.js';
import { BoundedMap } from '../../../domain/bounded-map.js';

/** A signature's verdict (a Data Integrity one carries the compact-form verdict too), or a compact-form verdict alone. */
export type CachedVerdict = (ProofCheck & { form?: FormVerdict }) | FormVerdict;

/**
 * Proof results for identical bytes under the same public key, and compact-form verdicts for
 * identical bytes: the only verification results that can never change, so the only ones cached (an employer rescanning the same
 * certificate). Validity, status, issuer and accreditation are always judged afresh.
 * Bounded in two generations (../../../domain/bounded-map.ts): every distinct credential is a
 * miss that inserts, and a one-Map LRU evicting on each cost the event loop about 15% on
 * distinct JWTs (measured alternating the two builds).
 */
export class ProofCache {
  private readonly entries: BoundedMap<string, CachedVerdict>;
  constructor(max = 20_000) {
    this.entries = new BoundedMap(max);
  }

  /** the key's length first, so no key and bytes can run together into another pair's */
  static key(bytes: string, publicKeyMultibase: string): string {
    return createHash('sha256')
      .update(`${publicKeyMultibase.length}:${publicKeyMultibase}`)
      .update(bytes)
      .digest('base64url');
  }

  get(key: string): CachedVerdict | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: CachedVerdict): void {
    this.entries.set(key, value);
  }
  get size(): number {
    return this.entries.size;
  }
}
