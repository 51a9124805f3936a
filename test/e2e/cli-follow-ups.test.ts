import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { followUpsCommand } from '../../src/cli/follow-ups.js';

/** `skillpass follow-ups due --server URL --token T` against the real app listening on a port. */
describe('skillpass follow-ups due', () => {
  let hub: TestHub;
  let url: string;
  let employer: string;
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await followUpsCommand(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  beforeAll(async () => {
    hub = await startTestHub('2026-11-20T10:00:00Z');
    url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
    employer = (
      await hub.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: bearer(hub.tokens.admin),
        payload: { role: 'employer', label: 'Siam Build Co.', country: 'TH' },
      })
    ).json().token;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('prints none, then each due follow-up with its placement; a wrong token is exit 2', async () => {
    expect(await run(['due', '--server', url, '--token', employer])).toEqual({
      code: 0,
      out: 'No follow-ups due on 2026-11-20.\n',
      err: '',
    });
    const issued = await issue(
      hub,
      brickRequest({ holder: { name: 'Sok Dara', birthDate: '1995-04-12', consentToFollowUp: true } }),
    );
    const placed = await hub.app.inject({
      method: 'POST',
      url: '/placements',
      headers: bearer(employer),
      payload: {
        certificate: issued.id,
        destination: 'TH',
        isco08: '7112',
        startDate: '2026-08-01',
        monthlyWage: { amount: 12000, currency: 'THB' },
        contractType: 'permanent',
      },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const r = await run(['due', '--server', `${url}/`, '--token', employer]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^due on\s+month\s+placement\s+started\s+isco08\s+certificate\s+worker answered$/,
    );
    expect(lines[1]).toContain(`2026-11-01  3      ${placed.json().id}  2026-08-01  7112    ${issued.id}`);
    expect(lines[1]).toMatch(/\s+no$/); // the worker has not answered their own survey
    expect(lines[2]).toBe(
      '1 follow-up due on 2026-11-20: answer each with POST /placements/<placement>/follow-ups.',
    );

    const refused = await run(['due', '--server', url, '--token', hub.tokens.khNtti]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('403 forbidden');
    expect((await run(['due', '--server', url])).code).toBe(2);
  });
});
