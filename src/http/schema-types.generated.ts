/* Generated from schemas/*.json by scripts/generate-schema-types.ts. Do not edit: run npm run gen:types. */

/**
 * A credential object (verified as sent), or text: a VC-JOSE JWT, SKP1 QR text, a certificate id (urn:uuid:... or bare UUID) or a verification URL (.../v/<uuid>).
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "RecognitionCertificate".
 */
export type RecognitionCertificate = {} | string;
/**
 * Is a certificate recognised in a destination country, for a job or a permit? One certificate, or a list (bulk: admin or that destination's authority token). A certificate is a credential object, a JWT or SKP1 text, a certificate id, or a verification URL.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "RecognitionCheckRequest".
 */
export type RecognitionCheckRequest = RecognitionCheckRequest1 & RecognitionCheckRequest2;
export type RecognitionCheckRequest1 = {
  [k: string]: unknown;
};
/**
 * A credential object, a VC-JOSE JWT string, a presentation (an SD-JWT VC with its disclosures and Key Binding JWT, a holder-signed VP as a JWT), or the id of a certificate this hub issued; optionally the worker's identifying data to match against its subject, and the nonce and audience a presentation must be bound to.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "VerificationRequest".
 */
export type VerificationRequest = VerificationRequest1 & VerificationRequest2;
export type VerificationRequest1 = {
  [k: string]: unknown;
};

export interface SchemaTypes {
  AccreditationChangeRequest?: AccreditationChangeRequest;
  AccreditationRequest?: AccreditationRequest;
  BatchRequest?: BatchRequest;
  CertificateRequest?: CertificateRequest;
  CredentialRequest?: CredentialRequest;
  FollowUpRequest?: FollowUpRequest;
  KeyChangeRequest?: KeyChangeRequest;
  LocalizedText?: LocalizedText;
  Money?: Money;
  PlacementRequest?: PlacementRequest;
  PresentationRequestInput?: PresentationRequestInput;
  Problem?: Problem;
  ProgrammeCostRequest?: ProgrammeCostRequest;
  QualificationRequest?: QualificationRequest;
  RecognitionAgreement?: RecognitionAgreement;
  RecognitionCertificate?: RecognitionCertificate;
  RecognitionCheckRequest?: RecognitionCheckRequest;
  RecognitionFacts?: RecognitionFacts;
  SpokeRequest?: SpokeRequest;
  StatusChangeRequest?: StatusChangeRequest;
  TokenRequest?: TokenRequest;
  VcIssueRequest?: VcIssueRequest;
  VcVerifyRequest?: VcVerifyRequest;
  VerificationRequest?: VerificationRequest;
  VerificationResult?: VerificationResult;
  VpVerifyRequest?: VpVerifyRequest;
  WalletOfferRequest?: WalletOfferRequest;
}
/**
 * Suspend, reinstate, amend (add or remove qualifications) or withdraw an accreditation from an instant (inclusive): certificates issued at or after effectiveFrom are judged with the change, those issued before without it.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "AccreditationChangeRequest".
 */
export interface AccreditationChangeRequest {
  kind: 'suspended' | 'reinstated' | 'amended' | 'withdrawn';
  /**
   * RFC 3339 date-time with a time zone (2026-03-02T15:00:00Z, 2026-03-02T22:00:00+07:00), or a date (2026-03-02) meaning the start of that day, UTC
   */
  effectiveFrom: {
    [k: string]: unknown;
  } & string;
  /**
   * @maxItems 200
   */
  add?: string[];
  /**
   * @maxItems 200
   */
  remove?: string[];
  reason: string;
}
/**
 * Accredits a testing centre for qualifications over a period (dates inclusive).
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "AccreditationRequest".
 */
export interface AccreditationRequest {
  /**
   * @minItems 1
   * @maxItems 200
   */
  qualifications: [string, ...string[]];
  validFrom: string;
  validUntil: string;
}
/**
 * A cohort as JSON: one object per worker with the cohort columns (GET /batches/template.csv; README "Cohorts"), every value a string as in the CSV.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "BatchRequest".
 */
