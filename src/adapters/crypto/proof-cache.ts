import { createHash } from 'node:crypto';
import type { ProofCheck } from './eddsa-rdfc-2022.js';

/**
 * Proof results for identical bytes under the same public key: the only verification
 * result that can never change, so the only one cached (an employer rescanning the same
 * certificate). Validity, status, issuer and accreditation are always judged afresh.
 * Bounded, least-recently-used.
 */
export class ProofCache {
  private readonly entries = new Map<string, ProofCheck>();
  constructor(private readonly max = 20_000) {}

  static key(bytes: string, publicKeyMultibase: string): string {
    return createHash('sha256').update(publicKeyMultibase).update('\n').update(bytes).digest('base64url');
  }

  get(key: string): ProofCheck | undefined {
    const hit = this.entries.get(key);
    if (hit) { this.entries.delete(key); this.entries.set(key, hit); }
    return hit;
  }

  set(key: string, value: ProofCheck): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  get size(): number { return this.entries.size; }
}
