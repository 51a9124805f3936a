import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { HEADER, waitForBatch } from '../helpers/cohorts.js';

/** The batch ZIP names each worker's files `<worker-name-slug>_<certificate-id>.<ext>`: safe ASCII, unique, no path traversal. */
describe('GET /batches/:id/result.zip file names', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'skillpass-zip-names-'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names files by worker and certificate, the same name twice stays two files, a hostile name stays inside', async () => {
    const names = ['Sok Dara', 'Sok Dara', 'Nguyễn Văn Ánh', '../../etc/passwd', 'សុខ ដារា'];
    const csv = `${HEADER}\n${names.map((n, i) => `TH-BRICK-1,"${n}",1990-01-0${i + 1},,2026-11-18,km,competent`).join('\n')}\n`;
    const up = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { ...bearer(hub.tokens.khNtti), 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    expect(up.statusCode, up.body).toBe(201);
    const p = up.json();
    expect(p.counts).toMatchObject({ total: 5, valid: 5 });
    await hub.app.inject({
      method: 'POST',
      url: `/batches/${p.id}/commit`,
      headers: bearer(hub.tokens.khNtti),
    });
    await waitForBatch(hub, p.id, hub.tokens.khNtti);
    const ids: string[] = p.rows.map((r: { certificateId: string }) =>
      r.certificateId.replace('urn:uuid:', ''),
    );

    const zip = await hub.app.inject({
      url: `/batches/${p.id}/result.zip`,
      headers: bearer(hub.tokens.khNtti),
    });
    expect(zip.statusCode).toBe(200);
    const file = join(dir, 'result.zip');
    writeFileSync(file, zip.rawPayload);
    const entries = execFileSync('zipinfo', ['-1', file]).toString().trim().split('\n');
    const files = entries.filter((e) => e !== 'index.csv');
    expect(files).toHaveLength(15);
    for (const e of files)
      expect(e).toMatch(/^(credentials|qr|pdf)\/[a-z0-9]+(-[a-z0-9]+)*_[0-9a-f-]{36}\.(json|png|pdf)$/);
    expect(new Set(entries).size).toBe(entries.length);
    const pdfs = files.filter((e) => e.startsWith('pdf/')).sort();
    expect(pdfs).toEqual(
      [
        `pdf/sok-dara_${ids[0]}.pdf`,
        `pdf/sok-dara_${ids[1]}.pdf`,
        `pdf/nguyen-van-anh_${ids[2]}.pdf`,
        `pdf/etc-passwd_${ids[3]}.pdf`,
        `pdf/worker_${ids[4]}.pdf`,
      ].sort(),
    );
    // index.csv says which file is whose
    const index = execFileSync('unzip', ['-p', file, 'index.csv']).toString('utf8');
    expect(index).toContain(`credentials/nguyen-van-anh_${ids[2]}.json`);
    execFileSync('unzip', ['-t', file]);
  });
});
