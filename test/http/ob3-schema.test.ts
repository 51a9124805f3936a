import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { waitForBatch } from '../helpers/cohorts.js';
import { signAsCentre } from '../helpers/forge.js';
import { OB3_SCHEMA, OB3_SCHEMA_VC11, ob3Validator } from '../helpers/ob3-schema.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../../src/domain/contexts.js';

/**
 * Every credential SkillPass issues passes the official 1EdTech OB 3.0 AchievementCredential
 * JSON Schema (test/fixtures/ob3/, VC 2.0 form: test/helpers/ob3-schema.ts): POST /certificates
 * as Data Integrity and as a JWT (its payload), cohort certificates, and an OB credential issued
 * through the W3C VC API. (Recognition receipts are not OB credentials.) Beyond the schema, the
 * OB 3.0 rules it cannot express: VC 2.0 and OB 3.0 contexts first, the two types, and a subject
 * identified by `id` or at least one `identifier` (§B.1 AchievementSubject).
 */
describe('issued credentials and the official OB 3.0 AchievementCredential schema', () => {
  let hub: TestHub;
  const validate = ob3Validator();
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const payloadOf = (jwt: string) =>
    JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
  const expectOb3 = (name: string, c: Record<string, any>) => {
    expect(validate(c), name).toEqual([]);
    expect(c['@context'].slice(0, 2), name).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
    expect(c.type, name).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']));
    expect(
      Boolean(c.credentialSubject.id) || c.credentialSubject.identifier?.length > 0,
      `${name}: the subject is identified`,
    ).toBe(true);
  };

  it('the schema is the draft 2019-09 one, and the VC 2.0 form differs from the stored one only in the date names', () => {
    expect(OB3_SCHEMA_VC11.$schema).toBe('https://json-schema.org/draft/2019-09/schema#');
    expect(OB3_SCHEMA_VC11.required).toContain('issuanceDate');
    expect(OB3_SCHEMA.required).toEqual([
      '@context',
      'id',
      'type',
      'name',
      'credentialSubject',
      'issuer',
      'validFrom',
    ]);
    expect(Object.keys(OB3_SCHEMA.properties)).toEqual(expect.arrayContaining(['validFrom', 'validUntil']));
    expect(Object.keys(OB3_SCHEMA.properties)).not.toContain('issuanceDate');
  });

  it('POST /certificates: Data Integrity and JWT, with a birth date, a document number, both, a Latin-letters name, a score, a QR credential', async () => {
    const requests: [string, Record<string, unknown>][] = [
      ['birth date', brickRequest()],
      ['document number', brickRequest({ holder: { name: 'Chan Sophea', documentNumber: 'N1234567' } })],
      [
        'both, birth date shown',
        brickRequest({
          holder: {
            name: 'Keo Bopha',
            birthDate: '1992-07-08',
            documentNumber: 'P-998',
            showBirthDate: true,
          },
        }),
      ],
      [
        'the name in Khmer and in Latin letters',
        brickRequest({ holder: { name: 'សុខ ដារា', nameLatin: 'Sok Dara', documentNumber: 'K-42' } }),
      ],
      [
        'a score, QR credential',
        brickRequest({
          assessment: { date: '2026-11-18', language: 'km', result: 'competent', score: '87/100' },
          qr: 'credential',
        }),
      ],
    ];
    for (const [name, body] of requests) {
      const di = await issue(hub, body);
      expectOb3(`${name} (di)`, di.credential as Record<string, any>);
      const jwt = await issue(hub, { ...body, format: 'vc+jwt' });
      expectOb3(`${name} (vc+jwt payload)`, payloadOf(jwt.credential as string));
    }
  });

  it("a cohort's certificates, both formats", async () => {
    for (const format of ['di', 'vc+jwt']) {
      const rows = [1, 2, 3].map((i) => ({
        qualification: 'TH-BRICK-1',
        holderName: `Schema ${format} ${i}`,
        ...(i === 2 ? { holderDocumentNumber: `S-${format}-${i}` } : { holderBirthDate: `1990-02-0${i}` }),
        assessmentDate: '2026-11-18',
        assessmentLanguage: 'km',
        result: 'competent',
      }));
      const upload = await hub.app.inject({
        method: 'POST',
        url: '/batches',
        headers: bearer(hub.tokens.khNtti),
        payload: { format, rows },
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const id = upload.json().id as string;
      expect(
        (
          await hub.app.inject({
            method: 'POST',
            url: `/batches/${id}/commit`,
            headers: bearer(hub.tokens.khNtti),
          })
        ).statusCode,
      ).toBe(202);
      await waitForBatch(hub, id, hub.tokens.khNtti);
      const issued = (
        await hub.app.inject({ url: `/batches/${id}/rows`, headers: bearer(hub.tokens.khNtti) })
      ).json().rows as { state: string; certificateId: string }[];
      const ids = issued.filter((r) => r.state === 'issued').map((r) => r.certificateId);
      expect(ids).toHaveLength(3);
      for (const certId of ids) {
        const stored = await hub.ctx.store.repos.certificates.get(certId);
        const credential =
          stored!.format === 'vc+jwt' ? payloadOf(stored!.serialized) : JSON.parse(stored!.serialized);
        expectOb3(`cohort ${format} ${certId}`, credential);
      }
    }
  });

  it('an Open Badges credential issued through POST /credentials/issue', async () => {
    const {
      proof: _p,
      credentialStatus: _s,
      id: _id,
      ...credential
    } = (await signAsCentre(hub.ctx, 'kh-ntti')) as Record<string, unknown>;
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: { credential },
    });
    expect(res.statusCode, res.body).toBe(201);
    expectOb3('VC API', res.json().verifiableCredential);
  });

  it('the schema refuses what OB 3.0 refuses (the check can fail): two status entries, a subject without its achievement', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    expect(validate({ ...vc, credentialStatus: [vc.credentialStatus, vc.credentialStatus] }).join()).toMatch(
      /credentialStatus/,
    );
    const { achievement: _a, ...subject } = vc.credentialSubject;
    expect(validate({ ...vc, credentialSubject: subject }).join()).toMatch(/achievement/);
    expect(
      validate({
        ...vc,
        credentialSubject: {
          ...vc.credentialSubject,
          identifier: [{ ...vc.credentialSubject.identifier[0], extra: 1 }],
        },
      }).join(),
    ).toMatch(/identifier/);
  });
});
