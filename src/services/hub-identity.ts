import type { HubContext } from './hub-context.js';
import type { Repositories, StoredSpokeKey } from './ports.js';
import { newSealedKey } from './spoke-keys.js';
import { didDocumentFor, type DidDocument } from '../domain/did-document.js';

/** The hub's own signing key (for trust lists and recognition receipts), kept in the secrets table. */
const HUB_KEY = 'hub-key';

export async function ensureHubKey(ctx: Pick<HubContext, 'sealer' | 'hubDid'>, repos: Pick<Repositories, 'secrets'>, now: string): Promise<StoredSpokeKey> {
  const existing = await repos.secrets.get(HUB_KEY);
  if (existing) return JSON.parse(existing) as StoredSpokeKey;
  const key = newSealedKey(ctx, ctx.hubDid, 'hub', 1, now);
  await repos.secrets.put(HUB_KEY, JSON.stringify(key));
  return key;
}

/** DID documents of the hub and its centres, answered from the registry (the did:web driver's source). */
export function registryDidDocuments(hubDid: string, publicUrl: string, repos: Pick<Repositories, 'spokes' | 'secrets'>) {
  return {
    hubDid,
    async document(did: string): Promise<DidDocument | undefined> {
      if (did === hubDid) {
        const raw = await repos.secrets.get(HUB_KEY);
        if (!raw) return undefined;
        const key = JSON.parse(raw) as StoredSpokeKey;
        return didDocumentFor(did, [key], [{ id: `${did}#registry`, type: 'SkillPassRegistry', serviceEndpoint: `${publicUrl}/registry` }]);
      }
      const spoke = await repos.spokes.getByDid(did);
      if (!spoke) return undefined;
      return didDocumentFor(did, await repos.spokes.keys(spoke.slug));
    },
  };
}
