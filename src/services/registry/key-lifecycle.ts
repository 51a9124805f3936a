import type { HubContext } from '../hub-context.js';
import { instantIso, nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { SpokeKey } from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';
import { toMillis } from '../../domain/dates.js';
import { newSealedKey } from './spoke-keys.js';
import { currentFormOf } from '../../domain/hub-aliases.js';
import { recordRegistryChange } from './registry-change.js';

/**
 * Key rotation and compromise. The registry keeps every key with its window
 * (did:web alone keeps no history): a rotated-out key stays valid for what it signed
 * up to the rotation instant; a compromised key invalidates everything it signed from that date.
 */
const publicView = ({ encryptedSecret: _s, ...k }: SpokeKey & { encryptedSecret?: string }): SpokeKey => k;

export async function rotateKey(
  ctx: HubContext,
  actor: Principal,
  slug: string,
  reason = 'scheduled rotation',
): Promise<{ retired: SpokeKey; current: SpokeKey }> {
  return ctx.store.transaction(async (repos) => {
    const spoke = await repos.spokes.get(slug);
    if (!spoke) throw new SkillPassError('not-found', `No testing centre ${slug}.`);
    // the instant is read once no certificate signed with the old key is being stored (they hold the
    // keys in share): each of them is dated at or before it, so stays valid (domain/spoke-key.ts)
    await repos.spokes.lockKeys(slug, 'update');
    const now = instantIso(ctx);
    const keys = await repos.spokes.keys(slug);
    // the key that signs until now: the active one, or one just marked compromised (no longer
    // "active", but still without an end: it ends now too, so the registry shows it closed)
    const active =
      (await repos.spokes.activeSigningKey(slug)) ?? [...keys].reverse().find((k) => !k.validUntil);
    const next = newSealedKey(ctx, spoke.did, slug, keys.length + 1, now);
    if (active) await repos.spokes.updateKey(active.id, { validUntil: now });
    await repos.spokes.insertKey(next);
    await recordRegistryChange(repos, {
      at: now,
      actor: actor.tokenId,
      action: 'key.rotated',
      subject: slug,
      details: { retired: active?.id ?? null, current: next.id, reason },
    });
    return {
      retired: publicView({ ...(active ?? next), ...(active ? { validUntil: now } : {}) }),
      current: publicView(next),
    };
  });
}

export async function markKeyCompromised(
  ctx: HubContext,
  actor: Principal,
  slug: string,
  keyId: string,
  from: string,
  reason: string,
): Promise<SpokeKey> {
  if (Number.isNaN(toMillis(from)))
    throw new SkillPassError('validation-failed', 'from must be a date or a date-time with a time zone.', {
      field: 'from',
    });
  const now = nowIso(ctx);
  // a key's full id as it was named before the hub moved is the same key (README "Moving a hub")
  const fullId = keyId.includes('#') ? currentFormOf(ctx.aliases, keyId) : undefined;
  const key = await ctx.store.transaction(async (repos) => {
    const spoke = await repos.spokes.get(slug);
    if (!spoke) throw new SkillPassError('not-found', `No testing centre ${slug}.`);
    await repos.spokes.lockKeys(slug, 'update');
    const id = fullId ?? `${spoke.did}#${keyId}`;
    const existing = (await repos.spokes.keys(slug)).find((k) => k.id === id);
    if (!existing) throw new SkillPassError('not-found', `No key ${keyId} for ${slug}.`);
    if (existing.compromisedFrom && toMillis(existing.compromisedFrom) <= toMillis(from)) return existing;
    await repos.spokes.updateKey(id, { compromisedFrom: from });
    await recordRegistryChange(repos, {
      at: now,
      actor: actor.tokenId,
      action: 'key.compromised',
      subject: slug,
      details: { key: id, from, reason },
    });
    return { ...existing, compromisedFrom: from };
  });
  // a compromised key must not sign again: if it was the active key, a new one takes over
  if (!key.validUntil) await rotateKey(ctx, actor, slug, `replaces compromised ${key.id}`);
  return (await ctx.store.repos.spokes.key(key.id))!;
}
