import type { Principal } from '../access/tokens.js';
import { SkillPassError } from '../../domain/errors.js';

/**
 * Who asks for a recognition action: the hub (an admin token) or a destination authority
 * (an `authority` token scoped to one country: tokens.country, migration 003; created with
 * POST /tokens). An authority acts for its own country only; the rules that use this live in
 * recognition-service.ts.
 */
export type Requester =
  { kind: 'hub'; tokenId: string } | { kind: 'authority'; country: string; tokenId: string };

export function requesterFor(p: Principal): Requester {
  if (p.role === 'admin') return { kind: 'hub', tokenId: p.tokenId };
  if (p.role !== 'authority')
    throw new SkillPassError('forbidden', 'This needs an admin token or a destination authority token.');
  const country = p.country;
  if (!country) throw new SkillPassError('forbidden', 'This authority token is not scoped to a country.');
  return { kind: 'authority', country, tokenId: p.tokenId };
}

export const describeRequester = (r: Requester): string =>
  r.kind === 'hub' ? 'hub' : `authority ${r.country}`;

const ownCountryOnly = (r: Requester & { kind: 'authority' }, destinations: readonly string[]): boolean =>
  destinations.length === 1 && destinations[0] === r.country;

/** An authority may act only for its own country as destination; the hub for any. */
export function assertActsFor(r: Requester, destinations: readonly string[], what: string): void {
  if (r.kind === 'hub') return;
  if (!ownCountryOnly(r, destinations)) {
    throw new SkillPassError(
      'forbidden',
      `An authority token for ${r.country} may ${what} only with ${r.country} as the destination (not ${destinations.join(', ') || 'none'}).`,
      { field: 'destination' },
    );
  }
}

/**
 * A new version of an agreement replaces the version in use: an authority may replace only an
 * agreement whose destination is exactly its own country (as it may record only such), so one
 * country's authority can never rewrite another's terms; the hub may replace any.
 */
export function assertMayReplace(r: Requester, id: string, current: readonly string[]): void {
  if (r.kind === 'hub' || ownCountryOnly(r, current)) return;
  throw new SkillPassError(
    'forbidden',
    `Agreement ${id} is in use for ${current.join(', ') || 'no destination'}: an authority token for ${r.country} may not record a new version of it.`,
    { field: 'id' },
  );
}
