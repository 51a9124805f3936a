import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId } from '../helpers/certificates.js';
import { waitForBatch } from '../helpers/cohorts.js';
import { FOLLOW_UP_CONSENT_VERSION } from '../../src/domain/outcomes/consent.js';

/**
 * Placements and tracer follow-ups through the real app (README "Placements and follow-ups"):
 * employer and programme tokens, consent at certification, every refusal with nothing stored.
 */
describe('placements and follow-ups', () => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  let worker = 0;
  const NOW = '2026-11-20T10:00:00Z';

  const createToken = (body: Record<string, unknown>) =>
    hub.app.inject({ method: 'POST', url: '/tokens', headers: bearer(hub.tokens.admin), payload: body });
  /** a certificate whose worker consented to follow-up (or not) */
  const certify = (consent: boolean, overrides: Record<string, unknown> = {}) =>
    issue(
      hub,
      brickRequest({
        holder: {
          name: `Worker ${++worker}`,
          birthDate: '1995-04-12',
          ...(consent ? { consentToFollowUp: true } : {}),
        },
        ...overrides,
      }),
    );
  const placementBody = (certificate: unknown, over: Record<string, unknown> = {}) => ({
    certificate,
    destination: 'TH',
    isco08: '7112',
    startDate: '2026-11-01',
    monthlyWage: { amount: 12000, currency: 'THB' },
    contractType: 'fixed-term',
    ...over,
  });
  const place = (body: unknown, token = tokens.employerTh!, headers: Record<string, string> = {}) =>
    hub.app.inject({
      method: 'POST',
      url: '/placements',
      headers: { ...bearer(token), ...headers },
      payload: body as object,
    });
  const placementsOf = async (token = tokens.employerTh!) =>
    (await hub.app.inject({ url: '/placements', headers: bearer(token) })).json().items as {
      id: string;
      certificate: string;
    }[];
  const followUp = (id: string, body: Record<string, unknown>, token = tokens.employerTh!) =>
    hub.app.inject({
      method: 'POST',
      url: `/placements/${id}/follow-ups`,
      headers: bearer(token),
      payload: body,
    });
  const due = async (token = tokens.employerTh!) =>
    (await hub.app.inject({ url: '/follow-ups/due', headers: bearer(token) })).json();

  beforeAll(async () => {
    hub = await startTestHub(NOW);
    for (const [name, body] of Object.entries({
      employerTh: { role: 'employer', label: 'Siam Build Co.', country: 'TH', expiresInDays: 730 },
      otherEmployerTh: { role: 'employer', label: 'Bangkok Homes', country: 'TH', expiresInDays: 730 },
      programme: { role: 'programme', label: 'KH-TH pilot M&E', corridors: ['KH-TH'] },
      authorityTh: { role: 'authority', label: 'TH ministry', country: 'TH' },
    })) {
      const res = await createToken(body);
      expect(res.statusCode, res.body).toBe(201);
      tokens[name] = res.json().token;
    }
  });
  afterAll(async () => {
    await hub.close();
  });

  describe('roles', () => {
    it('an admin creates employer (with a country) and programme (with optional corridors) tokens', async () => {
      const employer = await createToken({ role: 'employer', label: 'Penang Works', country: 'MY' });
      expect(employer.statusCode).toBe(201);
      expect(employer.json()).toMatchObject({
        role: 'employer',
        country: 'MY',
        spoke: null,
        corridors: null,
        scopes: ['placements:write:own', 'placements:read:own'],
      });
      expect(employer.json().token).toMatch(/^sp_employer_/);
      const programme = await createToken({ role: 'programme', label: 'all corridors' });
      expect(programme.json()).toMatchObject({ role: 'programme', country: null, corridors: null });
      const listed = (await hub.app.inject({ url: '/tokens', headers: bearer(hub.tokens.admin) })).json();
      expect(JSON.stringify(listed)).toContain('"corridors":["KH-TH"]');
    });

    it('refuses an employer without a real country code, and country or corridors on the wrong role', async () => {
      const refused = [
        { role: 'employer', label: 'x' },
        { role: 'employer', label: 'x', country: 'Thailand' },
        { role: 'employer', label: 'x', country: 'th' },
        { role: 'employer', label: 'x', country: 'TH', corridors: ['KH-TH'] },
        { role: 'programme', label: 'x', country: 'TH' },
        { role: 'programme', label: 'x', corridors: ['KH-THA'] },
        { role: 'programme', label: 'x', corridors: ['TH-TH'] },
        { role: 'issuer', spoke: 'kh-ntti', label: 'x', corridors: ['KH-TH'] },
      ];
      for (const body of refused) {
        const res = await createToken(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('validation-failed');
      }
    });

    it('every placement route refuses every other role with 403 forbidden (a programme token never reads a record), and no token with 401', async () => {
      const routes = [
        { method: 'GET' as const, url: '/placements' },
        { method: 'POST' as const, url: '/placements', payload: {} },
        { method: 'POST' as const, url: '/placements/x/follow-ups', payload: {} },
        { method: 'GET' as const, url: '/follow-ups/due' },
      ];
      for (const r of routes) {
        for (const token of [tokens.programme!, tokens.authorityTh!, hub.tokens.admin, hub.tokens.khNtti]) {
          const res = await hub.app.inject({ ...r, headers: bearer(token) });
          expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.json().code).toBe('forbidden');
        }
        expect((await hub.app.inject(r)).statusCode).toBe(401);
      }
    });

    it('neither an employer nor a programme token lists certificates or their holders', async () => {
      for (const token of [tokens.programme!, tokens.employerTh!]) {
        const res = await hub.app.inject({ url: '/certificates', headers: bearer(token) });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    });
  });

  describe('consent at certification', () => {
    it('is recorded beside the certificate with the wording version, and is not in the signed credential', async () => {
      const issued = await certify(true);
      expect(await hub.ctx.store.repos.outcomes.consent(issued.id)).toEqual({
        certificateId: issued.id,
        wordingVersion: FOLLOW_UP_CONSENT_VERSION,
        consentedAt: expect.stringMatching(/^2026-11-20T10:00:00/),
      });
      expect(JSON.stringify(issued.credential)).not.toMatch(/consent/i);
      const without = await certify(false);
      expect(await hub.ctx.store.repos.outcomes.consent(without.id)).toBeUndefined();
    });

    it('a cohort row with consentToFollowUp yes records it; a row without does not', async () => {
      const rows = ['Cohort Yes', 'Cohort No'].map((name, i) => ({
        qualification: 'TH-BRICK-1',
        holderName: name,
        holderBirthDate: '1991-01-01',
        assessmentDate: '2026-11-18',
        assessmentLanguage: 'km',
        result: 'competent',
        ...(i === 0 ? { consentToFollowUp: 'yes' } : {}),
      }));
      const up = await hub.app.inject({
        method: 'POST',
        url: '/batches',
        headers: bearer(hub.tokens.khNtti),
        payload: { rows },
      });
      expect(up.statusCode, up.body).toBe(201);
      const p = up.json();
      await hub.app.inject({
        method: 'POST',
        url: `/batches/${p.id}/commit`,
        headers: bearer(hub.tokens.khNtti),
      });
      await waitForBatch(hub, p.id, hub.tokens.khNtti);
      const [yes, no] = p.rows.map((r: { certificateId: string }) => r.certificateId);
      expect((await hub.ctx.store.repos.outcomes.consent(yes))?.wordingVersion).toBe(
        FOLLOW_UP_CONSENT_VERSION,
      );
      expect(await hub.ctx.store.repos.outcomes.consent(no)).toBeUndefined();
    });
    it('POST /credentials/issue takes it as options.consentToFollowUp (true or false), outside the credential', async () => {
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: 'did:web:127.0.0.1%3A3999:spokes:kh-ntti',
        credentialSubject: { id: 'did:example:worker', name: 'Sok Dara' },
      };
      const send = (options: Record<string, unknown>) =>
        hub.app.inject({
          method: 'POST',
          url: '/credentials/issue',
          headers: bearer(hub.tokens.khNtti),
          payload: { credential, options },
        });
      const res = await send({ consentToFollowUp: true });
      expect(res.statusCode, res.body).toBe(201);
      const vc = res.json().verifiableCredential;
      expect(JSON.stringify(vc)).not.toMatch(/consent/i);
      expect((await hub.ctx.store.repos.outcomes.consent(vc.id))?.wordingVersion).toBe(
        FOLLOW_UP_CONSENT_VERSION,
      );
      const without = (await send({})).json().verifiableCredential;
      expect(await hub.ctx.store.repos.outcomes.consent(without.id)).toBeUndefined();
      const unclear = await send({ consentToFollowUp: 'yes' });
      expect(unclear.statusCode).toBe(400);
      expect(unclear.json().code).toBe('invalid-credential-request');
    });
  });

  describe('POST /placements and GET /placements', () => {
    it('records a placement by certificate id (bare or urn), credential object or JWT; the employer lists its own', async () => {
      const byId = await certify(true);
      const res = await place(placementBody(bareId(byId.id)));
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json();
      expect(res.headers.location).toBe(`/placements/${p.id}`);
      expect(p).toMatchObject({
        certificate: byId.id,
        destination: 'TH',
        isco08: '7112',
        startDate: '2026-11-01',
        monthlyWage: { amount: 12000, currency: 'THB' },
        contractType: 'fixed-term',
        followUps: [
          { month: 3, dueOn: '2027-02-01', answer: null },
          { month: 6, dueOn: '2027-05-01', answer: null },
          { month: 12, dueOn: '2027-11-01', answer: null },
        ],
      });
      const byCredential = await certify(true);
      expect((await place(placementBody(byCredential.credential))).statusCode).toBe(201);
      const jwt = await certify(true, { format: 'vc+jwt' });
      expect(typeof jwt.credential).toBe('string');
      expect((await place(placementBody(jwt.credential))).statusCode).toBe(201);

      const mine = await placementsOf();
      expect(mine.map((x) => x.certificate)).toEqual(
        expect.arrayContaining([byId.id, byCredential.id, jwt.id]),
      );
      // another employer, even in the same country, sees none of them
      expect(await placementsOf(tokens.otherEmployerTh!)).toEqual([]);
      expect((await hub.ctx.store.repos.audit.all()).at(-1)).toMatchObject({ action: 'placement.recorded' });
    });

    it('refuses, storing nothing: no consent, revoked, tampered, unknown, wrong country, bad currency', async () => {
      const before = (await placementsOf()).length;
      const unconsented = await certify(false);
      const revoked = await certify(true);
      expect(
        (
          await hub.app.inject({
            method: 'POST',
            url: '/credentials/status',
            headers: bearer(hub.tokens.khNtti),
            payload: {
              credentialId: revoked.id,
              credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
              status: true,
            },
          })
        ).statusCode,
      ).toBe(200);
      const consented = await certify(true);
      const c = consented.credential as Record<string, unknown>;
      const tampered = {
        ...c,
        credentialSubject: { ...(c.credentialSubject as Record<string, unknown>), name: 'Someone Else' },
      };
      const cases: [unknown, number, string][] = [
        [placementBody(unconsented.id), 422, 'no-follow-up-consent'],
        [placementBody(unconsented.credential), 422, 'no-follow-up-consent'],
        [placementBody(revoked.id), 422, 'certificate-not-valid'],
        [placementBody(tampered), 422, 'certificate-not-valid'],
        [placementBody('urn:uuid:00000000-0000-4000-8000-000000000000'), 404, 'not-found'],
        [placementBody(consented.id, { destination: 'MY' }), 403, 'destination-mismatch'],
        [
          placementBody(consented.id, { monthlyWage: { amount: 100, currency: 'ABC' } }),
          400,
          'validation-failed',
        ],
        [placementBody(consented.id, { isco08: '71' }), 400, 'validation-failed'],
        [placementBody(consented.id, { contractType: 'zero-hours' }), 400, 'validation-failed'],
      ];
      for (const [body, status, code] of cases) {
        const res = await place(body);
        expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe(code);
      }
      const revokedRes = await place(placementBody(revoked.id));
      expect(revokedRes.json().details.checks).toEqual([
        expect.objectContaining({ id: 'status', outcome: 'invalid' }),
      ]);
      expect((await placementsOf()).length).toBe(before);
      // the consented certificate itself is placeable
      expect((await place(placementBody(consented.id))).statusCode).toBe(201);
    });

    it('an Idempotency-Key repeat replays the first answer; the same placement again without one is 409 conflict', async () => {
      const issued = await certify(true);
      const before = (await placementsOf()).length;
      const first = await place(placementBody(issued.id), tokens.employerTh, {
        'idempotency-key': 'place-1',
      });
      const again = await place(placementBody(issued.id), tokens.employerTh, {
        'idempotency-key': 'place-1',
      });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(first.json().id);
      expect((await placementsOf()).length).toBe(before + 1);
      // without a key, the same placement again is a conflict; another start day is another placement
      const twice = await place(placementBody(issued.id));
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('conflict');
      expect((await placementsOf()).length).toBe(before + 1);
      expect((await place(placementBody(issued.id, { startDate: '2026-11-15' }))).statusCode).toBe(201);
    });
  });

  describe('employer identity', () => {
    it("a second token for the same employer sees and answers the first token's placements; another employer's gets 404; revoking a token keeps them", async () => {
      hub.clock.set(NOW);
      const first = (
        await createToken({ role: 'employer', label: 'Korat Masonry', country: 'TH', expiresInDays: 730 })
      ).json();
      expect(first.employer).toEqual(expect.any(String));
      const issued = await certify(true);
      const p = (await place(placementBody(issued.id, { startDate: '2026-08-01' }), first.token)).json();
      const secondRes = await createToken({
        role: 'employer',
        label: 'Korat Masonry (HR)',
        employer: first.employer,
      });
      expect(secondRes.statusCode, secondRes.body).toBe(201);
      const second = secondRes.json();
      expect(second).toMatchObject({ employer: first.employer, country: 'TH' });
      expect((await placementsOf(second.token)).map((x) => x.id)).toEqual([p.id]);
      const paged = await hub.app.inject({
        url: '/placements?limit=1&offset=0',
        headers: bearer(second.token),
      });
      expect(paged.statusCode, paged.body).toBe(200);
      expect(paged.json()).toMatchObject({ limit: 1, offset: 0, items: [{ id: p.id }] });
      expect((await due(second.token)).due).toContainEqual(
        expect.objectContaining({ placement: p.id, month: 3 }),
      );
      // the same placement again through the other token is the employer's second record of it: refused
      expect(
        (await place(placementBody(issued.id, { startDate: '2026-08-01' }), second.token)).statusCode,
      ).toBe(409);
      // another employer learns nothing of it: not found, as if it did not exist
      const other = await followUp(p.id, { month: 3, stillEmployed: true }, tokens.otherEmployerTh!);
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('not-found');
      expect(await placementsOf(tokens.otherEmployerTh!)).not.toContainEqual(
        expect.objectContaining({ id: p.id }),
      );

      const revoked = await hub.app.inject({
        method: 'DELETE',
        url: `/tokens/${first.id}`,
        headers: bearer(hub.tokens.admin),
      });
      expect(revoked.statusCode).toBe(200);
      expect((await hub.app.inject({ url: '/placements', headers: bearer(first.token) })).statusCode).toBe(
        401,
      );
      expect((await placementsOf(second.token)).map((x) => x.id)).toEqual([p.id]);
      const answer = await followUp(p.id, { month: 3, stillEmployed: true }, second.token);
      expect(answer.statusCode, answer.body).toBe(201);
    });

    it('refuses an employer that does not exist, another country for it, and an employer on another role', async () => {
      const employer = (
        await createToken({ role: 'employer', label: 'Chiang Mai Tiles', country: 'TH' })
      ).json().employer;
      const unknown = await createToken({ role: 'employer', label: 'x', employer: 'no-such-employer' });
      expect(unknown.statusCode).toBe(404);
      const cases = [
        { role: 'employer', label: 'x', employer, country: 'MY' },
        { role: 'authority', label: 'x', employer, country: 'TH' },
      ];
      for (const body of cases) {
        const res = await createToken(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe('validation-failed');
      }
    });
  });

  describe('follow-ups', () => {
    it('due marks are listed from their day; answered once each, never early, only by the placing employer', async () => {
      hub.clock.set(NOW);
      const issued = await certify(true);
      const p = (await place(placementBody(issued.id, { startDate: '2026-08-20' }))).json();
      // the 3-month mark is due today (2026-11-20); the 6-month one is not
      expect((await due()).due).toContainEqual(
        expect.objectContaining({ placement: p.id, month: 3, dueOn: '2026-11-20', certificate: issued.id }),
      );
      expect((await due()).due.filter((d: { placement: string }) => d.placement === p.id)).toHaveLength(1);
      expect((await due(tokens.otherEmployerTh!)).due).toEqual([]);

      const early = await followUp(p.id, { month: 6, stillEmployed: true });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({
        code: 'follow-up-not-due',
        details: { month: 6, dueOn: '2027-02-20' },
      });
      const other = await followUp(p.id, { month: 3, stillEmployed: true }, tokens.otherEmployerTh!);
      expect(other.statusCode).toBe(404);
      expect((await followUp(p.id, { month: 3, stillEmployed: false, roleOrGrade: 'R1' })).json().code).toBe(
        'validation-failed',
      );
      expect((await followUp(p.id, { month: 4, stillEmployed: true })).statusCode).toBe(400);

      const answer = await followUp(p.id, {
        month: 3,
        stillEmployed: true,
        monthlyWage: { amount: 13500, currency: 'THB' },
        roleOrGrade: 'R1',
      });
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json()).toMatchObject({ month: 3, stillEmployed: true, roleOrGrade: 'R1' });
      const twice = await followUp(p.id, { month: 3, stillEmployed: true });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('follow-up-already-answered');
      expect((await due()).due.filter((d: { placement: string }) => d.placement === p.id)).toEqual([]);
      const listed = (await hub.app.inject({ url: '/placements', headers: bearer(tokens.employerTh!) }))
        .json()
        .items.find((x: { id: string }) => x.id === p.id);
      expect(listed.followUps[0]).toMatchObject({
        month: 3,
        answer: { stillEmployed: true, monthlyWage: { amount: 13500, currency: 'THB' }, roleOrGrade: 'R1' },
      });

      hub.clock.set('2027-02-20T08:00:00Z');
      try {
        expect((await due()).due.filter((d: { placement: string }) => d.placement === p.id)).toEqual([
          expect.objectContaining({ month: 6, dueOn: '2027-02-20' }),
        ]);
        expect((await followUp(p.id, { month: 6, stillEmployed: false })).statusCode).toBe(201);
      } finally {
        hub.clock.set(NOW);
      }
    });

    it('a placement starting on a month end is due on the last day of a shorter month', async () => {
      hub.clock.set(NOW);
      const issued = await certify(true);
      const p = (await place(placementBody(issued.id, { startDate: '2026-11-30' }))).json();
      hub.clock.set('2027-02-27T12:00:00Z');
      try {
        expect((await due()).due.filter((d: { placement: string }) => d.placement === p.id)).toEqual([]);
        hub.clock.set('2027-02-28T12:00:00Z');
        expect((await due()).due.filter((d: { placement: string }) => d.placement === p.id)).toEqual([
          expect.objectContaining({ month: 3, dueOn: '2027-02-28' }),
        ]);
      } finally {
        hub.clock.set(NOW);
      }
    });
  });
});

