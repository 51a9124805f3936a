import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { issueRevoked, issueValid } from '../helpers/certificates.js';
import { authorityToken } from '../helpers/recognition.js';
import { parse } from 'csv-parse/sync';

const csvRows = (body: string): Record<string, string>[] =>
  parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

describe('bulk recognition checks', () => {
  let hub: TestHub;
  let th: string;
  let ids: string[];
  let revokedId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    th = await authorityToken(hub, 'TH');
    ids = [];
    for (let i = 0; i < 10; i++)
      ids.push(
        (
          await issue(
            hub,
            brickRequest({
              holder: { name: `Worker ${i}`, birthDate: '1990-01-01' },
              ...(i % 2 ? { format: 'vc+jwt' } : {}),
            }),
          )
        ).id,
      );
    revokedId = (await issueRevoked(hub)).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const bulk = (payload: unknown, token?: string, query = '') =>
    hub.app.inject({
      method: 'POST',
      url: `/recognition/check${query}`,
      payload: payload as Record<string, unknown>,
      headers: token ? bearer(token) : {},
    });

  it('a list: one result per certificate in order, a summary, unknown certificates as error entries', async () => {
    const res = await bulk(
      {
        destination: 'TH',
        certificates: [
          ids[0],
          { certificate: ids[1], ref: 'row-b', intendedOccupation: '5120' },
          revokedId,
          'urn:uuid:00000000-0000-4000-8000-000000000000',
        ],
      },
      th,
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      destination: 'TH',
      checkedOn: '2026-11-20',
      total: 4,
      summary: { recognised: 1, 'not-recognised': 2, error: 1, indeterminate: 0 },
    });
    expect(r.results.map((x: { index: number; decision?: string }) => [x.index, x.decision])).toEqual([
      [0, 'recognised'],
      [1, 'not-recognised'],
      [2, 'not-recognised'],
      [3, undefined],
    ]);
    expect(r.results[1]).toMatchObject({
      ref: 'row-b',
      code: 'no-applicable-agreement',
      query: { intendedOccupation: '5120' },
    });
    expect(r.results[2]).toMatchObject({ code: 'verification-failed' });
    expect(r.results[3]).toMatchObject({ index: 3, error: { code: 'not-found' } });
  });

  it("needs the hub or the destination's authority", async () => {
    expect((await bulk({ destination: 'TH', certificates: [ids[0]] })).statusCode).toBe(401);
    expect((await bulk({ destination: 'SG', certificates: [ids[0]] }, th)).statusCode).toBe(403);
    expect((await bulk({ destination: 'SG', certificates: [ids[0]] }, hub.tokens.admin)).statusCode).toBe(
      200,
    );
    expect((await bulk({ destination: 'TH', certificates: [ids[0]] }, hub.tokens.khNtti)).statusCode).toBe(
      403,
    );
  });

  it('a CSV upload in, the decisions as CSV out, with per-row facts; cells that a spreadsheet would run are neutralised', async () => {
    const csv = [
      'certificate,ref,yearsOfExperience,salaryAmount,salaryCurrency',
      `${ids[0]},"=HYPERLINK(""http://evil"")",6,1800,SGD`,
      `${ids[1]},+1+2,,,`,
      `${ids[2]},-3,4,1800,SGD`,
      `${ids[3]},@SUM(A1),,,`,
    ].join('\r\n');
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/check?destination=SG&format=csv',
      payload: csv,
      headers: { ...bearer(hub.tokens.admin), 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('recognition-SG.csv');
    const rows = csvRows(res.body);
    expect(rows.map((r) => [r.row, r.ref, r.decision, r.code])).toEqual([
      ['1', '\'=HYPERLINK("http://evil")', 'recognised-with-conditions', 'recognised-with-conditions'],
      ['2', "'+1+2", 'recognised-with-conditions', 'recognised-with-conditions'],
      ['3', "'-3", 'not-recognised', 'conditions-not-met'],
      ['4', "'@SUM(A1)", 'recognised-with-conditions', 'recognised-with-conditions'],
    ]);
    expect(rows[0]).toMatchObject({
      certificate: ids[0],
      holder: 'Worker 0',
      qualification: 'TH-BRICK-1',
      agreement: 'sg-wp-r1-construction',
      permitCategory: 'SG-WP-R1',
      illustrative: 'true',
    });
    expect(rows[0]!.conditionsToMeet).toBe(
      'follow-up-required (by 2028-11-20): Complete continuing education and training (within 24 months of recognition: by 2028-11-20).',
    );
    expect(rows[0]!.conditionsMet).toContain('salary-sufficient');
    expect(rows[2]!.message).toContain('4 years of experience stated; at least 6 required.');
    // no cell of the raw file starts with a formula character
    for (const line of res.body.replace(/^\uFEFF/, '').split('\r\n'))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('Accept: text/csv also gives CSV, for a JSON list or one certificate; JSON stays the default', async () => {
    const list = await hub.app.inject({
      method: 'POST',
      url: '/recognition/check',
      payload: { destination: 'TH', certificates: ids.slice(0, 2) },
      headers: { ...bearer(th), accept: 'text/csv' },
    });
    expect(csvRows(list.body).map((r) => r.decision)).toEqual(['recognised', 'recognised']);
    const one = await hub.app.inject({
      method: 'POST',
      url: '/recognition/check',
      payload: { destination: 'TH', certificate: ids[0] },
      headers: { accept: 'text/csv' },
    });
    expect(csvRows(one.body)).toHaveLength(1);
  });

  it.each([
    ['no destination', '', `certificate\n${'x'}`, 'destination'],
    ['an unknown column', '?destination=TH', 'certificate,years\nx,1', 'years'],
    ['no certificate column', '?destination=TH', 'ref\nx', 'certificate'],
    ['a bad number', '?destination=TH', 'certificate,yearsOfExperience\nx,lots', 'yearsOfExperience'],
    ['a salary without currency', '?destination=TH', 'certificate,salaryAmount\nx,100', 'salaryCurrency'],
    ['a header only', '?destination=TH', 'certificate\n', 'certificate'],
  ])('a bad CSV is a 400 naming the column or row: %s', async (_name, query, csv, field) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: `/recognition/check${query}`,
      payload: csv,
      headers: { ...bearer(th), 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation-failed', details: { field } });
  });

  it('1,000 distinct certificates (half Data Integrity, half JWT) in one request complete, each decided', async () => {
    const issuedAt = Date.now();
    const distinct: string[] = [];
    for (let i = 0; i < 1000; i++) {
      distinct.push(
        (
          await issue(
            hub,
            brickRequest({
              holder: { name: `Bulk ${i}`, birthDate: '1990-01-01' },
              ...(i % 2 ? { format: 'vc+jwt' } : {}),
            }),
          )
        ).id,
      );
    }
    console.log(
      `bulk recognition: issued 1000 certificates in ${((Date.now() - issuedAt) / 1000).toFixed(1)} s`,
    );
    const many = distinct.map((certificate, i) => ({ certificate, ref: `w${i}` }));
    const started = Date.now();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/check',
      payload: { destination: 'TH', certificates: many },
      headers: bearer(th),
    });
    const seconds = (Date.now() - started) / 1000;
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.total).toBe(1000);
    expect(r.summary).toEqual({
      recognised: 1000,
      'recognised-with-conditions': 0,
      'not-recognised': 0,
      indeterminate: 0,
      error: 0,
    });
    expect(r.results.map((x: { ref: string }) => x.ref)).toEqual(many.map((m) => m.ref));
    console.log(
      `bulk recognition: 1000 certificates in ${seconds.toFixed(1)} s (${(1000 / seconds).toFixed(0)}/s, ${hub.ctx.store.engine})`,
    );
  }, 300_000);

  it("1,000 credentials sent whole (not ids) fit the route's body limit", async () => {
    const credential = (await issueValid(hub)).credential;
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/check',
      payload: { destination: 'TH', certificates: Array.from({ length: 1000 }, () => credential) },
      headers: bearer(th),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.recognised).toBe(1000);
  }, 180_000);
});
