import type { Accreditation, AccreditationEvent } from './types.js';
import { dayOf, dayWithin, toMillis } from './dates.js';

/**
 * Accreditation judged at a given instant from its history (docs/architecture.md, "The trust chain";
 * docs/domain-reference.md: "Trust is judged at the time of issuance"). The instant is the
 * credential's issuance instant, never now: a certificate issued before a suspension stays
 * valid, one issued during it does not.
 *
 * Two granularities (README, "Accreditation changes"):
 * - the accreditation's period (validFrom..validUntil) is whole days, both inclusive, UTC:
 *   the issuance instant's UTC day must fall within it;
 * - a change (suspended, reinstated, amended, withdrawn) takes effect at its `effectiveFrom`
 *   instant, an RFC 3339 date-time, and applies to issuance instants at or after it. A plain
 *   date means the start of that day, UTC. Changes effective at the same instant apply in the
 *   order they were recorded.
 * `at` is an instant (a plain date reads as the start of that day, UTC).
 */
export type AccreditationState =
  | { covered: true; accreditation: Accreditation }
  | {
      covered: false;
      reason: 'none' | 'outside-period' | 'not-covered' | 'suspended' | 'withdrawn';
      accreditation?: Accreditation;
    };

/** Events in force at instant `t` (ms), in the order they take effect (ties keep recording order). */
export function eventsInForce(a: Accreditation, t: number): AccreditationEvent[] {
  return (a.events ?? [])
    .map((e, i) => ({ e, i, from: toMillis(e.effectiveFrom) }))
    .filter(({ from }) => from <= t)
    .sort((x, y) => x.from - y.from || x.i - y.i)
    .map(({ e }) => e);
}

/** The state of one accreditation for one qualification at one instant. */
export function accreditationStateOn(
  a: Accreditation,
  qualification: string,
  at: string,
): AccreditationState {
  const t = toMillis(at);
  if (Number.isNaN(t) || !dayWithin(dayOf(t), a.validFrom, a.validUntil))
    return { covered: false, reason: 'outside-period', accreditation: a };
  const qualifications = new Set(a.qualifications);
  let suspended = false;
  let withdrawn = false;
  for (const e of eventsInForce(a, t)) {
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
export function accreditationOn(
  accreditations: readonly Accreditation[],
  qualification: string,
  at: string,
): AccreditationState {
  const states = accreditations.map((a) => accreditationStateOn(a, qualification, at));
  const covered = states.find((s) => s.covered);
  if (covered) return covered;
  const rank = { withdrawn: 4, suspended: 3, 'not-covered': 2, 'outside-period': 1, none: 0 } as const;
  return states.reduce<AccreditationState>(
    (best, s) => (!s.covered && !best.covered && rank[s.reason] > rank[best.reason] ? s : best),
    { covered: false, reason: 'none' },
  );
}

/** Was the centre accredited for this qualification at this instant? The accreditation that covers it, if any. */
export function accreditationCovering(
  accreditations: readonly Accreditation[],
  qualification: string,
  at: string,
): Accreditation | undefined {
  const state = accreditationOn(accreditations, qualification, at);
  return state.covered ? state.accreditation : undefined;
}
