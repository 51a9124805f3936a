import { describe, expect, it } from 'vitest';
import { readCredential, type ReadOutcome } from '../../src/domain/credential-reader.js';
import { buildCertificateCredential } from '../../src/domain/certificate-credential.js';
import { OB_V3_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from '../../src/domain/contexts.js';
import { PUBLIC_URL, brick, spoke, thTpqf } from './fixtures.js';

const built = () =>
  buildCertificateCredential({
    id: 'urn:uuid:0b0e2a34-6f39-4d0c-9a6e-6b7c3b1f8a11',
    publicUrl: PUBLIC_URL,
    issuedAt: '2026-11-20T10:00:00Z',
    spoke,
    qualification: brick,
    framework: thTpqf,
    aqrfLevel: 1,
    holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
    identitySalt: 'salt',
    assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
    credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }],
  });

const v11 = (overrides: Record<string, unknown> = {}) => ({
  '@context': [VC_V1_CONTEXT],
  type: ['VerifiableCredential'],
  issuer: 'did:example:issuer',
  issuanceDate: '2024-03-01T00:00:00Z',
  expirationDate: '2027-03-01T00:00:00Z',
  credentialSubject: { id: 'did:example:holder', name: 'Ana' },
  ...overrides,
});

const errorCode = (r: ReadOutcome) => (r.ok ? undefined : r.code);

describe('readCredential on a credential built by buildCertificateCredential', () => {
  it('reads it as a VC 2.0 credential with its issuer, name and dates', () => {
    const r = readCredential(built());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.credential).toMatchObject({
      version: 2,
      id: 'urn:uuid:0b0e2a34-6f39-4d0c-9a6e-6b7c3b1f8a11',
      types: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: spoke.did,
      issuerName: spoke.name,
      validFrom: '2026-11-20T10:00:00Z',
      validUntil: '2031-11-20T23:59:59Z',
      holderName: 'Sok Dara',
    });
  });

  it('reads the qualification and the AQRF, national and ISCO-08 alignments back', () => {
    const r = readCredential(built());
    if (!r.ok) throw new Error(r.message);
    expect(r.credential).toMatchObject({
      achievementId: `${PUBLIC_URL}/registry/qualifications/TH-BRICK-1`,
      qualificationCode: 'TH-BRICK-1',
      qualificationTitle: 'Bricklaying, level 1',
      aqrfLevel: 1,
      nationalLevel: 'TH-TPQF:1',
      isco08: '7112',
    });
  });

  it('reads the assessment date and language and the status entries', () => {
    const r = readCredential(built());
    if (!r.ok) throw new Error(r.message);
    expect(r.credential.assessmentDate).toBe('2026-11-18');
    expect(r.credential.assessmentLanguage).toBe('km');
    expect(r.credential.statusEntries).toEqual([
      { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    ]);
  });
});

describe('readCredential on VC 1.1', () => {
  it('maps issuanceDate and expirationDate to validFrom and validUntil, with a string issuer', () => {
    const r = readCredential(v11());
    expect(r).toMatchObject({
      ok: true,
      credential: {
        version: 1,
        issuer: 'did:example:issuer',
        validFrom: '2024-03-01T00:00:00Z',
        validUntil: '2027-03-01T00:00:00Z',
        holderName: 'Ana',
      },
    });
  });

  it('ignores VC 2.0 date names on a VC 1.1 credential', () => {
    const r = readCredential(v11({ validUntil: '2020-01-01T00:00:00Z' }));
    expect(r.ok && r.credential.validUntil).toBe('2027-03-01T00:00:00Z');
  });

  it('refuses a VC 1.1 credential without issuanceDate', () => {
    const { issuanceDate: _, ...noDate } = v11();
    expect(errorCode(readCredential(noDate))).toBe('missing-issuance-date');
  });

  it('accepts a single @context string', () => {
    expect(readCredential(v11({ '@context': VC_V1_CONTEXT })).ok).toBe(true);
  });
});

