import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubContext } from '../hub-context.js';
import { contextAt, nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { newToken } from '../access/tokens.js';
import {
  createQualification,
  createSpoke,
  grantAccreditation,
  type AccreditationInput,
  type QualificationInput,
} from './registry-service.js';
import type { AqrfLevel, Framework } from '../../domain/types.js';
import { ensureHubKey } from './hub-identity.js';
import { recordAgreement } from '../recognition/recognition-service.js';
import type { RecognitionAgreement } from '../../domain/recognition/agreement.js';
import { recordRegistryChange } from './registry-change.js';
import { demoTimelineStart, seedDemoOutcomes, type DemoOutcomes } from './seed-demo-outcomes.js';
import { dayOf } from '../../domain/dates.js';

/**
 * Seeds a new hub from the versioned demo data files (data/demo), once: a registry that
 * already has frameworks is left alone. Returns the tokens to print (shown once; stored as hashes).
 */
export const DEMO_DATA_DIR = fileURLToPath(new URL('../../../data/demo/', import.meta.url));

const SEED: Principal = { tokenId: 'system:seed', role: 'admin', spoke: null };
const read = <T>(dir: string, file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

export interface SeedResult {
  seeded: boolean;
  tokens: Record<string, string>;
}

export async function seedDemo(ctx: HubContext, dir = DEMO_DATA_DIR): Promise<SeedResult> {
  const now = nowIso(ctx);
  await ctx.store.transaction(async (repos) => {
    await ensureHubKey(ctx, repos, now);
  });
  if ((await ctx.store.repos.frameworks.list()).length > 0) return { seeded: false, tokens: {} };
  // replicas starting together against one empty database: only the first claims the seeding
  if (!(await ctx.store.repos.secrets.putIfAbsent('demo-seed', now))) return { seeded: false, tokens: {} };

  const { levels } = read<{ levels: AqrfLevel[] }>(dir, 'aqrf-levels.json');
  const { frameworks } = read<{ frameworks: (Framework & { unconfirmed?: boolean })[] }>(
    dir,
    'frameworks.json',
  );
  await ctx.store.transaction(async (repos) => {
    for (const level of levels) await repos.frameworks.putAqrfLevel(level);
    for (const { unconfirmed: _u, ...framework } of frameworks) await repos.frameworks.put(framework);
    await recordRegistryChange(repos, {
      at: now,
      actor: SEED.tokenId,
      action: 'registry.seeded',
      subject: 'frameworks',
      details: { levels: levels.length, frameworks: frameworks.map((f) => f.id) },
    });
  });
  for (const q of read<{ qualifications: QualificationInput[] }>(dir, 'qualifications.json').qualifications)
    await createQualification(ctx, SEED, q);

  const tokens: Record<string, string> = {};
  type SpokeSeed = { slug: string; name: string; country: string; accreditations: AccreditationInput[] };
  for (const s of read<{ spokes: SpokeSeed[] }>(dir, 'spokes.json').spokes) {
    const { token } = await createSpoke(ctx, SEED, { slug: s.slug, name: s.name, country: s.country });
    tokens[`centre ${s.slug}`] = token;
    for (const a of s.accreditations) await grantAccreditation(ctx, SEED, s.slug, a);
  }
  for (const a of read<{ agreements: RecognitionAgreement[] }>(dir, 'agreements.json').agreements)
    await recordAgreement(ctx, { kind: 'hub', tokenId: SEED.tokenId }, a);
  const authority = newToken('authority', null, 'authority:TH', now);
  await ctx.store.repos.tokens.insert({ ...authority.record, country: 'TH' });
  tokens['authority TH'] = authority.token;
  return { seeded: true, tokens };
}

/**
 * A demo hub's first start: the demo registry, and with `outcomes` the demo pilot's workers
 * (./seed-demo-outcomes.ts). Their certificates are issued in the six quarters before the
 * seeding day, so the registry (the centres' keys, the hub key, accreditations) is seeded on the
 * hub's clock moved back to the quarter before them: each certificate is signed with a key that
 * existed at its validFrom and verifies now. Later starts (a registry already there) and hubs
 * without the pilot keep the clock.
 */
export async function seedDemoHub(
  ctx: HubContext,
  outcomes: boolean,
): Promise<{ seeded: SeedResult; outcomes?: DemoOutcomes }> {
  const fresh = outcomes && (await ctx.store.repos.frameworks.list()).length === 0;
  const seeded = await seedDemo(
    fresh ? contextAt(ctx, `${demoTimelineStart(dayOf(nowIso(ctx)))}T08:00:00Z`) : ctx,
  );
  return { seeded, ...(seeded.seeded && outcomes ? { outcomes: await seedDemoOutcomes(ctx) } : {}) };
}

/**
 * Makes `token` a valid admin token (the operator's SKILLPASS_ADMIN_TOKEN, or a generated
 * demo token), replacing the previous one with the same label.
 */
export const ADMIN_TOKEN_LABELS = ['admin:env', 'admin:demo'] as const;

export async function installAdminToken(ctx: HubContext, token: string, label: string): Promise<void> {
  const { record } = newToken('admin', null, label, nowIso(ctx), token);
  await ctx.store.transaction(async (repos) => {
    // one operator admin token at a time: switching from the demo token to SKILLPASS_ADMIN_TOKEN (or back) retires the other
    for (const l of [...ADMIN_TOKEN_LABELS, label]) await repos.tokens.deleteByLabel(l);
    await repos.tokens.insert(record);
  });
}
