import { expect } from 'vitest';
import type { Principal } from '../../src/services/access/tokens.js';
import type { HubContext } from '../../src/services/hub-context.js';
import { isSkillPassError, type ErrorCode, type SkillPassError } from '../../src/domain/errors.js';

/**
 * Callers for the service tests (test/services), which call the use cases directly instead of
 * over HTTP: the principal a token would authenticate as (tokenId is what the audit log records).
 */
export const ADMIN: Principal = { tokenId: 'test:admin', role: 'admin', spoke: null };
export const KH_ISSUER: Principal = { tokenId: 'test:kh-ntti', role: 'issuer', spoke: 'kh-ntti' };
export const TH_ISSUER: Principal = { tokenId: 'test:th-bkk-itc', role: 'issuer', spoke: 'th-bkk-itc' };
export const authorityOf = (country: string): Principal => ({
  tokenId: `test:authority-${country}`,
  role: 'authority',
  spoke: null,
  country,
});

/** Awaits `work`, which must fail with a SkillPassError of `code`; returns that error for further checks. */
export async function rejects(work: Promise<unknown>, code: ErrorCode): Promise<SkillPassError> {
  let caught: unknown;
  try {
    await work;
  } catch (err) {
    caught = err;
  }
  expect(isSkillPassError(caught), `expected a SkillPassError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as SkillPassError).code).toBe(code);
  return caught as SkillPassError;
}

/** The audit entries with this action, oldest first. */
export const audited = async (ctx: Pick<HubContext, 'store'>, action: string) =>
  (await ctx.store.repos.audit.all()).filter((e) => e.action === action);
