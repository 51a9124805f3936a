import type { AccreditationEvent, AqrfLevel, Framework, Qualification } from '../../domain/types.js';
import type {
  FrameworkRepository,
  MetaRepository,
  QualificationRepository,
  SecretRepository,
  SpokeRepository,
} from '../../services/ports.js';
import { json, publicKey, toAccreditation, toKey, toSpoke } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/**
 * The hub's registry written once for both engines: frameworks and AQRF levels, qualifications,
 * centres (spokes) with their keys and accreditations, the registry version and the secrets.
 * Only locking differs per engine, and it is named here: SQLite's units of work already run one
 * at a time (sqlite-store.ts), PostgreSQL's run side by side and lock rows.
 * test/adapters/sql-one-source.test.ts fails if the adapters write this SQL again themselves.
 */
type Registry = {
  frameworks: FrameworkRepository;
  qualifications: QualificationRepository;
  spokes: SpokeRepository;
  meta: MetaRepository;
  secrets: SecretRepository;
};

/** A centre's key, numbered after its previous ones (migration 006): keys are listed in that order, never by their validFrom text. */
const INSERT_KEY = `INSERT INTO spoke_keys (id, spoke, public_key_multibase, valid_from, valid_until, compromised_from, encrypted_secret, seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(k.seq), 0) + 1 FROM spoke_keys k WHERE k.spoke = ?))`;

/** An accreditation's next event, numbered after its previous ones in the same statement. */
const INSERT_EVENT = `INSERT INTO accreditation_events (accreditation_id, seq, kind, effective_from, body)
  SELECT ?, COALESCE(MAX(e.seq), 0) + 1, ?, ?, ? FROM accreditation_events e WHERE e.accreditation_id = ?`;

