import type { CheckCode } from './check-codes.js';
import type { CheckId, CheckOutcome, CheckResult } from './verification-result.js';

/**
 * What a person is told about a certificate at a glance: one state per distinct situation,
 * each with its own headline, colour and advice on the pages (src/http/pages/verify-page.ts).
 * Derived from the checks alone, so the page template never decides a verdict.
 */
export const VERDICT_STATES = [
  'valid',
  'revoked',
  'suspended',
  'expired',
  'not-yet-valid',
  'altered',
  'unknown-issuer',
  'not-found',
  'invalid',
  'unchecked',
] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

/** Issuer codes that mean "a signer this hub does not know", as opposed to a known centre's bad key. */
const UNKNOWN_ISSUER_CODES: readonly CheckCode[] = ['issuer-not-registered', 'key-not-registered'];

/**
 * The most telling state, in this order: a certificate number the hub does not have; a broken
 * signature (nothing else the credential says can be trusted then, so it wins over revocation);
 * an unknown signer; revoked (final) before suspended (temporary); then the dates; any other
 * failure; then anything that could not be checked (never shown as valid); else valid.
 */
export function verdictState(result: { checks: readonly CheckResult[] }): VerdictState {
  const { checks } = result;
  const failed = (id: CheckId, codes?: readonly CheckCode[]) =>
    checks.some(
      (c) =>
        c.id === id &&
        c.outcome === 'invalid' &&
        (!codes || (c.code !== undefined && codes.includes(c.code))),
    );
  if (failed('well-formed', ['unknown-certificate'])) return 'not-found';
  if (failed('proof')) return 'altered';
  if (failed('issuer', UNKNOWN_ISSUER_CODES)) return 'unknown-issuer';
  if (failed('status', ['revoked'])) return 'revoked';
  if (failed('status', ['suspended'])) return 'suspended';
  if (failed('validity', ['expired'])) return 'expired';
  if (failed('validity', ['not-yet-valid'])) return 'not-yet-valid';
  if (checks.some((c) => c.outcome === 'invalid')) return 'invalid';
  if (checks.some((c) => c.outcome === 'indeterminate')) return 'unchecked';
  return 'valid';
}

/** The lines of "What was checked", in plain words on the page (checklist.<item>). */
export const CHECKLIST_ITEMS = ['unaltered', 'issuer', 'level', 'dates', 'status'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export type ChecklistMark = 'passed' | 'failed' | 'not-checked';

const ITEM_CHECKS: Record<ChecklistItem, readonly CheckId[]> = {
  unaltered: ['proof'],
  issuer: ['issuer', 'accreditation'],
  level: ['level'],
  dates: ['validity'],
  status: ['status'],
};

/**
 * Each line's mark from the checks behind it: failed when any failed; passed only when every
 * one passed; otherwise (skipped, could not be judged, or absent) not checked. A credential
 * that could not be read has nothing checked; an altered one only its signature (failed).
 */
export function checklist(result: {
  checks: readonly CheckResult[];
}): { item: ChecklistItem; mark: ChecklistMark }[] {
  const outcomeOf = (id: CheckId): CheckOutcome | undefined =>
    result.checks.find((c) => c.id === id)?.outcome;
  // nothing is checked of a credential that could not be read; and once its signature is broken,
  // what the other checks judged (issuer, level, dates, status) are the altered copy's claims
  const unreadable = result.checks.some((c: CheckResult) => c.id === 'well-formed' && c.outcome !== 'valid');
  const altered = outcomeOf('proof') === 'invalid';
  return CHECKLIST_ITEMS.map((item) => {
    const outcomes = ITEM_CHECKS[item].map(outcomeOf);
    const mark: ChecklistMark =
      unreadable || (altered && item !== 'unaltered')
        ? 'not-checked'
        : outcomes.includes('invalid')
          ? 'failed'
          : outcomes.every((o) => o === 'valid')
            ? 'passed'
            : 'not-checked';
    return { item, mark };
  });
}
