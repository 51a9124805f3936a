import type { Accreditation, Framework, Qualification, Spoke, SpokeKey } from '../../src/domain/types.js';
import type { ReadCredential } from '../../src/domain/credential-reader.js';

/** Plain registry data for the pure domain tests. */
export const PUBLIC_URL = 'https://hub.example';

export const thTpqf: Framework = {
  id: 'TH-TPQF',
  name: { en: 'Thai Professional Qualifications Framework' },
  country: 'TH',
  levelCount: 8,
  referencing: [
    {
      effectiveFrom: '2018-06-01',
      status: 'provisional',
      levels: { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8 },
    },
  ],
};

export const brick: Qualification = {
  code: 'TH-BRICK-1',
  title: { en: 'Bricklaying, level 1', th: 'ช่างก่ออิฐ ระดับ 1' },
  country: 'TH',
  framework: 'TH-TPQF',
  level: 1,
  isco08: '7112',
  validityYears: 5,
  createdAt: '2025-01-01T00:00:00Z',
};

export const spoke: Spoke = {
  slug: 'kh-ntti',
  name: 'Demo NTTI',
  country: 'KH',
  did: 'did:web:hub.example:spokes:kh-ntti',
  createdAt: '2025-01-01T00:00:00Z',
};

export const otherSpoke: Spoke = {
  slug: 'th-bkk-itc',
  name: 'Demo Bangkok ITC',
  country: 'TH',
  did: 'did:web:hub.example:spokes:th-bkk-itc',
  createdAt: '2025-01-01T00:00:00Z',
};

export const key = (overrides: Partial<SpokeKey> = {}): SpokeKey => ({
  id: `${spoke.did}#key-1`,
  spoke: spoke.slug,
  publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: null,
  compromisedFrom: null,
  ...overrides,
});

export const accreditation = (overrides: Partial<Accreditation> = {}): Accreditation => ({
  id: 'acc-1',
  spoke: spoke.slug,
  qualifications: ['TH-BRICK-1', 'TH-PLASTER-1'],
  validFrom: '2025-01-01',
  validUntil: '2028-12-31',
  createdAt: '2025-01-01T00:00:00Z',
  ...overrides,
});

/** What the reader returns for a well-formed TH-BRICK-1 certificate (AQRF 1). */
export const readBrick = (overrides: Partial<ReadCredential> = {}): ReadCredential => ({
  version: 2,
  types: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: spoke.did,
  identifiers: [],
  validFrom: '2026-11-20T10:00:00Z',
  validUntil: '2031-11-20T23:59:59Z',
  qualificationCode: 'TH-BRICK-1',
  aqrfLevel: 1,
  nationalLevel: 'TH-TPQF:1',
  statusEntries: [],
  ...overrides,
});
