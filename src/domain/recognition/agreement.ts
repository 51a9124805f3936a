import { isValidDate } from '../dates.js';
import { ANY_ORIGIN, COUNTRY, REGIONS, type Regions } from './parties.js';

/**
 * A recognition agreement as data (schemas/RecognitionAgreement.json): who it is between,
 * what it covers, what recognition gives and on what conditions, and when it is in force.
 * A destination authority or the hub records it; the recognition rules (./decide.ts) read it.
 */
export const AGREEMENT_KINDS = [
  'mutual-recognition-of-skills',
  'professional-mra',
  'bilateral-mou',
  'national-rule',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export interface Money {
  amount: number;
  currency: string;
}

export interface AgreementConditions {
  /** languages (BCP 47) the assessment may have been held in */
  assessmentLanguages?: string[];
  /** the certificate must come from a centre accredited for it at issuance (the hub's accreditation check) */
  accreditedCentre?: boolean;
  minYearsExperience?: number;
  minMonthlySalary?: Money;
  /** an obligation after recognition, with a deadline counted from the decision date */
  followUp?: { description: string; withinMonths: number };
  /** the worker must be re-certified in the destination */
  recertificationRequired?: boolean;
}

export interface AgreementGrants {
  /** certificate qualification -> destination qualification it counts as */
  equivalentQualifications?: { from: string; to: string }[];
  equivalentLevel?: { framework: string; level: number };
  permitCategory?: { code: string; name: string };
  description?: string;
}

export interface RecognitionAgreement {
  id: string;
  version: number;
  title: string;
  kind: AgreementKind;
  reference: string;
  parties: { origin: string[]; destination: string[] };
  coverage: { qualifications?: string[]; occupations?: string[]; aqrfLevels?: { min: number; max: number } };
  grants: AgreementGrants;
  conditions?: AgreementConditions;
  /** first and last day in force (inclusive); no end date: in force until replaced */
  validFrom: string;
  validUntil?: string;
  source: { title: string; url?: string; publisher?: string };
  /** demo data drawn from public sources, not an authority's real figures */
  illustrative?: boolean;
  note?: string;
}

/** The registry facts validation needs: which qualifications and frameworks exist. */
export interface RegistrySnapshot {
  qualifications: ReadonlySet<string>;
  /** framework id -> its number of levels (the AQRF included) */
  frameworkLevels: ReadonlyMap<string, number>;
}

export interface AgreementError {
  field: string;
  code: 'unknown-qualification' | 'unknown-framework' | 'invalid-value';
  message: string;
}

/**
 * What the JSON Schema cannot say: codes that must exist in the registry, ranges and dates
 * in order, parties that make sense. Returns every problem found, each naming its field.
 */
export function validateAgreement(
  a: RecognitionAgreement,
  registry: RegistrySnapshot,
  regions: Regions = REGIONS,
): AgreementError[] {
  const errors: AgreementError[] = [];
  const invalid = (field: string, message: string) => errors.push({ field, code: 'invalid-value', message });
  const known = (field: string, code: string) => {
    if (!registry.qualifications.has(code))
      errors.push({
        field,
        code: 'unknown-qualification',
        message: `${field}: no qualification ${code} in the registry.`,
      });
  };

  for (const side of ['origin', 'destination'] as const) {
    const party = a.parties?.[side] ?? [];
    if (party.length === 0)
      invalid(`parties.${side}`, `parties.${side} must name at least one country or region.`);
    party.forEach((p, i) => {
      const field = `parties.${side}[${i}]`;
      if (p === ANY_ORIGIN) {
        if (side === 'destination')
          invalid(field, 'The destination must be named: "*" (any country) is allowed for the origin only.');
        else if (party.length > 1) invalid(field, '"*" (any origin) must be the only origin entry.');
      } else if (!COUNTRY.test(p) && !regions[p]) {
        invalid(
          field,
          `${field}: "${p}" is neither an ISO 3166-1 alpha-2 country code nor a known region (${Object.keys(regions).join(', ')}).`,
        );
      }
    });
  }

  const c = a.coverage ?? {};
  if (!c.qualifications?.length && !c.occupations?.length && !c.aqrfLevels) {
    invalid('coverage', 'coverage must name qualifications, ISCO-08 occupations or an AQRF level range.');
  }
  c.qualifications?.forEach((code, i) => known(`coverage.qualifications[${i}]`, code));
  if (c.aqrfLevels && c.aqrfLevels.min > c.aqrfLevels.max) {
    invalid(
      'coverage.aqrfLevels',
      `coverage.aqrfLevels: min (${c.aqrfLevels.min}) is above max (${c.aqrfLevels.max}).`,
    );
  }

  const g = a.grants ?? {};
  if (!g.equivalentQualifications?.length && !g.equivalentLevel && !g.permitCategory && !g.description) {
    invalid(
      'grants',
      'grants must say what recognition gives: an equivalent qualification or level, a permit category, or a description.',
    );
  }
  g.equivalentQualifications?.forEach((e, i) => {
    known(`grants.equivalentQualifications[${i}].from`, e.from);
    known(`grants.equivalentQualifications[${i}].to`, e.to);
    if (c.qualifications?.length && !c.qualifications.includes(e.from)) {
      invalid(
        `grants.equivalentQualifications[${i}].from`,
        `grants.equivalentQualifications[${i}].from: ${e.from} is not in coverage.qualifications.`,
      );
    }
  });
  if (g.equivalentLevel) {
    const levels = registry.frameworkLevels.get(g.equivalentLevel.framework);
    if (levels === undefined) {
      errors.push({
        field: 'grants.equivalentLevel.framework',
        code: 'unknown-framework',
        message: `grants.equivalentLevel.framework: no framework ${g.equivalentLevel.framework} in the registry.`,
      });
    } else if (g.equivalentLevel.level < 1 || g.equivalentLevel.level > levels) {
      invalid(
        'grants.equivalentLevel.level',
        `grants.equivalentLevel.level: ${g.equivalentLevel.framework} has levels 1 to ${levels}.`,
      );
    }
  }

  for (const field of ['validFrom', 'validUntil'] as const) {
    const v = a[field];
    if (v !== undefined && !isValidDate(v)) invalid(field, `${field} must be a real date (YYYY-MM-DD).`);
  }
  if (a.validUntil && isValidDate(a.validUntil) && isValidDate(a.validFrom) && a.validUntil < a.validFrom) {
    invalid('validUntil', `validUntil (${a.validUntil}) is before validFrom (${a.validFrom}).`);
  }
  return errors;
}

/** Is the agreement in force on the day (inclusive at both ends)? */
export const inForce = (a: Pick<RecognitionAgreement, 'validFrom' | 'validUntil'>, day: string): boolean =>
  a.validFrom <= day && (a.validUntil === undefined || day <= a.validUntil);
