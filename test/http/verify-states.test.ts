import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import {
  bareId,
  issueRevoked,
  issueSuspended,
  issueValid,
  tamperedCredential,
  uncheckableCredential,
  unknownIssuerCredential,
} from '../helpers/certificates.js';
import { catalogue, LANGUAGES } from '../../src/http/pages/i18n.js';

const T = catalogue();

/** Each verdict state, over HTTP, in all five languages: its own headline and sentence, data-state for machines. */
describe('the verification page: one verdict per state', () => {
  let hub: TestHub;
  const pages: Record<string, (lang: string) => Promise<{ status: number; body: string }>> = {};
  beforeAll(async () => {
    hub = await startTestHub();
    const get = (id: string) => async (lang: string) => {
      const res = await hub.app.inject({ url: `/v/${bareId(id)}?lang=${lang}` });
      return { status: res.statusCode, body: res.body };
    };
    const post = (credential: Record<string, unknown>) => async (lang: string) => {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/v',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ credential: JSON.stringify(credential), lang }).toString(),
      });
      return { status: res.statusCode, body: res.body };
    };
    const valid = (await issueValid(hub)).id;
    const at =
      (iso: string, page: (lang: string) => Promise<{ status: number; body: string }>) =>
      async (lang: string) => {
        const before = hub.clock.now().toISOString();
        hub.clock.set(iso);
        try {
          return await page(lang);
        } finally {
          hub.clock.set(before);
        }
      };
    pages.valid = get(valid);
    pages.expired = at('2032-01-01T00:00:00Z', get(valid));
    pages['not-yet-valid'] = at('2026-11-19T00:00:00Z', get(valid));
    pages.altered = post(await tamperedCredential(hub));
    pages['unknown-issuer'] = post(await unknownIssuerCredential(hub));
    pages.unchecked = post(await uncheckableCredential(hub));
    pages['not-found'] = get('00000000-0000-4000-8000-000000000000');
    hub.clock.set('2026-11-24T12:00:00Z');
    pages.revoked = get((await issueRevoked(hub)).id);
    pages.suspended = get((await issueSuspended(hub)).id);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const WORDS: Record<string, [string, string]> = {
    valid: ['verdict.valid', 'advice.valid'],
    revoked: ['state.revoked', 'state.revoked.text'],
    suspended: ['state.suspended', 'state.suspended.text'],
    expired: ['state.expired', 'state.expired.text'],
    'not-yet-valid': ['state.not-yet-valid', 'state.not-yet-valid.text'],
    altered: ['state.altered', 'state.altered.text'],
    'unknown-issuer': ['state.unknown-issuer', 'state.unknown-issuer.text'],
    'not-found': ['state.not-found', 'state.not-found.text'],
    unchecked: ['verdict.indeterminate', 'advice.indeterminate'],
  };

  it.each(Object.keys(WORDS))('%s: its headline and sentence in all five languages', async (state) => {
    const [title, text] = WORDS[state]!;
    const headlines = new Set<string>();
    for (const lang of LANGUAGES) {
      const { status, body } = await pages[state]!(lang);
      expect(status).toBe(state === 'not-found' ? 404 : 200);
      expect(body).toContain(`data-state="${state}"`);
      expect(body).toContain(`<h1>${T[lang].texts[title]}</h1>`);
      expect(body).toContain(`<p>${T[lang].texts[text]!.replace(/'/g, '&#39;')}</p>`);
      expect(body).toContain(`<title>${T[lang].texts[title]} – SkillPass</title>`);
      headlines.add(T[lang].texts[title]!);
    }
    expect(headlines.size).toBe(5); // translated, not English five times
  });

  it('every state has its own headline (in every language)', () => {
    for (const lang of LANGUAGES) {
      const titles = Object.values(WORDS).map(([title]) => T[lang].texts[title]);
      expect(new Set(titles).size, lang).toBe(titles.length);
    }
  });

  it("revoked and suspended: the date of the change from the hub's own record, in words", async () => {
    const revoked = await pages.revoked!('en');
    expect(revoked.body).toContain('data-since="2026-11-24T12:00:00Z"');
    expect(revoked.body).toContain('Revoked on November 24, 2026.');
    const suspended = await pages.suspended!('km');
    expect(suspended.body).toContain(T.km.texts['state.suspended.since']!.replace('{date}', '24 វិច្ឆិកា 2026'));
    // a state without a change has no date
    expect((await pages.valid!('en')).body).not.toContain('data-since');
  });

  it('suspended, reinstated, suspended again: the date shown is the latest suspension', async () => {
    const issued = await issueSuspended(hub); // at 2026-11-24T12:00
    const status = (status: boolean) =>
      hub.app.inject({
        method: 'POST',
        url: '/credentials/status',
        headers: bearer(hub.tokens.khNtti),
        payload: {
          credentialId: issued.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
          status,
        },
      });
    hub.clock.set('2026-11-26T12:00:00Z');
    expect((await status(false)).statusCode).toBe(200);
    hub.clock.set('2026-11-28T12:00:00Z');
    expect((await status(true)).statusCode).toBe(200);
    const res = await hub.app.inject({ url: `/v/${bareId(issued.id)}?lang=en` });
    expect(res.body).toContain('data-state="suspended"');
    expect(res.body).toContain('Suspended since November 28, 2026.');
  });

  it('an altered copy whose number this hub never issued: the warning, and no record or claims at all', async () => {
    const forged = {
      ...(await tamperedCredential(hub)),
      id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/v',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credential: JSON.stringify(forged), lang: 'en' }).toString(),
    });
    expect(res.body).toContain('data-state="altered"');
    expect(res.body).toContain('data-warning="content-not-shown"');
    expect(res.body).not.toContain('data-record');
    expect(res.body).not.toContain('data-field=');
    expect(res.body).not.toContain('Someone Else');
  });

  it('only a valid certificate offers its printout (PDF)', async () => {
    expect((await pages.valid!('en')).body).toContain('certificate.pdf');
    for (const state of ['revoked', 'suspended', 'expired', 'not-yet-valid'])
      expect((await pages[state]!('en')).body, state).not.toContain('certificate.pdf');
  });
});