describe('README "Placements and follow-ups"', () => {
  it("the curl example's bodies work as written, in order", async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = /## Placements and follow-ups\n([\s\S]*?)\n## /.exec(readme)![1]!;
    const curl = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const bodies = [...curl.matchAll(/-d '([^']*)'/g)].map((m) => m[1]!);
    expect(bodies).toHaveLength(2);
    const hub = await startTestHub('2026-11-20T10:00:00Z', { PORT: '3000' });
    try {
      const token = await hub.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: { ...bearer(hub.tokens.admin), 'content-type': 'application/json' },
        payload: bodies[0],
      });
      expect(token.statusCode, token.body).toBe(201);
      const issued = await issue(
        hub,
        brickRequest({ holder: { name: 'Sok Dara', birthDate: '1995-04-12', consentToFollowUp: true } }),
      );
      const placed = await hub.app.inject({
        method: 'POST',
        url: '/placements',
        headers: { ...bearer(token.json().token), 'content-type': 'application/json' },
        payload: bodies[1]!.replace('urn:uuid:4c2f0a4e-1f5b-4f8a-9d6e-2b7c3a1d9e10', issued.id),
      });
      expect(placed.statusCode, placed.body).toBe(201);
      expect(curl).toContain('/follow-ups/due');
      const due = await hub.app.inject({ url: '/follow-ups/due', headers: bearer(token.json().token) });
      expect(due.json()).toEqual({ today: '2026-11-20', due: [] });
    } finally {
      await hub.close();
    }
  });
});
