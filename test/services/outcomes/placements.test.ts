import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPlacements, recordPlacement } from '../../../src/services/outcomes/placements.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, audited, rejects } from '../../helpers/service-calls.js';

/** Placements called directly (src/services/outcomes/placements.ts): who records them, and what is refused with nothing stored. */
describe('recordPlacement and listPlacements', () => {
  let hub: TestHub;
  let worker = 0;
  const EMPLOYER_TH: Principal = {
    tokenId: 'test:employer-th',
    role: 'employer',
    spoke: null,
    country: 'TH',
    employer: 'employer-th',
  };
  const OTHER_TH: Principal = {
    tokenId: 'test:employer-th-2',
    role: 'employer',
    spoke: null,
    country: 'TH',
    employer: 'employer-th-2',
  };
  const PROGRAMME: Principal = {
    tokenId: 'test:programme',
    role: 'programme',
    spoke: null,
    corridors: ['KH-TH'],
  };
  const certify = async (consent: boolean) =>
    (
      await issue(
        hub,
        brickRequest({
          holder: {
            name: `Worker ${++worker}`,
            birthDate: '1995-04-12',
            ...(consent ? { consentToFollowUp: true } : {}),
          },
        }),
      )
    ).id;
  const request = (certificate: unknown, over: Record<string, unknown> = {}) =>
    ({
      certificate,
      destination: 'TH',
      isco08: '7112',
      startDate: '2026-11-01',
      monthlyWage: { amount: 12000, currency: 'THB' },
      contractType: 'fixed-term',
      ...over,
    }) as Parameters<typeof recordPlacement>[2];
  const stored = async () => (await audited(hub.ctx, 'placement.recorded')).length;

  beforeAll(async () => {
    hub = await startTestHub('2026-11-20T10:00:00Z');
  });
  afterAll(async () => hub?.close());

  it("records a consenting worker's valid certificate with its three follow-up marks, audited", async () => {
    const id = await certify(true);
    const view = await recordPlacement(hub.ctx, EMPLOYER_TH, request(id));
    expect(view).toMatchObject({
      certificate: id,
      destination: 'TH',
      isco08: '7112',
      recordedAt: '2026-11-20T10:00:00Z',
    });
    expect(view.followUps).toEqual([
      { month: 3, dueOn: '2027-02-01', answer: null },
      { month: 6, dueOn: '2027-05-01', answer: null },
      { month: 12, dueOn: '2027-11-01', answer: null },
    ]);
    expect((await audited(hub.ctx, 'placement.recorded')).at(-1)).toMatchObject({
      actor: EMPLOYER_TH.tokenId,
      subject: view.id,
    });
    // the same placement again by the same employer is a conflict
    await rejects(recordPlacement(hub.ctx, EMPLOYER_TH, request(id)), 'conflict');
  });

  it('refuses, storing nothing: no consent, a revoked certificate, another country, a programme or admin caller', async () => {
    const before = await stored();
    await rejects(
      recordPlacement(hub.ctx, EMPLOYER_TH, request(await certify(false))),
      'no-follow-up-consent',
    );
    const revoked = await certify(true);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: { authorization: `Bearer ${hub.tokens.khNtti}` },
      payload: {
        credentialId: revoked,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
    });
    expect(res.statusCode).toBe(200);
    const refusal = await rejects(
      recordPlacement(hub.ctx, EMPLOYER_TH, request(revoked)),
      'certificate-not-valid',
    );
    expect(JSON.stringify(refusal.details)).toContain('revoked');
    const consenting = await certify(true);
    await rejects(
      recordPlacement(hub.ctx, EMPLOYER_TH, request(consenting, { destination: 'SG' })),
      'destination-mismatch',
    );
    await rejects(recordPlacement(hub.ctx, PROGRAMME, request(consenting)), 'forbidden');
    await rejects(recordPlacement(hub.ctx, ADMIN, request(consenting)), 'forbidden');
    expect(await stored()).toBe(before);
  });

  it("lists only the calling employer's own placements; a programme token reads none", async () => {
    const mine = await recordPlacement(hub.ctx, OTHER_TH, request(await certify(true)));
    const listed = await listPlacements(hub.ctx, OTHER_TH, {});
    expect(listed.items.map((p) => p.id)).toEqual([mine.id]);
    expect((await listPlacements(hub.ctx, EMPLOYER_TH, {})).items.map((p) => p.id)).not.toContain(mine.id);
    await rejects(listPlacements(hub.ctx, PROGRAMME, {}), 'forbidden');
    expect((await listPlacements(hub.ctx, OTHER_TH, { limit: 10_000, offset: -5 })).limit).toBe(500);
  });
});
