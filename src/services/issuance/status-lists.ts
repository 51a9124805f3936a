import { randomInt } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Repositories, StatusAllocation } from '../ports.js';
import type { Principal } from '../access/tokens.js';
import { signingKeyFor } from '../registry/spoke-keys.js';
import { certificateId } from '../verification/verification-service.js';
import { SkillPassError } from '../../domain/errors.js';
import { STATUS_LIST_SIZE } from '../../domain/bitstring.js';
import {
  buildStatusListCredential,
  credentialStatusFor,
  type StatusPair,
  type StatusPurpose,
} from '../../domain/status-list-credential.js';

/**
 * Bitstring Status Lists per testing centre (https://www.w3.org/TR/vc-bitstring-status-list/).
 * Each certificate gets one random index, used in the centre's revocation list and in its
 * companion suspension list (../../domain/status-list-credential.ts), so a list reveals nothing
 * about issuance order; the certificate names the revocation list only. A list pair takes new
 * certificates until it is three-quarters full (random draws stay cheap), then a new pair opens.
 */
const FILL_LIMIT = 0.75;

/** An allocated index and the credentialStatus it gives the certificate (its one revocation entry). */
type Allocated = { allocation: StatusAllocation; entries: Record<string, unknown> };

export async function allocateStatus(
  repos: Repositories,
  publicUrl: string,
  spoke: string,
  certId: string,
  now: string,
  size = STATUS_LIST_SIZE,
): Promise<Allocated> {
  return (await allocateStatusMany(repos, publicUrl, spoke, [certId], now, size)).get(certId)!;
}

/** The list pair an allocation's index lives in, and its two bits, read in one query (one byte per list, not the lists). */
export async function statusOf(
  repos: Pick<Repositories, 'statusLists'>,
  allocation: StatusAllocation,
): Promise<{ lists?: StatusPair; revoked: boolean; suspended: boolean }> {
  const lists = await repos.statusLists.listIds(allocation.spoke, allocation.listNumber);
  if (!lists) return { revoked: false, suspended: false };
  const [r, s] = await repos.statusLists.bits([
    { id: lists.revocation, index: allocation.index },
    { id: lists.suspension, index: allocation.index },
  ]);
  return { lists, revoked: r?.set ?? false, suspended: s?.set ?? false };
}

/** Whether an allocation's certificate is revoked (one read). */
export async function revocationOf(
  repos: Pick<Repositories, 'statusLists'>,
  allocation: StatusAllocation,
): Promise<{ lists?: StatusPair; revoked: boolean }> {
  const { lists, revoked } = await statusOf(repos, allocation);
  return { ...(lists ? { lists } : {}), revoked };
}

/**
 * Indexes for several certificates of one centre in the caller's unit of work (a cohort
 * chunk): the open list and its ids are read once, not once per certificate.
 */
export async function allocateStatusMany(
  repos: Repositories,
  publicUrl: string,
  spoke: string,
  certIds: string[],
  now: string,
  size = STATUS_LIST_SIZE,
): Promise<Map<string, Allocated>> {
  const out = new Map<string, Allocated>();
  const listIds = new Map<number, StatusPair>();
  const idsOf = async (n: number) => {
    let ids = listIds.get(n);
    if (!ids) {
      ids = await repos.statusLists.listIds(spoke, n);
      if (!ids) throw new Error(`status list ${spoke} #${n} is missing or incomplete`);
      listIds.set(n, ids);
    }
    return ids;
  };
  // a certificate id holds at most one index: an interrupted cohort row resumes with the index it already has
  const held = async (certId: string): Promise<Allocated | undefined> => {
    const allocation = await repos.statusLists.allocationFor(certId);
    return allocation
      ? {
          allocation,
          entries: credentialStatusFor(publicUrl, await idsOf(allocation.listNumber), allocation.index),
        }
      : undefined;
  };
  let open: { listNumber: number; allocated: number; size: number } | undefined;
  for (const certId of certIds) {
    const already = await held(certId);
    if (already) {
      out.set(certId, already);
      continue;
    }
    open ??= await repos.statusLists.openList(spoke);
    if (!open || open.allocated >= open.size * FILL_LIMIT) {
      const listNumber = (open?.listNumber ?? 0) + 1;
      await repos.statusLists.createLists(spoke, listNumber, size, now);
      open = { listNumber, allocated: 0, size };
    }
    for (;;) {
      const allocation = {
        spoke,
        listNumber: open.listNumber,
        index: randomInt(open.size),
        certificateId: certId,
      };
      if (await repos.statusLists.tryAllocate(allocation)) {
        open.allocated++;
        out.set(certId, {
          allocation,
          entries: credentialStatusFor(publicUrl, await idsOf(open.listNumber), allocation.index),
        });
        break;
      }
      // the index was taken, or another writer (replica) just gave this certificate id its index
      const raced = await held(certId);
      if (raced) {
        out.set(certId, raced);
        break;
      }
    }
  }
  return out;
}

