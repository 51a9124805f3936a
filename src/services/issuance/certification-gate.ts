import type { Accreditation, Framework, Qualification, Spoke } from '../../domain/types.js';
import { registryProblems, type CertifyProblem } from '../../domain/certify-rules.js';
import { normaliseQualificationCode } from '../../domain/qualification-code.js';
import { SkillPassError } from '../../domain/errors.js';

/** The registry reads the gate needs (IssuanceLookups in ./issue-certificate.ts memoises them for a cohort). */
export interface GateLookups {
  qualification(code: string): Promise<Qualification | undefined>;
  framework(id: string): Promise<Framework | undefined>;
  accreditations(slug: string): Promise<Accreditation[]>;
}

export interface GateAnswer {
  /** the code as the registry writes it (normalised) */
  code: string;
  /** empty: the centre may certify it now */
  problems: CertifyProblem[];
  qualification?: Qualification;
  framework?: Framework;
  aqrfLevel?: number;
}

/**
 * May this centre certify this qualification at this instant? The one answer for POST
 * /certificates, cohort rows (preview and commit) and POST /credentials/issue: the code is
 * normalised (src/domain/qualification-code.ts), then the registry rules of
 * src/domain/certify-rules.ts (known qualification, AQRF level in force, accreditation
 * covering it: its period on the instant's day, its changes at the instant) are applied to the registry's facts.
 */
export async function mayCertify(
  lookups: GateLookups,
  spoke: Spoke,
  requested: string,
  now: string,
): Promise<GateAnswer> {
  const code = normaliseQualificationCode(requested);
  const qualification = await lookups.qualification(code);
  const framework = qualification ? await lookups.framework(qualification.framework) : undefined;
  const accreditations = qualification ? await lookups.accreditations(spoke.slug) : [];
  const { problems, aqrfLevel } = registryProblems(
    code,
    { spoke, qualification, framework, accreditations },
    now,
  );
  return {
    code,
    problems,
    ...(qualification ? { qualification } : {}),
    ...(framework ? { framework } : {}),
    ...(aqrfLevel !== undefined ? { aqrfLevel } : {}),
  };
}

/** A refusal as the typed error a single request answers with (403 not-accredited, 400 unknown-qualification ...). */
export const refusal = (p: CertifyProblem): SkillPassError =>
  new SkillPassError(p.code, p.message, p.details);
