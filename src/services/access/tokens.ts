import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SkillPassError } from '../../domain/errors.js';
import { toMillis } from '../../domain/dates.js';
import type { Repositories, Role, TokenRecord } from '../ports.js';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';

/** Bearer tokens: random, shown once, stored only as a SHA-256 hash. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface Principal {
  tokenId: string;
  role: Role;
  spoke: string | null;
  /** an authority's or employer's country */
  country?: string | null;
  /** a programme token's corridors ("KH-TH"); absent: every corridor */
  corridors?: readonly string[];
  /** an employer token's employer: its placements are the employer's, not the token's */
  employer?: string;
}

export function newToken(
  role: Role,
  spoke: string | null,
  label: string,
  now: string,
  token = `sp_${role}_${randomBytes(24).toString('base64url')}`,
): { token: string; record: TokenRecord } {
  return {
    token,
    record: {
      id: randomUUID(),
      hash: hashToken(token),
      role,
      spoke,
      label,
      createdAt: now,
      expiresAt: null,
      revokedAt: null,
    },
  };
}

export async function authenticate(
  repos: Pick<Repositories, 'tokens'>,
  header: string | undefined,
  now: string,
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1])
    throw new SkillPassError('unauthenticated', 'Send an Authorization: Bearer <token> header.');
  const record = await repos.tokens.findByHash(hashToken(match[1]));
  if (!record || record.revokedAt || (record.expiresAt && toMillis(record.expiresAt) <= toMillis(now))) {
    throw new SkillPassError('unauthenticated', 'The token is unknown, expired or revoked.');
  }
  return {
    tokenId: record.id,
    role: record.role,
    spoke: record.spoke,
    ...(record.country ? { country: record.country } : {}),
    ...(record.corridors ? { corridors: record.corridors } : {}),
    ...(record.employerId ? { employer: record.employerId } : {}),
  };
}

/** The caller behind an Authorization header, now (the HTTP layer's authentication hook). */
export const authenticateCaller = (
  ctx: Pick<HubContext, 'store' | 'clock'>,
  header: string | undefined,
): Promise<Principal> => authenticate(ctx.store.repos, header, nowIso(ctx));
