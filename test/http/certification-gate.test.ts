import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, brickRequest, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { signAsCentre } from '../helpers/forge.js';

/**
 * One gate (src/services/issuance/certification-gate.ts) decides whether a centre may certify a
 * qualification now, for POST /certificates, cohorts and POST /credentials/issue alike, with
 * one normalisation of the code: no spelling the registry could match gets a credential signed
 * that the rules would refuse.
 */
describe('the certification gate: POST /certificates and POST /credentials/issue refuse alike', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub();
  });
  afterEach(async () => {
    await hub.close();
  });

  const certify = (qualification: string, token = hub.tokens.khNtti) =>
    hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(token),
      payload: brickRequest({ qualification }),
    });
  /** a credential the centre composed itself: the hub's own shape for `base`, unsigned, with the achievement changed */
  const composed = async (base: string, achievement: (a: Record<string, unknown>) => void) => {
    const { proof: _p, ...credential } = (await signAsCentre(hub.ctx, 'kh-ntti', {
      qualification: base,
    })) as Record<string, any>;
    achievement(credential.credentialSubject.achievement);
    return credential;
  };
  const vcIssue = (credential: Record<string, unknown>, token = hub.tokens.khNtti) =>
    hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(token),
      payload: { credential },
    });
  const suspendKhNtti = async () => {
    const id = (await hub.ctx.store.repos.spokes.accreditations('kh-ntti'))[0]!.id;
    const res = await hub.app.inject({
      method: 'POST',
      url: `/registry/spokes/kh-ntti/accreditations/${id}/changes`,
      headers: bearer(hub.tokens.admin),
      payload: { kind: 'suspended', effectiveFrom: '2026-11-01', reason: 'audit findings' },
    });
    expect(res.statusCode).toBe(201);
  };
  const expectRefused = (
    res: { statusCode: number; json(): any; body: string },
    status: number,
    code: string,
    what: string,
  ) => {
    expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
    expect(res.json().code, what).toBe(code);
  };

  it('a suspended centre: refused on both routes with not-accredited, whatever the spelling of the code', async () => {
    await suspendKhNtti();
    const before = await hub.ctx.store.repos.certificates.count();
    for (const code of ['TH-BRICK-1', 'th-brick-1', ' Th-Brick-1 ', 'ＴＨ-ＢＲＩＣＫ-１'])
      expectRefused(await certify(code), 403, 'not-accredited', `POST /certificates ${code}`);
    const spellings: [string, (a: Record<string, unknown>) => void][] = [
      ['humanCode as the registry writes it', () => undefined],
      [
        'lower-case humanCode',
        (a) => {
          a.humanCode = 'th-brick-1';
        },
      ],
      [
        'mixed case with spaces',
        (a) => {
          a.humanCode = '  tH-bRiCk-1 ';
        },
      ],
      [
        "no humanCode, the id is the hub's qualification URL",
        (a) => {
          delete a.humanCode;
        },
      ],
      [
        'the hub URL in other case, with a query',
        (a) => {
          delete a.humanCode;
          a.id = `${hub.ctx.publicUrl.toUpperCase()}/registry/qualifications/th-brick-1?v=2`;
        },
      ],
      [
        'a humanCode of another shape, the id still the hub URL',
        (a) => {
          a.humanCode = 'Bricklaying (level 1)';
        },
      ],
    ];
    for (const [what, change] of spellings)
      expectRefused(
        await vcIssue(await composed('TH-BRICK-1', change)),
        403,
        'not-accredited',
        `VC API: ${what}`,
      );
    // a JSON-LD value object is not the compact form of a plain humanCode: refused before the gate is asked
    expectRefused(
      await vcIssue(
        await composed('TH-BRICK-1', (a) => {
          a.humanCode = { '@value': 'th-brick-1' };
        }),
      ),
      400,
      'invalid-credential-request',
      'VC API: a JSON-LD value object',
    );
    // two subjects: the hub's verifier reads one subject only (ambiguous-value), so its issuer signs none
    const twoSubjects = await composed('TH-BRICK-1', (a) => {
      a.humanCode = 'th-brick-1';
    });
    twoSubjects.credentialSubject = [{ name: 'Someone else' }, twoSubjects.credentialSubject];
    expectRefused(await vcIssue(twoSubjects), 400, 'invalid-credential-request', 'VC API: second subject');
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it('a qualification the centre is not accredited for: refused on both routes with not-accredited, in lower case too', async () => {
    // kh-ntti is accredited for TH-BRICK-1, TH-PLASTER-1 and KH-SEW-2, not TH-WIRING-1
    for (const code of ['TH-WIRING-1', 'th-wiring-1']) {
      expectRefused(await certify(code), 403, 'not-accredited', `POST /certificates ${code}`);
      expectRefused(
        await vcIssue(
          await composed('TH-WIRING-1', (a) => {
            a.humanCode = code;
          }),
        ),
        403,
        'not-accredited',
        `VC API ${code}`,
      );
    }
    // an accredited humanCode does not launder an unaccredited qualification URL
    expectRefused(
      await vcIssue(
        await composed('TH-WIRING-1', (a) => {
          a.humanCode = 'TH-BRICK-1';
        }),
      ),
      403,
      'not-accredited',
      'VC API: mixed names',
    );
  });

  it('a code of registry shape the registry does not hold: refused on both routes with unknown-qualification', async () => {
    const before = await hub.ctx.store.repos.certificates.count();
    for (const code of ['TH-NOPE-9', 'th-nope-9']) {
      expectRefused(await certify(code), 400, 'unknown-qualification', `POST /certificates ${code}`);
      expectRefused(
        await vcIssue(
          await composed('TH-BRICK-1', (a) => {
            a.humanCode = code;
          }),
        ),
        400,
        'unknown-qualification',
        `VC API ${code}`,
      );
    }
    expectRefused(
      await vcIssue(
        await composed('TH-BRICK-1', (a) => {
          delete a.humanCode;
          a.id = `${hub.ctx.publicUrl}/registry/qualifications/XX-NONE-1`;
        }),
      ),
      400,
      'unknown-qualification',
      'VC API: hub URL of no qualification',
    );
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it("an accredited centre: a lower-case code is certified as the registry writes it; a centre's own achievement of another shape is signed", async () => {
    const res = await certify('th-brick-1');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().credential.credentialSubject.achievement.humanCode).toBe('TH-BRICK-1');
    expect((await hub.ctx.store.repos.certificates.get(res.json().id))?.qualification).toBe('TH-BRICK-1');

    const lower = await vcIssue(
      await composed('TH-BRICK-1', (a) => {
        a.humanCode = 'th-brick-1';
      }),
    );
    expect(lower.statusCode, lower.body).toBe(201);
    expect(
      (await hub.ctx.store.repos.certificates.get(lower.json().verifiableCredential.id))?.qualification,
    ).toBe('TH-BRICK-1');

    const own = await vcIssue(
      await composed('TH-BRICK-1', (a) => {
        a.humanCode = 'Site safety induction (in-house)';
        a.id = 'https://centre.example/courses/induction';
      }),
    );
    expect(own.statusCode, own.body).toBe(201);
  });

  it('a cohort row names the qualification in lower case: the same gate refuses it for a suspended centre', async () => {
    await suspendKhNtti();
    const row = {
      qualification: 'th-brick-1',
      holderName: 'Row Worker',
      holderBirthDate: '1990-01-01',
      assessmentDate: '2026-11-01',
      assessmentLanguage: 'km',
      result: 'competent',
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: bearer(hub.tokens.khNtti),
      payload: { rows: [row] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 1, column: 'qualification', code: 'not-accredited' }),
    ]);
  });
});
