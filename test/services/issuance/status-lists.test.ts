import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateStatus, allocateStatusMany } from '../../../src/services/issuance/status-lists.js';
import { checkIssuanceConsistency } from '../../../src/services/cohorts/batch-consistency.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';

/** Status indexes for a cohort chunk, taken in one unit of work (src/services/issuance/status-lists.ts). */
describe('allocateStatusMany', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const now = '2026-11-20T10:00:00Z';

  it('gives every certificate its own index, opens the next list at three-quarters full, and hands the same index back on a retry', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `urn:uuid:alloc-${i}`);
    const size = 16; // lists of 16 take 12 each
    const first = await hub.ctx.store.transaction((tx) =>
      allocateStatusMany(tx, hub.ctx.publicUrl, 'th-bkk-itc', ids, now, size),
    );
    expect([...first.keys()]).toEqual(ids);
    const slots = ids.map((id) => first.get(id)!.allocation);
    expect(new Set(slots.map((a) => `${a.listNumber}/${a.index}`)).size).toBe(30);
    const perList = new Map<number, number>();
    for (const a of slots) perList.set(a.listNumber, (perList.get(a.listNumber) ?? 0) + 1);
    expect([...perList.values()].every((n) => n <= 12)).toBe(true);
    expect(perList.size).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      const { allocation, entries } = first.get(id)!;
      // one entry (OB 3.0: one credentialStatus), in the revocation list of its list number; no statusSize (1)
      expect(entries).toEqual({
        id: `${hub.ctx.publicUrl}/status-lists/th-bkk-itc-${allocation.listNumber}-revocation#${allocation.index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(allocation.index),
        statusListCredential: `${hub.ctx.publicUrl}/status-lists/th-bkk-itc-${allocation.listNumber}-revocation`,
      });
      expect(await hub.ctx.store.repos.statusLists.allocationFor(id)).toEqual(allocation);
    }
    // a resumed chunk: the same ids get the same indexes, and one new id gets a fresh one
    const again = await hub.ctx.store.transaction((tx) =>
      allocateStatusMany(tx, hub.ctx.publicUrl, 'th-bkk-itc', [...ids, 'urn:uuid:alloc-new'], now, size),
    );
    for (const id of ids) expect(again.get(id)!.allocation).toEqual(first.get(id)!.allocation);
    const fresh = again.get('urn:uuid:alloc-new')!.allocation;
    expect(slots.some((a) => a.listNumber === fresh.listNumber && a.index === fresh.index)).toBe(false);
    // the single-certificate form agrees
    expect(
      (
        await hub.ctx.store.transaction((tx) =>
          allocateStatus(tx, hub.ctx.publicUrl, 'th-bkk-itc', ids[3]!, now, size),
        )
      ).allocation,
    ).toEqual(first.get(ids[3]!)!.allocation);
  });

  it('a single issuance cut off after its index was allocated is reported apart, as harmless', async () => {
    const before = await checkIssuanceConsistency(hub.ctx);
    await hub.ctx.store.transaction((tx) =>
      allocateStatus(tx, hub.ctx.publicUrl, 'kh-ntti', 'urn:uuid:never-stored', now),
    );
    const after = await checkIssuanceConsistency(hub.ctx);
    expect(after.ok).toBe(before.ok);
    expect(after.unaccountedAllocations).toEqual(before.unaccountedAllocations);
    expect(after.abandonedAllocations.map((a) => a.certificateId)).toContain('urn:uuid:never-stored');
  });
});
