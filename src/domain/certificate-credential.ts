import type { Assessment, Framework, Holder, LocalizedText, Qualification, Spoke } from './types.js';
import {
  OB_V3_CONTEXT,
  SKILLPASS_CONTEXT_V1_URL,
  SKILLPASS_HOLDER_CONTEXT_V1_URL,
  VC_V2_CONTEXT,
} from './contexts.js';
import { addYears } from './dates.js';
import { identityObjects } from './identity-object.js';

/**
 * A certificate's credentialStatus: one entry (the revocation entry of its index, ./status-list-credential.ts);
 * certificates issued by earlier versions carry two (revocation and suspension).
 */
export type CredentialStatus = Record<string, unknown> | Record<string, unknown>[];

/**
 * Builds the unsigned Open Badges 3.0 credential for one certified worker
 * (docs/architecture.md, "Credential shape"; OB 3.0 §B.1 OpenBadgeCredential, VC 2.0 §4).
 * Pure: ids, the identity salt, the issuance instant and the AQRF level are passed in.
 */
export interface CertificateInput {
  id: string; // urn:uuid
  publicUrl: string;
  issuedAt: string; // ISO instant; becomes validFrom
  spoke: Spoke;
  qualification: Qualification;
  framework: Framework;
  aqrfLevel: number;
  holder: Holder;
  /** random salt for the subject's IdentityObjects (./identity-object.ts) */
  identitySalt: string;
  assessment: Assessment;
  credentialStatus?: CredentialStatus;
}

const text = (t: LocalizedText): string => t.en ?? Object.values(t)[0] ?? '';

export const iscoUrl = (code: string): string => `http://data.europa.eu/esco/isco/C${code}`;
export const aqrfLevelUrl = (publicUrl: string, level: number): string =>
  `${publicUrl}/registry/frameworks/AQRF/levels/${level}`;
export const qualificationUrl = (publicUrl: string, code: string): string =>
  `${publicUrl}/registry/qualifications/${encodeURIComponent(code)}`;

/** Alignment target types that identify our alignments when reading a credential back. */
export const ALIGNMENT = { aqrf: 'ext:AQRFLevel', national: 'ext:NQFLevel', isco: 'ext:ISCO-08' } as const;

export function buildCertificateCredential(input: CertificateInput): Record<string, unknown> {
  const { qualification: q, framework, publicUrl, holder, assessment } = input;
  const validFrom = input.issuedAt;
  const validUntil = `${addYears(validFrom.slice(0, 10), q.validityYears)}T23:59:59Z`;
  const subject: Record<string, unknown> = {
    type: ['AchievementSubject'],
    // in clear: the name (the employer's page shows it) and the birth date only when the holder
    // chose to show it; the birth date and the document number are otherwise only in the
    // salted hashes of `identifier`, which identify the subject as OB 3.0 requires
    name: holder.name,
    // the name in Latin letters, when given; its term is defined by the holder context, named below only then
    ...(holder.nameLatin ? { nameLatin: holder.nameLatin } : {}),
    ...(holder.birthDate && holder.showBirthDate ? { birthDate: holder.birthDate } : {}),
    identifier: identityObjects(holder, input.identitySalt),
    achievement: {
      id: qualificationUrl(publicUrl, q.code),
      type: ['Achievement'],
      achievementType: 'Certification',
      humanCode: q.code,
      name: text(q.title),
      description: text(q.description ?? q.title),
      criteria: { narrative: `Assessed competent against the ${q.country} occupational standard ${q.code}.` },
      alignment: [
        {
          type: ['Alignment'],
          targetType: ALIGNMENT.aqrf,
          targetFramework: 'ASEAN Qualifications Reference Framework',
          targetName: `AQRF level ${input.aqrfLevel}`,
          targetCode: String(input.aqrfLevel),
          targetUrl: aqrfLevelUrl(publicUrl, input.aqrfLevel),
        },
        {
          type: ['Alignment'],
          targetType: ALIGNMENT.national,
          targetFramework: text(framework.name),
          targetName: `${framework.id} level ${q.level}`,
          targetCode: `${framework.id}:${q.level}`,
          targetUrl: `${publicUrl}/registry/frameworks/${encodeURIComponent(framework.id)}`,
        },
        {
          type: ['Alignment'],
          targetType: ALIGNMENT.isco,
          targetFramework: 'ISCO-08',
          targetName: `ISCO-08 ${q.isco08}`,
          targetCode: q.isco08,
          targetUrl: iscoUrl(q.isco08),
        },
      ],
    },
    result: [{ type: ['Result'], status: 'Completed' }],
    assessment: {
      type: ['SkillAssessment'],
      assessmentDate: assessment.date,
      assessmentLanguage: assessment.language,
      assessmentResult: assessment.result,
      ...(assessment.score ? { assessmentScore: assessment.score } : {}),
    },
  };
  return {
    '@context': [
      VC_V2_CONTEXT,
      OB_V3_CONTEXT,
      SKILLPASS_CONTEXT_V1_URL,
      ...(holder.nameLatin ? [SKILLPASS_HOLDER_CONTEXT_V1_URL] : []),
    ],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${text(q.title)} (${q.code})`,
    issuer: { id: input.spoke.did, type: ['Profile'], name: input.spoke.name },
    validFrom,
    validUntil,
    credentialSubject: subject,
    ...(input.credentialStatus ? { credentialStatus: input.credentialStatus } : {}),
  };
}
