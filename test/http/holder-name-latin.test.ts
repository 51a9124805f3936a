import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bearer,
  brickRequest,
  check,
  issue,
  startTestHub,
  verify,
  type TestHub,
} from '../helpers/test-hub.js';
import { HEADER, waitForBatch } from '../helpers/cohorts.js';
import { SKILLPASS_HOLDER_CONTEXT_V1_URL } from '../../src/domain/contexts.js';
import { SKILLPASS_HOLDER_CONTEXT_V1 } from '../../src/adapters/contexts/bundled-contexts.js';

const KHMER = 'សុខ ដារា';
const khmerWorker = (holder: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) =>
  brickRequest({
    holder: { name: KHMER, nameLatin: 'Sok Dara', birthDate: '1995-04-12', showBirthDate: true, ...holder },
    ...rest,
  });

/** The holder's name in their own script and in Latin letters (credentialSubject.nameLatin, its own context). */
describe("the holder's name in Latin letters (nameLatin)", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('POST /certificates writes it next to the name, names the context that defines it, and the credential verifies valid', async () => {
    const issued = await issue(hub, khmerWorker());
    const vc = issued.credential as Record<string, any>;
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/skillpass/v1',
      SKILLPASS_HOLDER_CONTEXT_V1_URL,
    ]);
    expect(vc.credentialSubject).toMatchObject({
      name: KHMER,
      nameLatin: 'Sok Dara',
      birthDate: '1995-04-12',
    });
    const r = await verify(hub, { credential: vc });
    expect(r.outcome).toBe('valid'); // the proof and the compact-form rule pass with the term defined
    expect(check(r, 'proof')!.outcome).toBe('valid');
    expect((r as any).credential).toMatchObject({ holderName: KHMER, holderNameLatin: 'Sok Dara' });

    // changed after signing: the proof fails
    const forged = structuredClone(vc);
    forged.credentialSubject.nameLatin = 'Som Dara';
    const bad = await verify(hub, { credential: forged });
    expect(bad.outcome).toBe('invalid');
    expect(check(bad, 'proof')!.outcome).toBe('invalid');
    // and without the context that defines it, the term is undefined: not the compact form, refused
    const noContext = structuredClone(vc);
    noContext['@context'] = noContext['@context'].slice(0, 3);
    const undefinedTerm = await verify(hub, { credential: noContext });
    expect(undefinedTerm.outcome).toBe('invalid');
    expect(check(undefinedTerm, 'well-formed')).toMatchObject({
      outcome: 'invalid',
      code: 'not-compact-form',
    });
  });

  it('as a VC-JOSE JWT too', async () => {
    const issued = await issue(hub, khmerWorker({ birthDate: '1995-04-13' }, { format: 'vc+jwt' }));
    const r = await verify(hub, { credential: issued.credential });
    expect(r.outcome).toBe('valid');
    expect((r as any).credential.holderNameLatin).toBe('Sok Dara');
  });

  it('a certificate without it names no new context (older certificates unchanged)', async () => {
    const issued = await issue(
      hub,
      brickRequest({ holder: { name: 'Plain Name', birthDate: '1991-01-01' } }),
    );
    const vc = issued.credential as Record<string, any>;
    expect(vc['@context']).not.toContain(SKILLPASS_HOLDER_CONTEXT_V1_URL);
    expect(vc.credentialSubject.nameLatin).toBeUndefined();
  });

  it('is refused unless in Latin letters, and under the same hidden-character rules as the name (400, nothing stored)', async () => {
    const before = await hub.ctx.store.repos.certificates.count();
    const cases: [string, string][] = [
      [KHMER, 'not-latin-script'],
      ['Sok ដារា', 'not-latin-script'],
      ['Sok Dara 2', 'not-latin-script'],
      ['Сок Дара', 'not-latin-script'], // Cyrillic look-alikes
      ['...', 'not-latin-script'],
      ['Sok\u202eDara', 'invisible-characters'],
      ['Sok\u200bDara', 'invisible-characters'],
      ['Sok\nDara', 'control-characters'],
      ['   ', 'required'],
    ];
    for (const [nameLatin, rule] of cases) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/certificates',
        headers: bearer(hub.tokens.khNtti),
        payload: khmerWorker({ nameLatin, birthDate: '1980-02-02' }),
      });
      expect(res.statusCode, nameLatin).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'validation-failed',
        details: { field: 'holder.nameLatin', rule },
      });
    }
    const tooLong = await hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload: khmerWorker({ nameLatin: 'a'.repeat(201) }),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
    // accents and the punctuation of names are Latin letters
    await issue(hub, khmerWorker({ nameLatin: "Nguyễn Văn Ánh-O'Neil (Jr.)", birthDate: '1980-03-03' }));
  });

  it('POST /credentials/issue: with the holder context it signs, well-formed and with a valid proof; without it, or not Latin, it is refused', async () => {
    const credential = (nameLatin: string, withContext = true) => ({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        ...(withContext ? [SKILLPASS_HOLDER_CONTEXT_V1_URL] : []),
      ],
      type: ['VerifiableCredential'],
      issuer: 'did:web:127.0.0.1%3A3999:spokes:kh-ntti',
      credentialSubject: { id: 'did:example:worker', name: KHMER, nameLatin },
    });
    const post = (c: Record<string, unknown>) =>
      hub.app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: bearer(hub.tokens.khNtti),
        payload: { credential: c },
      });
    const ok = await post(credential('Sok Dara'));
    expect(ok.statusCode, ok.body).toBe(201);
    const signed = await verify(hub, { credential: ok.json().verifiableCredential });
    // in the compact form its contexts define, and signed (it names no qualification: the accreditation check is another matter)
    expect(check(signed, 'well-formed')!.outcome).toBe('valid');
    expect(check(signed, 'proof')!.outcome).toBe('valid');
    const undefinedTerm = await post(credential('Sok Dara', false));
    expect(undefinedTerm.statusCode).toBe(400);
    expect(undefinedTerm.json()).toMatchObject({ details: { code: 'not-compact-form' } });
    const khmer = await post(credential(KHMER));
    expect(khmer.statusCode).toBe(400);
    expect(khmer.json()).toMatchObject({
      code: 'invalid-credential-request',
      details: { field: 'credential.credentialSubject.nameLatin', rule: 'not-latin-script' },
    });
  });

  it('the verification page shows both names (and the birth date the worker chose to show)', async () => {
    const issued = await issue(hub, khmerWorker({ birthDate: '1995-04-14' }));
    const page = (await hub.app.inject({ url: new URL(issued.verifyUrl).pathname + '?lang=th' })).body;
    expect(page).toMatch(/data-field="worker"><bdi[^>]*>សុខ ដារា<\/bdi>/);
    expect(page).toMatch(
      /<dt>ชื่อเป็นอักษรละติน<\/dt><dd data-field="worker-latin" lang="und-Latn"><bdi[^>]*>Sok Dara<\/bdi>/,
    );
    expect(page).toContain('data-field="birth-date"');
  });

  it("the worker's page and the printable certificate show it beside the name", async () => {
    const issued = await issue(hub, khmerWorker({ birthDate: '1995-04-16' }));
    const path = new URL(issued.verifyUrl).pathname;
    const worker = (await hub.app.inject({ url: `${path}/worker?lang=th` })).body;
    expect(worker).toMatch(/សុខ ដារា.*\(<bdi lang="und-Latn" data-field="worker-latin">Sok Dara<\/bdi>\)/s);
    const pdf = await hub.app.inject({ url: `/certificates${path.slice(2)}/certificate.pdf?lang=th` });
    expect(pdf.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-latin-'));
    try {
      writeFileSync(join(dir, 'c.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], {
        encoding: 'utf8',
      });
      expect(text).toContain('Sok Dara');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the recognition page shows it too', async () => {
    const issued = await issue(hub, khmerWorker({ birthDate: '1995-04-15' }));
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ certificate: issued.verifyUrl, destination: 'TH' }).toString(),
    });
    expect(res.body).toContain(
      '<dt>Name in Latin letters</dt><dd><bdi data-field="worker-latin" lang="und-Latn">Sok Dara</bdi>',
    );
  });

  it('the hub serves the context at its own URL, as bundled', async () => {
    const res = await hub.app.inject({ url: '/contexts/skillpass/holder-v1.jsonld' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    expect(res.json()).toEqual(SKILLPASS_HOLDER_CONTEXT_V1);
    expect(res.json()['@context'].nameLatin['@id']).toBe('https://w3id.org/skillpass/vocab#nameLatin');
  });

  it('a cohort CSV takes holderNameLatin and showBirthDate; bad values are reported by row and column', async () => {
    const head = `${HEADER},score,holderNameLatin,showBirthDate`;
    const rows = [
      `TH-BRICK-1,${KHMER},1996-01-01,,2026-11-18,km,competent,,Sok Dara,yes`,
      `TH-BRICK-1,${KHMER},1996-01-02,,2026-11-18,km,competent,,${KHMER},no`,
      `TH-BRICK-1,Chan Sophea,1996-01-03,,2026-11-18,km,competent,,,maybe`,
    ];
    const up = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { ...bearer(hub.tokens.khNtti), 'content-type': 'text/csv; charset=utf-8' },
      payload: `${head}\n${rows.join('\n')}\n`,
    });
    expect(up.statusCode, up.body).toBe(201);
    const p = up.json();
    expect(p.counts).toMatchObject({ total: 3, valid: 1, invalid: 2 });
    expect(p.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'holderNameLatin', code: 'not-latin-script' }),
      expect.objectContaining({ row: 4, column: 'showBirthDate', code: 'invalid-yes-no' }),
    ]);
    expect(p.rows[0]).toMatchObject({ holderName: KHMER, holderNameLatin: 'Sok Dara' });
    await hub.app.inject({
      method: 'POST',
      url: `/batches/${p.id}/commit`,
      headers: bearer(hub.tokens.khNtti),
    });
    await waitForBatch(hub, p.id, hub.tokens.khNtti);
    const r = await verify(hub, { id: p.rows[0].certificateId });
    expect(r.outcome).toBe('valid');
    expect((r as any).credential).toMatchObject({
      holderName: KHMER,
      holderNameLatin: 'Sok Dara',
      holderBirthDate: '1996-01-01',
    });
  });
});
