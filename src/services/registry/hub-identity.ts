import type { HubContext } from '../hub-context.js';
import type { Repositories, StoredSpokeKey } from '../ports.js';
import type { HubDidDocuments, KeyPairs } from '../crypto-ports.js';
import { newSealedKey } from './spoke-keys.js';
import { didDocumentFor, type DidDocument } from '../../domain/did-document.js';
import { perRegistryVersion, remembered } from './registry-snapshot.js';
import {
  currentFormOf,
  didUnder,
  hubDidOf,
  hubDidsOf,
  otherFormsOf,
  type HubAliases,
} from '../../domain/hub-aliases.js';

/** The hub's own signing key (for trust lists and recognition receipts), kept in the secrets table. */
export const HUB_KEY = 'hub-key';

export async function ensureHubKey(
  ctx: Pick<HubContext, 'sealer' | 'hubDid' | 'keys'>,
  repos: Pick<Repositories, 'secrets'>,
  now: string,
): Promise<StoredSpokeKey> {
  const existing = await repos.secrets.get(HUB_KEY);
  if (existing) return JSON.parse(existing) as StoredSpokeKey;
  // replicas starting together: the first to store its key wins, the others use it
  await repos.secrets.putIfAbsent(HUB_KEY, JSON.stringify(newSealedKey(ctx, ctx.hubDid, 'hub', 1, now)));
  return JSON.parse((await repos.secrets.get(HUB_KEY))!) as StoredSpokeKey;
}

/**
 * Fails fast, with a clear message, when the operator key is not the one the stored keys
 * were sealed with (otherwise the first signature would fail with a 500).
 */
export async function assertOperatorKeyOpensKeys(ctx: Pick<HubContext, 'sealer' | 'store'>): Promise<void> {
  const raw = await ctx.store.repos.secrets.get(HUB_KEY);
  if (!raw) return;
  const key = JSON.parse(raw) as StoredSpokeKey;
  try {
    ctx.sealer.open(key.encryptedSecret, key.id);
  } catch {
    throw new Error(
      'The key-encryption key does not open the keys in this database: SKILLPASS_KEY_ENCRYPTION_KEY (or _FILE) must be the key the hub was created with.',
    );
  }
}

/**
 * DID documents of the hub and its centres, answered from the registry (the did:web driver's
 * source). A centre's document is kept for the registry version it was built at: key
 * rotation and compromise bump the version (./key-lifecycle.ts), so the next resolution
 * after either builds it afresh; every proof check resolves its issuer, so this saves two
 * reads per verification.
 * A DID under one of the hub's former public URLs (README "Moving a hub") resolves to the
 * same document written under that DID (its keys' ids too, which is what its certificates
 * name); each document lists the subject's other DIDs as alsoKnownAs.
 */
export function registryDidDocuments(
  aliases: HubAliases,
  repos: Pick<Repositories, 'spokes' | 'secrets' | 'meta'>,
  { withJwks }: Pick<KeyPairs, 'withJwks'>,
): HubDidDocuments {
  const hubDid = aliases.current.did;
  const centreDocument = async (did: string): Promise<DidDocument | undefined> => {
    const spoke = await repos.spokes.getByDid(currentFormOf(aliases, did));
    if (!spoke) return undefined;
    const under = hubDidOf(aliases, did) ?? hubDid;
    const keys = (await repos.spokes.keys(spoke.slug)).map((k) => ({
      ...k,
      id: didUnder(aliases, k.id, under),
    }));
    return didDocumentFor(did, withJwks(keys), undefined, otherFormsOf(aliases, did));
  };
  const centreDocuments = perRegistryVersion(() => remembered(centreDocument));
  return {
    hubDid,
    formerHubDids: hubDidsOf(aliases).slice(1),
    async document(did: string, registryVersion?: number): Promise<DidDocument | undefined> {
      if (hubDidsOf(aliases).includes(did)) {
        const raw = await repos.secrets.get(HUB_KEY);
        if (!raw) return undefined;
        const key = JSON.parse(raw) as StoredSpokeKey;
        return didDocumentFor(
          did,
          withJwks([{ ...key, id: didUnder(aliases, key.id, did) }]),
          [
            {
              id: `${did}#registry`,
              type: 'SkillPassRegistry',
              serviceEndpoint: `${aliases.current.publicUrl}/registry`,
            },
          ],
          otherFormsOf(aliases, did),
        );
      }
      // the same per-version memo as the verification's registry reads (./registry-snapshot.ts)
      return centreDocuments(registryVersion ?? (await repos.meta.registryVersion()))(did);
    },
  };
}