export interface BatchRequest {
  /**
   * @minItems 1
   * @maxItems 10000
   */
  rows: [
    {
      qualification?: string;
      holderName?: string;
      holderNameLatin?: string;
      holderBirthDate?: string;
      holderDocumentNumber?: string;
      assessmentDate?: string;
      assessmentLanguage?: string;
      result?: string;
      score?: string;
      showBirthDate?: string;
      /**
       * yes / no (true, 1 / false, 0, empty)
       */
      consentToFollowUp?: string;
      [k: string]: string | undefined;
    },
    ...{
      qualification?: string;
      holderName?: string;
      holderNameLatin?: string;
      holderBirthDate?: string;
      holderDocumentNumber?: string;
      assessmentDate?: string;
      assessmentLanguage?: string;
      result?: string;
      score?: string;
      showBirthDate?: string;
      /**
       * yes / no (true, 1 / false, 0, empty)
       */
      consentToFollowUp?: string;
      [k: string]: string | undefined;
    }[]
  ];
  /**
   * di (default): Data Integrity eddsa-rdfc-2022; vc+jwt: VC-JOSE
   */
  format?: 'di' | 'vc+jwt';
  /**
   * What each QR code holds (default url)
   */
  qr?: 'url' | 'credential';
}
/**
 * A testing centre certifies one worker. Personal data is the minimum needed to match the worker.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "CertificateRequest".
 */
export interface CertificateRequest {
  qualification: string;
  holder: {
    name: string;
    /**
     * The same name in Latin letters (e.g. Sok Dara for សុខ ដារា), shown next to it so that readers of another script (a Thai employer, a Malaysian officer) can read it. Latin script only: letters with or without accents, spaces and . , ' ’ - ( ); the same hidden-character rules as name. Written in the credential as credentialSubject.nameLatin (context https://w3id.org/skillpass/holder/v1).
     */
    nameLatin?: string;
    birthDate?: string;
    documentNumber?: string;
    /**
     * Print the birth date in the credential and on its pages. Otherwise it is only in the subject's salted hash (credentialSubject.identifier), which a verifier holding the worker's ID can check (POST /verifications with holder).
     */
    showBirthDate?: boolean;
    /**
     * The worker agreed to tracer follow-up after placement (README "Placements and follow-ups"). The hub records it with the consent wording's version beside the certificate, never inside the signed credential; an employer can record a placement only with it.
     */
    consentToFollowUp?: boolean;
  };
  assessment: {
    date: string;
    /**
     * BCP 47 tag of the assessment language, e.g. km
     */
    language: string;
    /**
     * Only a competent result is certified
     */
    result: 'competent';
    score?: string;
  };
  /**
   * di: Data Integrity eddsa-rdfc-2022; vc+jwt: VC-JOSE
   */
  format?: 'di' | 'vc+jwt';
  /**
   * What the QR code holds: url, the verification page (small, always current); credential, the whole signed credential for offline checking (the JWT itself, or SKP1: + base45 of the deflated JSON)
   */
  qr?: 'url' | 'credential';
}
/**
 * OpenID4VCI 1.0 §8.2 credential request, sent by a wallet with the access token from /oauth/token. Checked by the credential endpoint itself, so that every refusal is an OAuth error (§8.3.1.2), not problem+json. README "Certificates in a wallet (OpenID4VCI)".
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "CredentialRequest".
 */
export interface CredentialRequest {
  credential_configuration_id:
    'skill-certificate-ldp-vc' | 'skill-certificate-jwt-vc-json' | 'skill-certificate-sd-jwt';
  proofs: {
    /**
     * @minItems 1
     * @maxItems 1
     *
     * Items: an openid4vci-proof+jwt signed by the wallet's key, with the c_nonce
     */
    jwt: [string];
  };
}
/**
 * The employer's tracer answer for one of a placement's month marks (3, 6 or 12 months after its start): once per mark, not before it is due.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "FollowUpRequest".
 */
export interface FollowUpRequest {
  month: 3 | 6 | 12;
  stillEmployed: boolean;
  monthlyWage?: Money;
  /**
   * e.g. R1 after an upgrade from R2
   */
  roleOrGrade?: string;
}
/**
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "Money".
 */
