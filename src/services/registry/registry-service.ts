import { randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { newToken } from '../access/tokens.js';
import { newSealedKey } from './spoke-keys.js';
import type {
  Accreditation,
  Framework,
  LocalizedText,
  Qualification,
  Spoke,
  SpokeKey,
} from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';
import { aqrfLevelOn } from '../../domain/aqrf-level.js';
import { dayOf, isValidDate } from '../../domain/dates.js';
import { spokeDid } from '../../domain/did-document.js';
import { recordRegistryChange } from './registry-change.js';

/** Registry use cases for the hub admin: qualifications, testing centres, accreditations. */

export interface QualificationInput {
  code: string;
  title: LocalizedText;
  description?: LocalizedText;
  country: string;
  framework: string;
  level: number;
  isco08: string;
  validityYears: number;
}

export type QualificationView = Qualification & { aqrfLevel: number | null; referencing: string | null };

export async function describeQualification(
  ctx: HubContext,
  q: Qualification,
  framework?: Framework,
): Promise<QualificationView> {
  const fw = framework ?? (await ctx.store.repos.frameworks.get(q.framework));
  const mapping = fw ? aqrfLevelOn(fw, q.level, dayOf(nowIso(ctx))) : undefined;
  return { ...q, aqrfLevel: mapping?.aqrfLevel ?? null, referencing: mapping?.status ?? null };
}

export async function createQualification(
  ctx: HubContext,
  actor: Principal,
  input: QualificationInput,
): Promise<QualificationView> {
  const now = nowIso(ctx);
  const framework = await ctx.store.repos.frameworks.get(input.framework);
  if (!framework || framework.id === 'AQRF')
    throw new SkillPassError('unknown-framework', `No national framework "${input.framework}".`, {
      field: 'framework',
    });
  if (input.level < 1 || input.level > framework.levelCount) {
    throw new SkillPassError(
      'validation-failed',
      `${framework.id} has levels 1 to ${framework.levelCount}.`,
      { field: 'level' },
    );
  }
  const q: Qualification = { ...input, createdAt: now };
  await ctx.store.transaction(async (repos) => {
    if (await repos.qualifications.get(q.code))
      throw new SkillPassError('conflict', `Qualification ${q.code} already exists.`, { field: 'code' });
    await repos.qualifications.insert(q);
    await recordRegistryChange(repos, {
      at: now,
      actor: actor.tokenId,
      action: 'qualification.created',
      subject: q.code,
      details: { ...q },
    });
  });
  return describeQualification(ctx, q, framework);
}

export interface SpokeInput {
  slug: string;
  name: string;
  country: string;
}

export async function createSpoke(
  ctx: HubContext,
  actor: Principal,
  input: SpokeInput,
): Promise<{ spoke: Spoke; token: string; key: SpokeKey }> {
  const now = nowIso(ctx);
  const spoke: Spoke = { ...input, did: spokeDid(ctx.hubDid, input.slug), createdAt: now };
  const key = newSealedKey(ctx, spoke.did, spoke.slug, 1, now);
  const { token, record } = newToken('issuer', spoke.slug, `spoke:${spoke.slug}`, now);
  await ctx.store.transaction(async (repos) => {
    if (await repos.spokes.get(spoke.slug))
      throw new SkillPassError('conflict', `Testing centre ${spoke.slug} already exists.`, { field: 'slug' });
    await repos.spokes.insert(spoke);
    await repos.spokes.insertKey(key);
    await repos.tokens.insert(record);
    await recordRegistryChange(repos, {
      at: now,
      actor: actor.tokenId,
      action: 'spoke.created',
      subject: spoke.slug,
      details: { ...spoke, key: key.id, token: record.id },
    });
  });
  const { encryptedSecret: _never, ...publicKey } = key;
  return { spoke, token, key: publicKey };
}

export interface AccreditationInput {
  qualifications: string[];
  validFrom: string;
  validUntil: string;
}

export async function grantAccreditation(
  ctx: HubContext,
  actor: Principal,
  slug: string,
  input: AccreditationInput,
): Promise<Accreditation> {
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (!isValidDate(input[field]))
      throw new SkillPassError('validation-failed', `${field} must be a date (YYYY-MM-DD).`, { field });
  }
  if (input.validUntil < input.validFrom)
    throw new SkillPassError('validation-failed', 'validUntil is before validFrom.', { field: 'validUntil' });
  const now = nowIso(ctx);
  const accreditation: Accreditation = {
    id: randomUUID(),
    spoke: slug,
    qualifications: [...new Set(input.qualifications)],
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    createdAt: now,
  };
  await ctx.store.transaction(async (repos) => {
    if (!(await repos.spokes.get(slug))) throw new SkillPassError('not-found', `No testing centre ${slug}.`);
    for (const code of accreditation.qualifications) {
      if (!(await repos.qualifications.get(code)))
        throw new SkillPassError('unknown-qualification', `No qualification ${code}.`, {
          field: 'qualifications',
          value: code,
        });
    }
    await repos.spokes.insertAccreditation(accreditation);
    await recordRegistryChange(repos, {
      at: now,
      actor: actor.tokenId,
      action: 'accreditation.granted',
      subject: slug,
      details: { ...accreditation },
    });
  });
  return accreditation;
}

export async function describeSpoke(ctx: HubContext, slug: string) {
  const { spokes } = ctx.store.repos;
  const spoke = await spokes.get(slug);
  if (!spoke) throw new SkillPassError('not-found', `No testing centre ${slug}.`);
  return { ...spoke, keys: await spokes.keys(slug), accreditations: await spokes.accreditations(slug) };
}
