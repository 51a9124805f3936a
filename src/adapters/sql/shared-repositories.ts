import type {
  BatchCounts,
  BatchRepository,
  CertificateRepository,
  HubIdentityRepository,
  IdempotencyRepository,
  Repositories,
  TokenRepository,
} from '../../services/ports.js';
import {
  toBatch,
  toBatchRow,
  toCertificate,
  toIdempotency,
  toKey,
  toToken,
  type Row,
} from './row-mappers.js';

/**
 * Repositories written once for both engines (same schema, same `?` placeholders): tokens,
 * certificates, cohorts (batches), idempotency keys and the hub's public URLs (the registry, status lists and audit
 * log: registry-repositories.ts, status-repositories.ts, audit-repository.ts). Each
 * adapter hands in a small executor; the contract tests run them on SQLite and PostgreSQL.
 */
export interface SqlExec {
  engine: 'sqlite' | 'postgres';
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** rows changed */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** runs the statements atomically (joining the unit of work when there is one) */
  atomically(steps: { sql: string; params: unknown[] }[]): Promise<void>;
}

type Shared = Pick<Repositories, 'tokens' | 'certificates' | 'batches' | 'idempotency' | 'identity'>;

/** LIKE pattern for "contains", with the wildcards in the text escaped. */
const contains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
const ROW_COLUMNS = [
  'batch_id',
  'row_number',
  'line',
  'input',
  'errors',
  'state',
  'certificate_id',
  'failure',
];
const INSERT_CHUNK = 400;

