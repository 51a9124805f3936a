import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordProgrammeCost } from '../../../src/services/outcomes/statistics-costs.js';
import { createToken } from '../../../src/services/access/token-admin.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, audited, authorityOf, rejects } from '../../helpers/service-calls.js';

/** Programme costs (src/services/outcomes/statistics-costs.ts): who records them, what is refused. */
describe('recordProgrammeCost', () => {
  let hub: TestHub;
  let programme: Principal;
  beforeAll(async () => {
    hub = await startTestHub();
    const t = await createToken(hub.ctx, ADMIN, {
      role: 'programme',
      label: 'KH-TH pilot',
      corridors: ['KH-TH'],
    });
    programme = { tokenId: t.id, role: 'programme', spoke: null, corridors: ['KH-TH'] };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a programme records its own costs (its label is the programme), audited', async () => {
    const cost = await recordProgrammeCost(hub.ctx, programme, 'KH-TH pilot', {
      quarter: '2026-Q3',
      amount: 1250.5,
      currency: 'USD',
    });
    expect(cost).toMatchObject({
      programme: 'KH-TH pilot',
      quarter: '2026-Q3',
      amount: 1250.5,
      recordedBy: programme.tokenId,
    });
    expect(await hub.ctx.store.repos.statistics.costs('KH-TH pilot')).toEqual([cost]);
    expect((await audited(hub.ctx, 'programme.cost-recorded')).map((e) => e.subject)).toEqual([
      'KH-TH pilot',
    ]);
  });

  it("another programme's costs, other roles and bad input are refused, with nothing stored", async () => {
    const before = (await hub.ctx.store.repos.statistics.costs()).length;
    const ok = { quarter: '2026-Q3', amount: 10, currency: 'USD' };
    await rejects(recordProgrammeCost(hub.ctx, programme, 'Other programme', ok), 'forbidden');
    await rejects(recordProgrammeCost(hub.ctx, authorityOf('TH'), 'KH-TH pilot', ok), 'forbidden');
    await rejects(
      recordProgrammeCost(hub.ctx, ADMIN, 'KH-TH pilot', { ...ok, quarter: '2026-3' }),
      'validation-failed',
    );
    await rejects(
      recordProgrammeCost(hub.ctx, ADMIN, 'KH-TH pilot', { ...ok, amount: -1 }),
      'validation-failed',
    );
    await rejects(
      recordProgrammeCost(hub.ctx, ADMIN, 'KH-TH pilot', { ...ok, currency: 'ABC' }),
      'validation-failed',
    );
    expect((await hub.ctx.store.repos.statistics.costs()).length).toBe(before);
    // the admin records any programme's
    await recordProgrammeCost(hub.ctx, ADMIN, 'Other programme', ok);
    expect(await hub.ctx.store.repos.statistics.costs('Other programme')).toHaveLength(1);
  });
});
