import type { ReadCredential } from '../credential-reader.js';
import type { SdJwtProblem } from './sd-jwt.js';

/** The SkillPass certificate's type as an SD-JWT VC (docs/sd-jwt-vc.md). */
export const SKILLPASS_VCT = 'https://w3id.org/skillpass/vct/skill-certificate/v1';
/** The selectively disclosable claims a SkillPass SD-JWT VC may carry (docs/sd-jwt-vc.md). */
export const DISCLOSABLE_CLAIMS = ['birthdate', 'identifier', 'assessment'] as const;

export interface SdJwtCredential {
  credential: ReadCredential;
  /** when the wallet copy was signed (`iat`): the centre key must have been valid then */
  signedAt: string;
  /** the Token Status List reference (draft-ietf-oauth-status-list §6.1), when it has one */
  statusList?: { uri: string; idx: number };
  /** `cnf.jwk`: the holder's public key (RFC 7800), when bound */
  holderJwk?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const MAX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z
const instant = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SECONDS
    ? new Date(v * 1000).toISOString().replace(/\.000Z$/, 'Z')
    : undefined;

/**
 * Reads the claims of a SkillPass SD-JWT VC (after its disclosures were applied) into the fields
 * the trust checks read, as ../credential-reader.ts does for a Data Integrity certificate. The
 * header `typ` must be `dc+sd-jwt` (SD-JWT VC §3.2.1; `vc+sd-jwt` is the older name) and `vct`
 * SkillPass's: another credential type is not read as a certificate.
 */
export function readSdJwtCredential(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): { ok: true; value: SdJwtCredential } | { ok: false; problem: SdJwtProblem } {
  const problem = (code: SdJwtProblem['code'], message: string) => ({
    ok: false as const,
    problem: { code, message },
  });
  if (header.typ !== 'dc+sd-jwt' && header.typ !== 'vc+sd-jwt')
    return problem('unknown-credential-type', 'The SD-JWT header is not of type dc+sd-jwt.');
  if (claims.vct !== SKILLPASS_VCT)
    return problem('unknown-credential-type', `The credential type (vct) is not ${SKILLPASS_VCT}.`);
  const issuer = str(claims.iss);
  if (!issuer) return problem('missing-issuer', 'The SD-JWT names no issuer (iss).');
  const signedAt = instant(claims.iat);
  const validFrom = instant(claims.nbf) ?? signedAt;
  if (!signedAt || !validFrom) return problem('bad-date', 'iat or nbf is not a NumericDate.');
  if (claims.exp !== undefined && !instant(claims.exp))
    return problem('bad-date', 'exp is not a NumericDate.');
  const q = isObject(claims.qualification) ? claims.qualification : {};
  const centre = isObject(claims.centre) ? claims.centre : {};
  const assessment = isObject(claims.assessment) ? claims.assessment : {};
  const level = q.aqrf_level;
  const statusList =
    isObject(claims.status) && isObject(claims.status.status_list) ? claims.status.status_list : undefined;
  const identifiers = Array.isArray(claims.identifier) ? claims.identifier.filter(isObject) : [];
  const credential: ReadCredential = {
    version: 2,
    types: ['VerifiableCredential', 'SkillPassSdJwtVc'],
    issuer,
    validFrom,
    identifiers,
    statusEntries: [],
    ...defined({
      id: str(claims.certificate),
      issuerName: str(centre.name),
      validUntil: instant(claims.exp),
      holderName: str(claims.name),
      holderNameLatin: str(claims.name_latin),
      holderBirthDate: str(claims.birthdate),
      qualificationCode: str(q.code),
      qualificationTitle: str(q.title),
      aqrfLevel: typeof level === 'number' ? level : undefined,
      nationalLevel: str(q.national_level),
      isco08: str(q.isco08),
      assessmentDate: str(assessment.date),
      assessmentLanguage: str(assessment.language),
    }),
  };
  return {
    ok: true,
    value: {
      credential,
      signedAt,
      ...(statusList &&
      typeof statusList.uri === 'string' &&
      Number.isInteger(statusList.idx) &&
      (statusList.idx as number) >= 0
        ? { statusList: { uri: statusList.uri, idx: statusList.idx as number } }
        : {}),
      ...(isObject(claims.cnf) && isObject(claims.cnf.jwk) ? { holderJwk: claims.cnf.jwk } : {}),
    },
  };
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
