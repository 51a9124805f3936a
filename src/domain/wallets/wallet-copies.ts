import { createHash } from 'node:crypto';
import { readCredential } from '../credential-reader.js';
import { credentialOfJwtPayload, decodeJwtPayload, jwtClaimsFor } from '../jwt-payload.js';
import { toMillis } from '../dates.js';
import type { PublicJwk } from './key-proof.js';
import type { OfferClaims } from './offers.js';

/**
 * A certificate's copy for a wallet, built from the certificate as the hub stored it. Pure: ids,
 * instants and salts are passed in. Every copy has its own id and carries the certificate's
 * status index, so revoking the certificate revokes every copy.
 *
 * `ldp_vc` and `jwt_vc_json` (OpenID4VCI 1.0 Appendix A.1, A.2) are the certificate with
 * `credentialSubject.id` = the wallet's DID (holder binding) and `validFrom` = the instant the
 * copy is signed: the centre signs it now, with its key valid now, and a verifier holds the
 * signature's date to `validFrom` (README "How verification decides"). `validUntil`, the status
 * entry and every claim are the certificate's.
 */
export const SD_JWT_VCT = 'https://w3id.org/skillpass/vct/skill-certificate/v1';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The credential a stored certificate is, without its proof: the Data Integrity JSON, or what a VC-JOSE JWT secures. */
export function certificateObject(format: 'di' | 'vc+jwt', serialized: string): Record<string, unknown> {
  if (format === 'vc+jwt') return credentialOfJwtPayload(decodeJwtPayload(serialized));
  const { proof: _proof, ...unsigned } = JSON.parse(serialized) as Record<string, unknown>;
  return unsigned;
}

export function walletCopy(
  certificate: Record<string, unknown>,
  copy: { id: string; holderDid: string; signedAt: string },
): Record<string, unknown> {
  const { proof: _proof, ...unsigned } = certificate;
  const subject = isObject(unsigned.credentialSubject) ? unsigned.credentialSubject : {};
  return {
    ...unsigned,
    id: copy.id,
    validFrom: copy.signedAt,
    credentialSubject: { id: copy.holderDid, ...subject },
  };
}

/**
 * `jwt_vc_json` (OpenID4VCI 1.0 Appendix A.1.1): a JWT whose `vc` claim is the credential
 * (VC-JWT encoding, https://www.w3.org/TR/vc-data-model-1.1/#jwt-encoding), with `iss`, `sub` (the
 * wallet's DID), `jti`, `nbf`, `exp` and `iat` mirroring it.
 */
export const jwtVcJsonPayload = (
  copy: Record<string, unknown>,
  signedAt: string,
): Record<string, unknown> => ({
  ...jwtClaimsFor(copy, signedAt),
  vc: copy,
});

/** What the SD-JWT VC says, read from the certificate (docs/sd-jwt-vc.md). */
export interface SdJwtInput {
  certificate: Record<string, unknown>;
  copyId: string;
  signedAt: string;
  holderJwk: PublicJwk;
  status: { idx: number; uri: string };
  offerClaims: OfferClaims | null;
  /** the qualification's country, from the registry (the credential names it only in prose) */
  qualificationCountry?: string;
  /** one salt per disclosure, random (RFC 9901 §4.2.1: at least 128 bits) */
  salts: () => string;
}

const seconds = (instant: string): number => Math.floor(toMillis(instant) / 1000);

/** A disclosure `[salt, name, value]` and its digest (RFC 9901 §4.2.1, §4.2.3: base64url SHA-256 of the disclosure's ASCII). */
export function disclosure(
  salt: string,
  name: string,
  value: unknown,
): { disclosure: string; digest: string } {
  const encoded = Buffer.from(JSON.stringify([salt, name, value]), 'utf8').toString('base64url');
  return { disclosure: encoded, digest: createHash('sha256').update(encoded, 'ascii').digest('base64url') };
}

/**
 * The issuer-signed JWT's payload and the disclosures of a SkillPass SD-JWT VC (docs/sd-jwt-vc.md):
 * `birthdate`, `identifier` and `assessment` selectively disclosable, the rest in clear.
 */
export function sdJwtVc(input: SdJwtInput): { payload: Record<string, unknown>; disclosures: string[] } {
  const read = readCredential(input.certificate);
  if (!read.ok) throw new Error(`the certificate cannot be read: ${read.message}`);
  const c = read.credential;
  const subject = isObject(input.certificate.credentialSubject) ? input.certificate.credentialSubject : {};
  const assessment = isObject(subject.assessment) ? subject.assessment : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const nationalLevel = c.nationalLevel;
  const country = input.qualificationCountry;
  const birthdate = c.holderBirthDate ?? input.offerClaims?.birthdate;
  const selective: [string, unknown][] = [
    ...(birthdate ? [['birthdate', birthdate] as [string, unknown]] : []),
    ...(c.identifiers.length > 0 ? [['identifier', c.identifiers] as [string, unknown]] : []),
    [
      'assessment',
      {
        date: assessment.assessmentDate,
        language: assessment.assessmentLanguage,
        result: assessment.assessmentResult,
        ...(assessment.assessmentScore !== undefined ? { score: assessment.assessmentScore } : {}),
      },
    ],
  ];
  const made = selective.map(([name, value]) => disclosure(input.salts(), name, value));
  const payload: Record<string, unknown> = {
    iss: c.issuer,
    vct: SD_JWT_VCT,
    jti: input.copyId,
    iat: seconds(input.signedAt),
    ...(c.validFrom ? { nbf: seconds(c.validFrom) } : {}),
    ...(c.validUntil ? { exp: seconds(c.validUntil) } : {}),
    cnf: { jwk: input.holderJwk },
    status: { status_list: { idx: input.status.idx, uri: input.status.uri } },
    certificate: c.id,
    name: c.holderName,
    ...(c.holderNameLatin ? { name_latin: c.holderNameLatin } : {}),
    qualification: {
      code: c.qualificationCode,
      title: c.qualificationTitle ?? achievement.name,
      ...(country ? { country } : {}),
      ...(c.isco08 ? { isco08: c.isco08 } : {}),
      ...(c.aqrfLevel !== undefined ? { aqrf_level: c.aqrfLevel } : {}),
      ...(nationalLevel ? { national_level: nationalLevel } : {}),
    },
    centre: { id: c.issuer, ...(c.issuerName ? { name: c.issuerName } : {}) },
    // digests in a fixed order would tell which claim is which: sorted (RFC 9901 §4.2.4.1)
    _sd: made.map((m) => m.digest).sort(),
    _sd_alg: 'sha-256',
  };
  return { payload, disclosures: made.map((m) => m.disclosure) };
}

/** `<issuer-jwt>~<disclosure>~...~` (RFC 9901 §4: an SD-JWT without key binding ends with `~`). */
export const sdJwtCompact = (issuerJwt: string, disclosures: readonly string[]): string =>
  `${issuerJwt}~${disclosures.map((d) => `${d}~`).join('')}`;
