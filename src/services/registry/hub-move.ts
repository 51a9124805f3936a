import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { StoredSpokeKey } from '../ports.js';
import { assertOperatorKeyOpensKeys, HUB_KEY } from './hub-identity.js';
import { currentFormOf } from '../../domain/hub-aliases.js';
import { recordRegistryChange } from './registry-change.js';

/**
 * A hub that starts under a new public URL (a new domain, https instead of http) adopts it
 * (README "Moving a hub"): the URL is recorded with the earlier ones, which stay the hub's
 * aliases (its DID documents, trust list, contexts and status lists answer for them), and the
 * registry's DIDs and key ids are rewritten under it in one unit of work, so new certificates,
 * status lists, DID documents and the trust list name the new DIDs. A key id is the associated
 * data its private half is sealed with, so each renamed key is sealed again under its new id.
 * Certificates are never touched: what was signed stays as it was, and verifies through the
 * aliases. Starting again under the same URL changes nothing.
 */
export async function adoptPublicUrl(ctx: HubContext): Promise<{ adopted: boolean; from?: string }> {
  const { current } = ctx.aliases;
  const recorded = await ctx.store.repos.identity.publicUrls();
  if (recorded[0]?.publicUrl === current.publicUrl) return { adopted: false };
  const now = nowIso(ctx);
  // a wrong operator key would fail half-way through the re-sealing: say so plainly first
  if (recorded.length > 0) await assertOperatorKeyOpensKeys(ctx);
  const moved = (id: string) => currentFormOf(ctx.aliases, id) !== id;
  await ctx.store.transaction(async (tx) => {
    const latest = (await tx.identity.publicUrls())[0];
    if (latest?.publicUrl === current.publicUrl) return; // another replica adopted it meanwhile
    await tx.identity.adopt(current.publicUrl, current.did, now);
    if (!latest) return; // a new hub, or the first start since public URLs are recorded
    let renamed = 0;
    for (const spoke of await tx.spokes.list()) {
      if (moved(spoke.did)) {
        await tx.identity.renameSpokeDid(spoke.slug, currentFormOf(ctx.aliases, spoke.did));
        renamed++;
      }
    }
    for (const key of await tx.identity.storedKeys()) {
      if (!moved(key.id)) continue;
      const newId = currentFormOf(ctx.aliases, key.id);
      await tx.identity.renameKey(
        key.id,
        newId,
        ctx.sealer.seal(ctx.sealer.open(key.encryptedSecret, key.id), newId),
      );
      renamed++;
    }
    const hubKeyRaw = await tx.secrets.get(HUB_KEY);
    if (hubKeyRaw) {
      const hubKey = JSON.parse(hubKeyRaw) as StoredSpokeKey;
      if (moved(hubKey.id)) {
        const id = currentFormOf(ctx.aliases, hubKey.id);
        await tx.secrets.put(
          HUB_KEY,
          JSON.stringify({
            ...hubKey,
            id,
            encryptedSecret: ctx.sealer.seal(ctx.sealer.open(hubKey.encryptedSecret, hubKey.id), id),
          }),
        );
        renamed++;
      }
    }
    await tx.identity.forgetSignedStatusLists();
    // the DIDs in the trust list changed: a new registry version, so verifiers fetch a new one
    await recordRegistryChange(tx, {
      at: now,
      actor: 'system:start',
      action: 'hub.moved',
      subject: current.publicUrl,
      details: {
        from: latest.publicUrl,
        to: current.publicUrl,
        fromDid: latest.did,
        toDid: current.did,
        renamed,
      },
    });
  });
  return { adopted: true, ...(recorded[0] ? { from: recorded[0].publicUrl } : {}) };
}
