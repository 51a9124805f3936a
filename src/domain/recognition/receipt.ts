import { SKILLPASS_RECOGNITION_CONTEXT_V1_URL, VC_V2_CONTEXT } from '../contexts.js';
import type { ConditionResult } from './conditions.js';
import type { RecognitionAnswer, RecognitionQuery } from './decide.js';

/**
 * The recognition receipt: a decision issued by the hub as a VC 2.0 credential, its terms
 * defined in the hub's recognition context (src/adapters/contexts/skillpass-recognition-v1.json).
 * Pure: the id, the instant and who asked are passed in; the hub signs it (services).
 * It names the certificate by id and holds no personal data of the worker.
 */
export const RECEIPT_TYPE = 'RecognitionDecisionCredential';

export interface ReceiptInput {
  id: string;
  publicUrl: string;
  hubDid: string;
  issuedAt: string;
  answer: RecognitionAnswer;
  query: RecognitionQuery;
  certificate: { id?: string; qualification?: string; aqrfLevel?: number; validUntil?: string };
  verificationOutcome: string;
  /** who asked, e.g. "authority TH" or "hub": the stated facts are theirs */
  requestedBy: string;
  /** last day the agreement relied on is in force, if it has one */
  agreementValidUntil?: string;
}

const condition = (c: ConditionResult) => ({
  type: 'RecognitionCondition',
  conditionKind: c.kind,
  conditionStatus: c.status,
  conditionCode: c.code,
  conditionMessage: c.message,
  ...(c.deadline ? { deadline: c.deadline } : {}),
});

/** A recognised decision lasts no longer than the certificate, nor than the agreement it rests on. */
function receiptValidUntil(input: ReceiptInput): string | undefined {
  if (input.answer.decision !== 'recognised' && input.answer.decision !== 'recognised-with-conditions')
    return undefined;
  const ends = [
    input.certificate.validUntil,
    input.agreementValidUntil ? `${input.agreementValidUntil}T23:59:59Z` : undefined,
  ].filter((v): v is string => Boolean(v));
  return ends.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

export function buildRecognitionReceipt(input: ReceiptInput): Record<string, unknown> {
  const { answer, query, certificate } = input;
  const validUntil = receiptValidUntil(input);
  const subject: Record<string, unknown> = {
    type: 'RecognitionDecision',
    ...(certificate.id ? { certificate: certificate.id } : {}),
    ...(certificate.qualification ? { qualificationCode: certificate.qualification } : {}),
    ...(certificate.aqrfLevel !== undefined ? { aqrfLevel: certificate.aqrfLevel } : {}),
    destinationCountry: query.destination,
    ...(query.intendedOccupation ? { intendedOccupation: query.intendedOccupation } : {}),
    ...(query.permitCategory ? { requestedPermitCategory: query.permitCategory } : {}),
    decision: answer.decision,
    decisionCode: answer.code,
    decisionMessage: answer.message,
    decidedOn: answer.checkedOn,
    verificationOutcome: input.verificationOutcome,
    requestedBy: input.requestedBy,
    ...(answer.agreement
      ? {
          agreement: {
            type: 'RecognitionAgreementReference',
            agreementId: answer.agreement.id,
            agreementVersion: answer.agreement.version,
            agreementTitle: answer.agreement.title,
            agreementReference: answer.agreement.reference,
            illustrative: answer.agreement.illustrative,
          },
        }
      : {}),
    ...(answer.equivalent?.qualification ? { equivalentQualification: answer.equivalent.qualification } : {}),
    ...(answer.equivalent?.level !== undefined
      ? { equivalentFramework: answer.equivalent.framework, equivalentLevel: answer.equivalent.level }
      : {}),
    ...(answer.permitCategory ? { permitCategory: answer.permitCategory.code } : {}),
    ...(answer.conditions.toMeet.length ? { conditionToMeet: answer.conditions.toMeet.map(condition) } : {}),
    ...(answer.conditions.met.length ? { conditionMet: answer.conditions.met.map(condition) } : {}),
  };
  return {
    '@context': [VC_V2_CONTEXT, SKILLPASS_RECOGNITION_CONTEXT_V1_URL],
    id: input.id,
    type: ['VerifiableCredential', RECEIPT_TYPE],
    name: `Recognition decision: ${certificate.qualification ?? 'certificate'} in ${query.destination}`,
    issuer: input.hubDid,
    validFrom: input.issuedAt,
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: subject,
  };
}
