import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, brickRequest, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { testEngine } from '../helpers/test-database.js';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { checkIssuanceConsistency } from '../../src/services/cohorts/batch-consistency.js';
import { cohortCsv, HEADER, waitForBatch } from '../helpers/cohorts.js';

/** Cohorts over HTTP: upload, preview with errors by row and column, commit, progress, result ZIP. */
describe('cohorts (batches)', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'skillpass-batch-'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (
    body: string | Buffer,
    token = hub.tokens.khNtti,
    headers: Record<string, string> = {},
    query = '',
  ) =>
    hub.app.inject({
      method: 'POST',
      url: `/batches${query}`,
      headers: { 'content-type': 'text/csv', ...bearer(token), ...headers },
      payload: body,
    });

  it('serves the CSV template with every column (UTF-8 with a BOM for Excel)', async () => {
    const res = await hub.app.inject({ url: '/batches/template.csv?example=true' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, example] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(`${HEADER},score,holderNameLatin,showBirthDate,consentToFollowUp`);
    expect(example).toContain('TH-BRICK-1,Sok Dara');
  });

  it('previews a cohort: valid rows, and every problem named by row and column; nothing is signed', async () => {
    await issue(hub, brickRequest({ holder: { name: 'Already Certified', birthDate: '1980-05-05' } }));
    const before = await hub.ctx.store.repos.certificates.count();
    const csv = [
      HEADER,
      'TH-BRICK-1,Sok Dara,1995-04-12,,2026-11-18,km,competent', // row 2: valid
      'NOPE-1,Chan Dara,1995-04-12,,2026-11-18,km,competent', // row 3: unknown qualification
      'TH-WIRING-1,Keo Dara,1995-04-12,,2026-11-18,km,competent', // row 4: not accredited
      'TH-BRICK-1,Lim Dara,1995-04-12,,2026-11-18,,competent', // row 5: missing language
      'TH-BRICK-1,Noy Dara,12/04/1995,,2026-11-18,km,competent', // row 6: bad date
      'TH-BRICK-1,  sok   DARA ,1995-04-12,,2026-11-17,km,competent', // row 7: same worker as row 2
      'TH-BRICK-1,Already Certified,1980-05-05,,2026-11-18,km,competent', // row 8: holds it already
      'TH-BRICK-1,"Phan, ""Tom""",,N-123 456,2026-11-18,th,competent', // row 9: valid, quoted
      'TH-BRICK-1,=cmd|calc,1990-01-01,,2026-11-18,km,competent', // row 10: formula
      'TH-BRICK-1,Dara Two,,n123456,2026-11-18,km,competent', // row 11: same document number as row 9
      'TH-BRICK-1,Future Worker,1990-01-01,,2027-01-01,km,competent', // row 12: future assessment
      'TH-BRICK-1,Nobody Known,,,2026-11-18,km,competent', // row 13: no birth date nor document
      'TH-BRICK-1,Failed Worker,1990-01-01,,2026-11-18,km,not yet competent', // row 14: result
    ].join('\r\n');
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(res.headers.location).toBe(`/batches/${p.id}`);
    expect(p).toMatchObject({
      state: 'previewed',
      counts: { total: 13, valid: 2, invalid: 11, pending: 2, issued: 0, failed: 0 },
    });
    const err = (row: number) =>
      p.errors.filter((e: any) => e.row === row).map((e: any) => `${e.column}:${e.code}`);
    expect(err(2)).toEqual([]);
    expect(err(3)).toEqual(['qualification:unknown-qualification']);
    expect(err(4)).toEqual(['qualification:not-accredited']);
    expect(err(5)).toEqual(['assessmentLanguage:required']);
    expect(err(6)).toEqual(['holderBirthDate:invalid-date']);
    expect(err(7)).toEqual(['holderName:duplicate-in-cohort']);
    expect(p.errors.find((e: any) => e.row === 7).message).toContain('row 2');
    expect(err(8)).toEqual(['holderName:already-certified']);
    expect(err(9)).toEqual([]);
    expect(err(10)).toEqual(['holderName:formula-like']);
    expect(err(11)).toEqual(['holderDocumentNumber:duplicate-in-cohort']);
    expect(err(12)).toEqual(['assessmentDate:future-date']);
    expect(err(13)).toEqual(['holderBirthDate:holder-unidentified']);
    expect(err(14)).toEqual(['result:invalid-result']);
    expect(p.rows.find((r: any) => r.row === 9)).toMatchObject({
      holderName: 'Phan, "Tom"',
      state: 'pending',
      certificateId: expect.stringMatching(/^urn:uuid:/),
    });
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it('commits: every valid row issued once, progress over SSE, audit entries carry the token id, and a ZIP with credentials, QR codes, PDFs and index.csv', async () => {
    const csv = `${cohortCsv(30)}TH-BRICK-1,"=HYPERLINK(""x"")",1990-01-01,,2026-11-18,km,competent\n`;
    const p = (await upload(csv)).json();
    expect(p.counts).toMatchObject({ total: 31, valid: 30, invalid: 1 });
    const commit = await hub.app.inject({
      method: 'POST',
      url: `/batches/${p.id}/commit`,
      headers: bearer(hub.tokens.khNtti),
    });
    expect(commit.statusCode).toBe(202);
    expect(commit.json().state).toBe('committing');
    const done = await waitForBatch(hub, p.id, hub.tokens.khNtti);
    expect(done.counts).toMatchObject({
      total: 31,
      valid: 30,
      invalid: 1,
      issued: 30,
      failed: 0,
      pending: 0,
    });
    const rows = (
      await hub.app.inject({ url: `/batches/${p.id}/rows`, headers: bearer(hub.tokens.khNtti) })
    ).json().rows;
    const issued = rows.filter((r: any) => r.state === 'issued');
    expect(issued.map((r: any) => r.certificateId)).toEqual(
      p.rows.filter((r: any) => r.state === 'pending').map((r: any) => r.certificateId),
    );
    expect((await verify(hub, { id: issued[0].certificateId })).outcome).toBe('valid');

    // events of a completed batch: one progress and done
    const sse = await hub.app.inject({ url: `/batches/${p.id}/events`, headers: bearer(hub.tokens.khNtti) });
    expect(sse.headers['content-type']).toContain('text/event-stream');
    expect(sse.body).toContain('event: done');

    const audit = await hub.ctx.store.repos.audit.all();
    expect(verifyChain(audit).ok).toBe(true);
    const token = (await hub.ctx.store.repos.tokens.list()).find((t) => t.spoke === 'kh-ntti')!;
    const mine = audit.filter((e) => e.subject === p.id || (e.details as any).batch === p.id);
    expect(mine.map((e) => e.action)).toEqual([
      'batch.created',
      'batch.committed',
      ...Array(30).fill('certificate.issued'),
      'batch.completed',
    ]);
    expect(new Set(mine.map((e) => e.actor))).toEqual(new Set([token.id]));

    const zip = await hub.app.inject({
      url: `/batches/${p.id}/result.zip`,
      headers: bearer(hub.tokens.khNtti),
    });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const file = join(dir, 'result.zip');
    writeFileSync(file, zip.rawPayload);
    const listing = execFileSync('unzip', ['-l', file]).toString();
    expect(listing.match(/credentials\/worker-\d+_[0-9a-f-]{36}\.json/g)).toHaveLength(30);
    expect(listing.match(/qr\/worker-\d+_[0-9a-f-]{36}\.png/g)).toHaveLength(30);
    expect(listing.match(/pdf\/worker-\d+_[0-9a-f-]{36}\.pdf/g)).toHaveLength(30);
    const index = execFileSync('unzip', ['-p', file, 'index.csv'])
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(index[0]).toContain('row,line,state,certificateId');
    expect(index.filter((l) => l.includes(',issued,'))).toHaveLength(30);
    expect(index.find((l) => l.includes('HYPERLINK'))).toContain(`"'=HYPERLINK(""x"")"`); // neutralised, not a formula
    execFileSync('unzip', ['-t', file]);
    expect(await checkIssuanceConsistency(hub.ctx)).toMatchObject({ ok: true });
  });

  it('takes JSON rows too, and another centre cannot see the batch', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        format: 'vc+jwt',
        rows: [
          {
            qualification: 'KH-SEW-2',
            holderName: 'Json Worker',
            holderDocumentNumber: 'J1',
            assessmentDate: '2026-11-01',
            assessmentLanguage: 'km',
            result: 'competent',
            extra: 'x',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      format: 'vc+jwt',
      source: 'json',
      counts: { valid: 1 },
      warnings: [expect.stringContaining('extra')],
    });
    expect(
      (await hub.app.inject({ url: `/batches/${p.id}`, headers: bearer(hub.tokens.thBkk) })).statusCode,
    ).toBe(404);
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: `/batches/${p.id}/commit`,
          headers: bearer(hub.tokens.thBkk),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await hub.app.inject({ url: `/batches/${p.id}`, headers: bearer(hub.tokens.admin) })).statusCode,
    ).toBe(403);
    await hub.app.inject({
      method: 'POST',
      url: `/batches/${p.id}/commit`,
      headers: bearer(hub.tokens.khNtti),
    });
    const done = await waitForBatch(hub, p.id, hub.tokens.khNtti);
    expect(done.counts.issued).toBe(1);
    const rows = (
      await hub.app.inject({ url: `/batches/${p.id}/rows`, headers: bearer(hub.tokens.khNtti) })
    ).json().rows;
    expect((await verify(hub, { id: rows[0].certificateId })).outcome).toBe('valid');
  });

  // on SQLite (the engine a single centre runs); PostgreSQL commits the same code path in the tests above and the replica test
  it.skipIf(testEngine() === 'postgres')(
    'a 5,000-row cohort commits fully',
    async () => {
      const p = (await upload(cohortCsv(5000, 'Big'))).json();
      expect(p.counts).toMatchObject({ total: 5000, valid: 5000 });
      await hub.app.inject({
        method: 'POST',
        url: `/batches/${p.id}/commit`,
        headers: bearer(hub.tokens.khNtti),
      });
      const done = await waitForBatch(hub, p.id, hub.tokens.khNtti, 170_000);
      expect(done.counts).toMatchObject({ issued: 5000, failed: 0, pending: 0 });
      expect(await checkIssuanceConsistency(hub.ctx)).toMatchObject({ ok: true });
    },
    180_000,
  );
});
