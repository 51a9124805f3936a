import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { Accreditation, AccreditationEvent, AccreditationEventKind } from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';
import { isDateOrDateTime, toMillis } from '../../domain/dates.js';
import { eventsInForce } from '../../domain/accreditation.js';
import { recordRegistryChange } from './registry-change.js';

/**
 * The hub suspends, reinstates, amends or withdraws an accreditation from an effective
 * instant: an RFC 3339 date-time, or a plain date meaning the start of that day, UTC
 * (domain/accreditation.ts). Nothing is overwritten: each change is an event in the
 * accreditation's history, so verification can judge any certificate at its own issuance instant.
 */
export interface AccreditationChange {
  kind: AccreditationEventKind;
  effectiveFrom: string;
  add?: string[];
  remove?: string[];
  reason: string;
}

/** Is the accreditation suspended / withdrawn after all events up to and including instant `t` (ms)? */
function stateAfter(a: Accreditation, t: number): { suspended: boolean; withdrawn: boolean } {
  let suspended = false;
  let withdrawn = false;
  for (const e of eventsInForce(a, t)) {
    if (e.kind === 'suspended') suspended = true;
    if (e.kind === 'reinstated') suspended = false;
    if (e.kind === 'withdrawn') withdrawn = true;
  }
  return { suspended, withdrawn };
}

export async function changeAccreditation(
  ctx: HubContext,
  actor: Principal,
  slug: string,
  accreditationId: string,
  change: AccreditationChange,
): Promise<Accreditation> {
  if (!isDateOrDateTime(change.effectiveFrom)) {
    throw new SkillPassError(
      'validation-failed',
      'effectiveFrom must be an RFC 3339 date-time with a time zone, or a date (YYYY-MM-DD: the start of that day, UTC).',
      { field: 'effectiveFrom' },
    );
  }
  const from = toMillis(change.effectiveFrom);
  const now = nowIso(ctx);
  return ctx.store.transaction(async (repos) => {
    const accreditation = (await repos.spokes.accreditations(slug)).find((a) => a.id === accreditationId);
    if (!accreditation)
      throw new SkillPassError('not-found', `No accreditation ${accreditationId} for ${slug}.`);
    const events = accreditation.events ?? [];
    if (events.some((e) => e.kind === 'withdrawn'))
      throw new SkillPassError('conflict', 'This accreditation was withdrawn; withdrawal is final.');
    if (events.some((e) => toMillis(e.effectiveFrom) > from)) {
      throw new SkillPassError(
        'conflict',
        'A later change is already recorded; changes are recorded in the order they take effect.',
        { field: 'effectiveFrom' },
      );
    }
    const state = stateAfter(accreditation, from);
    if (change.kind === 'suspended' && state.suspended)
      throw new SkillPassError('conflict', 'The accreditation is already suspended at that time.');
    if (change.kind === 'reinstated' && !state.suspended)
      throw new SkillPassError('conflict', 'Only a suspended accreditation can be reinstated.');
    if (change.kind === 'amended') {
      if (!change.add?.length && !change.remove?.length)
        throw new SkillPassError('validation-failed', 'An amendment adds or removes qualifications.', {
          field: 'add',
        });
      for (const code of change.add ?? []) {
        if (!(await repos.qualifications.get(code)))
          throw new SkillPassError('unknown-qualification', `No qualification ${code}.`, {
            field: 'add',
            value: code,
          });
      }
    }
    const event: AccreditationEvent = {
      kind: change.kind,
      effectiveFrom: change.effectiveFrom,
      reason: change.reason,
      recordedAt: now,
      ...(change.add?.length ? { add: change.add } : {}),
      ...(change.remove?.length ? { remove: change.remove } : {}),
    };
    await repos.spokes.appendAccreditationEvent(accreditationId, event);
    await recordRegistryChange(repos, {
      at: now,
      actor: actor.tokenId,
      action: `accreditation.${change.kind}`,
      subject: slug,
      details: { accreditation: accreditationId, ...event },
    });
    return { ...accreditation, events: [...events, event] };
  });
}
