import { VC_V1_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { ALIGNMENT } from './certificate-credential.js';
import { toMillis } from './dates.js';

/**
 * Reads the fields the checks need out of a credential, whatever its origin
 * (ours or another issuer's; VC 2.0 or 1.1). Pure; never throws on odd input,
 * it reports problems instead (VC Data Model 2.0 §4 "Basic concepts").
 */
export interface ReadCredential {
  version: 1 | 2;
  id?: string;
  types: string[];
  issuer: string;
  issuerName?: string;
  validFrom?: string; // VC 2.0 validFrom or VC 1.1 issuanceDate
  validUntil?: string; // VC 2.0 validUntil or VC 1.1 expirationDate
  holderName?: string;
  achievementId?: string;
  qualificationCode?: string;
  qualificationTitle?: string;
  aqrfLevel?: number;
  nationalLevel?: string;
  isco08?: string;
  assessmentDate?: string;
  assessmentLanguage?: string;
  statusEntries: Record<string, unknown>[];
}

export type ReadOutcome = { ok: true; credential: ReadCredential } | { ok: false; code: string; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readCredential(doc: unknown): ReadOutcome {
  if (!isObject(doc)) return { ok: false, code: 'not-an-object', message: 'The credential is not a JSON object.' };
  const contexts = asArray(doc['@context']);
  const version = contexts[0] === VC_V2_CONTEXT ? 2 : contexts[0] === VC_V1_CONTEXT ? 1 : undefined;
  if (!version) {
    return { ok: false, code: 'unknown-base-context', message: 'The first @context must be the VC 2.0 or VC 1.1 context.' };
  }
  const types = asArray(doc.type).filter((t): t is string => typeof t === 'string');
  if (!types.includes('VerifiableCredential')) {
    return { ok: false, code: 'missing-type', message: 'The credential type must include "VerifiableCredential".' };
  }
  const issuerValue = doc.issuer;
  const issuer = typeof issuerValue === 'string' ? issuerValue : isObject(issuerValue) ? str(issuerValue.id) : undefined;
  if (!issuer) return { ok: false, code: 'missing-issuer', message: 'The credential has no issuer.' };
  const issuerName = isObject(issuerValue) ? str(issuerValue.name) : undefined;
  const subject = asArray(doc.credentialSubject)[0];
  if (!isObject(subject)) return { ok: false, code: 'missing-subject', message: 'The credential has no credentialSubject.' };

  const validFrom = str(version === 2 ? doc.validFrom : doc.issuanceDate);
  const validUntil = str(version === 2 ? doc.validUntil : doc.expirationDate);
  if (version === 1 && !validFrom) return { ok: false, code: 'missing-issuance-date', message: 'A VC 1.1 credential needs issuanceDate.' };
  for (const [name, value] of [['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (value !== undefined && Number.isNaN(toMillis(value))) {
      return { ok: false, code: 'bad-date', message: `${name} is not a date-time with a time zone.` };
    }
  }

  const read: ReadCredential = {
    version, types, issuer, statusEntries: asArray(doc.credentialStatus).filter(isObject),
    ...(str(doc.id) ? { id: str(doc.id) } : {}),
    ...(issuerName ? { issuerName } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(str(subject.name) ? { holderName: str(subject.name) } : {}),
  };
  const achievement = subject.achievement;
  if (isObject(achievement)) {
    read.achievementId = str(achievement.id);
    read.qualificationCode = str(achievement.humanCode);
    read.qualificationTitle = str(achievement.name);
    for (const a of asArray(achievement.alignment).filter(isObject)) {
      if (a.targetType === ALIGNMENT.aqrf) read.aqrfLevel = Number(a.targetCode);
      if (a.targetType === ALIGNMENT.national) read.nationalLevel = str(a.targetCode);
      if (a.targetType === ALIGNMENT.isco) read.isco08 = str(a.targetCode);
    }
  }
  const assessment = subject.assessment;
  if (isObject(assessment)) {
    read.assessmentDate = str(assessment.assessmentDate);
    read.assessmentLanguage = str(assessment.assessmentLanguage);
  }
  return { ok: true, credential: read };
}