export interface Money {
  amount: number;
  /**
   * ISO 4217
   */
  currency: string;
}
/**
 * Rotate a centre's key (reason only), or mark one compromised from an instant (key and from).
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "KeyChangeRequest".
 */
export interface KeyChangeRequest {
  /**
   * key id, e.g. key-1, or the full DID URL
   */
  key?: string;
  /**
   * date or date-time with zone from which the key is compromised
   */
  from?: string;
  reason?: string;
}
/**
 * Text by BCP 47 language tag, e.g. {"en": "Bricklaying", "th": "ช่างก่ออิฐ"}. English is required.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "LocalizedText".
 */
export interface LocalizedText {
  [k: string]: string;
}
/**
 * An employer (employer token) records that it placed a certified worker who consented to follow-up at certification. The certificate must verify valid now. README "Placements and follow-ups".
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "PlacementRequest".
 */
export interface PlacementRequest {
  certificate: RecognitionCertificate;
  /**
   * ISO 3166-1 alpha-2: the employer token's own country
   */
  destination: string;
  /**
   * ISCO-08 unit group of the job, e.g. 7112 (bricklayers and related workers)
   */
  isco08: string;
  /**
   * First day of work; follow-ups fall due 3, 6 and 12 months after it
   */
  startDate: string;
  monthlyWage: Money;
  contractType: 'permanent' | 'fixed-term' | 'seasonal' | 'other';
}
/**
 * An employer (employer token) asks a worker's wallet for a SkillPass certificate of one qualification over OpenID4VP. README "Asking a worker's wallet for a certificate (OpenID4VP)".
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "PresentationRequestInput".
 */
export interface PresentationRequestInput {
  /**
   * The qualification code the certificate must be for, e.g. TH-BRICK-1
   */
  qualification: string;
  /**
   * Why the employer asks (shown on its page)
   */
  purpose?: string;
  /**
   * Selectively disclosable claims to ask for as well; by default only the claims always in clear (name, qualification, centre) are read
   *
   * @maxItems 2
   */
  claims?: [] | ['birthdate' | 'assessment'] | ['birthdate' | 'assessment', 'birthdate' | 'assessment'];
}
/**
 * RFC 9457 problem details, with a stable machine-readable code.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "Problem".
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: {
    [k: string]: unknown;
  }[];
}
/**
 * What a programme spent in one calendar quarter: the base of GET /statistics' cost per certified and per placed worker.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "ProgrammeCostRequest".
 */
export interface ProgrammeCostRequest {
  /**
   * e.g. 2026-Q1
   */
  quarter: string;
  amount: number;
  /**
   * ISO 4217
   */
  currency: string;
  note?: string;
}
/**
 * A qualification (occupational standard) to add to the registry.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "QualificationRequest".
 */
export interface QualificationRequest {
  /**
   * Stable code, e.g. TH-BRICK-1
   */
  code: string;
  title: LocalizedText;
  description?: LocalizedText;
  /**
   * ISO 3166-1 alpha-2 country of the standard
   */
  country: string;
  /**
   * Id of a national framework from GET /registry/frameworks
   */
  framework: string;
  level: number;
  /**
   * ISCO-08 unit group code
   */
  isco08: string;
  validityYears: number;
}
/**
 * A recognition agreement or rule, as data: who it is between, what it covers, what recognition gives, on what conditions, and when it is in force. Codes must exist in the registry; see README, "Recognition decisions".
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "RecognitionAgreement".
 */
