import type { HubContext } from './hub-context.js';
import { nowIso } from './hub-context.js';
import type { Principal } from './tokens.js';
import type { Accreditation, AccreditationEvent, AccreditationEventKind } from '../domain/types.js';
import { SkillPassError } from '../domain/errors.js';
import { isValidDate } from '../domain/dates.js';

/**
 * The hub suspends, reinstates, amends or withdraws an accreditation with an effective
 * date. Nothing is overwritten: each change is an event in the accreditation's history,
 * so verification can judge any certificate at its own issuance day.
 */
export interface AccreditationChange {
  kind: AccreditationEventKind;
  effectiveFrom: string;
  add?: string[];
  remove?: string[];
  reason: string;
}

/** Is the accreditation suspended / withdrawn after all events up to and including `day`? */
function stateAfter(a: Accreditation, day: string): { suspended: boolean; withdrawn: boolean } {
  let suspended = false;
  let withdrawn = false;
  for (const e of (a.events ?? []).filter((x) => x.effectiveFrom <= day)) {
    if (e.kind === 'suspended') suspended = true;
    if (e.kind === 'reinstated') suspended = false;
    if (e.kind === 'withdrawn') withdrawn = true;
  }
  return { suspended, withdrawn };
}

export async function changeAccreditation(ctx: HubContext, actor: Principal, slug: string, accreditationId: string, change: AccreditationChange): Promise<Accreditation> {
  if (!isValidDate(change.effectiveFrom)) throw new SkillPassError('validation-failed', 'effectiveFrom must be a date (YYYY-MM-DD).', { field: 'effectiveFrom' });
  const now = nowIso(ctx);
  return ctx.store.transaction(async (repos) => {
    const accreditation = (await repos.spokes.accreditations(slug)).find((a) => a.id === accreditationId);
    if (!accreditation) throw new SkillPassError('not-found', `No accreditation ${accreditationId} for ${slug}.`);
    const events = accreditation.events ?? [];
    if (events.some((e) => e.kind === 'withdrawn')) throw new SkillPassError('conflict', 'This accreditation was withdrawn; withdrawal is final.');
    if (events.some((e) => e.effectiveFrom > change.effectiveFrom)) {
      throw new SkillPassError('conflict', 'A later change is already recorded; changes are recorded in date order.', { field: 'effectiveFrom' });
    }
    const state = stateAfter(accreditation, change.effectiveFrom);
    if (change.kind === 'suspended' && state.suspended) throw new SkillPassError('conflict', 'The accreditation is already suspended on that date.');
    if (change.kind === 'reinstated' && !state.suspended) throw new SkillPassError('conflict', 'Only a suspended accreditation can be reinstated.');
    if (change.kind === 'amended') {
      if (!change.add?.length && !change.remove?.length) throw new SkillPassError('validation-failed', 'An amendment adds or removes qualifications.', { field: 'add' });
      for (const code of change.add ?? []) {
        if (!(await repos.qualifications.get(code))) throw new SkillPassError('unknown-qualification', `No qualification ${code}.`, { field: 'add', value: code });
      }
    }
    const event: AccreditationEvent = {
      kind: change.kind, effectiveFrom: change.effectiveFrom, reason: change.reason, recordedAt: now,
      ...(change.add?.length ? { add: change.add } : {}), ...(change.remove?.length ? { remove: change.remove } : {}),
    };
    await repos.spokes.appendAccreditationEvent(accreditationId, event);
    await repos.meta.bumpRegistryVersion();
    await repos.audit.append({ at: now, actor: actor.tokenId, action: `accreditation.${change.kind}`, subject: slug, details: { accreditation: accreditationId, ...event } });
    return { ...accreditation, events: [...events, event] };
  });
}
