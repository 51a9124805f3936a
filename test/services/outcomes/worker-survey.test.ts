import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPlacement } from '../../../src/services/outcomes/placements.js';
import {
  answerSurvey,
  hashSurveyCode,
  openSurvey,
  certificateSurveyLink,
  surveyCodeFor,
} from '../../../src/services/outcomes/worker-survey.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import { brickRequest, issue, restartTestHub, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/** The worker survey called directly (src/services/outcomes/worker-survey.ts): codes per certificate, who may see them, what is asked, one answer per mark. */
describe('worker survey service', () => {
  let hub: TestHub;
  const EMPLOYER: Principal = {
    tokenId: 'test:employer-th',
    role: 'employer',
    spoke: null,
    country: 'TH',
    employer: 'employer-th',
  };
  const CENTRE: Principal = { tokenId: 'test:kh-ntti', role: 'issuer', spoke: 'kh-ntti', country: 'KH' };
  let certificate: string;
  let placement: string;

  beforeAll(async () => {
    hub = await startTestHub('2026-11-20T10:00:00Z');
    certificate = (
      await issue(
        hub,
        brickRequest({ holder: { name: 'Survey Direct', birthDate: '1990-01-01', consentToFollowUp: true } }),
      )
    ).id;
    placement = (
      await recordPlacement(hub.ctx, EMPLOYER, {
        certificate,
        destination: 'TH',
        isco08: '7112',
        startDate: '2026-08-20',
        monthlyWage: { amount: 12000, currency: 'THB' },
        contractType: 'permanent',
      } as Parameters<typeof recordPlacement>[2])
    ).id;
  });
  afterAll(async () => hub?.close());

  it('gives the certificate one stable code (kept across a restart: the key is sealed in the database), bound by its hash when handed out', async () => {
    const code = await surveyCodeFor(hub.ctx, certificate);
    expect(await surveyCodeFor(hub.ctx, 'urn:uuid:another-certificate')).not.toBe(code);
    // the placement id is not the key: an employer knowing its placement cannot derive it
    expect(await surveyCodeFor(hub.ctx, placement)).not.toBe(code);
    hub = await restartTestHub(hub);
    expect(await surveyCodeFor(hub.ctx, certificate)).toBe(code);
    // bound at certification (POST /certificates with consent): found by its hash only
    expect(await hub.ctx.store.repos.outcomes.certificateBySurveyCode(hashSurveyCode(code))).toBe(
      certificate,
    );
    expect(await hub.ctx.store.repos.outcomes.certificateBySurveyCode(code)).toBeUndefined();
  });

  it('shows the issuing centre the link again; any other token, or no consent, gets none', async () => {
    const link = await certificateSurveyLink(hub.ctx, CENTRE, certificate);
    expect(link.url).toBe(`${hub.ctx.publicUrl}/t/${await surveyCodeFor(hub.ctx, certificate)}`);
    for (const actor of [EMPLOYER, { ...CENTRE, spoke: 'th-bkk-itc' }, { ...CENTRE, role: 'admin' as const }])
      await rejects(certificateSurveyLink(hub.ctx, actor, certificate), 'not-found');
    const noConsent = (
      await issue(hub, brickRequest({ holder: { name: 'No Consent', birthDate: '1990-01-01' } }))
    ).id;
    await rejects(certificateSurveyLink(hub.ctx, CENTRE, noConsent), 'no-follow-up-consent');
  });

  it('opens the due mark, takes one answer, refuses a second and an unknown code', async () => {
    const code = await surveyCodeFor(hub.ctx, certificate);
    expect(await openSurvey(hub.ctx, code)).toEqual({
      state: 'open',
      startDate: '2026-08-20',
      currency: 'THB',
      survey: { state: 'due', mark: { month: 3, dueOn: '2026-11-20' } },
    });
    const form = { month: '3', stillEmployed: 'no', wouldRecommend: 'yes' };
    expect(await answerSurvey(hub.ctx, code, form)).toMatchObject({
      placementId: placement,
      stillEmployed: false,
    });
    await rejects(answerSurvey(hub.ctx, code, form), 'follow-up-already-answered');
    await rejects(openSurvey(hub.ctx, 'A'.repeat(24)), 'not-found');
    expect((await hub.ctx.store.repos.audit.all()).at(-1)).toMatchObject({
      action: 'placement.worker-answered',
      subject: placement,
      details: { month: 3 },
    });
  });
});
