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
 * the personal link handed to the worker by the centre at certification (never on a page or an
 * answer that holders of the certificate id see), /t/:code in the worker's language, one answer
 * per mark, kept apart from the employer's.
 */
describe('worker follow-up survey (/t/:code)', () => {
  let hub: TestHub;
  let employer: string;
  let worker = 0;
  const NOW = '2026-11-20T10:00:00Z';

  const certify = async (consent = true) =>
    (await issue(
      hub,
      brickRequest({
        holder: {
          name: `Survey Worker ${++worker}`,
          birthDate: '1994-01-02',
          ...(consent ? { consentToFollowUp: true } : {}),
        },
      }),
    )) as Awaited<ReturnType<typeof issue>> & { followUpSurvey?: { url: string; qr: string } };
  const codeOf = (url: string) => /\/t\/([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';
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
    return res as unknown as { statusCode: number; body: string; json: () => { id: string } };
  };
  const setStatus = async (id: string, purpose: 'revocation' | 'suspension', status: boolean) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: purpose },
        status,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const workerPage = (id: string, lang = 'km') =>
    hub.app.inject({ url: `/v/${bareId(id)}/worker?lang=${lang}` });
  const surveyLink = (id: string, token: string) =>
    hub.app.inject({ url: `/certificates/${bareId(id)}/follow-up-survey`, headers: bearer(token) });
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

  let placed: { certificate: string; placement: string; code: string; placementAnswer: string };

  beforeAll(async () => {
    hub = await startTestHub(NOW);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: bearer(hub.tokens.admin),
      payload: { role: 'employer', label: 'Siam Build Co.', country: 'TH', expiresInDays: 730 },
    });
    employer = res.json().token;
    const issued = await certify();
    const p = await place(issued.id, '2026-08-20'); // the 3-month mark is due today
    placed = {
      certificate: issued.id,
      placement: p.json().id,
      code: codeOf(issued.followUpSurvey!.url),
      placementAnswer: p.body,
    };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('the certification answer hands the centre the link and its QR code (with consent only); the code is unguessable, per certificate and stored only as a hash', async () => {
    const issued = await certify();
    expect(issued.followUpSurvey).toEqual({
      url: `${hub.ctx.publicUrl}/t/${codeOf(issued.followUpSurvey!.url)}`,
      qr: `${issued.followUpSurvey!.url}/qr.svg`,
    });
    const code = codeOf(issued.followUpSurvey!.url);
    expect(code).toMatch(/^[A-Za-z0-9_-]{24}$/); // 144 bits
    expect(code).not.toBe(placed.code);
    const { outcomes } = hub.ctx.store.repos;
    expect(await outcomes.certificateBySurveyCode(hashSurveyCode(code))).toBe(issued.id);
    expect(await outcomes.certificateBySurveyCode(code)).toBeUndefined();
    const qr = await hub.app.inject({ url: `/t/${code}/qr.svg` });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect((await hub.app.inject({ url: `/t/${'A'.repeat(24)}/qr.svg` })).statusCode).toBe(404);
    // no consent to follow-up: no survey at all
    const without = await certify(false);
    expect(without).not.toHaveProperty('followUpSurvey');
    const none = await surveyLink(without.id, hub.tokens.khNtti);
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('no-follow-up-consent');
  });

  it('the issuing centre alone can show the same link again (a lost card); no other token obtains it', async () => {
    const again = await surveyLink(placed.certificate, hub.tokens.khNtti);
    expect(again.statusCode).toBe(200);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(codeOf(again.json().url)).toBe(placed.code);
    // another centre, the admin, the employer that placed the worker: not found (or not allowed)
    for (const token of [hub.tokens.thBkk, hub.tokens.admin, employer]) {
      const res = await surveyLink(placed.certificate, token);
      expect([403, 404], token).toContain(res.statusCode);
      expect(res.body).not.toContain(placed.code);
    }
    expect(
      (await hub.app.inject({ url: `/certificates/${bareId(placed.certificate)}/follow-up-survey` }))
        .statusCode,
    ).toBe(401);
  });

  it('no public page or employer answer carries the survey code or link', async () => {
    const id = bareId(placed.certificate);
    const seen = [
      (await workerPage(placed.certificate)).body,
      (await workerPage(placed.certificate, 'en')).body,
      (await hub.app.inject({ url: `/v/${id}` })).body,
      (await hub.app.inject({ url: `/v/${id}?lang=km` })).body,
      (await hub.app.inject({ url: `/certificates/${id}` })).body,
      (await hub.app.inject({ url: `/certificates/${id}`, headers: bearer(hub.tokens.khNtti) })).body,
      (await hub.app.inject({ url: `/v/${id}/worker/manifest.webmanifest` })).body,
      placed.placementAnswer,
      (await hub.app.inject({ url: '/placements', headers: bearer(employer) })).body,
      (await hub.app.inject({ url: '/follow-ups/due', headers: bearer(employer) })).body,
    ];
    for (const body of seen) {
      expect(body).not.toContain(placed.code);
      expect(body).not.toMatch(/\/t\/[A-Za-z0-9_-]{24}/);
    }
  });

  it('before any placement the link says when questions open; it then asks about the newest placement', async () => {
    const issued = await certify();
    const code = codeOf(issued.followUpSurvey!.url);
    const early = await hub.app.inject({ url: `/t/${code}?lang=km` });
    expect(early.statusCode).toBe(200);
    expect(early.body).toContain('data-survey="not-yet"');
    expect(early.body).toContain(KM['survey.notYet']);
    expect(early.body).not.toContain('<form');
    const refused = await post(code, answer);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('data-survey="not-yet"');
    await place(issued.id, '2026-08-20');
    const open = await hub.app.inject({ url: `/t/${code}?lang=km` });
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('data-month="3"');
  });

  it('a revoked or suspended certificate closes the survey (410 page), for reading and answering', async () => {
    const issued = await certify();
    const code = codeOf(issued.followUpSurvey!.url);
    const placement = (await place(issued.id, '2026-08-20')).json().id;
    expect((await hub.app.inject({ url: `/t/${code}?lang=en` })).body).toContain('data-month="3"');
    await setStatus(issued.id, 'suspension', true);
    const closed = await hub.app.inject({ url: `/t/${code}?lang=en` });
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('data-survey="closed"');
    expect(closed.body).toContain(EN['survey.closed']);
    const posted = await post(code, answer);
    expect(posted.statusCode).toBe(410);
    expect(posted.body).toContain('data-survey="closed"');
    expect(await hub.ctx.store.repos.outcomes.workerAnswers([placement])).toEqual([]);
    await setStatus(issued.id, 'suspension', false); // reinstated: open again
    expect((await hub.app.inject({ url: `/t/${code}?lang=en` })).statusCode).toBe(200);
    await setStatus(issued.id, 'revocation', true);
    const revoked = await hub.app.inject({ url: `/t/${code}?lang=en` });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.body).toContain('data-survey="closed"');
    expect((await post(code, answer)).statusCode).toBe(410);
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
    const issued = await certify();
    await place(issued.id, '2026-11-01');
    const code = codeOf(issued.followUpSurvey!.url);
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
