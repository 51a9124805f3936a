import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchRecord, BatchRowRecord, Store } from '../../src/services/ports.js';
import { openTestStore } from '../helpers/test-store.js';
import { testEngine } from '../helpers/test-database.js';
import { holderKeys } from '../../src/domain/holder-key.js';

/** The cohort, idempotency, token and certificate-search ports: the same contract on SQLite and PostgreSQL. */
describe(`store contract: cohorts, idempotency, tokens, search (${testEngine()})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await openTestStore());
    await store.repos.spokes.insert(spoke);
  });
  afterEach(async () => {
    await close();
  });

  const at = '2026-01-01T00:00:00Z';
  const spoke = { slug: 'kh-a', did: 'did:web:h:spokes:kh-a', name: 'A', country: 'KH', createdAt: at };
  const batch = (id = 'b1'): BatchRecord => ({
    id,
    spoke: 'kh-a',
    tokenId: 't1',
    state: 'previewed',
    format: 'di',
    qr: 'url',
    source: 'csv',
    total: 3,
    createdAt: at,
    committedAt: null,
    completedAt: null,
    leaseOwner: null,
    leaseUntil: null,
  });
  const rows = (id = 'b1'): BatchRowRecord[] => [
    {
      batchId: id,
      row: 2,
      line: 2,
      input: { holderName: 'សុខ "A"' },
      errors: [],
      state: 'pending',
      certificateId: `urn:uuid:${id}-2`,
      failure: null,
    },
    {
      batchId: id,
      row: 3,
      line: 4,
      input: { holderName: 'B' },
      errors: [{ column: 'result', code: 'invalid-result', message: 'no' }],
      state: 'invalid',
      certificateId: null,
      failure: null,
    },
    {
      batchId: id,
      row: 4,
      line: null,
      input: { holderName: 'C' },
      errors: [],
      state: 'pending',
      certificateId: `urn:uuid:${id}-4`,
      failure: null,
    },
  ];
  const cert = (id: string, name: string, doc?: string) => ({
    id,
    spoke: 'kh-a',
    qualification: 'Q-1',
    format: 'di' as const,
    serialized: JSON.stringify({ credentialSubject: { name } }),
    issuedAt: at,
    validUntil: '2030-01-01T00:00:00Z',
    ...holderKeys({ name, birthDate: '1990-01-01', ...(doc ? { documentNumber: doc } : {}) }),
  });

  it('a batch and its rows round-trip; counts, state changes and the committing list', async () => {
    await store.repos.batches.insert(batch(), rows());
    expect(await store.repos.batches.get('b1')).toEqual(batch());
    expect(await store.repos.batches.rows('b1')).toEqual(rows());
    expect(await store.repos.batches.rows('b1', { states: ['pending'], afterRow: 2, limit: 5 })).toEqual([
      rows()[2],
    ]);
    expect(await store.repos.batches.counts('b1')).toEqual({ invalid: 1, pending: 2, issued: 0, failed: 0 });
    expect(await store.repos.batches.markCommitting('b1', at)).toBe(true);
    expect(await store.repos.batches.markCommitting('b1', at)).toBe(false);
    expect(await store.repos.batches.listCommitting()).toEqual(['b1']);
    expect(await store.repos.batches.list('kh-a', 10)).toHaveLength(1);
    await store.repos.batches.markCompleted('b1', at);
    expect((await store.repos.batches.get('b1'))!.state).toBe('completed');
    expect(await store.repos.batches.listCommitting()).toEqual([]);
  });

  it('a 5,000-row batch is stored in one step', async () => {
    const many: BatchRowRecord[] = Array.from({ length: 5000 }, (_, i) => ({
      batchId: 'big',
      row: i + 2,
      line: i + 2,
      input: { holderName: `W${i}` },
      errors: [],
      state: 'pending',
      certificateId: `urn:uuid:big-${i}`,
      failure: null,
    }));
    await store.repos.batches.insert({ ...batch('big'), total: 5000 }, many);
    expect((await store.repos.batches.counts('big')).pending).toBe(5000);
  });

  it('a pending row is finished once, however many workers race for it', async () => {
    await store.repos.batches.insert(batch(), rows());
    const wins = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction((tx) =>
          tx.batches.finishRow('b1', 2, i % 2 ? 'issued' : 'failed', {
            column: 'row',
            code: 'x',
            message: 'y',
          }),
        ),
      ),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.repos.batches.finishRow('b1', 3, 'issued')).toBe(false); // invalid rows are never issued
  });

  it('the commit lease: one holder at a time, renewable, taken when lapsed or forced', async () => {
    await store.repos.batches.insert(batch(), rows());
    expect(await store.repos.batches.claimLease('b1', 'A', at, '2026-01-01T00:00:05.000Z')).toBe(false); // not committing yet
    await store.repos.batches.markCommitting('b1', at);
    const claims = await Promise.all(
      ['A', 'B', 'C'].map((o) =>
        store.repos.batches.claimLease('b1', o, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z'),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = ['A', 'B', 'C'][claims.indexOf(true)]!;
    const other = holder === 'A' ? 'B' : 'A';
    expect(
      await store.repos.batches.claimLease(
        'b1',
        holder,
        '2026-01-01T00:00:01.000Z',
        '2026-01-01T00:00:06.000Z',
      ),
    ).toBe(true);
    expect(
      await store.repos.batches.claimLease(
        'b1',
        other,
        '2026-01-01T00:00:02.000Z',
        '2026-01-01T00:00:07.000Z',
      ),
    ).toBe(false);
    expect(
      await store.repos.batches.claimLease(
        'b1',
        other,
        '2026-01-01T00:00:06.500Z',
        '2026-01-01T00:00:11.000Z',
      ),
    ).toBe(true);
    expect(
      await store.repos.batches.claimLease(
        'b1',
        holder,
        '2026-01-01T00:00:07.000Z',
        '2026-01-01T00:00:12.000Z',
        true,
      ),
    ).toBe(true);
    await store.repos.batches.releaseLease('b1', holder);
    expect((await store.repos.batches.get('b1'))!.leaseOwner).toBeNull();
  });

  it('idempotency keys: one claim wins; only its owner completes; a stale claim is taken over once; release frees it', async () => {
    const claim = (owner: string) =>
      store.repos.idempotency.claim({ tokenId: 't', key: 'k', fingerprint: 'f', owner, createdAt: at });
    const wins = await Promise.all(['o1', 'o2', 'o3', 'o4'].map(claim));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const owner = (await store.repos.idempotency.get('t', 'k'))!.owner;
    const answer = { status: 201, headers: { location: '/x' }, body: '{"ok":true}' };
    expect(await store.repos.idempotency.complete('t', 'k', 'intruder', answer)).toBe(false);
    const takeovers = await Promise.all(
      ['n1', 'n2'].map((n) => store.repos.idempotency.takeOver('t', 'k', owner, n, at)),
    );
    expect(takeovers.filter(Boolean)).toHaveLength(1);
    const newOwner = takeovers[0] ? 'n1' : 'n2';
    expect(await store.repos.idempotency.complete('t', 'k', owner, answer)).toBe(false);
    expect(await store.repos.idempotency.complete('t', 'k', newOwner, answer)).toBe(true);
    expect(await store.repos.idempotency.get('t', 'k')).toMatchObject({
      state: 'done',
      status: 201,
      headers: { location: '/x' },
      body: '{"ok":true}',
      fingerprint: 'f',
    });
    await store.repos.idempotency.release('t', 'k', newOwner); // done: stays
    expect(await store.repos.idempotency.get('t', 'k')).toBeDefined();
    expect(
      await store.repos.idempotency.claim({
        tokenId: 't',
        key: 'k2',
        fingerprint: 'f',
        owner: 'x',
        createdAt: at,
      }),
    ).toBe(true);
    await store.repos.idempotency.release('t', 'k2', 'x');
    expect(await store.repos.idempotency.get('t', 'k2')).toBeUndefined();
  });

  it('idempotency keys past their retention are purged, newer ones stay', async () => {
    for (const [key, createdAt] of [
      ['old-done', '2026-01-01T00:00:00Z'],
      ['old-pending', '2026-01-01T12:00:00Z'],
      ['new', '2026-01-03T00:00:00Z'],
    ]) {
      await store.repos.idempotency.claim({
        tokenId: 't',
        key: key!,
        fingerprint: 'f',
        owner: 'o',
        createdAt: createdAt!,
      });
    }
    await store.repos.idempotency.complete('t', 'old-done', 'o', { status: 201, headers: {}, body: '{}' });
    expect(await store.repos.idempotency.purge('2026-01-02T00:00:00Z')).toBe(2);
    expect(await store.repos.idempotency.get('t', 'old-done')).toBeUndefined();
    expect(await store.repos.idempotency.get('t', 'old-pending')).toBeUndefined();
    expect(await store.repos.idempotency.get('t', 'new')).toBeDefined();
    // a forgotten key is a new request again
    expect(
      await store.repos.idempotency.claim({
        tokenId: 't',
        key: 'old-done',
        fingerprint: 'other',
        owner: 'p',
        createdAt: '2026-01-03T00:00:00Z',
      }),
    ).toBe(true);
  });

  it('tokens carry a country, list without change, and revoke once', async () => {
    const t = {
      id: 'tok-a',
      hash: 'a'.repeat(64),
      role: 'authority' as const,
      spoke: null,
      label: 'KH',
      createdAt: at,
      expiresAt: '2027-01-01T00:00:00Z',
      revokedAt: null,
      country: 'KH',
    };
    await store.repos.tokens.insert(t);
    expect(await store.repos.tokens.get('tok-a')).toEqual(t);
    expect((await store.repos.tokens.list()).map((x) => x.id)).toEqual(['tok-a']);
    const revokes = await Promise.all([1, 2, 3].map(() => store.repos.tokens.revoke('tok-a', at)));
    expect(revokes.filter(Boolean)).toHaveLength(1);
    expect((await store.repos.tokens.findByHash(t.hash))!.revokedAt).toBe(at);
  });

  it('certificates are found by holder key and searched by text, document key and id, per centre', async () => {
    await store.repos.certificates.insert(cert('urn:uuid:c1', 'Sok Dara', 'N-1'));
    await store.repos.certificates.insert(cert('urn:uuid:c2', 'Keo 100%_Dara'));
    const keys = holderKeys({ name: '  SOK dara ', birthDate: '1990-01-01' });
    expect((await store.repos.certificates.findByHolder('kh-a', 'Q-1', keys)).map((c) => c.id)).toEqual([
      'urn:uuid:c1',
    ]);
    expect(
      (
        await store.repos.certificates.findByHolder('kh-a', 'Q-1', {
          holderKey: null,
          holderDocumentKey: holderKeys({ name: '', documentNumber: 'n1' }).holderDocumentKey,
        })
      ).map((c) => c.id),
    ).toEqual(['urn:uuid:c1']);
    expect(await store.repos.certificates.findByHolder('kh-a', 'Q-2', keys)).toEqual([]);
    const search = (q?: string, extra = {}) =>
      store.repos.certificates
        .search({ spokes: ['kh-a'], limit: 10, offset: 0, ...(q ? { q } : {}), ...extra })
        .then((r) => r.map((c) => c.id).sort());
    expect(await search()).toEqual(['urn:uuid:c1', 'urn:uuid:c2']);
    expect(await search('sok')).toEqual(['urn:uuid:c1']);
    expect(await search('100%_')).toEqual(['urn:uuid:c2']); // wildcards are literal
    expect(await search('%')).toEqual(['urn:uuid:c2']);
    expect(await search('c2')).toEqual(['urn:uuid:c2']);
    expect(await store.repos.certificates.search({ spokes: ['other'], limit: 10, offset: 0 })).toEqual([]);
  });

  it('the consistency report finds a status index held by nobody, and a released index is gone', async () => {
    await store.repos.statusLists.createLists('kh-a', 1, 131_072, at);
    await store.repos.batches.insert(batch(), rows());
    await store.repos.batches.markCommitting('b1', at);
    await store.repos.certificates.insert(cert('urn:uuid:issued', 'X'));
    for (const [index, certificateId] of [
      [1, 'urn:uuid:issued'],
      [2, 'urn:uuid:b1-2'],
      [3, 'urn:uuid:nobody'],
    ] as const) {
      await store.repos.statusLists.tryAllocate({ spoke: 'kh-a', listNumber: 1, index, certificateId });
    }
    // a cohort row that failed keeps no index: one that still holds it is unaccounted for
    await store.repos.batches.insert(batch('b2'), rows('b2'));
    await store.repos.batches.markCommitting('b2', at);
    await store.repos.batches.finishRow('b2', 2, 'failed', {
      column: 'row',
      code: 'not-accredited',
      message: 'x',
    });
    await store.repos.statusLists.tryAllocate({
      spoke: 'kh-a',
      listNumber: 1,
      index: 4,
      certificateId: 'urn:uuid:b2-2',
    });
    const report = await store.repos.batches.consistency();
    expect(report.unaccountedAllocations).toEqual([
      { spoke: 'kh-a', listNumber: 1, index: 4, certificateId: 'urn:uuid:b2-2' },
    ]);
    // an index whose certificate id is no cohort row: a single issuance cut off before storing, reported apart
    expect(report.abandonedAllocations).toEqual([
      { spoke: 'kh-a', listNumber: 1, index: 3, certificateId: 'urn:uuid:nobody' },
    ]);
    expect(report.allocations).toBe(4);
    await store.repos.statusLists.release('urn:uuid:nobody');
    await store.repos.statusLists.release('urn:uuid:b2-2');
    const after = await store.repos.batches.consistency();
    expect([after.unaccountedAllocations, after.abandonedAllocations]).toEqual([[], []]);
    await store.repos.batches.finishRow('b1', 4, 'issued'); // issued without its certificate: reported
    expect((await store.repos.batches.consistency()).issuedRowsWithoutCertificate).toEqual([
      { batchId: 'b1', row: 4, certificateId: 'urn:uuid:b1-4' },
    ]);
  });
});
