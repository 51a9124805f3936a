/**
 * Who an agreement is between: ISO 3166-1 alpha-2 countries, a region by name, or `*`
 * (any origin, for a destination's own national rule). Pure.
 */
export type Regions = Readonly<Record<string, readonly string[]>>;

/**
 * The regions an agreement may name. ASEAN here means the ten member states party to the
 * ASEAN MRAs and the AQRF; Timor-Leste (a member since October 2025) is not assumed party to
 * agreements made before it joined: an agreement that covers it lists TL by its code.
 */
export const REGIONS: Regions = {
  ASEAN: ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'],
};

export const ANY_ORIGIN = '*';
export const COUNTRY = /^[A-Z]{2}$/;

/** Does a party list (countries, regions, `*`) include the country? */
export function partyIncludes(
  party: readonly string[],
  country: string | undefined,
  regions: Regions = REGIONS,
): boolean {
  if (party.includes(ANY_ORIGIN)) return true;
  if (!country) return false;
  return party.some((p) => p === country || (regions[p]?.includes(country) ?? false));
}

export const describeParty = (party: readonly string[]): string =>
  party.includes(ANY_ORIGIN) ? 'any country' : party.join(', ');