export function sharedRepositories(ex: SqlExec): Shared {
  const one = async (sql: string, params: unknown[] = []) => (await ex.all(sql, params))[0];
  const like = ex.engine === 'postgres' ? 'ILIKE' : 'LIKE';

  const tokens: TokenRepository = {
    findByHash: async (hash) => {
      const r = await one('SELECT * FROM tokens WHERE hash = ?', [hash]);
      return r ? toToken(r) : undefined;
    },
    insert: async (t) => {
      await ex.run(
        'INSERT INTO tokens (id, hash, role, spoke, label, created_at, expires_at, revoked_at, country, corridors, employer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
        [
          t.id,
          t.hash,
          t.role,
          t.spoke,
          t.label,
          t.createdAt,
          t.expiresAt,
          t.revokedAt,
          t.country ?? null,
          t.corridors ? JSON.stringify(t.corridors) : null,
          t.employerId ?? null,
        ],
      );
    },
    deleteByLabel: async (label) => {
      await ex.run('DELETE FROM tokens WHERE label = ?', [label]);
    },
    get: async (id) => {
      const r = await one('SELECT * FROM tokens WHERE id = ?', [id]);
      return r ? toToken(r) : undefined;
    },
    list: async () => (await ex.all('SELECT * FROM tokens ORDER BY created_at DESC, id')).map(toToken),
    revoke: async (id, at) =>
      (await ex.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) === 1,
  };

  const certificates: CertificateRepository = {
    insert: async (c) => {
      await ex.run(
        'INSERT INTO certificates (id, spoke, qualification, format, serialized, issued_at, valid_until, qr, holder_key, holder_document_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          c.id,
          c.spoke,
          c.qualification,
          c.format,
          c.serialized,
          c.issuedAt,
          c.validUntil,
          c.qr ?? 'url',
          c.holderKey ?? null,
          c.holderDocumentKey ?? null,
        ],
      );
    },
    get: async (id) => {
      const r = await one('SELECT * FROM certificates WHERE id = ?', [id]);
      return r ? toCertificate(r) : undefined;
    },
    count: async () => Number((await one('SELECT COUNT(*) AS n FROM certificates'))!.n),
    findByHolder: async (spoke, qualification, keys) => {
      if (!keys.holderKey && !keys.holderDocumentKey) return [];
      // two indexed lookups: an OR across the two columns would scan the centre's whole qualification
      const found = new Map<string, Row>();
      for (const [column, key] of [
        ['holder_key', keys.holderKey],
        ['holder_document_key', keys.holderDocumentKey],
      ] as const) {
        if (!key) continue;
        for (const r of await ex.all(
          `SELECT * FROM certificates WHERE spoke = ? AND qualification = ? AND ${column} = ?`,
          [spoke, qualification, key],
        ))
          found.set(String(r.id), r);
      }
      return [...found.values()]
        .sort((a, b) => String(a.issued_at).localeCompare(String(b.issued_at)))
        .map(toCertificate);
    },
    search: async (s) => {
      if (s.spokes.length === 0) return [];
      const params: unknown[] = [...s.spokes];
      let where = `spoke IN (${placeholders(s.spokes.length)})`;
      if (s.q) {
        const p = contains(s.q);
        where += ` AND (id ${like} ? ESCAPE '\\' OR qualification ${like} ? ESCAPE '\\' OR serialized ${like} ? ESCAPE '\\'${s.documentKey ? ' OR holder_document_key = ?' : ''})`;
        params.push(p, p, p, ...(s.documentKey ? [s.documentKey] : []));
      }
      params.push(s.limit, s.offset);
      return (
        await ex.all(
          `SELECT * FROM certificates WHERE ${where} ORDER BY issued_at DESC, id DESC LIMIT ? OFFSET ?`,
          params,
        )
      ).map(toCertificate);
    },
  };

  const batches: BatchRepository = {
    insert: async (b, rows) => {
      const steps = [
        {
          sql: 'INSERT INTO batches (id, spoke, token_id, state, format, qr, source, total, created_at, committed_at, completed_at, lease_owner, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          params: [
            b.id,
            b.spoke,
            b.tokenId,
            b.state,
            b.format,
            b.qr,
            b.source,
            b.total,
            b.createdAt,
            b.committedAt,
            b.completedAt,
            b.leaseOwner,
            b.leaseUntil,
          ],
        },
      ];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        steps.push({
          sql: `INSERT INTO batch_rows (${ROW_COLUMNS.join(', ')}) VALUES ${chunk.map(() => `(${placeholders(ROW_COLUMNS.length)})`).join(', ')}`,
          params: chunk.flatMap((r) => [
            r.batchId,
            r.row,
            r.line,
            JSON.stringify(r.input),
            JSON.stringify(r.errors),
            r.state,
            r.certificateId,
            r.failure ? JSON.stringify(r.failure) : null,
          ]),
        });
      }
      await ex.atomically(steps);
    },
    get: async (id) => {
      const r = await one('SELECT * FROM batches WHERE id = ?', [id]);
      return r ? toBatch(r) : undefined;
    },
    list: async (spoke, limit) =>
      (
        await ex.all('SELECT * FROM batches WHERE spoke = ? ORDER BY created_at DESC, id DESC LIMIT ?', [
          spoke,
          limit,
        ])
      ).map(toBatch),
    rows: async (id, opts = {}) => {
      const params: unknown[] = [id];
      let sql = 'SELECT * FROM batch_rows WHERE batch_id = ?';
      if (opts.states) {
        sql += ` AND state IN (${placeholders(opts.states.length)})`;
        params.push(...opts.states);
      }
      if (opts.afterRow !== undefined) {
        sql += ' AND row_number > ?';
        params.push(opts.afterRow);
      }
      sql += ' ORDER BY row_number';
      if (opts.limit !== undefined) {
        sql += ' LIMIT ?';
        params.push(opts.limit);
      }
      return (await ex.all(sql, params)).map(toBatchRow);
    },
    counts: async (id) => {
      const counts: BatchCounts = { invalid: 0, pending: 0, issued: 0, failed: 0 };
      for (const r of await ex.all(
        'SELECT state, COUNT(*) AS n FROM batch_rows WHERE batch_id = ? GROUP BY state',
        [id],
      ))
        counts[r.state as keyof BatchCounts] = Number(r.n);
      return counts;
    },
    markCommitting: async (id, at) =>
      (await ex.run(
        "UPDATE batches SET state = 'committing', committed_at = ? WHERE id = ? AND state = 'previewed'",
        [at, id],
      )) === 1,
    markCompleted: async (id, at) => {
      await ex.run(
        "UPDATE batches SET state = 'completed', completed_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND state = 'committing'",
        [at, id],
      );
    },
    listCommitting: async () =>
      (await ex.all("SELECT id FROM batches WHERE state = 'committing' ORDER BY committed_at, id")).map((r) =>
        String(r.id),
      ),
    claimLease: async (id, owner, now, until, force = false) =>
      (await ex.run(
        "UPDATE batches SET lease_owner = ?, lease_until = ? WHERE id = ? AND state = 'committing' AND (? = 1 OR lease_owner IS NULL OR lease_until IS NULL OR lease_until < ? OR lease_owner = ?)",
        [owner, until, id, force ? 1 : 0, now, owner],
      )) === 1,
    releaseLease: async (id, owner) => {
      await ex.run(
        'UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
        [id, owner],
      );
    },
    finishRow: async (id, row, state, failure) =>
      (await ex.run(
        "UPDATE batch_rows SET state = ?, failure = ? WHERE batch_id = ? AND row_number = ? AND state = 'pending'",
        [state, failure ? JSON.stringify(failure) : null, id, row],
      )) === 1,
    consistency: async () => {
      const unaccounted =
        await ex.all(`SELECT a.*, CASE WHEN EXISTS (SELECT 1 FROM batch_rows r WHERE r.certificate_id = a.certificate_id) THEN 1 ELSE 0 END AS in_batch
        FROM status_allocations a
        WHERE NOT EXISTS (SELECT 1 FROM certificates c WHERE c.id = a.certificate_id)
          AND NOT EXISTS (SELECT 1 FROM batch_rows r JOIN batches b ON b.id = r.batch_id
                          WHERE r.certificate_id = a.certificate_id AND r.state = 'pending' AND b.state = 'committing')
        ORDER BY a.spoke, a.list_number, a.idx`);
      const orphanRows = await ex.all(`SELECT r.batch_id, r.row_number, r.certificate_id FROM batch_rows r
        WHERE r.state = 'issued' AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.id = r.certificate_id) ORDER BY r.batch_id, r.row_number`);
      const allocation = (r: Row) => ({
        spoke: String(r.spoke),
        listNumber: Number(r.list_number),
        index: Number(r.idx),
        certificateId: String(r.certificate_id),
      });
      return {
        unaccountedAllocations: unaccounted.filter((r) => Number(r.in_batch) === 1).map(allocation),
        abandonedAllocations: unaccounted.filter((r) => Number(r.in_batch) !== 1).map(allocation),
        issuedRowsWithoutCertificate: orphanRows.map((r) => ({
          batchId: String(r.batch_id),
          row: Number(r.row_number),
          certificateId: String(r.certificate_id),
        })),
        allocations: Number((await one('SELECT COUNT(*) AS n FROM status_allocations'))!.n),
      };
    },
  };

  const idempotency: IdempotencyRepository = {
    claim: async (r) =>
      (await ex.run(
        "INSERT INTO idempotency_keys (token_id, idem_key, fingerprint, state, owner, created_at) VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING",
        [r.tokenId, r.key, r.fingerprint, r.owner, r.createdAt],
      )) === 1,
    get: async (tokenId, key) => {
      const r = await one('SELECT * FROM idempotency_keys WHERE token_id = ? AND idem_key = ?', [
        tokenId,
        key,
      ]);
      return r ? toIdempotency(r) : undefined;
    },
    takeOver: async (tokenId, key, staleOwner, owner, now) =>
      (await ex.run(
        "UPDATE idempotency_keys SET owner = ?, created_at = ? WHERE token_id = ? AND idem_key = ? AND state = 'pending' AND owner = ?",
        [owner, now, tokenId, key, staleOwner],
      )) === 1,
    complete: async (tokenId, key, owner, a) =>
      (await ex.run(
        "UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ? WHERE token_id = ? AND idem_key = ? AND owner = ? AND state = 'pending'",
        [a.status, JSON.stringify(a.headers), a.body, tokenId, key, owner],
      )) === 1,
    release: async (tokenId, key, owner) => {
      await ex.run(
        "DELETE FROM idempotency_keys WHERE token_id = ? AND idem_key = ? AND owner = ? AND state = 'pending'",
        [tokenId, key, owner],
      );
    },
    purge: async (before) => ex.run('DELETE FROM idempotency_keys WHERE created_at < ?', [before]),
  };

  const identity: HubIdentityRepository = {
    publicUrls: async () =>
      (await ex.all('SELECT * FROM hub_public_urls ORDER BY adopted_seq DESC')).map((r) => ({
        publicUrl: String(r.public_url),
        did: String(r.did),
        firstAdopted: String(r.first_adopted),
        adoptedSeq: Number(r.adopted_seq),
      })),
    adopt: async (publicUrl, did, now) => {
      const seq = `(SELECT COALESCE(MAX(u.adopted_seq), 0) + 1 FROM hub_public_urls u)`;
      if (
        (await ex.run(`UPDATE hub_public_urls SET adopted_seq = ${seq} WHERE public_url = ?`, [
          publicUrl,
        ])) === 0
      ) {
        // replicas starting together: the first to record it wins, the others find it there
        await ex.run(
          `INSERT INTO hub_public_urls (public_url, did, first_adopted, adopted_seq) VALUES (?, ?, ?, ${seq}) ON CONFLICT (public_url) DO NOTHING`,
          [publicUrl, did, now],
        );
      }
    },
    storedKeys: async () => (await ex.all('SELECT * FROM spoke_keys ORDER BY spoke, seq')).map(toKey),
    renameSpokeDid: async (slug, did) => {
      await ex.run('UPDATE spokes SET did = ? WHERE slug = ?', [did, slug]);
    },
    renameKey: async (id, newId, encryptedSecret) => {
      await ex.run('UPDATE spoke_keys SET id = ?, encrypted_secret = ? WHERE id = ?', [
        newId,
        encryptedSecret,
        id,
      ]);
    },
    forgetSignedStatusLists: async () => {
      await ex.run(
        'UPDATE status_lists SET signed_version = NULL, signed_credential = NULL WHERE signed_version IS NOT NULL',
      );
    },
  };
  return { tokens, certificates, batches, idempotency, identity };
}
