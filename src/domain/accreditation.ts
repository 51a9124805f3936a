import type { Accreditation } from './types.js';
import { dayWithin } from './dates.js';

/**
 * Accreditation judged on a given day from its history (docs/architecture.md, "The trust chain";
 * docs/domain-reference.md: "Trust is judged at the time of issuance"). The day is the
 * credential's issuance day, never today: a certificate issued before a suspension stays
 * valid, one issued during it does not.
 */
export type AccreditationState =
  | { covered: true; accreditation: Accreditation }
  | { covered: false; reason: 'none' | 'outside-period' | 'not-covered' | 'suspended' | 'withdrawn'; accreditation?: Accreditation };

/** Events in force on `day`, in the order they take effect (ties keep recording order). */
const eventsUntil = (a: Accreditation, day: string) =>
  (a.events ?? []).map((e, i) => ({ e, i })).filter(({ e }) => e.effectiveFrom <= day)
    .sort((x, y) => (x.e.effectiveFrom === y.e.effectiveFrom ? x.i - y.i : x.e.effectiveFrom < y.e.effectiveFrom ? -1 : 1)).map(({ e }) => e);

/** The state of one accreditation for one qualification on one day. */
export function accreditationStateOn(a: Accreditation, qualification: string, day: string): AccreditationState {
  if (!dayWithin(day, a.validFrom, a.validUntil)) return { covered: false, reason: 'outside-period', accreditation: a };
  const qualifications = new Set(a.qualifications);
  let suspended = false;
  let withdrawn = false;
  for (const e of eventsUntil(a, day)) {
    if (e.kind === 'withdrawn') withdrawn = true;
    if (e.kind === 'suspended') suspended = true;
    if (e.kind === 'reinstated') suspended = false;
    if (e.kind === 'amended') {
      e.add?.forEach((q) => qualifications.add(q));
      e.remove?.forEach((q) => qualifications.delete(q));
    }
  }
  // a qualification the accreditation never covered is "not covered", whatever happened to it later
  if (!qualifications.has(qualification)) return { covered: false, reason: 'not-covered', accreditation: a };
  if (withdrawn) return { covered: false, reason: 'withdrawn', accreditation: a };
  if (suspended) return { covered: false, reason: 'suspended', accreditation: a };
  return { covered: true, accreditation: a };
}

/**
 * Across all of a centre's accreditations: covered if any covers; otherwise the most
 * telling reason (suspended or withdrawn beats "not covered").
 */
export function accreditationOn(accreditations: readonly Accreditation[], qualification: string, day: string): AccreditationState {
  const states = accreditations.map((a) => accreditationStateOn(a, qualification, day));
  const covered = states.find((s) => s.covered);
  if (covered) return covered;
  const rank = { withdrawn: 4, suspended: 3, 'not-covered': 2, 'outside-period': 1, none: 0 } as const;
  return states.reduce<AccreditationState>((best, s) => (!s.covered && !best.covered && rank[s.reason] > rank[best.reason] ? s : best), { covered: false, reason: 'none' });
}

/** Was the centre accredited for this qualification on this day? The accreditation that covers it, if any. */
export function accreditationCovering(accreditations: readonly Accreditation[], qualification: string, day: string): Accreditation | undefined {
  const state = accreditationOn(accreditations, qualification, day);
  return state.covered ? state.accreditation : undefined;
}
