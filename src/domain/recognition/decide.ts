import type { CheckResult, Outcome } from '../verification-result.js';
import { inForce, type RecognitionAgreement } from './agreement.js';
import { describeParty, partyIncludes, REGIONS, type Regions } from './parties.js';
import {
  evaluateConditions,
  type CertificateFacts,
  type ConditionResult,
  type StatedFacts,
} from './conditions.js';

/**
 * Recognition rules: is a verified certificate recognised in a destination country, for a
 * job or a permit, on what conditions? Pure: the agreements, the verification result, the
 * registry facts about the certificate and the decision day are all passed in.
 *
 * Decision semantics:
 * - a certificate that failed verification is `not-recognised`; one whose verification was
 *   `indeterminate` is `indeterminate`: no agreement is considered for either;
 * - otherwise each agreement is considered: it applies when it is in force on the decision
 *   day, names the destination and the certificate's origin (the certifying centre's country),
 *   covers the certificate (qualification, ISCO-08 occupation, AQRF level), and fits the
 *   purpose asked (intended occupation, permit category). The certificate's issuance date
 *   does not matter: an agreement recognises the standard the worker was assessed against;
 * - an applicable agreement recognises (every condition met), recognises with conditions
 *   (some not shown yet, or obligations after recognition), or does not (a condition is not
 *   met by the certificate or by a stated fact);
 * - the most favourable applicable agreement decides (see `compareFavourability`); with none,
 *   the certificate is `not-recognised`.
 */
export type Decision = 'recognised' | 'recognised-with-conditions' | 'not-recognised' | 'indeterminate';
export type AgreementOutcome =
  'not-applicable' | 'recognised' | 'recognised-with-conditions' | 'not-recognised';

export interface Reason {
  code: string;
  message: string;
}

export interface AgreementRef {
  id: string;
  version: number;
  title: string;
  kind: RecognitionAgreement['kind'];
  reference: string;
  illustrative: boolean;
}

export interface Equivalent {
  qualification?: string;
  framework?: string;
  level?: number;
  description?: string;
}

export interface AgreementConsideration {
  agreement: AgreementRef;
  outcome: AgreementOutcome;
  /** why it applies or not: every criterion that failed, or every one that held */
  reasons: Reason[];
  /** judged only when the agreement applies */
  conditions: ConditionResult[];
  equivalent?: Equivalent;
  permitCategory?: { code: string; name: string };
}

export interface RecognitionQuery {
  /** ISO 3166-1 alpha-2 */
  destination: string;
  /** ISCO-08 unit group of the job */
  intendedOccupation?: string;
  /** the permit category asked for, e.g. SG-WP-R1 */
  permitCategory?: string;
  facts?: StatedFacts;
}

export interface RecognitionInput {
  verification: { outcome: Outcome; checks: readonly CheckResult[] };
  /** undefined when the certificate could not be read */
  certificate: CertificateFacts | undefined;
  query: RecognitionQuery;
  /** the latest version of each agreement */
  agreements: readonly RecognitionAgreement[];
  /** the decision day (YYYY-MM-DD): agreements must be in force on it; deadlines count from it */
  today: string;
  regions?: Regions;
}

export interface RecognitionAnswer {
  decision: Decision;
  code: string;
  message: string;
  checkedOn: string;
  /** the agreement the decision rests on (the most favourable applicable one) */
  agreement?: AgreementRef;
  /** why that agreement was chosen over the others that applied */
  choice?: Reason;
  equivalent?: Equivalent;
  permitCategory?: { code: string; name: string };
  conditions: { toMeet: ConditionResult[]; met: ConditionResult[] };
  /** applicable agreements first, most favourable first; then the others */
  agreements: AgreementConsideration[];
}

const refOf = (a: RecognitionAgreement): AgreementRef => ({
  id: a.id,
  version: a.version,
  title: a.title,
  kind: a.kind,
  reference: a.reference,
  illustrative: a.illustrative === true,
});

const label = (a: AgreementRef): string => `${a.title} (${a.id} v${a.version})`;

/** ISCO-08 is hierarchical: a coverage code of 1 to 4 digits covers every unit group under it. */
export const occupationCovered = (coverage: readonly string[], isco: string | undefined): boolean =>
  isco !== undefined && coverage.some((code) => isco.startsWith(code));

