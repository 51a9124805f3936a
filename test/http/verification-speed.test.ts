import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  brickRequest,
  check,
  issue,
  startTestHub,
  verify,
  type TestHub,
} from '../helpers/test-hub.js';
import { createProofPool, type ProofRunner } from '../../src/adapters/crypto/workers/proof-pool.js';
import { cohortCsv, waitForBatch } from '../helpers/cohorts.js';

/**
 * The speed work keeps every answer correct: the proof cache only ever skips re-checking a
 * signature over identical bytes; validity, status and accreditation are judged afresh.
 */
describe('proof cache never turns a bad certificate valid', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('2026-03-01T09:00:00Z');
  });
  afterAll(async () => {
    await hub.close();
  });
  const rescan = async (credential: unknown) => verify(hub, { credential });

  it('revoked after a first (cached) scan: the rescan says revoked', async () => {
    const { id, credential } = await issue(
      hub,
      brickRequest({ assessment: { date: '2026-02-27', language: 'km', result: 'competent' } }),
    );
    expect((await rescan(credential)).outcome).toBe('valid');
    expect((await rescan(credential)).outcome).toBe('valid');
    await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
    });
    expect(check(await rescan(credential), 'status')!.code).toBe('revoked');
  });

  it('suspended after a cached scan: the rescan says suspended', async () => {
    const { id, credential } = await issue(
      hub,
      brickRequest({
        format: 'vc+jwt',
        assessment: { date: '2026-02-27', language: 'km', result: 'competent' },
      }),
    );
    expect((await rescan(credential)).outcome).toBe('valid');
    await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        status: true,
      },
    });
    expect(check(await rescan(credential), 'status')!.code).toBe('suspended');
  });

  it('expired since the cached scan: the rescan says expired', async () => {
    const { credential } = await issue(
      hub,
      brickRequest({ assessment: { date: '2026-02-27', language: 'km', result: 'competent' } }),
    );
    expect((await rescan(credential)).outcome).toBe('valid');
    hub.clock.set('2031-03-02T00:00:00Z');
    const r = await rescan(credential);
    hub.clock.set('2026-03-01T09:00:00Z');
    expect(check(r, 'validity')!.code).toBe('expired');
    expect(check(r, 'proof')!.outcome).toBe('valid');
  });

  it('no longer accredited (a withdrawal recorded back to before issuance): the rescan says so', async () => {
    const { credential } = await issue(
      hub,
      brickRequest({
        qualification: 'TH-PLASTER-1',
        assessment: { date: '2026-02-27', language: 'km', result: 'competent' },
      }),
    );
    expect((await rescan(credential)).outcome).toBe('valid');
    const acc = (await hub.ctx.store.repos.spokes.accreditations('kh-ntti'))[0]!;
    const res = await hub.app.inject({
      method: 'POST',
      url: `/registry/spokes/kh-ntti/accreditations/${acc.id}/changes`,
      headers: bearer(hub.tokens.admin),
      payload: {
        kind: 'amended',
        effectiveFrom: '2026-02-01',
        remove: ['TH-PLASTER-1'],
        reason: 'recorded late',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(check(await rescan(credential), 'accreditation')!.outcome).toBe('invalid');
  });

  it('identical bytes reuse the proof result; one changed byte is checked again', async () => {
    const { credential } = await issue(
      hub,
      brickRequest({ assessment: { date: '2026-02-27', language: 'km', result: 'competent' } }),
    );
    expect((await rescan(credential)).outcome).toBe('valid');
    const forged = structuredClone(credential) as Record<string, any>;
    forged.credentialSubject.name = 'Sok Darb';
    expect(check(await rescan(forged), 'proof')!.code).toBe('bad-signature');
  });
});

describe('back-pressure', () => {
  let hub: TestHub;
  let pool: ProofRunner;
  beforeAll(async () => {
    pool = createProofPool(1, 1); // one thread, a queue of one: overload is easy to reach
    hub = await startTestHub('2026-11-20T10:00:00Z', {}, { proofRunner: pool });
  });
  afterAll(async () => {
    await hub.close();
    await pool.close();
  });

  it('answers 503 overloaded with Retry-After instead of queueing without bound, and the rest verify', async () => {
    const credentials: unknown[] = [];
    // one at a time: issuance signs on the same one-slot pool
    for (let i = 0; i < 12; i++)
      credentials.push(
        (await issue(hub, brickRequest({ holder: { name: `Worker ${i}`, birthDate: '1990-01-01' } })))
          .credential,
      );
    const answers = await Promise.all(
      credentials.map((credential) =>
        hub.app.inject({ method: 'POST', url: '/verifications', payload: { credential } }),
      ),
    );
    const refused = answers.filter((a) => a.statusCode === 503);
    const served = answers.filter((a) => a.statusCode === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length + served.length).toBe(12);
    for (const a of refused) {
      expect(a.headers['retry-after']).toBe('1');
      expect(a.json().code).toBe('overloaded');
    }
    for (const a of served) expect(a.json().outcome).toBe('valid');
  });

  it('issuance under overload: 503 with Retry-After, and a refused certificate leaves nothing behind', async () => {
    // the eight signatures reach the one-slot pool in the same instant: one runs, one waits, the rest are refused
    const requests = 8;
    let arrived = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gated: ProofRunner = {
      ...pool,
      sign: async (task) => {
        if (++arrived === requests) open();
        await gate;
        return pool.sign(task);
      },
    };
    const busy = await startTestHub('2026-11-20T10:00:00Z', {}, { proofRunner: gated });
    try {
      const before = {
        certificates: await busy.ctx.store.repos.certificates.count(),
        audit: (await busy.ctx.store.repos.audit.all()).length,
      };
      const answers = await Promise.all(
        Array.from({ length: requests }, (_, i) =>
          busy.app.inject({
            method: 'POST',
            url: '/certificates',
            headers: bearer(busy.tokens.khNtti),
            payload: brickRequest({ holder: { name: `Busy ${i}`, birthDate: '1990-01-01' } }),
          }),
        ),
      );
      const refused = answers.filter((a) => a.statusCode === 503);
      const issued = answers.filter((a) => a.statusCode === 201);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length + issued.length).toBe(requests);
      for (const a of refused) expect(a.headers['retry-after']).toBe('1');
      expect(await busy.ctx.store.repos.certificates.count()).toBe(before.certificates + issued.length);
      expect((await busy.ctx.store.repos.audit.all()).length).toBe(before.audit + issued.length);
      // the refused ones gave their status indexes back: nothing is left held by a certificate that was never stored
      const report = await busy.ctx.store.repos.batches.consistency();
      expect(report.abandonedAllocations).toEqual([]);
      for (const a of issued)
        expect(await busy.ctx.store.repos.statusLists.allocationFor(a.json().credential.id)).toBeDefined();
    } finally {
      await busy.close();
    }
  });

  it('a cohort on a saturated pool waits for room and still issues every row', async () => {
    const upload = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { 'content-type': 'text/csv', ...bearer(hub.tokens.khNtti) },
      payload: cohortCsv(25, 'Queued'),
    });
    expect(upload.statusCode).toBe(201);
    const id = upload.json().id as string;
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: `/batches/${id}/commit`,
          headers: bearer(hub.tokens.khNtti),
        })
      ).statusCode,
    ).toBe(202);
    const done = await waitForBatch(hub, id, hub.tokens.khNtti);
    expect(done.counts).toMatchObject({ issued: 25, failed: 0, pending: 0 });
  });
});

