import type Database from 'better-sqlite3';
import type pg from 'pg';
import { randomInt, randomUUID } from 'node:crypto';
import type { Store } from '../../src/services/ports.js';
import type { Holder } from '../../src/domain/types.js';
import { buildCertificateCredential } from '../../src/domain/certificate-credential.js';
import { STATUS_PURPOSES, statusEntry, type StatusPair } from '../../src/domain/status-list-credential.js';
import { holderKeys } from '../../src/domain/holder-key.js';
import { signingKeyFor } from '../../src/services/registry/spoke-keys.js';
import type { TestHub } from './test-hub.js';

/**
 * The subject as it was before identifiers: the name and the birth date (or document number) in
 * clear, no `identifier`.
 */
function legacyShape(credential: Record<string, unknown>, holder: Holder): Record<string, unknown> {
  const {
    identifier: _i,
    birthDate: _b,
    ...subject
  } = credential.credentialSubject as Record<string, unknown>;
  const [type, name, ...rest] = Object.entries(subject);
  return {
    ...credential,
    credentialSubject: Object.fromEntries([
      type!,
      name!,
      ...(holder.birthDate ? [['birthDate', holder.birthDate]] : []),
      ...(holder.documentNumber ? [['documentNumber', holder.documentNumber]] : []),
      ...rest,
    ]),
  };
}

/**
 * Status data as the hub wrote it when certificates carried two entries: a revocation and a
 * suspension list of one bit per entry for each list number, the fill count on the revocation
 * row (the same rows the hub writes today: only the credential changed). Inserted with the old
 * code's own statements, through the engine's raw handle, to stand for a hub that issued
 * certificates back then.
 */
export async function rawRun(store: Store, sql: string, params: unknown[] = []): Promise<void> {
  const s = store as Store & { db?: Database.Database; pool?: pg.Pool };
  if (s.db) {
    s.db.prepare(sql).run(...params);
    return;
  }
  let i = 0;
  await s.pool!.query(
    sql.replace(/\?/g, () => `$${++i}`),
    params,
  );
}

/** The old createLists: `<centre>-<n>-revocation` and `<centre>-<n>-suspension`, `size` bits each. */
export async function createLegacyPair(
  store: Store,
  spoke: string,
  n: number,
  size: number,
  now: string,
): Promise<{ revocation: string; suspension: string }> {
  for (const purpose of ['revocation', 'suspension']) {
    await rawRun(
      store,
      'INSERT INTO status_lists (id, spoke, list_number, purpose, size, bits, version, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
      [`${spoke}-${n}-${purpose}`, spoke, n, purpose, size, Buffer.alloc(size / 8), now],
    );
  }
  return { revocation: `${spoke}-${n}-revocation`, suspension: `${spoke}-${n}-suspension` };
}

/** The old tryAllocate: the index row and the count on the revocation row. */
export async function allocateLegacy(
  store: Store,
  a: { spoke: string; listNumber: number; index: number; certificateId: string },
): Promise<void> {
  await rawRun(
    store,
    'INSERT INTO status_allocations (spoke, list_number, idx, certificate_id) VALUES (?, ?, ?, ?)',
    [a.spoke, a.listNumber, a.index, a.certificateId],
  );
  await rawRun(
    store,
    "UPDATE status_lists SET allocated = allocated + 1 WHERE spoke = ? AND list_number = ? AND purpose = 'revocation'",
    [a.spoke, a.listNumber],
  );
}

/** The two entries certificates carried before they carried one (one per list of the pair, one bit each). */
export const legacyStatusEntries = (
  publicUrl: string,
  lists: StatusPair,
  index: number,
): Record<string, unknown>[] =>
  STATUS_PURPOSES.map((purpose) => statusEntry(publicUrl, lists[purpose], purpose, index));

/**
 * A certificate as the hub issued it when certificates carried two status entries (and their
 * subject data in clear), on a running test hub: an index in a new revocation/suspension pair
 * (rows as the old code wrote them), the credential carrying the two entries the old code gave
 * it, signed with the centre's real key and stored like any certificate.
 */
export async function issueLegacyCertificate(
  hub: TestHub,
  opts: { format?: 'di' | 'vc+jwt'; slug?: string; holder?: Holder } = {},
): Promise<{
  id: string;
  credential: Record<string, any> | string;
  lists: { revocation: string; suspension: string };
  index: number;
}> {
  const { ctx } = hub;
  const { repos } = ctx.store;
  const slug = opts.slug ?? 'kh-ntti';
  const now = ctx
    .clock()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const spoke = (await repos.spokes.get(slug))!;
  const qualification = (await repos.qualifications.get('TH-BRICK-1'))!;
  const framework = (await repos.frameworks.get(qualification.framework))!;
  const n = ((await repos.statusLists.openList(slug))?.listNumber ?? 0) + 1;
  const lists = await createLegacyPair(ctx.store, slug, n, 131_072, now);
  const index = randomInt(131_072);
  const id = `urn:uuid:${randomUUID()}`;
  await allocateLegacy(ctx.store, { spoke: slug, listNumber: n, index, certificateId: id });
  const holder = opts.holder ?? { name: 'Old Worker', birthDate: '1988-03-04' };
  const built = buildCertificateCredential({
    id,
    publicUrl: ctx.publicUrl,
    issuedAt: now,
    spoke,
    qualification,
    framework,
    aqrfLevel: qualification.level,
    holder,
    identitySalt: 'unused',
    assessment: { date: now.slice(0, 10), language: 'km', result: 'competent' },
    credentialStatus: legacyStatusEntries(ctx.publicUrl, lists, index),
  });
  const credential = legacyShape(built, holder);
  const key = await signingKeyFor(ctx, repos, slug, spoke.did);
  const format = opts.format ?? 'di';
  const signed =
    format === 'vc+jwt'
      ? await ctx.signer.signJwt(credential, key)
      : await ctx.signer.signDataIntegrity(credential, key, now);
  await repos.certificates.insert({
    id,
    spoke: slug,
    qualification: qualification.code,
    format,
    serialized: typeof signed === 'string' ? signed : JSON.stringify(signed),
    issuedAt: now,
    validUntil: String(credential.validUntil),
    ...holderKeys(holder),
  });
  return { id, credential: signed, lists, index };
}