export interface RecognitionAgreement {
  /**
   * Stable id; a new version of the same agreement keeps it
   */
  id: string;
  /**
   * Higher versions replace lower ones
   */
  version: number;
  title: string;
  kind: 'mutual-recognition-of-skills' | 'professional-mra' | 'bilateral-mou' | 'national-rule';
  /**
   * The instrument's own reference or name
   */
  reference: string;
  parties: {
    /**
     * Countries (ISO 3166-1 alpha-2) or regions (ASEAN) where the worker was certified; ["*"] for any country
     *
     * @minItems 1
     * @maxItems 50
     */
    origin: [string, ...string[]];
    /**
     * Countries or regions where recognition applies
     *
     * @minItems 1
     * @maxItems 50
     */
    destination: [string, ...string[]];
  };
  /**
   * What it covers; a certificate must match every criterion given
   */
  coverage: {
    /**
     * @minItems 1
     * @maxItems 500
     */
    qualifications?: [string, ...string[]];
    /**
     * ISCO-08 codes; a code of 1 to 3 digits covers every unit group under it
     *
     * @minItems 1
     * @maxItems 500
     */
    occupations?: [string, ...string[]];
    aqrfLevels?: {
      min: number;
      max: number;
    };
  };
  /**
   * What recognition gives
   */
  grants: {
    /**
     * The destination qualification each covered qualification counts as
     *
     * @minItems 1
     * @maxItems 500
     */
    equivalentQualifications?: [
      {
        from: string;
        to: string;
      },
      ...{
        from: string;
        to: string;
      }[]
    ];
    equivalentLevel?: {
      framework: string;
      level: number;
    };
    permitCategory?: {
      code: string;
      name: string;
    };
    description?: string;
  };
  conditions?: {
    /**
     * @minItems 1
     * @maxItems 50
     */
    assessmentLanguages?: [string, ...string[]];
    /**
     * The certificate must come from a centre accredited for it at issuance
     */
    accreditedCentre?: boolean;
    minYearsExperience?: number;
    minMonthlySalary?: Money;
    /**
     * An obligation after recognition, e.g. continuing education within 24 months
     */
    followUp?: {
      description: string;
      withinMonths: number;
    };
    recertificationRequired?: boolean;
  };
  /**
   * First day in force
   */
  validFrom: string;
  /**
   * Last day in force; absent: until replaced
   */
  validUntil?: string;
  source: {
    title: string;
    url?: string;
    publisher?: string;
  };
  /**
   * Demo data drawn from public sources, not an authority's real figures
   */
  illustrative?: boolean;
  note?: string;
}
export interface RecognitionCheckRequest2 {
  certificate?: RecognitionCertificate;
  /**
   * @minItems 1
   * @maxItems 2000
   */
  certificates?: [
    (
      | RecognitionCertificate
      | {
          certificate: RecognitionCertificate;
          ref?: string;
          intendedOccupation?: string;
          permitCategory?: string;
          facts?: RecognitionFacts;
        }
    ),
    ...(
      | RecognitionCertificate
      | {
          certificate: RecognitionCertificate;
          ref?: string;
          intendedOccupation?: string;
          permitCategory?: string;
          facts?: RecognitionFacts;
        }
    )[]
  ];
  /**
   * ISO 3166-1 alpha-2 destination country
   */
  destination: string;
  /**
   * ISCO-08 unit group of the job
   */
  intendedOccupation?: string;
  /**
   * The permit category asked for, e.g. SG-WP-R1
   */
  permitCategory?: string;
  facts?: RecognitionFacts;
  /**
   * Also issue the decision as a credential signed by the hub (admin or that destination's authority token)
   */
  issueReceipt?: boolean;
}
/**
 * Facts the authority holds about the worker or the job offer, judged against an agreement's conditions
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "RecognitionFacts".
 */
export interface RecognitionFacts {
  yearsOfExperience?: number;
  offeredMonthlySalary?: Money;
}
/**
 * A testing centre (spoke) to register. The hub generates its key and DID.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "SpokeRequest".
 */
export interface SpokeRequest {
  slug: string;
  name: string;
  country: string;
}
/**
 * W3C VC API status update: revoke, suspend or reinstate a certificate (a centre its own; the hub admin any, with a reason). Revocation is final.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "StatusChangeRequest".
 */
export interface StatusChangeRequest {
  credentialId: string;
  credentialStatus: {
    type: 'BitstringStatusListEntry';
    statusPurpose: 'revocation' | 'suspension';
  };
  /**
   * true sets the status (revoked / suspended); false clears a suspension
   */
  status: boolean;
  /**
   * Kept in the audit log; required from the hub admin
   */
  reason?: string;
}
/**
 * A new bearer token (admin): a hub admin, a testing centre's issuer (with its centre), an authority (with its country), an employer (a new one, or `employer` naming an existing one) or a programme analyst. Shown once; stored as a SHA-256 hash.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "TokenRequest".
 */
