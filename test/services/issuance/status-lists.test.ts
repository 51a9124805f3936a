import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateStatus,
  allocateStatusMany,
  changeStatus,
  signedStatusList,
  statusOf,
  type StatusChange,
} from '../../../src/services/issuance/status-lists.js';
import { checkIssuanceConsistency } from '../../../src/services/cohorts/batch-consistency.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, TH_ISSUER, audited, authorityOf, rejects } from '../../helpers/service-calls.js';

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

/** A certificate's status changes (changeStatus) and the signed lists (signedStatusList). */
describe('changeStatus and signedStatusList', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const certificate = async () =>
    (await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest)).id;
  const revoke = (credentialId: string, extra: Partial<StatusChange> = {}): StatusChange => ({
    credentialId,
    purpose: 'revocation',
    status: true,
    ...extra,
  });
  const bits = async (id: string) => {
    const allocation = (await hub.ctx.store.repos.statusLists.allocationFor(id))!;
    const { revoked, suspended } = await statusOf(hub.ctx.store.repos, allocation);
    return { revoked, suspended };
  };

  it("only the issuing centre or the hub admin changes a certificate's status; the admin only with a reason", async () => {
    const id = await certificate();
    await rejects(changeStatus(hub.ctx, TH_ISSUER, revoke(id)), 'forbidden');
    await rejects(changeStatus(hub.ctx, authorityOf('KH'), revoke(id)), 'forbidden');
    for (const reason of [undefined, '', '   ']) {
      const err = await rejects(changeStatus(hub.ctx, ADMIN, revoke(id, { reason })), 'validation-failed');
      expect(err.details).toEqual({ field: 'reason' });
    }
    expect(await bits(id)).toEqual({ revoked: false, suspended: false });
    await changeStatus(hub.ctx, ADMIN, revoke(id, { reason: 'fraud found at the centre' }));
    expect(await bits(id)).toEqual({ revoked: true, suspended: false });
    const [entry] = (await audited(hub.ctx, 'certificate.revoked')).filter((e) => e.subject === id);
    expect(entry).toMatchObject({
      actor: ADMIN.tokenId,
      details: { by: 'admin', reason: 'fraud found at the centre', spoke: 'kh-ntti' },
    });
  });

  it('an unknown certificate is not found; the bare UUID names the same certificate as its urn:uuid id', async () => {
    await rejects(
      changeStatus(hub.ctx, KH_ISSUER, revoke('urn:uuid:6f1c4b5e-0000-4000-8000-000000000000')),
      'not-found',
    );
    const id = await certificate();
    const bare = id.replace('urn:uuid:', '').toUpperCase();
    const changed = await changeStatus(hub.ctx, KH_ISSUER, {
      credentialId: bare,
      purpose: 'suspension',
      status: true,
    });
    expect(changed.credentialId).toBe(id);
    expect(await bits(id)).toEqual({ revoked: false, suspended: true });
  });

  it('suspension is undone by reinstating; revocation is final (revoking again changes nothing)', async () => {
    const id = await certificate();
    const first = await changeStatus(hub.ctx, KH_ISSUER, {
      credentialId: id,
      purpose: 'suspension',
      status: true,
    });
    const second = await changeStatus(hub.ctx, KH_ISSUER, {
      credentialId: id,
      purpose: 'suspension',
      status: false,
    });
    expect(second.listVersion).toBeGreaterThan(first.listVersion);
    expect(await bits(id)).toEqual({ revoked: false, suspended: false });
    expect((await audited(hub.ctx, 'certificate.reinstated')).map((e) => e.subject)).toContain(id);
    await changeStatus(hub.ctx, KH_ISSUER, revoke(id));
    await rejects(changeStatus(hub.ctx, KH_ISSUER, revoke(id, { status: false })), 'conflict');
    await rejects(
      changeStatus(hub.ctx, KH_ISSUER, { credentialId: id, purpose: 'suspension', status: true }),
      'conflict',
    );
    await rejects(changeStatus(hub.ctx, ADMIN, revoke(id, { status: false, reason: 'mistake' })), 'conflict');
    await changeStatus(hub.ctx, KH_ISSUER, revoke(id));
    expect(await bits(id)).toEqual({ revoked: true, suspended: false });
  });

  it('a certificate stored without a status entry cannot change status: conflict', async () => {
    const id = await certificate();
    await hub.ctx.store.repos.statusLists.release(id);
    await rejects(changeStatus(hub.ctx, KH_ISSUER, revoke(id)), 'conflict');
  });

  it('signs a list once per version, and again after a bit changes; an unknown list is not found', async () => {
    await rejects(signedStatusList(hub.ctx, 'kh-ntti-99-revocation'), 'not-found');
    const id = await certificate();
    const allocation = (await hub.ctx.store.repos.statusLists.allocationFor(id))!;
    const listId = `kh-ntti-${allocation.listNumber}-revocation`;
    let signatures = 0;
    const real = hub.ctx.signer;
    const ctx = {
      ...hub.ctx,
      signer: {
        signJwt: real.signJwt.bind(real),
        signDataIntegrity: (...a: Parameters<typeof real.signDataIntegrity>) => (
          signatures++,
          real.signDataIntegrity(...a)
        ),
      },
    };
    const a = await signedStatusList(ctx, listId);
    const b = await signedStatusList(ctx, listId);
    expect(b).toEqual(a);
    expect(signatures).toBe(1);
    const signedBefore = signatures;
    await changeStatus(hub.ctx, KH_ISSUER, revoke(id));
    const c = await signedStatusList(ctx, listId);
    expect(signatures).toBe(signedBefore + 1);
    expect(c.version).toBeGreaterThan(a.version);
    expect(c.credential).toMatchObject({
      id: `${hub.ctx.publicUrl}/status-lists/${listId}`,
      issuer: (await hub.ctx.store.repos.spokes.get('kh-ntti'))!.did,
      credentialSubject: { statusPurpose: 'revocation' },
    });
    expect(c.credential.proof).toBeDefined();
  });
});