export function considerAgreement(
  a: RecognitionAgreement,
  cert: CertificateFacts,
  query: RecognitionQuery,
  today: string,
  regions: Regions = REGIONS,
): AgreementConsideration {
  const agreement = refOf(a);
  const against: Reason[] = [];
  const held: Reason[] = [];
  const judge = (ok: boolean, yes: Reason, no: Reason) => (ok ? held : against).push(ok ? yes : no);

  if (a.validFrom > today)
    against.push({
      code: 'agreement-not-yet-in-force',
      message: `In force from ${a.validFrom}; the check date is ${today}.`,
    });
  else if (!inForce(a, today))
    against.push({
      code: 'agreement-expired',
      message: `In force until ${a.validUntil}; the check date is ${today}.`,
    });
  else
    held.push({
      code: 'in-force',
      message: `In force on ${today} (from ${a.validFrom}${a.validUntil ? ` until ${a.validUntil}` : ''}).`,
    });

  judge(
    partyIncludes(a.parties.destination, query.destination, regions),
    { code: 'destination-party', message: `${query.destination} is a destination party.` },
    {
      code: 'other-destination',
      message: `It covers ${describeParty(a.parties.destination)} as destination, not ${query.destination}.`,
    },
  );
  judge(
    partyIncludes(a.parties.origin, cert.originCountry, regions),
    {
      code: 'origin-party',
      message: a.parties.origin.includes('*')
        ? 'It applies to certificates from any country.'
        : `${cert.originCountry}, where the worker was certified, is an origin party.`,
    },
    {
      code: 'origin-not-party',
      message: cert.originCountry
        ? `The worker was certified in ${cert.originCountry}; its origin parties are ${describeParty(a.parties.origin)}.`
        : 'The country where the worker was certified is not known.',
    },
  );

  const c = a.coverage;
  if (c.qualifications?.length) {
    judge(
      c.qualifications.includes(cert.qualification),
      { code: 'qualification-covered', message: `It covers ${cert.qualification}.` },
      {
        code: 'qualification-not-covered',
        message: `It covers ${c.qualifications.join(', ')}, not ${cert.qualification}.`,
      },
    );
  }
  if (c.occupations?.length) {
    judge(
      occupationCovered(c.occupations, cert.isco08),
      { code: 'occupation-covered', message: `It covers the occupation ISCO-08 ${cert.isco08}.` },
      {
        code: 'occupation-not-covered',
        message: `It covers ISCO-08 ${c.occupations.join(', ')}, not ${cert.isco08 ?? 'an unknown occupation'}.`,
      },
    );
  }
  if (c.aqrfLevels) {
    const { min, max } = c.aqrfLevels;
    judge(
      cert.aqrfLevel !== undefined && min <= cert.aqrfLevel && cert.aqrfLevel <= max,
      {
        code: 'level-covered',
        message: `It covers AQRF levels ${min} to ${max}; the certificate is at level ${cert.aqrfLevel}.`,
      },
      {
        code: 'level-not-covered',
        message: `It covers AQRF levels ${min} to ${max}; the certificate is at ${cert.aqrfLevel === undefined ? 'no stated level' : `level ${cert.aqrfLevel}`}.`,
      },
    );
  }
  if (query.intendedOccupation !== undefined) {
    judge(
      cert.isco08 === query.intendedOccupation,
      {
        code: 'intended-occupation-matches',
        message: `The certificate is for the intended occupation (ISCO-08 ${query.intendedOccupation}).`,
      },
      {
        code: 'occupation-mismatch',
        message: `The certificate is for ISCO-08 ${cert.isco08 ?? '(unknown)'}, not the intended occupation ${query.intendedOccupation}.`,
      },
    );
  }
  if (query.permitCategory !== undefined) {
    judge(
      a.grants.permitCategory?.code === query.permitCategory,
      { code: 'purpose-covered', message: `It gives the permit category ${query.permitCategory}.` },
      {
        code: 'purpose-not-covered',
        message: a.grants.permitCategory
          ? `It gives the permit category ${a.grants.permitCategory.code}, not ${query.permitCategory}.`
          : `It gives no permit category; ${query.permitCategory} was asked for.`,
      },
    );
  }

  const sameAs = a.grants.equivalentQualifications?.find((e) => e.from === cert.qualification);
  const equivalent: Equivalent = {
    ...(sameAs ? { qualification: sameAs.to } : {}),
    ...(a.grants.equivalentLevel
      ? { framework: a.grants.equivalentLevel.framework, level: a.grants.equivalentLevel.level }
      : {}),
    ...(a.grants.description ? { description: a.grants.description } : {}),
  };
  const gives = {
    ...(Object.keys(equivalent).length ? { equivalent } : {}),
    ...(a.grants.permitCategory ? { permitCategory: a.grants.permitCategory } : {}),
  };
  if (against.length > 0) return { agreement, outcome: 'not-applicable', reasons: against, conditions: [] };

  const conditions = evaluateConditions(a.conditions, cert, query.facts ?? {}, today);
  const outcome: AgreementOutcome = conditions.some((x) => x.status === 'unmet')
    ? 'not-recognised'
    : conditions.some((x) => x.status !== 'met')
      ? 'recognised-with-conditions'
      : 'recognised';
  return { agreement, outcome, reasons: held, conditions, ...gives };
}

