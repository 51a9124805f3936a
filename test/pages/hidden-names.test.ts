import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { storeAsCentre } from '../helpers/forge.js';
import { bareId } from '../helpers/certificates.js';
import { catalogue } from '../../src/http/pages/i18n.js';
import { SCAN_SCRIPT } from '../../src/http/pages/scan-script.js';
import { CENTRE_SCRIPT } from '../../src/http/pages/centre-page.js';

const T = catalogue();
/** "Sok Dara" followed by a right-to-left override and "liaF": shown as written, the tail reads "Fail" backwards */
const DISGUISED = 'Sok Dara\u202eliaF';
const REVEALED = 'Sok Dara⟨U+202E⟩liaF';

/**
 * A name with invisible or direction-changing characters, in a credential this hub would now
 * refuse to issue (one from elsewhere, or from before the rule), is shown on every page with
 * each such character made visible and a warning; never as the characters themselves.
 */
describe('names with hidden characters on the pages', () => {
  let hub: TestHub;
  let stored: { id: string; credential: Record<string, unknown> };
  let dir: string;
  beforeAll(async () => {
    hub = await startTestHub();
    stored = await storeAsCentre(hub.ctx, 'kh-ntti', { name: DISGUISED, birthDate: '1990-01-01' });
    dir = mkdtempSync(join(tmpdir(), 'skillpass-hidden-'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectRevealed = (html: string, warning: string) => {
    expect(html).toContain(REVEALED);
    expect(html).not.toContain('\u202e');
    expect(html).toContain('data-warning="hidden-characters"');
    expect(html).toContain(warning.replaceAll("'", '&#39;'));
  };

  it("the verification page (GET /v/:id and a pasted credential), in the reader's language", async () => {
    const page = await hub.app.inject({ url: `/v/${bareId(stored.id)}?lang=km` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-outcome="valid"'); // a genuine signature: the verdict stands, the name is shown for what it is
    expectRevealed(page.body, T.km.texts['name.hidden']!);
    expect(page.body).toContain(`<bdi>${REVEALED}</bdi>`);
    const pasted = await hub.app.inject({
      method: 'POST',
      url: '/v',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `lang=en&credential=${encodeURIComponent(JSON.stringify(stored.credential))}`,
    });
    expectRevealed(pasted.body, T.en.texts['name.hidden']!);
  });

  it("the worker's page and the recognition check page", async () => {
    const worker = await hub.app.inject({ url: `/v/${bareId(stored.id)}/worker?lang=th` });
    expectRevealed(worker.body, T.th.texts['name.hidden']!);
    const recognition = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `certificate=${encodeURIComponent(stored.id)}&destination=TH`,
    });
    expectRevealed(recognition.body, T.en.texts['name.hidden']!);
  });

  it('a name without hidden characters carries no warning', async () => {
    const plain = await storeAsCentre(hub.ctx, 'kh-ntti', { name: 'សុខ\u200bដារា', birthDate: '1990-01-01' }); // a Khmer word break: part of the writing
    const page = await hub.app.inject({ url: `/v/${bareId(plain.id)}` });
    expect(page.body).toContain('<bdi>សុខ\u200bដារា</bdi>');
    expect(page.body).not.toContain('data-warning');
  });

  it('the printed certificate spells the character out as [U+202E]', async () => {
    const res = await hub.app.inject({ url: `/certificates/${bareId(stored.id)}/certificate.pdf?lang=en` });
    expect(res.statusCode).toBe(200);
    const file = join(dir, 'disguised.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Sok Dara[U+202E]liaF');
    expect(text).not.toContain('\u202e');
    expect(execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' })).toContain('[U+202E]');
  });

  it("the scanner and the centre's desk reveal names in the browser with the same function, and the scanner has its words", async () => {
    expect(SCAN_SCRIPT).toContain('function revealHidden(s)');
    expect(SCAN_SCRIPT).toMatch(/revealHidden\(c\.holderName\)/);
    expect(CENTRE_SCRIPT).toContain('function revealHidden(s)');
    // every place the desk shows a name goes through it (rows of a cohort, the certificates list, the confirmations)
    // (a cohort row's Latin-letters name goes to nameCell with the name, which shows it through shownName too)
    expect(CENTRE_SCRIPT.match(/holderName/g)!.length).toBe(
      CENTRE_SCRIPT.match(/(shownName|nameCell)\((tr, )?(r|it|item)\.holderName(, r\.holderNameLatin)?\)/g)!
        .length +
        (CENTRE_SCRIPT.match(/, r\.holderNameLatin\)/g) ?? []).length +
        1,
    ); // + the test of it.holderName before shownName
    expect(CENTRE_SCRIPT).toContain('l.textContent = shownName(latin)');
    const scan = await hub.app.inject({ url: '/scan?lang=lo' });
    expect(scan.body).toContain(JSON.stringify(T.lo.texts['name.hidden']).slice(1, -1));
  });
});
