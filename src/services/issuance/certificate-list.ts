import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { CertificateRecord } from '../../domain/types.js';
import { statusOf } from './status-lists.js';
import { verifyUrlFor } from './issue-certificate.js';
import { SkillPassError } from '../../domain/errors.js';
import { documentKey } from '../../domain/holder-key.js';

/**
 * GET /certificates?q=: a centre lists and searches its own certificates (an authority: those
 * of the centres in its country; an admin: all), newest first, with their status now.
 */
export interface CertificateListItem {
  id: string;
  qualification: string;
  holderName: string;
  issuedAt: string;
  validUntil: string;
  format: CertificateRecord['format'];
  spoke: string;
  status: 'valid' | 'revoked' | 'suspended' | 'expired';
  verifyUrl: string;
}

function subjectOf(record: CertificateRecord): Record<string, unknown> {
  try {
    if (record.format === 'vc+jwt') {
      const payload = JSON.parse(
        Buffer.from(record.serialized.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as Record<string, unknown>;
      const vc = (payload.vc ?? payload) as Record<string, unknown>;
      return (vc.credentialSubject ?? {}) as Record<string, unknown>;
    }
    return ((JSON.parse(record.serialized) as Record<string, unknown>).credentialSubject ?? {}) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

async function visibleSpokes(ctx: HubContext, actor: Principal): Promise<string[]> {
  if (actor.role === 'issuer' && actor.spoke) return [actor.spoke];
  const spokes = await ctx.store.repos.spokes.list();
  if (actor.role === 'admin') return spokes.map((s) => s.slug);
  if (actor.role === 'authority' && actor.country)
    return spokes.filter((s) => s.country === actor.country).map((s) => s.slug);
  throw new SkillPassError('forbidden', 'This token may not list certificates.');
}

export async function listCertificates(
  ctx: HubContext,
  actor: Principal,
  query: { q?: string; limit?: number; offset?: number },
): Promise<{ items: CertificateListItem[]; limit: number; offset: number; q: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const offset = Math.max(query.offset ?? 0, 0);
  const q = query.q?.trim() || undefined;
  const { repos } = ctx.store;
  const records = await repos.certificates.search({
    spokes: await visibleSpokes(ctx, actor),
    limit,
    offset,
    ...(q ? { q, documentKey: documentKey(q) ?? undefined } : {}),
  });
  const now = nowIso(ctx);
  const items: CertificateListItem[] = [];
  for (const r of records) {
    let status: CertificateListItem['status'] = r.validUntil && r.validUntil < now ? 'expired' : 'valid';
    const allocation = await repos.statusLists.allocationFor(r.id);
    if (allocation) {
      // one entry's bits (or a pair's two), not the lists
      const { revoked, suspended } = await statusOf(repos, allocation);
      if (revoked) status = 'revoked';
      else if (suspended) status = 'suspended';
    }
    items.push({
      id: r.id,
      qualification: r.qualification,
      holderName: String(subjectOf(r).name ?? ''),
      issuedAt: r.issuedAt,
      validUntil: r.validUntil,
      format: r.format,
      spoke: r.spoke,
      status,
      verifyUrl: verifyUrlFor(ctx.publicUrl, r.id),
    });
  }
  return { items, limit, offset, q: q ?? null };
}
