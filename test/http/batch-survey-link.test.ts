import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { HEADER, waitForBatch } from '../helpers/cohorts.js';

/**
 * A cohort's result ZIP carries each consenting worker's follow-up survey link (README "Placements
 * and follow-ups"): the centre prints it for the worker with the other hand-outs.
 */
describe('GET /batches/:id/result.zip: the worker survey link', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'skillpass-zip-survey-'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a row with consent has followUpSurveyUrl and its QR code; a row without has neither', async () => {
    const csv = `${HEADER},consentToFollowUp\nTH-BRICK-1,Sok Dara,1990-01-01,,2026-11-18,km,competent,yes\nTH-BRICK-1,Keo Mony,1990-01-02,,2026-11-18,km,competent,no\n`;
    const up = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { ...bearer(hub.tokens.khNtti), 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    expect(up.statusCode, up.body).toBe(201);
    const p = up.json();
    await hub.app.inject({
      method: 'POST',
      url: `/batches/${p.id}/commit`,
      headers: bearer(hub.tokens.khNtti),
    });
    await waitForBatch(hub, p.id, hub.tokens.khNtti);
    const zip = await hub.app.inject({
      url: `/batches/${p.id}/result.zip?pdf=false`,
      headers: bearer(hub.tokens.khNtti),
    });
    expect(zip.statusCode).toBe(200);
    const file = join(dir, 'result.zip');
    writeFileSync(file, zip.rawPayload);
    const [header, ...rows] = execFileSync('unzip', ['-p', file, 'index.csv'])
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const col = (name: string) => header!.indexOf(name);
    const sok = rows.find((r) => r.includes('Sok Dara'))!;
    const keo = rows.find((r) => r.includes('Keo Mony'))!;
    const url = sok[col('followUpSurveyUrl')]!;
    expect(url).toMatch(/\/t\/[A-Za-z0-9_-]{24}$/);
    expect(sok[col('followUpSurveyQrFile')]).toMatch(/^survey-qr\/sok-dara_[0-9a-f-]{36}\.png$/);
    expect(keo[col('followUpSurveyUrl')]).toBe('');
    expect(keo[col('followUpSurveyQrFile')]).toBe('');
    const entries = execFileSync('zipinfo', ['-1', file]).toString().trim().split('\n');
    expect(entries.filter((e) => e.startsWith('survey-qr/'))).toEqual([sok[col('followUpSurveyQrFile')]]);
    // the link works: the worker has no job recorded yet
    const page = await hub.app.inject({ url: `${new URL(url).pathname}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-survey="not-yet"');
  });
});