const RANK: Record<AgreementOutcome, number> = {
  recognised: 0,
  'recognised-with-conditions': 1,
  'not-recognised': 2,
  'not-applicable': 3,
};
const toMeet = (c: AgreementConsideration): number => c.conditions.filter((x) => x.status !== 'met').length;
const sameFrameworkLevels = (
  a: AgreementConsideration,
  b: AgreementConsideration,
): [number, number] | undefined =>
  a.equivalent?.level !== undefined &&
  b.equivalent?.level !== undefined &&
  a.equivalent.framework === b.equivalent.framework
    ? [a.equivalent.level, b.equivalent.level]
    : undefined;

/**
 * Favourability, most favourable first: (1) recognised beats recognised-with-conditions,
 * which beats not-recognised; (2) fewer conditions still to meet (unmet, not shown, or
 * obligations); (3) the higher equivalent level, when both name a level in the same
 * framework; then, only to make the choice deterministic, (4) the agreement in force more
 * recently (later validFrom) and (5) the id.
 */
export function compareFavourability(
  a: AgreementConsideration,
  b: AgreementConsideration,
  validFrom: (id: string) => string = () => '',
): number {
  const levels = sameFrameworkLevels(a, b);
  return (
    RANK[a.outcome] - RANK[b.outcome] ||
    toMeet(a) - toMeet(b) ||
    (levels ? levels[1] - levels[0] : 0) ||
    validFrom(b.agreement.id).localeCompare(validFrom(a.agreement.id)) ||
    a.agreement.id.localeCompare(b.agreement.id)
  );
}

const OUTCOME_TEXT: Record<AgreementOutcome, string> = {
  recognised: 'recognised',
  'recognised-with-conditions': 'recognised with conditions',
  'not-recognised': 'not recognised',
  'not-applicable': 'not applicable',
};

function whyChosen(
  best: AgreementConsideration,
  runnerUp: AgreementConsideration | undefined,
  applicable: number,
  validFrom: (id: string) => string,
): Reason {
  if (!runnerUp)
    return {
      code: 'only-applicable-agreement',
      message: `${label(best.agreement)} is the only agreement that applies.`,
    };
  const other = label(runnerUp.agreement);
  const of = `the most favourable of ${applicable} applicable agreements`;
  if (RANK[best.outcome] !== RANK[runnerUp.outcome]) {
    return {
      code: 'better-outcome',
      message: `${label(best.agreement)} is ${of}: ${OUTCOME_TEXT[best.outcome]} beats ${OUTCOME_TEXT[runnerUp.outcome]} under ${other}.`,
    };
  }
  if (toMeet(best) !== toMeet(runnerUp)) {
    return {
      code: 'fewer-conditions-to-meet',
      message: `${label(best.agreement)} is ${of}: ${toMeet(best)} condition(s) still to meet, against ${toMeet(runnerUp)} under ${other}.`,
    };
  }
  const levels = sameFrameworkLevels(best, runnerUp);
  if (levels && levels[0] !== levels[1]) {
    return {
      code: 'higher-equivalent-level',
      message: `${label(best.agreement)} is ${of}: it gives ${best.equivalent?.framework} level ${levels[0]}, against level ${levels[1]} under ${other}.`,
    };
  }
  if (validFrom(best.agreement.id) !== validFrom(runnerUp.agreement.id)) {
    return {
      code: 'newer-agreement',
      message: `${label(best.agreement)} and ${other} are equally favourable; the one in force more recently is used.`,
    };
  }
  return {
    code: 'equally-favourable',
    message: `${label(best.agreement)} and ${other} are equally favourable; the first by id is used.`,
  };
}

