import { bearer, brickRequest, issue, type TestHub } from './test-hub.js';

/**
 * A small programme for the dashboard's tests: a KH-TH pilot (programme token limited to the
 * KH-TH corridor), a Thai employer, 8 Cambodian workers certified against TH-BRICK-1 (with
 * consent to follow-up), 6 of them placed in May 2026 and followed up at 6 months (5 still
 * employed, with a raise), and 5 Thai workers certified against TH-WIRING-1 (TH-TH).
 */
export interface ProgrammeData {
  tokens: { programmeKhTh: string; employerTh: string; admin: string };
}

export async function seedProgramme(hub: TestHub): Promise<ProgrammeData> {
  const token = async (payload: Record<string, unknown>) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: bearer(hub.tokens.admin),
      payload,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().token as string;
  };
  const programmeKhTh = await token({
    role: 'programme',
    label: 'KH-TH construction pilot',
    corridors: ['KH-TH'],
  });
  const employerTh = await token({
    role: 'employer',
    label: 'Siam Build Co.',
    country: 'TH',
    expiresInDays: 730,
  });
  const certify = async (centre: string, qualification: string, n: number) =>
    (
      await issue(
        hub,
        brickRequest({
          qualification,
          holder: { name: `Programme Worker ${n}`, birthDate: '1990-01-02', consentToFollowUp: true },
        }),
        centre,
      )
    ).id;
  const khTh: string[] = [];
  for (let i = 0; i < 8; i++) khTh.push(await certify(hub.tokens.khNtti, 'TH-BRICK-1', i));
  for (let i = 0; i < 5; i++) await certify(hub.tokens.thBkk, 'TH-WIRING-1', 100 + i);
  for (let i = 0; i < 6; i++) {
    const placed = await hub.app.inject({
      method: 'POST',
      url: '/placements',
      headers: bearer(employerTh),
      payload: {
        certificate: khTh[i],
        destination: 'TH',
        isco08: '7112',
        startDate: '2026-05-04',
        monthlyWage: { amount: 10000 + 1000 * i, currency: 'THB' },
        contractType: 'fixed-term',
      },
    });
    if (placed.statusCode !== 201) throw new Error(placed.body);
    const followUp = await hub.app.inject({
      method: 'POST',
      url: `/placements/${placed.json().id}/follow-ups`,
      headers: bearer(employerTh),
      payload:
        i < 5
          ? { month: 6, stillEmployed: true, monthlyWage: { amount: 11000 + 1000 * i, currency: 'THB' } }
          : { month: 6, stillEmployed: false },
    });
    if (followUp.statusCode !== 201) throw new Error(followUp.body);
  }
  return { tokens: { programmeKhTh, employerTh, admin: hub.tokens.admin } };
}
