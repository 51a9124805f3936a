import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { HEADER } from '../helpers/cohorts.js';

/** Cohort files as they really arrive, and as they should not: precise errors, never a 500, nothing stored. */
describe('cohort CSV: encodings, quoting, injection, size', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const upload = (payload: Buffer | string, type = 'text/csv') =>
    hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { 'content-type': type, ...bearer(hub.tokens.khNtti) },
      payload,
    });
  const row = (name: string) => `TH-BRICK-1,${name},1990-01-01,,2026-11-18,km,competent`;
  const utf16 = (text: string, be = false) => {
    const le = Buffer.from(text, 'utf16le');
    if (!be) return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    for (let i = 0; i < le.length; i += 2) {
      const a = le[i]!;
      le[i] = le[i + 1]!;
      le[i + 1] = a;
    }
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  };

  it.each([
    [
      'UTF-8 with a BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\n${row('សុខ ដារា')}\n`)]),
    ],
    [
      'UTF-16 LE with a BOM (Excel "Unicode text", tab separated)',
      utf16(`${HEADER.replaceAll(',', '\t')}\r\n${row('ສົມພອນ').replaceAll(',', '\t')}\r\n`),
    ],
    ['UTF-16 BE with a BOM', utf16(`${HEADER}\n${row('မောင်မောင်')}\n`, true)],
    [
      'semicolons (European Excel)',
      `${HEADER.replaceAll(',', ';')}\n${row('Somchai').replaceAll(',', ';')}\n`,
    ],
    [
      'CR line ends, a header in other words and order',
      `Holder Name,Qualification,holder_birth_date,Assessment Date,ASSESSMENT-LANGUAGE,Result\rSomsak,TH-BRICK-1,1990-01-01,2026-11-18,th,Competent\r`,
    ],
  ])('reads %s', async (_name, payload) => {
    const res = await upload(payload);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts).toMatchObject({ total: 1, valid: 1, invalid: 0 });
  });

  it('keeps quoted commas, quotes and names exactly; a line break inside a cell is a precise row error', async () => {
    const res = await upload(
      `${HEADER}\n${row('"Dara, ""Jr."""')}\n${row('"Two\nLines"')}\n${row('Last')}\n`,
    );
    const p = res.json();
    expect(p.rows.map((r: any) => [r.row, r.line, r.holderName, r.state])).toEqual([
      [2, 2, 'Dara, "Jr."', 'pending'],
      [3, 3, 'Two\nLines', 'invalid'],
      [4, 5, 'Last', 'pending'],
    ]);
    expect(p.errors).toEqual([
      {
        row: 3,
        column: 'holderName',
        code: 'control-characters',
        message: expect.stringContaining('line break'),
      },
    ]);
  });

  it("refuses names with hidden or control characters and impossible birth dates, row by row, with the JSON API's rules", async () => {
    const rows = [
      'TH-BRICK-1,Sok\u202eDara,1990-01-01,,2026-11-18,km,competent', // row 2: right-to-left override
      'TH-BRICK-1,\ufeffSok\u200bDara,1990-01-01,,2026-11-18,km,competent', // row 3: BOM and zero-width space in a Latin name
      'TH-BRICK-1,Sok\u0085Dara,1990-01-01,,2026-11-18,km,competent', // row 4: a C1 control
      'TH-BRICK-1,Sok Dara,2027-03-01,,2026-11-18,km,competent', // row 5: born after the day of issuance
      'TH-BRICK-1,Sok Dara,1890-03-01,,2026-11-18,km,competent', // row 6: born before 1900
      'TH-BRICK-1,សុខ\u200bដារា,1990-01-01,,2026-11-18,km,competent', // row 7: Khmer words separated by a zero-width space: fine
    ];
    const res = await upload(`${HEADER}\n${rows.join('\n')}\n`);
    expect(res.statusCode, res.body).toBe(201);
    expect(
      res
        .json()
        .errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`),
    ).toEqual([
      '2:holderName:invisible-characters',
      '3:holderName:invisible-characters',
      '4:holderName:control-characters',
      '5:holderBirthDate:future-date',
      '6:holderBirthDate:implausible-date',
    ]);
    expect(res.json().counts).toMatchObject({ total: 6, valid: 1, invalid: 5 });
  });

  it.each(["=cmd|' /C calc'!A0", '+1+1', '@SUM(A1)', '-2+3'])(
    'refuses the formula %s in a name',
    async (name) => {
      const res = await upload(`${HEADER}\n${row(`"${name.replaceAll('"', '""')}"`)}\n`);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ row: 2, column: 'holderName', code: 'formula-like' }),
      ]);
    },
  );

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['only a BOM and blank lines', Buffer.from('\uFEFF\r\n\r\n'), 'empty'],
    ['a header and no workers', `${HEADER}\n`, 'empty'],
    [
      'invalid UTF-8 (Latin-1 é)',
      Buffer.concat([
        Buffer.from(`${HEADER}\nTH-BRICK-1,Ren`),
        Buffer.from([0xe9]),
        Buffer.from(',1990-01-01,,2026-11-18,fr,competent\n'),
      ]),
      'encoding',
    ],
    ['UTF-16 without a BOM', Buffer.from(`${HEADER}\n`, 'utf16le'), 'encoding'],
    ['a quote never closed', `${HEADER}\n${row('"Open')}\n${row('Next')}\n`, 'quotes'],
    ['a stray quote inside a cell', `${HEADER}\n${row('Dara "the" Builder')}\n`, 'quotes'],
    ['no header', `${row('A')}\n${row('B')}\n`, 'header'],
    [
      'a missing required column',
      'qualification,holderName,holderBirthDate\nTH-BRICK-1,A,1990-01-01\n',
      'header',
    ],
    ['random bytes', randomBytes(4096), 'encoding'],
  ])('refuses %s with a precise 400 invalid-csv', async (_name, payload, reason) => {
    const before = (await hub.ctx.store.repos.audit.all()).length;
    const res = await upload(payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid-csv', details: { reason } });
    expect(res.json().detail.length).toBeGreaterThan(20);
    expect((await hub.ctx.store.repos.audit.all()).length).toBe(before);
  });

  it('names the line of an invalid byte and of an unclosed quote', async () => {
    const bad = await upload(
      Buffer.concat([
        Buffer.from(`${HEADER}\n${row('A')}\nTH-BRICK-1,B`),
        Buffer.from([0xff]),
        Buffer.from('\n'),
      ]),
    );
    expect(bad.json().details).toMatchObject({ reason: 'encoding', line: 3 });
    expect(bad.json().detail).toContain('line 3');
    const quote = await upload(`${HEADER}\n${row('A')}\n${row('"B')}\n${row('C')}\n`);
    expect(quote.json().detail).toMatch(/line \d/);
  });

  it('an extra cell is a row error; a 10 MB file is a 413 naming the limit; a text/plain body is a 415', async () => {
    const extra = await upload(`${HEADER}\n${row('A')},surplus\n`);
    expect(extra.json().errors[0]).toMatchObject({ row: 2, code: 'extra-cells' });
    const big = await upload(`${HEADER}\n${`${row('x'.repeat(90))}\n`.repeat((10 * 1024 * 1024) / 130)}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('body-too-large');
    expect((await upload('a,b\n', 'text/plain')).statusCode).toBe(415);
  });

  it('more than 10,000 workers is refused before anything is checked', async () => {
    const res = await upload(`${HEADER}\n${`${row('W')}\n`.repeat(10_001)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.reason).toBe('too-many-rows');
  });
});
