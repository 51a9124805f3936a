import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFollowUp, followUpsDue } from '../../../src/services/outcomes/follow-ups.js';
import { recordPlacement } from '../../../src/services/outcomes/placements.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/** Tracer follow-ups called directly (src/services/outcomes/follow-ups.ts): due marks, one answer each, never early, only by the placing employer. */
describe('answerFollowUp and followUpsDue', () => {
  let hub: TestHub;
  let worker = 0;
  const EMPLOYER: Principal = {
    tokenId: 'test:employer-th',
    role: 'employer',
    spoke: null,
    country: 'TH',
    employer: 'employer-th',
  };
  const OTHER: Principal = {
    tokenId: 'test:employer-th-2',
    role: 'employer',
    spoke: null,
    country: 'TH',
    employer: 'employer-th-2',
  };
  const place = async (startDate: string) => {
    const { id } = await issue(
      hub,
      brickRequest({
        holder: { name: `Worker ${++worker}`, birthDate: '1995-04-12', consentToFollowUp: true },
      }),
    );
    return recordPlacement(hub.ctx, EMPLOYER, {
      certificate: id,
      destination: 'TH',
      isco08: '7112',
      startDate,
      monthlyWage: { amount: 12000, currency: 'THB' },
      contractType: 'fixed-term',
    } as Parameters<typeof recordPlacement>[2]);
  };

  beforeAll(async () => {
    hub = await startTestHub('2026-11-20T10:00:00Z');
  });
  afterAll(async () => hub?.close());

  it('lists a mark from its due day, takes one answer per mark, and refuses an early one', async () => {
    const placement = await place('2026-08-31'); // 3 months on: 30 November (month end clamps)
    expect((await followUpsDue(hub.ctx, EMPLOYER)).due.map((d) => d.placement)).not.toContain(placement.id);
    const early = await rejects(
      answerFollowUp(hub.ctx, EMPLOYER, placement.id, { month: 3, stillEmployed: true }),
      'follow-up-not-due',
    );
    expect(early.details).toMatchObject({ month: 3, dueOn: '2026-11-30' });

    hub.clock.set('2026-11-30T08:00:00Z');
    const due = await followUpsDue(hub.ctx, EMPLOYER);
    expect(due.today).toBe('2026-11-30');
    expect(due.due.filter((d) => d.placement === placement.id)).toEqual([
      expect.objectContaining({ month: 3, dueOn: '2026-11-30', startDate: '2026-08-31' }),
    ]);
    const answer = await answerFollowUp(hub.ctx, EMPLOYER, placement.id, {
      month: 3,
      stillEmployed: true,
      monthlyWage: { amount: 13000, currency: 'THB' },
      roleOrGrade: 'R1',
    });
    expect(answer).toMatchObject({
      month: 3,
      stillEmployed: true,
      roleOrGrade: 'R1',
      answeredAt: '2026-11-30T08:00:00Z',
    });
    await rejects(
      answerFollowUp(hub.ctx, EMPLOYER, placement.id, { month: 3, stillEmployed: true }),
      'follow-up-already-answered',
    );
    expect((await followUpsDue(hub.ctx, EMPLOYER)).due.map((d) => d.placement)).not.toContain(placement.id);
    await rejects(
      answerFollowUp(hub.ctx, EMPLOYER, placement.id, { month: 6, stillEmployed: true }),
      'follow-up-not-due',
    );
  });

  it("another employer's placement is not found, and a worker who left reports no wage", async () => {
    const placement = await place('2026-01-15');
    await rejects(
      answerFollowUp(hub.ctx, OTHER, placement.id, { month: 3, stillEmployed: true }),
      'not-found',
    );
    expect((await followUpsDue(hub.ctx, OTHER)).due).toEqual([]);
    await rejects(
      answerFollowUp(hub.ctx, EMPLOYER, placement.id, {
        month: 3,
        stillEmployed: false,
        monthlyWage: { amount: 1, currency: 'THB' },
      }),
      'validation-failed',
    );
  });
});