const firstProblem = (checks: readonly CheckResult[], outcome: Outcome): CheckResult | undefined =>
  checks.find((c) => c.outcome === outcome);

export function decideRecognition(input: RecognitionInput): RecognitionAnswer {
  const { verification, certificate, query, today } = input;
  const regions = input.regions ?? REGIONS;
  const none = { checkedOn: today, conditions: { toMeet: [], met: [] }, agreements: [] };
  if (verification.outcome === 'invalid') {
    const c = firstProblem(verification.checks, 'invalid');
    return {
      ...none,
      decision: 'not-recognised',
      code: 'verification-failed',
      message: `The certificate failed verification${c ? ` (${c.id}: ${c.message ?? c.code})` : ''}, so it cannot be recognised.`,
    };
  }
  if (verification.outcome === 'indeterminate') {
    const c = firstProblem(verification.checks, 'indeterminate');
    return {
      ...none,
      decision: 'indeterminate',
      code: 'verification-indeterminate',
      message: `The certificate could not be fully verified${c ? ` (${c.id}: ${c.message ?? c.code})` : ''}; decide once it can be.`,
    };
  }
  if (!certificate) {
    return {
      ...none,
      decision: 'indeterminate',
      code: 'certificate-unreadable',
      message: 'The certificate was verified but its qualification could not be read.',
    };
  }

  const validFrom = new Map(input.agreements.map((a) => [a.id, a.validFrom]));
  const since = (id: string) => validFrom.get(id) ?? '';
  const considered = input.agreements.map((a) => considerAgreement(a, certificate, query, today, regions));
  const applicable = considered
    .filter((c) => c.outcome !== 'not-applicable')
    .sort((a, b) => compareFavourability(a, b, since));
  const agreements = [...applicable, ...considered.filter((c) => c.outcome === 'not-applicable')];
  const purpose = [
    query.intendedOccupation ? ` for ISCO-08 ${query.intendedOccupation}` : '',
    query.permitCategory ? ` for the permit category ${query.permitCategory}` : '',
  ].join('');
  const best = applicable[0];
  if (!best) {
    return {
      ...none,
      agreements,
      decision: 'not-recognised',
      code: 'no-applicable-agreement',
      message: `No agreement in force on ${today} recognises ${certificate.qualification} in ${query.destination}${purpose}.`,
    };
  }

  const met = best.conditions.filter((c) => c.status === 'met');
  const open = best.conditions.filter((c) => c.status !== 'met');
  const under = `under ${label(best.agreement)}`;
  const as = [
    best.equivalent?.qualification ? `as ${best.equivalent.qualification}` : '',
    best.equivalent?.level !== undefined
      ? `at ${best.equivalent.framework} level ${best.equivalent.level}`
      : '',
    best.permitCategory ? `for the permit category ${best.permitCategory.code}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const where = `in ${query.destination}${purpose}${as ? ` (${as})` : ''}`;
  const decision: Decision = best.outcome === 'not-applicable' ? 'not-recognised' : best.outcome;
  const summary = {
    recognised: { code: 'recognised', message: `Recognised ${where} ${under}.` },
    'recognised-with-conditions': {
      code: 'recognised-with-conditions',
      message: `Recognised ${where} ${under}, subject to ${open.length} condition(s).`,
    },
    'not-recognised': {
      code: 'conditions-not-met',
      message: `Not recognised ${where}: ${under}, ${open
        .filter((c) => c.status === 'unmet')
        .map((c) => c.message)
        .join(' ')}`,
    },
    indeterminate: { code: 'indeterminate', message: '' },
  }[decision];
  return {
    ...summary,
    decision,
    checkedOn: today,
    agreement: best.agreement,
    choice: whyChosen(best, applicable[1], applicable.length, since),
    ...(best.equivalent ? { equivalent: best.equivalent } : {}),
    ...(best.permitCategory ? { permitCategory: best.permitCategory } : {}),
    conditions: { toMeet: open, met },
    agreements,
  };
}
