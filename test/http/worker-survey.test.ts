import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId } from '../helpers/certificates.js';
import { buildApp } from '../../src/http/app.js';
import { PAGE_CSP } from '../../src/http/plugins/page-security.js';
import { hashSurveyCode } from '../../src/services/outcomes/worker-survey.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const KM = catalogue().km.texts;
const EN = catalogue().en.texts;

/**
 * The worker's own follow-up survey through the real app (README "Placements and follow-ups"):
 * the personal link on the worker page, /t/:code in the worker's language, one answer per mark,
 * kept apart from the employer's.
 */
describe('worker follow-up survey (/t/:code)', () => {
  let hub: TestHub;
  let employer: string;
  let worker = 0;
  const NOW = '2026-11-20T10:00:00Z';

  const certify = async (consent = true) =>
    issue(
      hub,
      brickRequest({
        holder: {
          name: `Survey Worker ${++worker}`,
          birthDate: '1994-01-02',
          ...(consent ? { consentToFollowUp: true } : {}),
        },
      }),
    );
  const place = async (certificate: string, startDate: string) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/placements',
      headers: bearer(employer),
      payload: {
        certificate,
        destination: 'TH',
        isco08: '7112',
        startDate,
        monthlyWage: { amount: 12000, currency: 'THB' },
        contractType: 'fixed-term',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const workerPage = (id: string, lang = 'km') =>
    hub.app.inject({ url: `/v/${bareId(id)}/worker?lang=${lang}` });
  const codeOn = (html: string) => /href="\/t\/([A-Za-z0-9_-]+)\?lang=/.exec(html)?.[1];
  const post = (code: string, form: Record<string, string>, app = hub.app) =>
    app.inject({
      method: 'POST',
      url: `/t/${code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const answer = {
    lang: 'km',
    month: '3',
    stillEmployed: 'yes',
    wageAmount: '15,500',
    wageCurrency: 'THB',
    roleOrGrade: 'mason R2',
    wouldRecommend: 'yes',
  };

  let placed: { certificate: string; placement: string; code: string };

  beforeAll(async () => {
    hub = await startTestHub(NOW);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: bearer(hub.tokens.admin),
      payload: { role: 'employer', label: 'Siam Build Co.', country: 'TH', expiresInDays: 730 },
    });
    employer = res.json().token;
    const { id } = await certify();
    const p = await place(id, '2026-08-20'); // the 3-month mark is due today
    const page = await workerPage(id);
    placed = { certificate: id, placement: p.id, code: codeOn(page.body)! };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('the worker page shows the personal link and its QR code; the code is unguessable and stored only as a hash', async () => {
    const page = await workerPage(placed.certificate);
    expect(page.body).toContain('data-survey-link');
    expect(page.body).toContain(`<img src="/t/${placed.code}/qr.svg"`);
    expect(placed.code).toMatch(/^[A-Za-z0-9_-]{24}$/); // 144 bits
    // the same link every time, and bound to this placement by its hash only
    expect(codeOn((await workerPage(placed.certificate, 'en')).body)).toBe(placed.code);
    const { outcomes } = hub.ctx.store.repos;
    expect((await outcomes.placementBySurveyCode(hashSurveyCode(placed.code)))?.id).toBe(placed.placement);
    expect(await outcomes.placementBySurveyCode(placed.code)).toBeUndefined();
    const qr = await hub.app.inject({ url: `/t/${placed.code}/qr.svg` });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect((await hub.app.inject({ url: `/t/${'A'.repeat(24)}/qr.svg` })).statusCode).toBe(404);
  });

  it('no link without a placement, nor while the certificate is suspended', async () => {
    const { id } = await certify();
    expect((await workerPage(id)).body).not.toContain('data-survey-link');
    await place(id, '2026-08-20');
    expect((await workerPage(id)).body).toContain('data-survey-link');
    const suspended = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        status: true,
      },
    });
    expect(suspended.statusCode).toBe(200);
    expect((await workerPage(id)).body).not.toContain('data-survey-link');
  });

  it("shows the open mark's four questions in the worker's language, under the pages' CSP; an unknown code is a 404 page", async () => {
    const res = await hub.app.inject({ url: `/t/${placed.code}?lang=km` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="km">');
    expect(res.body).toContain('data-month="3"');
    for (const key of ['survey.employed', 'survey.wage', 'survey.role', 'survey.recommend'])
      expect(res.body).toContain(KM[key]);
    expect(res.body).toContain('<form method="post" action="/t/');
    expect(res.body).not.toMatch(/<script/);
    // nothing the employer reported: not the agreed wage
    expect(res.body).not.toContain('12000');
    for (const code of ['A'.repeat(24), 'nope', `${placed.code}x`]) {
      const unknown = await hub.app.inject({ url: `/t/${code}?lang=en` });
      expect(unknown.statusCode, code).toBe(404);
      expect(unknown.headers['content-type']).toContain('text/html');
      expect(unknown.body).toContain(EN['survey.unknown']);
    }
  });

  it('a wrong answer is shown again with what to fix, storing nothing; a good one is kept (source: worker) and answers 303 to thanks; a second is refused', async () => {
    const { outcomes } = hub.ctx.store.repos;
    const missing = await post(placed.code, { ...answer, wouldRecommend: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('data-problem="wouldRecommend"');
    expect(missing.body).toContain('value="mason R2"'); // what was typed is kept
    const badWage = await post(placed.code, { ...answer, wageAmount: 'a lot' });
    expect(badWage.statusCode).toBe(400);
    expect(badWage.body).toContain('data-problem="monthlyWage"');
    expect(await outcomes.workerAnswers([placed.placement])).toEqual([]);

    const ok = await post(placed.code, answer);
    expect(ok.statusCode, ok.body).toBe(303);
    expect(ok.headers.location).toBe(`/t/${placed.code}/thanks?lang=km`);
    const thanks = await hub.app.inject({ url: ok.headers.location as string });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain(KM['survey.thanks']);
    expect(await outcomes.workerAnswers([placed.placement])).toEqual([
      {
        placementId: placed.placement,
        month: 3,
        stillEmployed: true,
        monthlyWage: { amount: 15500, currency: 'THB' },
        roleOrGrade: 'mason R2',
        wouldRecommend: true,
        answeredAt: NOW,
      },
    ]);
    // the employer's own follow-up is still unanswered: the worker's answer is not the employer's
    expect(await outcomes.followUps([placed.placement])).toEqual([]);

    const again = await post(placed.code, { ...answer, wouldRecommend: 'no' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('data-survey="waiting"');
    expect(await outcomes.workerAnswers([placed.placement])).toHaveLength(1);
    expect((await hub.app.inject({ url: `/t/${placed.code}?lang=en` })).body).toContain(
      'data-survey="waiting"',
    );
  });

  it("the employer sees only that the worker answered, never what; the worker's page never shows the employer's answer", async () => {
    const due = (await hub.app.inject({ url: '/follow-ups/due', headers: bearer(employer) })).json();
    const mine = due.due.find((d: { placement: string }) => d.placement === placed.placement);
    expect(mine).toMatchObject({ month: 3, workerAnswered: true });
    const seen =
      JSON.stringify(due) + (await hub.app.inject({ url: '/placements', headers: bearer(employer) })).body;
    expect(seen).not.toContain('15500');
    expect(seen).not.toContain('mason R2');
    expect(seen).not.toMatch(/wouldRecommend/);
    const answered = await hub.app.inject({
      method: 'POST',
      url: `/placements/${placed.placement}/follow-ups`,
      headers: bearer(employer),
      payload: {
        month: 3,
        stillEmployed: true,
        monthlyWage: { amount: 13750, currency: 'THB' },
        roleOrGrade: 'R1',
      },
    });
    expect(answered.statusCode).toBe(201);
    const page = (await hub.app.inject({ url: `/t/${placed.code}?lang=en` })).body;
    expect(page).not.toContain('13750');
    expect(page).not.toContain('R1');
  });

  it('a placement with no mark due yet says when the first questions open; the mark asked is the latest one due', async () => {
    const { id } = await certify();
    await place(id, '2026-11-01');
    const code = codeOn((await workerPage(id)).body)!;
    const waiting = await hub.app.inject({ url: `/t/${code}?lang=en` });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).toContain('data-survey="waiting"');
    expect(waiting.body).not.toContain('<form');
    expect(waiting.body).toContain('February 1, 2027');
    // posting before anything is due changes nothing
    expect((await post(code, { ...answer, month: '3' })).statusCode).toBe(409);
    hub.clock.set('2027-05-02T09:00:00Z'); // 3 and 6 months reached: the 6-month questions are asked
    try {
      const page = await hub.app.inject({ url: `/t/${code}?lang=en` });
      expect(page.body).toContain('data-month="6"');
      expect((await post(code, { ...answer, month: '3' })).statusCode).toBe(409);
      expect((await post(code, { ...answer, month: '6', stillEmployed: 'no' })).statusCode).toBe(303);
    } finally {
      hub.clock.set(NOW);
    }
  });

  it('posting is rate-limited per address: 429 rate-limited over the limit', async () => {
    const app = await buildApp({
      ctx: hub.ctx,
      rateLimits: {
        windowMs: 60_000,
        issuePerToken: 0,
        issuePerAddress: 0,
        verifyPerAddress: 0,
        surveyPerAddress: 2,
      },
    });
    try {
      const codes = await Promise.all([1, 2, 3].map(() => post('A'.repeat(24), answer, app)));
      expect(codes.map((r) => r.statusCode)).toEqual([404, 404, 429]);
      expect(codes[2]!.json().code).toBe('rate-limited');
    } finally {
      await app.close();
    }
  });
});
