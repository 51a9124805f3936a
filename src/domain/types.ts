/** Registry and credential data types shared by every layer. Plain data, no behaviour. */

export type LocalizedText = Record<string, string>; // BCP 47 language tag -> text

export type ReferencingStatus = 'referenced' | 'provisional' | 'unreferenced';

/** One version of a national framework's referencing to the AQRF. */
export interface Referencing {
  effectiveFrom: string; // ISO date
  status: ReferencingStatus;
  /** national level (as string key) -> AQRF level */
  levels: Record<string, number>;
  source?: string;
}

export interface Framework {
  id: string; // e.g. "TH-TPQF"
  name: LocalizedText;
  country: string; // ISO 3166-1 alpha-2, or "ASEAN" for the AQRF itself
  levelCount: number;
  referencing: Referencing[]; // empty for the AQRF itself
  note?: string;
}

export interface AqrfLevel {
  level: number;
  knowledgeAndSkills: LocalizedText;
  applicationAndResponsibility: LocalizedText;
}

export interface Qualification {
  code: string;
  title: LocalizedText;
  description?: LocalizedText;
  country: string;
  framework: string;
  level: number;
  isco08: string;
  validityYears: number;
  createdAt: string;
}

export interface SpokeKey {
  id: string; // verification method id (DID URL)
  spoke: string; // slug
  publicKeyMultibase: string;
  validFrom: string; // ISO instant
  validUntil: string | null; // set when rotated out
  compromisedFrom: string | null;
}

export interface Spoke {
  slug: string;
  name: string;
  country: string;
  did: string;
  createdAt: string;
}

/** A change to an accreditation, effective from an instant (inclusive); the history is append-only. */
export type AccreditationEventKind = 'suspended' | 'reinstated' | 'amended' | 'withdrawn';
export interface AccreditationEvent {
  kind: AccreditationEventKind;
  effectiveFrom: string; // RFC 3339 date-time, or a date: the start of that day, UTC (domain/accreditation.ts)
  add?: string[]; // amended: qualifications added
  remove?: string[]; // amended: qualifications removed
  reason: string;
  recordedAt: string;
}

export interface Accreditation {
  id: string;
  spoke: string;
  /** the qualifications as first granted; amendments are in `events` */
  qualifications: string[];
  validFrom: string; // ISO date (inclusive)
  validUntil: string; // ISO date (inclusive)
  createdAt: string;
  events?: AccreditationEvent[];
}

export interface CertificateRecord {
  id: string; // credential id (urn:uuid:...)
  spoke: string;
  qualification: string;
  format: 'di' | 'vc+jwt';
  /** the credential exactly as issued: JSON text of the object, or the compact JWT */
  serialized: string;
  issuedAt: string;
  validUntil: string;
  /** what its QR code holds: the verification URL (absent: the default) or the whole credential */
  qr?: 'url' | 'credential';
  /** holder-match keys (src/domain/holder-key.ts): hashes, never the personal data itself */
  holderKey?: string | null;
  holderDocumentKey?: string | null;
}

export interface Holder {
  /** as on the identity document, in the holder's own script */
  name: string;
  /** the same name in Latin letters (a transliteration), so readers of another script can read it */
  nameLatin?: string;
  birthDate?: string;
  documentNumber?: string;
  /** the birth date is printed in the credential (and on its pages) only when the holder chose to show it; it is always in the hashed identifier */
  showBirthDate?: boolean;
  /**
   * the worker consented to follow-up after placement (README "Placements and follow-ups"):
   * recorded by the hub beside the certificate, never written into the credential
   */
  consentToFollowUp?: boolean;
}

export interface Assessment {
  date: string;
  language: string;
  result: string;
  score?: string;
}