export function registryRepositories(ex: SqlExec): Registry {
  const rows = (sql: string, params: unknown[] = []) => ex.all(sql, params);
  const one = async (sql: string, params: unknown[] = []) => (await ex.all(sql, params))[0];
  const bodies = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await rows(sql, params)).map((r) => json<T>(r.body));
  const pg = ex.engine === 'postgres';

  const frameworks: FrameworkRepository = {
    list: () => bodies<Framework>('SELECT body FROM frameworks ORDER BY id'),
    get: async (id) => (await bodies<Framework>('SELECT body FROM frameworks WHERE id = ?', [id]))[0],
    put: async (f) => {
      await ex.run(
        'INSERT INTO frameworks (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
        [f.id, JSON.stringify(f)],
      );
    },
    listAqrfLevels: () => bodies<AqrfLevel>('SELECT body FROM aqrf_levels ORDER BY level'),
    putAqrfLevel: async (l) => {
      await ex.run(
        'INSERT INTO aqrf_levels (level, body) VALUES (?, ?) ON CONFLICT (level) DO UPDATE SET body = excluded.body',
        [l.level, JSON.stringify(l)],
      );
    },
  };

  const qualifications: QualificationRepository = {
    list: () => bodies<Qualification>('SELECT body FROM qualifications ORDER BY code'),
    get: async (code) =>
      (await bodies<Qualification>('SELECT body FROM qualifications WHERE code = ?', [code]))[0],
    insert: async (x) => {
      await ex.run('INSERT INTO qualifications (code, body, created_at) VALUES (?, ?, ?)', [
        x.code,
        JSON.stringify(x),
        x.createdAt,
      ]);
    },
  };

  const spokes: SpokeRepository = {
    list: async () => (await rows('SELECT * FROM spokes ORDER BY slug')).map(toSpoke),
    get: async (slug) => {
      const r = await one('SELECT * FROM spokes WHERE slug = ?', [slug]);
      return r ? toSpoke(r) : undefined;
    },
    getByDid: async (did) => {
      const r = await one('SELECT * FROM spokes WHERE did = ?', [did]);
      return r ? toSpoke(r) : undefined;
    },
    insert: async (s) => {
      await ex.run('INSERT INTO spokes (slug, did, name, country, created_at) VALUES (?, ?, ?, ?, ?)', [
        s.slug,
        s.did,
        s.name,
        s.country,
        s.createdAt,
      ]);
    },
    keys: async (slug) =>
      (await rows('SELECT * FROM spoke_keys WHERE spoke = ? ORDER BY seq', [slug])).map((r) =>
        publicKey(toKey(r)),
      ),
    key: async (id) => {
      const r = await one('SELECT * FROM spoke_keys WHERE id = ?', [id]);
      return r ? publicKey(toKey(r)) : undefined;
    },
    activeSigningKey: async (slug) => {
      const r = await one(
        'SELECT * FROM spoke_keys WHERE spoke = ? AND valid_until IS NULL AND compromised_from IS NULL ORDER BY seq DESC LIMIT 1',
        [slug],
      );
      return r ? toKey(r) : undefined;
    },
    insertKey: async (k) => {
      await ex.run(INSERT_KEY, [
        k.id,
        k.spoke,
        k.publicKeyMultibase,
        k.validFrom,
        k.validUntil,
        k.compromisedFrom,
        k.encryptedSecret,
        k.spoke,
      ]);
    },
    updateKey: async (id, change) => {
      if (change.validUntil !== undefined)
        await ex.run('UPDATE spoke_keys SET valid_until = ? WHERE id = ?', [change.validUntil, id]);
      if (change.compromisedFrom !== undefined)
        await ex.run('UPDATE spoke_keys SET compromised_from = ? WHERE id = ?', [change.compromisedFrom, id]);
    },
    // the centre's row: a key change waits for the units of work storing certificates, and they for it (NO KEY: the
    // foreign-key checks of rows referring to the centre, which take KEY SHARE, are not held up); SQLite's units of work
    // are serialised already (openSqliteStore): nothing to lock
    lockKeys: async (slug, mode) => {
      if (pg)
        await ex.run(
          `SELECT slug FROM spokes WHERE slug = ? ${mode === 'update' ? 'FOR NO KEY UPDATE' : 'FOR SHARE'}`,
          [slug],
        );
    },
    accreditations: async (slug) => {
      const found = await rows('SELECT * FROM accreditations WHERE spoke = ? ORDER BY valid_from, id', [
        slug,
      ]);
      const events = await rows(
        'SELECT e.accreditation_id, e.body FROM accreditation_events e JOIN accreditations a ON a.id = e.accreditation_id WHERE a.spoke = ? ORDER BY e.seq',
        [slug],
      );
      return found.map((r) => ({
        ...toAccreditation(r),
        events: events
          .filter((e) => e.accreditation_id === r.id)
          .map((e) => json<AccreditationEvent>(e.body)),
      }));
    },
    insertAccreditation: async (a) => {
      await ex.run(
        'INSERT INTO accreditations (id, spoke, qualifications, valid_from, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [a.id, a.spoke, JSON.stringify(a.qualifications), a.validFrom, a.validUntil, a.createdAt],
      );
    },
    // concurrent appends on PostgreSQL wait for the accreditation's row, then number themselves (the statement
    // after the lock sees every committed event); a SQLite statement runs alone
    appendAccreditationEvent: (id, e) =>
      ex.atomically([
        ...(pg ? [{ sql: 'SELECT id FROM accreditations WHERE id = ? FOR UPDATE', params: [id] }] : []),
        { sql: INSERT_EVENT, params: [id, e.kind, e.effectiveFrom, JSON.stringify(e), id] },
      ]),
  };

  const meta: MetaRepository = {
    registryVersion: async () =>
      Number((await one("SELECT value FROM meta WHERE name = 'registry_version'"))!.value),
    bumpRegistryVersion: async () =>
      Number(
        (await one("UPDATE meta SET value = value + 1 WHERE name = 'registry_version' RETURNING value"))!
          .value,
      ),
  };

  const secrets: SecretRepository = {
    get: async (name) => {
      const r = await one('SELECT value FROM secrets WHERE name = ?', [name]);
      return r ? String(r.value) : undefined;
    },
    put: async (name, value) => {
      await ex.run(
        'INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
        [name, value],
      );
    },
    putIfAbsent: async (name, value) =>
      (await ex.run('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [
        name,
        value,
      ])) === 1,
  };

  return { frameworks, qualifications, spokes, meta, secrets };
}
