import type { Framework, Referencing } from './types.js';

/**
 * The AQRF level of a national level on a given day, from the framework's
 * referencing history. The AQRF is a translation device: each country references
 * its NQF once, and the mapping in force on the issuance date is the one that
 * counts (docs/domain-reference.md, "ASEAN Qualifications Reference Framework").
 */
export interface LevelMapping {
  aqrfLevel: number;
  status: Referencing['status'];
  effectiveFrom: string;
}

export function referencingInForce(framework: Framework, day: string): Referencing | undefined {
  return [...framework.referencing]
    .filter((r) => r.effectiveFrom <= day)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

export function aqrfLevelOn(
  framework: Framework,
  nationalLevel: number,
  day: string,
): LevelMapping | undefined {
  const ref = referencingInForce(framework, day);
  if (!ref || ref.status === 'unreferenced') return undefined;
  const aqrfLevel = ref.levels[String(nationalLevel)];
  if (aqrfLevel === undefined) return undefined;
  return { aqrfLevel, status: ref.status, effectiveFrom: ref.effectiveFrom };
}
