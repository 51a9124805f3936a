import { VC_V1_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { ALIGNMENT } from './certificate-credential.js';
import { toMillis } from './dates.js';
import type { CheckCode } from './check-codes.js';
import { unwrapSingletons } from './compact-form.js';

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
  /** the holder's name in Latin letters (`credentialSubject.nameLatin`), when the certificate carries it */
  holderNameLatin?: string;
  /** in clear only when the holder chose to show it (older certificates always carry it) */
  holderBirthDate?: string;
  /** in clear only in certificates issued before identifiers */
  holderDocumentNumber?: string;
  /** the subject's OB 3.0 IdentityObjects (hashed identifying data), as written */
  identifiers: Record<string, unknown>[];
  achievementId?: string;
  qualificationCode?: string;
  qualificationTitle?: string;
  aqrfLevel?: number;
  nationalLevel?: string;
  isco08?: string;
  assessmentDate?: string;
  assessmentLanguage?: string;
  /** every credentialStatus value as written; one the status check cannot read makes it fail */
  statusEntries: unknown[];
}

export type ReadOutcome =
  { ok: true; credential: ReadCredential } | { ok: false; code: CheckCode; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A value that decides a check is either absent or exactly one string: two values, or an object, is no answer. */
class Ambiguous extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}
function oneString(holder: Record<string, unknown>, key: string, field = key): string | undefined {
  const v = holder[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Ambiguous(field);
  return v;
}
function oneObject(holder: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = holder[key];
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new Ambiguous(key);
  return v;
}

/**
 * Reads the credential. One-element arrays are read as their element (the same JSON-LD
 * statement, ./compact-form.ts); a field the checks rely on that holds several values or the
 * wrong kind of value makes the credential unreadable (`ambiguous-value`), never "absent":
 * two `validUntil` dates must not read as none, two subjects or two AQRF alignments must not
 * be read in whatever order they arrive (JSON-LD values are unordered).
 */
export function readCredential(received: unknown): ReadOutcome {
  // a top-level array is a list of documents, not a credential: it is not unwrapped
  if (!isObject(received))
    return { ok: false, code: 'not-an-object', message: 'The credential is not a JSON object.' };
  try {
    return read(unwrapSingletons(received));
  } catch (e) {
    if (!(e instanceof Ambiguous)) throw e;
    return {
      ok: false,
      code: 'ambiguous-value',
      message: `The credential's ${e.field} has several values or a value of the wrong kind, so it cannot be read unambiguously.`,
    };
  }
}

function read(doc: unknown): ReadOutcome {
  if (!isObject(doc))
    return { ok: false, code: 'not-an-object', message: 'The credential is not a JSON object.' };
  const contexts = asArray(doc['@context']);
  const version = contexts[0] === VC_V2_CONTEXT ? 2 : contexts[0] === VC_V1_CONTEXT ? 1 : undefined;
  if (!version) {
    return {
      ok: false,
      code: 'unknown-base-context',
      message: 'The first @context must be the VC 2.0 or VC 1.1 context.',
    };
  }
  const types = asArray(doc.type).filter((t): t is string => typeof t === 'string');
  if (!types.includes('VerifiableCredential')) {
    return {
      ok: false,
      code: 'missing-type',
      message: 'The credential type must include "VerifiableCredential".',
    };
  }
  const issuerValue = doc.issuer;
  const issuer =
    typeof issuerValue === 'string' ? issuerValue : isObject(issuerValue) ? str(issuerValue.id) : undefined;
  if (!issuer) return { ok: false, code: 'missing-issuer', message: 'The credential has no issuer.' };
  const issuerName = isObject(issuerValue) ? str(issuerValue.name) : undefined;
  const subjects = asArray(doc.credentialSubject);
  if (subjects.length > 1) throw new Ambiguous('credentialSubject');
  const subject = subjects[0];
  if (!isObject(subject))
    return { ok: false, code: 'missing-subject', message: 'The credential has no credentialSubject.' };

  const validFrom = oneString(doc, version === 2 ? 'validFrom' : 'issuanceDate');
  const validUntil = oneString(doc, version === 2 ? 'validUntil' : 'expirationDate');
  if (version === 1 && !validFrom)
    return { ok: false, code: 'missing-issuance-date', message: 'A VC 1.1 credential needs issuanceDate.' };
  for (const [name, value] of [
    ['validFrom', validFrom],
    ['validUntil', validUntil],
  ] as const) {
    if (value !== undefined && Number.isNaN(toMillis(value))) {
      return { ok: false, code: 'bad-date', message: `${name} is not a date-time with a time zone.` };
    }
  }

  const id = oneString(doc, 'id');
  const holderName = str(subject.name);
  // shown next to the name on every page: one string or nothing, never whichever of several comes first
  const holderNameLatin = oneString(subject, 'nameLatin', 'credentialSubject.nameLatin');
  const holderBirthDate = str(subject.birthDate);
  const holderDocumentNumber = str(subject.documentNumber);
  const read: ReadCredential = {
    version,
    types,
    issuer,
    statusEntries: asArray(doc.credentialStatus),
    identifiers: asArray(subject.identifier).filter(isObject),
    ...(holderBirthDate ? { holderBirthDate } : {}),
    ...(holderDocumentNumber ? { holderDocumentNumber } : {}),
    ...(id ? { id } : {}),
    ...(issuerName ? { issuerName } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(holderName ? { holderName } : {}),
    ...(holderNameLatin ? { holderNameLatin } : {}),
  };
  const achievement = oneObject(subject, 'achievement');
  if (achievement) {
    read.achievementId = oneString(achievement, 'id', 'achievement.id');
    read.qualificationCode = oneString(achievement, 'humanCode', 'achievement.humanCode');
    read.qualificationTitle = str(achievement.name);
    const seen = new Set<string>();
    for (const a of asArray(achievement.alignment).filter(isObject)) {
      const targetType = str(a.targetType);
      const kind =
        targetType === ALIGNMENT.aqrf
          ? 'aqrfLevel'
          : targetType === ALIGNMENT.national
            ? 'nationalLevel'
            : targetType === ALIGNMENT.isco
              ? 'isco08'
              : undefined;
      if (!kind) continue;
      if (seen.has(kind)) throw new Ambiguous(`${targetType} alignment`);
      seen.add(kind);
      const code = oneString(a, 'targetCode', `${targetType} alignment`);
      if (kind === 'aqrfLevel') read.aqrfLevel = Number(code);
      else read[kind] = code;
    }
  }
  const assessment = oneObject(subject, 'assessment');
  if (assessment) {
    read.assessmentDate = oneString(assessment, 'assessmentDate', 'assessment.assessmentDate');
    read.assessmentLanguage = oneString(assessment, 'assessmentLanguage', 'assessment.assessmentLanguage');
  }
  return { ok: true, credential: read };
}