export interface TokenRequest {
  role: 'admin' | 'issuer' | 'authority' | 'employer' | 'programme';
  /**
   * who or what holds it, for people
   */
  label: string;
  /**
   * issuer tokens: the testing centre's slug
   */
  spoke?: string;
  /**
   * authority and employer tokens: ISO 3166-1 alpha-2 country (an employer's is the destination of its placements)
   */
  country?: string;
  /**
   * programme tokens: the origin-destination corridors it covers, e.g. KH-TH; all when absent
   *
   * @minItems 1
   * @maxItems 50
   */
  corridors?: [string, ...string[]];
  /**
   * employer tokens: the id of an existing employer this token acts for (a second or rotated token); absent, a new employer is created with the label and country
   */
  employer?: string;
  /**
   * every token expires; 90 days unless told
   */
  expiresInDays?: number;
}
/**
 * W3C VC API issue request: an unsigned credential and options.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "VcIssueRequest".
 */
export interface VcIssueRequest {
  credential: {};
  options?: {
    [k: string]: unknown;
  };
}
/**
 * W3C VC API credential verification request. Unknown options (such as checks) are accepted; options.policy = "hub" makes the hub-trust checks count.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "VcVerifyRequest".
 */
export interface VcVerifyRequest {
  verifiableCredential: {} | string;
  options?: {
    policy?: 'default' | 'hub';
    [k: string]: unknown;
  };
}
export interface VerificationRequest2 {
  credential?: {} | string;
  id?: string;
  /**
   * The challenge the presentation must answer: the KB-JWT nonce, the VP proof challenge or JWT VP nonce. Without nonce and audience a holder binding is checked for integrity only (the result says so).
   */
  nonce?: string;
  /**
   * Who the presentation must be made for: the KB-JWT or JWT VP aud, the VP proof domain.
   */
  audience?: string;
  /**
   * The worker's identifying data as the verifier holds it (their identity document): name and birthDate, or documentNumber. Matched against the subject's salted hashes (credentialSubject.identifier) and answered in holderMatch; never stored.
   */
  holder?: {
    [k: string]: unknown;
  } & {
    name?: string;
    birthDate?: string;
    documentNumber?: string;
  };
}
/**
 * The one verification result shape: an overall outcome and one entry per check.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "VerificationResult".
 */
export interface VerificationResult {
  outcome: 'valid' | 'invalid' | 'indeterminate';
  checks: {
    id: 'well-formed' | 'proof' | 'issuer' | 'accreditation' | 'level' | 'validity' | 'status' | 'holder-binding';
    outcome: 'valid' | 'invalid' | 'indeterminate' | 'skipped';
    code?: string;
    message?: string;
    details?: {
      [k: string]: unknown;
    };
  }[];
  credential?: {
    [k: string]: unknown;
  };
  verifiedAt: string;
  /**
   * The registry version (trust list sequence) the trust checks used
   */
  registryVersion?: number;
  /**
   * Only when the request gave holder data and the credential could be read: whether the data matches the subject, and what was compared (an OB 3.0 identityType; "clear" for a certificate carrying the data in clear; null when it carries nothing to compare with)
   */
  holderMatch?: {
    matched: boolean;
    identityType: string | null;
  };
  /**
   * Only for a presentation (an SD-JWT VC, a holder-signed VP): its format, whether the holder's binding was checked against the nonce/audience given, and which selectively disclosable claims the worker disclosed or withheld
   */
  presentation?: {
    format: 'dc+sd-jwt' | 'ldp_vp' | 'jwt_vp';
    challengeChecked: boolean;
    disclosed: string[];
    withheld: string[];
  };
}
/**
 * W3C VC API presentation verification request.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "VpVerifyRequest".
 */
export interface VpVerifyRequest {
  verifiablePresentation: {};
  options?: {
    policy?: 'default' | 'hub';
    [k: string]: unknown;
  };
}
/**
 * A testing centre asks for a new credential offer for one of its certificates (the open ones are voided). The body is optional. README "Certificates in a wallet (OpenID4VCI)".
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "WalletOfferRequest".
 */
export interface WalletOfferRequest {
  /**
   * The worker's birth date, for the SD-JWT VC when the certificate does not print it; it must match the certificate's hashed identifier
   */
  birthDate?: string;
}
