import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { HEADER } from '../helpers/cohorts.js';
import { IDEMPOTENCY_RETENTION_MS, purgeExpiredKeys } from '../../src/http/plugins/idempotency.js';

/** Idempotency-Key on every issuing endpoint: one execution, the first answer replayed, a reused key refused. */
describe('Idempotency-Key', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const post = (
    url: string,
    payload: unknown,
    key?: string,
    token = hub.tokens.khNtti,
    type = 'application/json',
  ) =>
    hub.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(token), 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const count = () => hub.ctx.store.repos.certificates.count();

  it('POST /certificates: a repeat returns the first answer (status, body, location) and issues nothing new', async () => {
    const before = await count();
    const first = await post('/certificates', brickRequest(), 'cert-key-1');
    expect(first.statusCode).toBe(201);
    const again = await post('/certificates', brickRequest(), 'cert-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('the same key with a different body is 422 idempotency-key-reused; the same key from another token is its own', async () => {
    await post('/certificates', brickRequest(), 'cert-key-2');
    const other = await post(
      '/certificates',
      brickRequest({ holder: { name: 'Someone Else', birthDate: '1990-01-01' } }),
      'cert-key-2',
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency-key-reused');
    const otherToken = await post('/certificates', brickRequest(), 'cert-key-2', hub.tokens.thBkk);
    expect(otherToken.statusCode).toBe(201);
  });

  it('concurrent requests with one key: exactly one executes, all get its answer', async () => {
    const before = await count();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        post(
          '/certificates',
          brickRequest({ holder: { name: 'Racer', birthDate: '1991-01-01' } }),
          'race-key',
        ),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(201));
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('a refusal is the first answer too (a repeat gets the same 4xx), and a bad key is a 400', async () => {
    const refused = await post('/certificates', brickRequest({ qualification: 'NOPE' }), 'bad-qual');
    expect(refused.statusCode).toBe(400);
    const again = await post('/certificates', brickRequest({ qualification: 'NOPE' }), 'bad-qual');
    expect(again.statusCode).toBe(400);
    expect(again.body).toBe(refused.body);
    const bad = await post('/certificates', brickRequest(), 'has spaces in it');
    expect(bad.statusCode).toBe(400);
  });

  it('POST /credentials/issue', async () => {
    const body = {
      credential: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: `${hub.ctx.hubDid}:spokes:kh-ntti`,
        credentialSubject: { id: 'did:example:w', name: 'X' },
      },
    };
    const first = await post('/credentials/issue', body, 'vc-key');
    expect(first.statusCode).toBe(201);
    const again = await post('/credentials/issue', body, 'vc-key');
    expect(again.body).toBe(first.body);
    expect(await count()).toBe(await count());
  });

  it('POST /batches and POST /batches/:id/commit', async () => {
    const csv = `${HEADER}\nTH-BRICK-1,Idem Worker,1990-02-02,,2026-11-18,km,competent\n`;
    const first = await post('/batches', csv, 'batch-key', hub.tokens.khNtti, 'text/csv');
    expect(first.statusCode).toBe(201);
    const again = await post('/batches', csv, 'batch-key', hub.tokens.khNtti, 'text/csv');
    expect(again.json().id).toBe(first.json().id);
    expect(
      (await hub.app.inject({ url: '/batches', headers: bearer(hub.tokens.khNtti) }))
        .json()
        .batches.filter((b: any) => b.id === first.json().id),
    ).toHaveLength(1);
    const changed = await post(
      '/batches',
      csv.replace('Idem', 'Other'),
      'batch-key',
      hub.tokens.khNtti,
      'text/csv',
    );
    expect(changed.statusCode).toBe(422);

    const id = first.json().id;
    const commits = await Promise.all(
      [1, 2, 3].map(() => post(`/batches/${id}/commit`, '', 'commit-key', hub.tokens.khNtti, 'text/csv')),
    );
    expect(commits.map((c) => c.statusCode)).toEqual([202, 202, 202]);
    expect(new Set(commits.map((c) => c.body)).size).toBe(1);
    await hub.app.batchRunner.idle(id);
    const status = (
      await hub.app.inject({ url: `/batches/${id}`, headers: bearer(hub.tokens.khNtti) })
    ).json();
    expect(status.counts.issued).toBe(1);
    const audit = (await hub.ctx.store.repos.audit.all()).filter((e) => e.subject === id);
    expect(audit.filter((e) => e.action === 'batch.committed')).toHaveLength(1);
  });

  it('keys are forgotten after their 24-hour retention: a repeat after that is a new request', async () => {
    const first = await post('/certificates', brickRequest(), 'retention-key');
    expect(first.statusCode).toBe(201);
    const tokenId = (await hub.ctx.store.repos.tokens.list()).find((t) => t.spoke === 'kh-ntti')!.id;
    const stored = () => hub.ctx.store.repos.idempotency.get(tokenId, 'retention-key');
    const claimed = Date.parse((await stored())!.createdAt);
    // (keys of the earlier tests in this file may be older by more than a second: only this key is judged)
    await purgeExpiredKeys(hub.ctx, claimed + IDEMPOTENCY_RETENTION_MS - 1000);
    expect(await stored()).toBeDefined();
    expect(
      (await post('/certificates', brickRequest(), 'retention-key')).headers['idempotent-replayed'],
    ).toBe('true');
    expect(await purgeExpiredKeys(hub.ctx, claimed + IDEMPOTENCY_RETENTION_MS + 1000)).toBeGreaterThanOrEqual(
      1,
    );
    expect(await stored()).toBeUndefined();
    const after = await post('/certificates', brickRequest(), 'retention-key');
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(after.json().id).not.toBe(first.json().id);
  });
});
