/* Generated from schemas/*.json by scripts/generate-schema-types.ts. Do not edit: run npm run gen:types. */

/**
 * A credential object, a VC-JOSE JWT string, or the id of a certificate this hub issued.
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
  CertificateRequest?: CertificateRequest;
  KeyChangeRequest?: KeyChangeRequest;
  LocalizedText?: LocalizedText;
  Problem?: Problem;
  QualificationRequest?: QualificationRequest;
  SpokeRequest?: SpokeRequest;
  StatusChangeRequest?: StatusChangeRequest;
  VcIssueRequest?: VcIssueRequest;
  VcVerifyRequest?: VcVerifyRequest;
  VerificationRequest?: VerificationRequest;
  VerificationResult?: VerificationResult;
  VpVerifyRequest?: VpVerifyRequest;
}
/**
 * Suspend, reinstate, amend (add or remove qualifications) or withdraw an accreditation from a date (inclusive).
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "AccreditationChangeRequest".
 */
export interface AccreditationChangeRequest {
  kind: 'suspended' | 'reinstated' | 'amended' | 'withdrawn';
  effectiveFrom: string;
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
 * A testing centre certifies one worker. Personal data is the minimum needed to match the worker.
 *
 * This interface was referenced by `SchemaTypes`'s JSON-Schema
 * via the `definition` "CertificateRequest".
 */
export interface CertificateRequest {
  qualification: string;
  holder: {
    name: string;
    birthDate?: string;
    documentNumber?: string;
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
 * W3C VC API status update: revoke, suspend or reinstate one of the centre's own certificates. Revocation is final.
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
  reason?: string;
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
    id: 'well-formed' | 'proof' | 'issuer' | 'accreditation' | 'level' | 'validity' | 'status';
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