/**
 * The signed BitstringStatusListCredential for a list. Signing happens on read, once per
 * list version, so a burst of revocations costs one signature, not one each.
 */
export async function signedStatusList(
  ctx: HubContext,
  listId: string,
): Promise<{ credential: Record<string, unknown>; version: number }> {
  const { repos } = ctx.store;
  const list = await repos.statusLists.get(listId);
  if (!list) throw new SkillPassError('not-found', `No status list ${listId}.`);
  if (list.signedCredential && list.signedVersion === list.version)
    return {
      credential: JSON.parse(list.signedCredential) as Record<string, unknown>,
      version: list.version,
    };
  const spoke = (await repos.spokes.get(list.spoke))!;
  const now = nowIso(ctx);
  const unsigned = buildStatusListCredential({
    publicUrl: ctx.publicUrl,
    listId,
    issuer: spoke.did,
    purpose: list.purpose,
    bits: list.bits,
    validFrom: now,
  });
  const credential = await ctx.signer.signDataIntegrity(
    unsigned,
    await signingKeyFor(ctx, repos, spoke.slug, spoke.did),
    now,
  );
  await repos.statusLists.saveSigned(listId, list.version, JSON.stringify(credential));
  return { credential, version: list.version };
}

export interface StatusChange {
  credentialId: string;
  purpose: StatusPurpose;
  status: boolean;
  reason?: string;
}

/**
 * A centre revokes, suspends or reinstates one of its own certificates (VC API
 * POST /credentials/status); the hub admin any centre's, e.g. when fraud is found after the
 * fact, and then must say why (the reason is kept in the audit log with the admin's token).
 * Revocation is final.
 */
export async function changeStatus(
  ctx: HubContext,
  actor: Principal,
  change: StatusChange,
): Promise<{ credentialId: string; purpose: StatusPurpose; status: boolean; listVersion: number }> {
  const byHub = actor.role === 'admin';
  if (!byHub && (actor.role !== 'issuer' || !actor.spoke))
    throw new SkillPassError(
      'forbidden',
      "Only the issuing testing centre or the hub admin can change a certificate's status.",
    );
  if (byHub && !change.reason?.trim()) {
    throw new SkillPassError(
      'validation-failed',
      "The hub admin changes a centre's certificate only with a reason (it is kept in the audit log).",
      { field: 'reason' },
    );
  }
  const id = certificateId(change.credentialId);
  const now = nowIso(ctx);
  return ctx.store.transaction(async (repos) => {
    const cert = await repos.certificates.get(id);
    if (!cert) throw new SkillPassError('not-found', `No certificate ${change.credentialId}.`);
    if (!byHub && cert.spoke !== actor.spoke)
      throw new SkillPassError('forbidden', 'A centre can only change the status of its own certificates.');
    const allocation = await repos.statusLists.allocationFor(id);
    if (!allocation)
      throw new SkillPassError('conflict', 'This certificate was issued without a status entry.');
    const { lists, revoked } = await statusOf(repos, allocation);
    if (!lists) throw new SkillPassError('conflict', "This certificate's status list is missing.");
    if (revoked && !(change.purpose === 'revocation' && change.status)) {
      throw new SkillPassError('conflict', 'This certificate is revoked; revocation is final.');
    }
    // one bit, at the certificate's index in the purpose's list (the suspension list: the revocation list's companion)
    const list = lists[change.purpose];
    const listVersion = await repos.statusLists.setBit(list, allocation.index, change.status);
    const action = change.status
      ? change.purpose === 'revocation'
        ? 'certificate.revoked'
        : 'certificate.suspended'
      : 'certificate.reinstated';
    await repos.audit.append({
      at: now,
      actor: actor.tokenId,
      action,
      subject: id,
      details: {
        purpose: change.purpose,
        status: change.status,
        reason: change.reason ?? null,
        list,
        index: allocation.index,
        by: byHub ? 'admin' : 'centre',
        spoke: cert.spoke,
      },
    });
    return { credentialId: id, purpose: change.purpose, status: change.status, listVersion };
  });
}
