import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/services/ports.js';
import type { Placement } from '../../src/domain/outcomes/placement.js';
import { openTestStore } from '../helpers/test-store.js';
import { testEngine } from '../helpers/test-database.js';

/** The outcomes port, on each engine (009_outcomes.sql): consents, placements, follow-ups. */
describe(`store contract: outcomes (${testEngine()})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  const at = '2026-11-20T10:00:00Z';
  beforeEach(async () => {
    ({ store, close } = await openTestStore());
    await store.repos.spokes.insert({
      slug: 'kh-a',
      did: 'did:web:h:spokes:kh-a',
      name: 'A',
      country: 'KH',
      createdAt: at,
    });
    for (const id of ['urn:uuid:c1', 'urn:uuid:c2'])
      await store.repos.certificates.insert({
        id,
        spoke: 'kh-a',
        qualification: 'TH-BRICK-1',
        format: 'di',
        serialized: '{}',
        issuedAt: at,
        validUntil: '2029-11-20T23:59:59Z',
      });
  });
  afterEach(async () => {
    await close();
  });

  const placement = (id: string, over: Partial<Placement> = {}): Placement => ({
    id,
    employer: 'employer-a',
    employerToken: 'token-a',
    certificateId: 'urn:uuid:c1',
    destination: 'TH',
    isco08: '7112',
    startDate: '2026-08-01',
    monthlyWage: { amount: 12000.5, currency: 'THB' },
    contractType: 'fixed-term',
    recordedAt: at,
    ...over,
  });

  it('keeps a consent with its wording version, one per certificate', async () => {
    expect(await store.repos.outcomes.consent('urn:uuid:c1')).toBeUndefined();
    const consent = { certificateId: 'urn:uuid:c1', wordingVersion: 'v1', consentedAt: at };
    await store.repos.outcomes.recordConsent(consent);
    expect(await store.repos.outcomes.consent('urn:uuid:c1')).toEqual(consent);
    await expect(store.repos.outcomes.recordConsent(consent)).rejects.toThrow();
  });

  it("stores placements exactly (the wage's decimals too) and lists one employer's, by start date", async () => {
    expect(await store.repos.outcomes.insertPlacement(placement('p2', { startDate: '2026-09-01' }))).toBe(
      true,
    );
    expect(await store.repos.outcomes.insertPlacement(placement('p1'))).toBe(true);
    // the same employer, certificate and start day again: refused, whatever the id or recording token
    expect(
      await store.repos.outcomes.insertPlacement(placement('p1-again', { employerToken: 'token-a2' })),
    ).toBe(false);
    await store.repos.outcomes.insertPlacement(
      placement('p3', { employer: 'employer-b', employerToken: 'token-b', certificateId: 'urn:uuid:c2' }),
    );
    expect(await store.repos.outcomes.placement('p1')).toEqual(placement('p1'));
    expect(
      (await store.repos.outcomes.placementsOf('employer-a', { limit: 10, offset: 0 })).map((p) => p.id),
    ).toEqual(['p1', 'p2']);
    expect(
      (await store.repos.outcomes.placementsOf('employer-a', { limit: 1, offset: 1 })).map((p) => p.id),
    ).toEqual(['p2']);
    expect(await store.repos.outcomes.placement('nope')).toBeUndefined();
  });

  it('takes one answer per placement and month; open placements are those started by the day with a mark unanswered', async () => {
    await store.repos.outcomes.insertPlacement(placement('p1'));
    await store.repos.outcomes.insertPlacement(placement('p2', { startDate: '2026-10-01' }));
    const answer = {
      placementId: 'p1',
      month: 3 as const,
      stillEmployed: true,
      monthlyWage: { amount: 13500, currency: 'THB' },
      roleOrGrade: 'R1',
      answeredAt: at,
    };
    expect(await store.repos.outcomes.insertFollowUp(answer)).toBe(true);
    expect(await store.repos.outcomes.insertFollowUp({ ...answer, stillEmployed: false })).toBe(false);
    expect(
      await store.repos.outcomes.insertFollowUp({
        placementId: 'p1',
        month: 6,
        stillEmployed: false,
        answeredAt: at,
      }),
    ).toBe(true);
    expect(await store.repos.outcomes.followUps(['p1', 'p2'])).toEqual([
      answer,
      { placementId: 'p1', month: 6, stillEmployed: false, answeredAt: at },
    ]);
    expect(
      (await store.repos.outcomes.openPlacementsOf('employer-a', '2026-12-31')).map((p) => p.id),
    ).toEqual(['p1', 'p2']);
    expect(
      (await store.repos.outcomes.openPlacementsOf('employer-a', '2026-09-30')).map((p) => p.id),
    ).toEqual(['p1']);
    await store.repos.outcomes.insertFollowUp({
      placementId: 'p1',
      month: 12,
      stillEmployed: true,
      answeredAt: at,
    });
    expect(
      (await store.repos.outcomes.openPlacementsOf('employer-a', '2026-12-31')).map((p) => p.id),
    ).toEqual(['p2']);
  });

  it("binds a survey code's hash to one certificate; keeps the worker's answers apart from the employer's, one per mark", async () => {
    await store.repos.outcomes.insertPlacement(placement('p1'));
    await store.repos.outcomes.insertSurveyCode('hash-1', 'urn:uuid:c1', at);
    await store.repos.outcomes.insertSurveyCode('hash-1', 'urn:uuid:c1', at); // again: a no-op
    expect(await store.repos.outcomes.certificateBySurveyCode('hash-1')).toBe('urn:uuid:c1');
    expect(await store.repos.outcomes.certificateBySurveyCode('hash-2')).toBeUndefined();
    const answer = {
      placementId: 'p1',
      month: 3 as const,
      stillEmployed: true,
      monthlyWage: { amount: 11000, currency: 'THB' },
      roleOrGrade: 'mason',
      wouldRecommend: false,
      answeredAt: at,
    };
    expect(await store.repos.outcomes.insertWorkerAnswer(answer)).toBe(true);
    expect(await store.repos.outcomes.insertWorkerAnswer({ ...answer, wouldRecommend: true })).toBe(false);
    expect(await store.repos.outcomes.workerAnswers(['p1'])).toEqual([answer]);
    expect(await store.repos.outcomes.followUps(['p1'])).toEqual([]);
    expect((await store.repos.outcomes.placementsOfCertificate('urn:uuid:c1')).map((p) => p.id)).toEqual([
      'p1',
    ]);
  });
});