describe('readCredential refuses malformed credentials', () => {
  it('refuses what is not a JSON object', () => {
    expect(errorCode(readCredential(null))).toBe('not-an-object');
    expect(errorCode(readCredential([built()]))).toBe('not-an-object');
    expect(errorCode(readCredential('{"a":1}'))).toBe('not-an-object');
  });

  it('refuses a credential whose first @context is not a VC base context', () => {
    expect(errorCode(readCredential({ ...built(), '@context': [OB_V3_CONTEXT, VC_V2_CONTEXT] }))).toBe(
      'unknown-base-context',
    );
  });

  it('refuses a credential with no @context', () => {
    const { '@context': _, ...noContext } = built();
    expect(errorCode(readCredential(noContext))).toBe('unknown-base-context');
  });

  it('refuses a credential whose type lacks VerifiableCredential', () => {
    expect(errorCode(readCredential({ ...built(), type: ['OpenBadgeCredential'] }))).toBe('missing-type');
  });

  it('refuses a credential without an issuer', () => {
    const { issuer: _, ...noIssuer } = built();
    expect(errorCode(readCredential(noIssuer))).toBe('missing-issuer');
  });

  it('refuses an issuer object without an id', () => {
    expect(errorCode(readCredential({ ...built(), issuer: { name: 'Nobody' } }))).toBe('missing-issuer');
  });

  it('refuses a credential without a credentialSubject', () => {
    const { credentialSubject: _, ...noSubject } = built();
    expect(errorCode(readCredential(noSubject))).toBe('missing-subject');
  });

  it('refuses a validFrom with no time zone', () => {
    expect(errorCode(readCredential({ ...built(), validFrom: '2026-11-20T10:00:00' }))).toBe('bad-date');
  });

  it('refuses a validUntil that is not a date', () => {
    expect(errorCode(readCredential({ ...built(), validUntil: 'in five years' }))).toBe('bad-date');
  });

  it('refuses a VC 1.1 expirationDate that is not a date', () => {
    expect(errorCode(readCredential(v11({ expirationDate: '2027-03-01 00:00' })))).toBe('bad-date');
  });
});

describe('readCredential reads a decisive field as absent or exactly one value', () => {
  const b = () => built() as Record<string, any>;
  it('reads a one-element array as its value (the same JSON-LD statement)', () => {
    const r = readCredential({
      ...b(),
      validUntil: ['2031-11-20T23:59:59Z'],
      credentialSubject: [b().credentialSubject],
    });
    expect(r.ok && r.credential.validUntil).toBe('2031-11-20T23:59:59Z');
    expect(r.ok && r.credential.holderName).toBe('Sok Dara');
  });
  it('refuses two validUntil dates instead of reading none', () => {
    expect(
      errorCode(readCredential({ ...b(), validUntil: ['2020-01-01T00:00:00Z', '2099-01-01T00:00:00Z'] })),
    ).toBe('ambiguous-value');
  });
  it('refuses a validFrom that is an object', () => {
    expect(errorCode(readCredential({ ...b(), validFrom: { '@value': '2026-11-20T10:00:00Z' } }))).toBe(
      'ambiguous-value',
    );
  });
  it('refuses two credential subjects (JSON-LD values have no order to pick the first by)', () => {
    expect(
      errorCode(readCredential({ ...b(), credentialSubject: [b().credentialSubject, { name: 'Other' }] })),
    ).toBe('ambiguous-value');
  });
  it('refuses two achievements, two humanCodes, two AQRF alignments and two assessment languages', () => {
    const subject = b().credentialSubject;
    const ach = subject.achievement;
    expect(
      errorCode(readCredential({ ...b(), credentialSubject: { ...subject, achievement: [ach, ach] } })),
    ).toBe('ambiguous-value');
    expect(
      errorCode(
        readCredential({
          ...b(),
          credentialSubject: { ...subject, achievement: { ...ach, humanCode: ['TH-BRICK-1', 'TH-WELD-3'] } },
        }),
      ),
    ).toBe('ambiguous-value');
    expect(
      errorCode(
        readCredential({
          ...b(),
          credentialSubject: {
            ...subject,
            achievement: { ...ach, alignment: [ach.alignment[0], { ...ach.alignment[0], targetCode: '4' }] },
          },
        }),
      ),
    ).toBe('ambiguous-value');
    expect(
      errorCode(
        readCredential({
          ...b(),
          credentialSubject: {
            ...subject,
            assessment: { ...subject.assessment, assessmentLanguage: ['km', 'th'] },
          },
        }),
      ),
    ).toBe('ambiguous-value');
  });
  it('keeps status entries it cannot read, so the status check can refuse them', () => {
    const r = readCredential({
      ...b(),
      credentialStatus: ['https://hub.example/status#1', { type: 'BitstringStatusListEntry' }],
    });
    expect(r.ok && r.credential.statusEntries).toHaveLength(2);
  });
});
