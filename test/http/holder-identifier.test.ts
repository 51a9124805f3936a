import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { issueLegacyCertificate } from '../helpers/legacy-status.js';

/**
 * The subject is identified by OB 3.0 IdentityObjects (credentialSubject.identifier): salted
 * SHA-256 of the normalised "name|birth date" and of the normalised document number
 * (src/domain/identity-object.ts). In clear: the name (the employer's page shows it) and the
 * birth date only when the holder chose to show it. A verifier holding the worker's identity
 * document checks it with POST /verifications { holder }, answered in holderMatch, never stored.
 */
describe("the holder's identifier: hashed identifying data, shown birth date, holder match", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  /** the OB 3.0 IdentityHash, computed here on its own: "sha256$" + hex SHA-256 of identifier + salt (UTF-8) */
  const obHash = (identifier: string, salt: string) =>
    `sha256$${createHash('sha256').update(`${identifier}${salt}`, 'utf8').digest('hex')}`;
  const subjectOf = async (body: Record<string, unknown>) => {
    const issued = await issue(hub, body);
    return {
      id: issued.id,
      subject: (issued.credential as Record<string, any>).credentialSubject as Record<string, any>,
    };
  };
  const verifyAs = async (payload: Record<string, unknown>) => {
    const res = await hub.app.inject({ method: 'POST', url: '/verifications', payload });
    return { status: res.statusCode, body: res.json() };
  };

  it('by default the birth date and the document number are only in the salted hashes; the name stays in clear', async () => {
    const { subject } = await subjectOf(
      brickRequest({
        holder: { name: '  Sok   DARA ', birthDate: '1995-04-12', documentNumber: 'n 123-4567' },
      }),
    );
    expect(subject.name).toBe('  Sok   DARA ');
    expect(subject).not.toHaveProperty('birthDate');
    expect(subject).not.toHaveProperty('documentNumber');
    expect(JSON.stringify(subject)).not.toContain('1995-04-12');
    expect(JSON.stringify(subject)).not.toContain('4567');
    const [byBirth, byDocument] = subject.identifier;
    expect(byBirth).toEqual({
      type: 'IdentityObject',
      identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
      identityType: 'ext:nameBirthDate',
      hashed: true,
      salt: expect.any(String),
    });
    expect(byBirth.salt.length).toBeGreaterThanOrEqual(16);
    expect(byBirth.identityHash).toBe(obHash('sok dara|1995-04-12', byBirth.salt));
    expect(byDocument).toMatchObject({
      type: 'IdentityObject',
      identityType: 'ext:documentNumber',
      hashed: true,
    });
    expect(byDocument.identityHash).toBe(obHash('N1234567', byDocument.salt));
  });

  it('one identifier for what was given; a fresh salt per certificate, so two certificates of one worker do not link', async () => {
    const onlyDocument = (
      await subjectOf(brickRequest({ holder: { name: 'Chan Sophea', documentNumber: 'P998' } }))
    ).subject;
    expect(onlyDocument.identifier.map((i: any) => i.identityType)).toEqual(['ext:documentNumber']);
    const a = (
      await subjectOf(
        brickRequest({ qualification: 'TH-BRICK-1', holder: { name: 'Link Test', birthDate: '1991-01-01' } }),
      )
    ).subject;
    const b = (
      await subjectOf(
        brickRequest({ qualification: 'KH-SEW-2', holder: { name: 'Link Test', birthDate: '1991-01-01' } }),
      )
    ).subject;
    expect(a.identifier[0].salt).not.toBe(b.identifier[0].salt);
    expect(a.identifier[0].identityHash).not.toBe(b.identifier[0].identityHash);
  });

  it("showBirthDate: the birth date in clear in the credential, in the verification answer and on the employer's page; otherwise on none", async () => {
    const shown = await subjectOf(
      brickRequest({ holder: { name: 'Shown Worker', birthDate: '1993-06-07', showBirthDate: true } }),
    );
    expect(shown.subject.birthDate).toBe('1993-06-07');
    expect(shown.subject.identifier[0].identityType).toBe('ext:nameBirthDate');
    const hidden = await subjectOf(
      brickRequest({ holder: { name: 'Hidden Worker', birthDate: '1993-06-08' } }),
    );
    const [s, h] = [await verifyAs({ id: shown.id }), await verifyAs({ id: hidden.id })];
    expect(s.body.outcome).toBe('valid');
    expect(s.body.credential.holderBirthDate).toBe('1993-06-07');
    expect(h.body.outcome).toBe('valid');
    expect(h.body.credential).not.toHaveProperty('holderBirthDate');
    const page = (id: string) =>
      hub.app.inject({ url: `/v/${id.replace('urn:uuid:', '')}?lang=en` }).then((r) => r.body);
    const shownPage = await page(shown.id);
    expect(shownPage).toMatch(/<dt>Date of birth<\/dt><dd data-field="birth-date">[^<]*1993/);
    const hiddenPage = await page(hidden.id);
    expect(hiddenPage).not.toContain('data-field="birth-date"');
    expect(hiddenPage).not.toContain('1993');
    expect(hiddenPage).toContain('Hidden Worker');
  });

  it('POST /verifications with holder: matched for the same person (any spacing or case, any document punctuation), not for another; JWT too', async () => {
    const di = await issue(
      hub,
      brickRequest({ holder: { name: 'Keo Bopha', birthDate: '1992-07-08', documentNumber: 'K-77.1' } }),
    );
    const jwt = await issue(
      hub,
      brickRequest({ holder: { name: 'Keo Bopha', birthDate: '1992-07-08' }, format: 'vc+jwt' }),
    );
    for (const input of [{ id: di.id }, { credential: di.credential }, { credential: jwt.credential }]) {
      const same = await verifyAs({ ...input, holder: { name: 'KEO  bopha', birthDate: '1992-07-08' } });
      expect(same.status).toBe(200);
      expect(same.body.outcome).toBe('valid');
      expect(same.body.holderMatch).toEqual({ matched: true, identityType: 'ext:nameBirthDate' });
      expect(
        (await verifyAs({ ...input, holder: { name: 'Keo Bopha', birthDate: '1992-07-09' } })).body
          .holderMatch,
      ).toEqual({ matched: false, identityType: 'ext:nameBirthDate' });
      expect(
        (await verifyAs({ ...input, holder: { name: 'Keo Sopha', birthDate: '1992-07-08' } })).body
          .holderMatch,
      ).toEqual({ matched: false, identityType: 'ext:nameBirthDate' });
      expect((await verifyAs(input)).body).not.toHaveProperty('holderMatch');
    }
    expect((await verifyAs({ id: di.id, holder: { documentNumber: 'k 771' } })).body.holderMatch).toEqual({
      matched: true,
      identityType: 'ext:documentNumber',
    });
    expect((await verifyAs({ id: di.id, holder: { documentNumber: 'K772' } })).body.holderMatch).toEqual({
      matched: false,
      identityType: 'ext:documentNumber',
    });
    // nothing to compare: the JWT's certificate has no document number
    expect(
      (await verifyAs({ credential: jwt.credential, holder: { documentNumber: 'K771' } })).body.holderMatch,
    ).toEqual({ matched: false, identityType: null });
  });

  it('a certificate issued before identifiers (data in clear) is matched on that data', async () => {
    const old = await issueLegacyCertificate(hub, {
      holder: { name: 'Old Worker', birthDate: '1988-03-04' },
    });
    expect((old.credential as Record<string, any>).credentialSubject).not.toHaveProperty('identifier');
    expect(
      (await verifyAs({ id: old.id, holder: { name: 'old worker', birthDate: '1988-03-04' } })).body
        .holderMatch,
    ).toEqual({ matched: true, identityType: 'clear' });
    expect(
      (await verifyAs({ id: old.id, holder: { name: 'Old Worker', birthDate: '1988-03-05' } })).body
        .holderMatch,
    ).toEqual({ matched: false, identityType: 'clear' });
  });

  it('holder data that cannot identify anyone is 400 problem+json; it is never stored', async () => {
    const { id } = await issue(hub);
    for (const holder of [
      { name: 'Sok Dara' },
      { birthDate: '1995-04-12' },
      {},
      { name: 'Sok Dara', birthDate: '12/04/1995' },
      { documentNumber: '' },
      { name: 'x', birthDate: '1995-04-12', religion: 'y' },
    ]) {
      const res = await hub.app.inject({ method: 'POST', url: '/verifications', payload: { id, holder } });
      expect(res.statusCode, JSON.stringify(holder)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const before = (await hub.ctx.store.repos.audit.all()).length;
    await verifyAs({ id, holder: { name: 'Unique Verifier Probe', birthDate: '1999-09-09' } });
    expect((await hub.ctx.store.repos.audit.all()).length).toBe(before);
    expect(JSON.stringify(await hub.ctx.store.repos.audit.all())).not.toContain('Unique Verifier Probe');
  });
});
