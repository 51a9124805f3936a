import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPlacement } from '../../../src/services/outcomes/placements.js';
import {
  answerSurvey,
  hashSurveyCode,
  openSurvey,
  surveyCodeFor,
  workerSurveyCode,
} from '../../../src/services/outcomes/worker-survey.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import { brickRequest, issue, restartTestHub, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/** The worker survey called directly (src/services/outcomes/worker-survey.ts): codes, what is asked, one answer per mark. */
describe('worker survey service', () => {
  let hub: TestHub;
  const EMPLOYER: Principal = {
    tokenId: 'test:employer-th',
    role: 'employer',
    spoke: null,
    country: 'TH',
    employer: 'employer-th',
  };
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

  it("gives the certificate's placement one stable code (kept across a restart: the key is sealed in the database), bound by its hash", async () => {
    const code = await workerSurveyCode(hub.ctx, certificate);
    expect(code).toBe(await surveyCodeFor(hub.ctx, placement));
    expect(await surveyCodeFor(hub.ctx, 'another-placement')).not.toBe(code);
    hub = await restartTestHub(hub);
    expect(await workerSurveyCode(hub.ctx, certificate)).toBe(code);
    expect((await hub.ctx.store.repos.outcomes.placementBySurveyCode(hashSurveyCode(code!)))?.id).toBe(
      placement,
    );
    const noPlacement = (
      await issue(hub, brickRequest({ holder: { name: 'No Job', birthDate: '1990-01-01' } }))
    ).id;
    expect(await workerSurveyCode(hub.ctx, noPlacement)).toBeUndefined();
  });

  it('binds the code of a placement recorded before the survey existed when the worker page first shows it', async () => {
    const id = (
      await issue(
        hub,
        brickRequest({
          holder: { name: 'Placed Earlier', birthDate: '1991-01-01', consentToFollowUp: true },
        }),
      )
    ).id;
    // as migration 012 leaves a placement of an earlier hub: no code bound
    await hub.ctx.store.repos.outcomes.insertPlacement({
      id: 'placed-before-012',
      employer: 'employer-th',
      employerToken: 'test:employer-th',
      certificateId: id,
      destination: 'TH',
      isco08: '7112',
      startDate: '2026-01-05',
      monthlyWage: { amount: 11000, currency: 'THB' },
      contractType: 'permanent',
      recordedAt: '2026-01-01T00:00:00Z',
    });
    const code = await surveyCodeFor(hub.ctx, 'placed-before-012');
    await rejects(openSurvey(hub.ctx, code), 'not-found');
    expect(await workerSurveyCode(hub.ctx, id)).toBe(code);
    expect((await openSurvey(hub.ctx, code)).startDate).toBe('2026-01-05');
  });

  it('opens the due mark, takes one answer, refuses a second and an unknown code', async () => {
    const code = (await workerSurveyCode(hub.ctx, certificate))!;
    expect(await openSurvey(hub.ctx, code)).toEqual({
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
