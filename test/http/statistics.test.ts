import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { attack, publishedTables } from '../helpers/statistics-attacker.js';

/**
 * Programme statistics through the real app (README "Programme statistics"): who may read them,
 * what a corridor-limited programme token sees, suppression of small cells, verification and
 * recognition counts, wages, costs, CSV. One small dataset: 8 KH-TH certificates (6 placed,
 * followed up at 6 months; 5 checked by the Thai authority, 1 anonymously) and 5 TH-TH.
 */
describe('GET /statistics and POST /programmes/:id/costs', () => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  const khTh: string[] = [];
  const names: string[] = [];
  const placementIds: string[] = [];
  const NOW = '2026-11-20T10:00:00Z';
  let worker = 0;

  const certify = async (token: string, qualification: string) => {
    const name = `Statistics Worker ${++worker}`;
    names.push(name);
    return (
      await issue(
        hub,
        brickRequest({ qualification, holder: { name, birthDate: '1990-01-02', consentToFollowUp: true } }),
        token,
      )
    ).id;
  };
  const stats = (query: string, token = tokens.programmeKhTh!, headers: Record<string, string> = {}) =>
    hub.app.inject({ url: `/statistics${query}`, headers: { ...bearer(token), ...headers } });
  type Row = Record<string, unknown> & { key: Record<string, unknown>; wages: unknown[] };

  beforeAll(async () => {
    hub = await startTestHub(NOW);
    for (const [name, body] of Object.entries({
      employerTh: { role: 'employer', label: 'Siam Build Co.', country: 'TH', expiresInDays: 730 },
      programmeKhTh: { role: 'programme', label: 'KH-TH pilot', corridors: ['KH-TH'] },
      programmeAll: { role: 'programme', label: 'Regional M&E' },
      authorityTh: { role: 'authority', label: 'TH ministry', country: 'TH' },
    })) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: bearer(hub.tokens.admin),
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
      tokens[name] = res.json().token;
    }
    for (let i = 0; i < 8; i++) khTh.push(await certify(hub.tokens.khNtti, 'TH-BRICK-1'));
    for (let i = 0; i < 5; i++) await certify(hub.tokens.thBkk, 'TH-WIRING-1');
    // six placements started in May, each answered at 6 months: five still employed with a raise
    for (let i = 0; i < 6; i++) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/placements',
        headers: bearer(tokens.employerTh!),
        payload: {
          certificate: khTh[i],
          destination: 'TH',
          isco08: '7112',
          startDate: '2026-05-04',
          monthlyWage: { amount: 10000 + 1000 * i, currency: 'THB' },
          contractType: 'fixed-term',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      placementIds.push(res.json().id);
    }
    for (const [i, id] of placementIds.entries()) {
      const still = i < 5;
      const res = await hub.app.inject({
        method: 'POST',
        url: `/placements/${id}/follow-ups`,
        headers: bearer(tokens.employerTh!),
        payload: still
          ? { month: 6, stillEmployed: true, monthlyWage: { amount: 11000 + 1000 * i, currency: 'THB' } }
          : { month: 6, stillEmployed: false },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // five KH-TH certificates checked by the Thai authority (one twice: still one certificate), one anonymously
    for (const id of [...khTh.slice(0, 5), khTh[0]]) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/verifications',
        headers: bearer(tokens.authorityTh!),
        payload: { id },
      });
      expect(res.json().outcome).toBe('valid');
    }
    await hub.app.inject({ method: 'POST', url: '/verifications', payload: { id: khTh[7] } });
    const recognition = await hub.app.inject({
      method: 'POST',
      url: '/recognition/check',
      headers: bearer(tokens.authorityTh!),
      payload: { destination: 'TH', certificates: khTh.slice(0, 5) },
    });
    expect(recognition.statusCode, recognition.body).toBe(200);
  });
  afterAll(async () => {
    await hub.close();
  });

  describe('who may read them', () => {
    it('employer, issuer and authority tokens get 403; no token 401', async () => {
      for (const token of [tokens.employerTh!, hub.tokens.khNtti, tokens.authorityTh!]) {
        expect((await stats('', token)).statusCode).toBe(403);
        const cost = await hub.app.inject({
          method: 'POST',
          url: '/programmes/KH-TH%20pilot/costs',
          headers: bearer(token),
          payload: { quarter: '2026-Q2', amount: 1, currency: 'USD' },
        });
        expect(cost.statusCode).toBe(403);
      }
      expect((await hub.app.inject({ url: '/statistics' })).statusCode).toBe(401);
    });

    it('a programme token never reads a record: 403 on every placement and follow-up route', async () => {
      for (const token of [tokens.programmeKhTh!, tokens.programmeAll!]) {
        const routes = [
          { method: 'GET' as const, url: '/placements' },
          { method: 'POST' as const, url: '/placements', payload: {} },
          { method: 'POST' as const, url: `/placements/${placementIds[0]}/follow-ups`, payload: {} },
          { method: 'GET' as const, url: '/follow-ups/due' },
          { method: 'GET' as const, url: '/certificates' },
          { method: 'GET' as const, url: `/certificates/${encodeURIComponent(khTh[0]!)}/status` },
        ];
        for (const r of routes) {
          const res = await hub.app.inject({ ...r, headers: bearer(token) });
          expect([403, 404], `${r.method} ${r.url}`).toContain(res.statusCode);
          expect(res.body).not.toContain('Statistics Worker');
        }
      }
    });

    it('the statistics themselves hold no certificate, placement or worker', async () => {
      for (const query of ['?groupBy=corridor,qualification,aqrfLevel,centre,quarter', '?format=csv']) {
        const body = (await stats(query, hub.tokens.admin)).body;
        for (const id of [...khTh, ...placementIds]) expect(body).not.toContain(id.replace(/^urn:uuid:/, ''));
        for (const name of names) expect(body).not.toContain(name);
      }
    });
  });

  describe('what is counted, and what is withheld', () => {
    const byCorridor = async (token: string) => {
      const res = await stats('?groupBy=corridor', token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { rows: Row[]; margins: { groupBy: string[]; rows: Row[] }[]; groupBy: string[] };
    };

    it('counts certified, verified (distinct, by destination), recognised, placed and retained in their corridor', async () => {
      const { rows } = await byCorridor(hub.tokens.admin);
      const kh = rows.find((r) => r.key.corridor === 'KH-TH')!;
      expect(kh).toMatchObject({
        certified: 8,
        recognised: 5,
        placed: 6,
        followedUp6: 6,
        retained6: 5,
        placementRate: 0.75,
        retentionRate6: 0.8333,
      });
    });

    it('a cell of fewer than 5 workers is withheld, and so is a second one of its line', async () => {
      const { rows, margins } = await byCorridor(hub.tokens.admin);
      const verified = Object.fromEntries(rows.map((r) => [r.key.corridor, r.verified]));
      // the anonymous check: one certificate, withheld
      expect(verified['KH-unknown']).toBeNull();
      // 5 certificates checked by the Thai authority, withheld too: the total less 5 would give the 1
      expect(verified['KH-TH']).toBeNull();
      // six distinct certificates checked (seven checks, one certificate twice)
      expect(margins.find((m) => m.groupBy.length === 0)!.rows[0]!.verified).toBe(6);
      expect(margins.find((m) => m.groupBy.length === 0)!.rows[0]!.certified).toBe(13);
      expect(rows.find((r) => r.key.corridor === 'TH-TH')!.certified).toBe(5);
    });

    it('subtracting every published figure of every table recovers no withheld one', async () => {
      const res = await stats('?groupBy=corridor,qualification,aqrfLevel,centre,quarter', hub.tokens.admin);
      const tables = publishedTables(res.json());
      expect(tables).toHaveLength(32);
      expect(tables.some((t) => t.rows.some((r) => r.verified === null))).toBe(true);
      expect(attack(tables)).toEqual([]);
    });

    it('medians within one currency, of the wage at placement, at follow-up and of the change', async () => {
      const { rows } = await byCorridor(hub.tokens.admin);
      expect(rows.find((r) => r.key.corridor === 'KH-TH')!.wages).toEqual([
        { currency: 'THB', medianAtPlacement: 12500, medianAtFollowUp: 13000, medianChange: 1000 },
      ]);
    });

    it('a corridor-limited programme sees its corridors only and never a sum over corridors', async () => {
      const body = await byCorridor(tokens.programmeKhTh!);
      expect(body.rows.map((r) => r.key.corridor)).toEqual(['KH-TH']);
      expect(body.margins).toEqual([]);
      const byQuarter = (await stats('?groupBy=quarter')).json() as typeof body;
      expect(byQuarter.groupBy).toEqual(['corridor', 'quarter']);
      expect(byQuarter.rows.every((r) => r.key.corridor === 'KH-TH')).toBe(true);
      expect(byQuarter.margins.every((m) => m.groupBy.includes('corridor'))).toBe(true);
    });

    it('a window is answered by quarter: placements by their start, certificates by their certification', async () => {
      const res = await stats('?from=2026-04-01&to=2026-Q2', hub.tokens.admin);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { groupBy: string[]; from: string; rows: Row[] };
      expect(body.groupBy).toEqual(['quarter']);
      expect(body.from).toBe('2026-Q2');
      expect(body.rows).toHaveLength(1);
      expect(body.rows[0]).toMatchObject({ key: { quarter: '2026-Q2' }, placed: 6, certified: 0 });
    });

    it('as CSV: one line per row, a withheld figure an empty cell', async () => {
      const res = await stats('?groupBy=corridor', hub.tokens.admin, { accept: 'text/csv' });
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^corridor,certified,verified,/);
      expect(lines[0]).toContain('medianWageAtPlacement THB');
      expect(lines.find((l) => l.startsWith('KH-unknown,'))).toMatch(/^KH-unknown,0,,0,/);
      expect(lines.find((l) => l.startsWith('KH-TH,'))).toMatch(/^KH-TH,8,,5,/);
    });

    it('refuses a groupBy it does not know and a window that ends before it starts', async () => {
      for (const q of ['?groupBy=corridor,name', '?from=2026-Q3&to=2026-Q1', '?from=yesterday']) {
        const res = await stats(q);
        expect(res.statusCode, q).toBe(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.json().code).toBe('validation-failed');
      }
    });
  });

  describe('costs', () => {
    const postCost = (programme: string, body: Record<string, unknown>, token = tokens.programmeKhTh!) =>
      hub.app.inject({
        method: 'POST',
        url: `/programmes/${encodeURIComponent(programme)}/costs`,
        headers: bearer(token),
        payload: body,
      });

    it("a programme records its own costs, not another programme's; bad input changes nothing", async () => {
      expect(
        (await postCost('Regional M&E', { quarter: '2026-Q4', amount: 5, currency: 'USD' })).statusCode,
      ).toBe(403);
      for (const body of [
        { quarter: '2026-Q5', amount: 5, currency: 'USD' },
        { quarter: '2026-Q4', amount: 0, currency: 'USD' },
        { quarter: '2026-Q4', amount: 5, currency: 'ABC' },
      ]) {
        const res = await postCost('KH-TH pilot', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
      }
      const ok = await postCost('KH-TH pilot', {
        quarter: '2026-Q4',
        amount: 4000,
        currency: 'USD',
        note: 'training',
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const body = (await stats('')).json() as { costs: unknown[] };
      expect(body.costs).toEqual([
        {
          quarter: '2026-Q4',
          currency: 'USD',
          amount: 4000,
          certified: 8,
          placed: 0,
          perCertified: 500,
          perPlaced: null,
        },
      ]);
    });
  });
});
