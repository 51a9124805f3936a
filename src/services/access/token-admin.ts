import { randomBytes, randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import { hashToken, type Principal } from './tokens.js';
import type { Role, TokenRecord } from '../ports.js';
import { SkillPassError } from '../../domain/errors.js';

/**
 * Tokens for the five roles, each with its own scopes (README "Roles and tokens"):
 * a hub admin runs the registry and the tokens; a centre issuer certifies, runs cohorts and
 * changes the status of its own centre's certificates; an authority lists and checks the
 * certificates of the centres in its country; an employer in a destination country records
 * its placements and their follow-ups; a programme analyst sees aggregates only, never a
 * record (issue 16, "Privacy by construction"). Every token expires and can be revoked; only
 * its SHA-256 hash is stored, and the token itself is shown once.
 */
export const SCOPES: Record<Role, readonly string[]> = {
  admin: ['registry:write', 'tokens:manage', 'certificates:list:all', 'audit:read'],
  issuer: ['certificates:issue', 'certificates:status', 'batches:write', 'certificates:list:own-centre'],
  authority: ['certificates:list:own-country'],
  employer: ['placements:write:own', 'placements:read:own'],
  programme: ['statistics:read', 'programme-costs:write:own'],
};

/** the roles scoped to one country: an authority's jurisdiction, an employer's (destination) country */
const COUNTRY_ROLES: readonly Role[] = ['authority', 'employer'];

export interface TokenInput {
  role: Role;
  label: string;
  spoke?: string;
  country?: string;
  corridors?: string[];
  /** an employer token acting for an existing employer (its id); absent: a new employer named by the label */
  employer?: string;
  expiresInDays?: number;
}
export type TokenView = Omit<TokenRecord, 'hash' | 'employerId'> & {
  scopes: readonly string[];
  active: boolean;
  employer: string | null;
};

const view = (t: TokenRecord, now: string): TokenView => {
  const { hash: _never, employerId, ...rest } = t;
  return {
    ...rest,
    country: t.country ?? null,
    corridors: t.corridors ?? null,
    employer: employerId ?? null,
    scopes: SCOPES[t.role],
    active: !t.revokedAt && (!t.expiresAt || t.expiresAt > now),
  };
};

const requireAdmin = (actor: Principal) => {
  if (actor.role !== 'admin')
    throw new SkillPassError('forbidden', 'Only a hub admin token can manage tokens.');
};

export async function createToken(
  ctx: HubContext,
  actor: Principal,
  input: TokenInput,
): Promise<TokenView & { token: string }> {
  requireAdmin(actor);
  const now = nowIso(ctx);
  if (input.role === 'issuer') {
    if (!input.spoke)
      throw new SkillPassError(
        'validation-failed',
        'An issuer token belongs to a testing centre: give its slug as spoke.',
        { field: 'spoke' },
      );
    if (!(await ctx.store.repos.spokes.get(input.spoke)))
      throw new SkillPassError('not-found', `No testing centre ${input.spoke}.`);
  } else if (input.spoke)
    throw new SkillPassError('validation-failed', 'Only issuer tokens belong to a testing centre.', {
      field: 'spoke',
    });
  if (input.role !== 'employer' && input.employer)
    throw new SkillPassError('validation-failed', 'Only employer tokens act for an employer.', {
      field: 'employer',
    });
  // a second token for an existing employer: its country is the employer's
  const existing = input.employer ? await ctx.store.repos.outcomes.employer(input.employer) : undefined;
  if (input.employer && !existing) throw new SkillPassError('not-found', `No employer ${input.employer}.`);
  if (existing && input.country && input.country !== existing.country)
    throw new SkillPassError(
      'validation-failed',
      `Employer ${existing.id} is in ${existing.country}: its tokens are too (leave country out).`,
      { field: 'country' },
    );
  if (existing) input = { ...input, country: existing.country };
  const countryRole = COUNTRY_ROLES.includes(input.role);
  if (countryRole && !input.country)
    throw new SkillPassError(
      'validation-failed',
      `An ${input.role} token is scoped to a country: give its ISO code as country.`,
      { field: 'country' },
    );
  if (!countryRole && input.country)
    throw new SkillPassError(
      'validation-failed',
      'Only authority and employer tokens are scoped to a country.',
      { field: 'country' },
    );
  if (input.role !== 'programme' && input.corridors)
    throw new SkillPassError('validation-failed', 'Only programme tokens cover corridors.', {
      field: 'corridors',
    });
  const sameEnds = input.corridors?.find((c) => c.slice(0, 2) === c.slice(3));
  if (sameEnds)
    throw new SkillPassError(
      'validation-failed',
      `Corridor ${sameEnds} goes nowhere: a corridor is origin-destination, e.g. KH-TH.`,
      { field: 'corridors' },
    );
  const days = input.expiresInDays ?? 90;
  const token = `sp_${input.role}_${randomBytes(24).toString('base64url')}`;
  const record: TokenRecord = {
    id: randomUUID(),
    hash: hashToken(token),
    role: input.role,
    spoke: input.spoke ?? null,
    label: input.label,
    createdAt: now,
    expiresAt: new Date(Date.parse(now) + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    revokedAt: null,
    country: input.country ?? null,
    corridors: input.corridors ?? null,
    employerId: input.role === 'employer' ? (existing?.id ?? randomUUID()) : null,
  };
  await ctx.store.transaction(async (tx) => {
    if (record.employerId && !existing)
      await tx.outcomes.insertEmployer({
        id: record.employerId,
        label: record.label,
        country: record.country!,
        createdAt: now,
      });
    await tx.tokens.insert(record);
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'token.created',
      subject: record.id,
      details: {
        role: record.role,
        spoke: record.spoke,
        country: record.country,
        ...(record.corridors ? { corridors: record.corridors } : {}),
        ...(record.employerId ? { employer: record.employerId, newEmployer: !existing } : {}),
        label: record.label,
        expiresAt: record.expiresAt,
      },
    });
  });
  return { ...view(record, now), token };
}

export async function revokeToken(ctx: HubContext, actor: Principal, id: string): Promise<TokenView> {
  requireAdmin(actor);
  const now = nowIso(ctx);
  return ctx.store.transaction(async (tx) => {
    const token = await tx.tokens.get(id);
    if (!token) throw new SkillPassError('not-found', `No token ${id}.`);
    if (!(await tx.tokens.revoke(id, now)))
      throw new SkillPassError('conflict', `Token ${id} was already revoked.`);
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'token.revoked',
      subject: id,
      details: { role: token.role, spoke: token.spoke, label: token.label },
    });
    return view({ ...token, revokedAt: now }, now);
  });
}

export async function listTokens(ctx: HubContext, actor: Principal): Promise<TokenView[]> {
  requireAdmin(actor);
  const now = nowIso(ctx);
  return (await ctx.store.repos.tokens.list()).map((t) => view(t, now));
}