describe('overload guard', () => {
  it('answers 503 + Retry-After while the event loop lags, keeps liveness and readiness, and recovers', async () => {
    const hub = await startTestHub();
    const { buildApp } = await import('../../src/http/app.js');
    let lagMs = 0; // what the event-loop probe reports for each window
    const app = await buildApp({
      ctx: hub.ctx,
      pressure: { maxEventLoopDelayMs: 50, windowMs: 20, probe: () => lagMs },
    });
    const tick = () => new Promise((r) => setTimeout(r, 60));
    try {
      expect((await app.inject({ url: '/registry/qualifications' })).statusCode).toBe(200);
      lagMs = 400;
      await tick();
      const refused = await app.inject({ url: '/registry/qualifications' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json().code).toBe('overloaded');
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
      lagMs = Number.NaN; // a window with no samples is not an overload
      await tick();
      expect((await app.inject({ url: '/registry/qualifications' })).statusCode).toBe(200);
      lagMs = 5;
      await tick();
      expect((await app.inject({ url: '/registry/qualifications' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await hub.close();
    }
  });

  it('the real probe sees a blocked event loop', async () => {
    const { registerOverloadGuard } = await import('../../src/http/plugins/overload-guard.js');
    const Fastify = (await import('fastify')).default;
    const app = Fastify();
    registerOverloadGuard(app, { maxEventLoopDelayMs: 30, windowMs: 400 });
    app.get('/x', async () => 'ok');
    try {
      // keep the loop mostly blocked (150 ms slices, barely any idle time) until a request is refused
      let refused = 0;
      for (let i = 0; i < 20 && refused === 0; i++) {
        const until = Date.now() + 150;
        while (Date.now() < until) {
          /* busy */
        }
        await new Promise((r) => setTimeout(r, 1));
        if ((await app.inject({ url: '/x' })).statusCode === 503) refused++;
      }
      expect(refused).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
