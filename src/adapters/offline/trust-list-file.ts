import { compactVerify, decodeProtectedHeader } from 'jose';
import type { TrustList } from '../../domain/trust-list.js';
import { TRUST_LIST_TYPE } from '../../domain/trust-list.js';
import type { RegistryView } from '../../services/verification/verify-credential.js';
import type { HubDidDocuments } from '../did/hub-did-web-driver.js';
import { didDocumentFor } from '../../domain/did-document.js';
import { publicKeyObjectFromMultibase } from '../crypto/keys/ed25519-keys.js';
import { parseBoundedJson } from '../../domain/json-bounds.js';
import { withJwks } from '../did/document-keys.js';
import {
  currentFormOf,
  didUnder,
  hubAliases,
  hubDidOf,
  hubDidsOf,
  otherFormsOf,
  type HubAliases,
} from '../../domain/hub-aliases.js';
import type { SpokeKey } from '../../domain/types.js';

/**
 * A saved trust list (the compact JWS from GET /registry/trust-list) as the registry for
 * offline verification: the same RegistryView and DID documents the hub answers from its
 * database, read from the file instead.
 */
export interface LoadedTrustList {
  trustList: TrustList;
  /** the hub key that signed it, and whether the caller pinned it */
  signer: { kid: string; publicKeyMultibase: string; pinned: boolean };
}

export async function loadTrustList(jws: string, pinnedHubKey?: string): Promise<LoadedTrustList> {
  const header = decodeProtectedHeader(jws.trim());
  if (header.typ !== TRUST_LIST_TYPE || header.alg !== 'EdDSA' || typeof header.kid !== 'string') {
    throw new Error('not a SkillPass trust list (expected an EdDSA JWS of type skillpass-trust-list+jwt)');
  }
  const [, payloadPart] = jws.trim().split('.');
  let claimed: TrustList;
  try {
    // any length (a registry grows), but nested no deeper than any JSON the hub reads
    claimed = parseBoundedJson(Buffer.from(payloadPart ?? '', 'base64url').toString('utf8'), {
      maxLength: Number.POSITIVE_INFINITY,
    }) as TrustList;
  } catch {
    throw new Error(
      'the trust list payload is not readable JSON: the file was altered or damaged; fetch it again from the hub',
    );
  }
  const key = Array.isArray(claimed?.hubKeys) ? claimed.hubKeys.find((k) => k.id === header.kid) : undefined;
  if (!key) throw new Error('the trust list is signed with a key it does not list');
  if (pinnedHubKey && pinnedHubKey !== key.publicKeyMultibase)
    throw new Error('the trust list is not signed by the pinned hub key');
  try {
    await compactVerify(jws.trim(), publicKeyObjectFromMultibase(key.publicKeyMultibase), {
      algorithms: ['EdDSA'],
    });
  } catch (err) {
    throw new Error(
      `the trust list's signature does not verify with ${header.kid} (${err instanceof Error ? err.message : String(err)}): it was altered after the hub signed it; fetch it again from the hub`,
    );
  }
  return {
    trustList: claimed,
    signer: { kid: header.kid, publicKeyMultibase: key.publicKeyMultibase, pinned: Boolean(pinnedHubKey) },
  };
}

const none = async () => {
  throw new Error('the offline registry is read-only');
};

export function trustListRegistry(t: TrustList): RegistryView {
  const spokes = new Map(t.spokes.map((s) => [s.slug, s]));
  const byDid = new Map(t.spokes.map((s) => [s.did, s]));
  const keys = new Map(t.spokes.flatMap((s) => s.keys.map((k) => [k.id, k] as const)));
  const strip = ({ keys: _k, accreditations: _a, ...s }: TrustList['spokes'][number]) => s;
  return {
    spokes: {
      list: async () => t.spokes.map(strip),
      get: async (slug) => {
        const s = spokes.get(slug);
        return s ? strip(s) : undefined;
      },
      getByDid: async (did) => {
        const s = byDid.get(did);
        return s ? strip(s) : undefined;
      },
      keys: async (slug) => spokes.get(slug)?.keys ?? [],
      key: async (id) => keys.get(id),
      accreditations: async (slug) => spokes.get(slug)?.accreditations ?? [],
      activeSigningKey: async () => undefined,
      insert: none,
      insertKey: none,
      insertAccreditation: none,
      appendAccreditationEvent: none,
      updateKey: none,
      lockKeys: none,
    },
    qualifications: {
      list: async () => t.qualifications,
      get: async (code) => t.qualifications.find((q) => q.code === code),
      insert: none,
    },
    frameworks: {
      list: async () => t.frameworks,
      get: async (id) => t.frameworks.find((f) => f.id === id),
      listAqrfLevels: async () => t.aqrfLevels,
      put: none,
      putAqrfLevel: none,
    },
  };
}

/** The DID documents the hub would serve, from the trust list: its former DIDs (`aliases`) resolve too, as the hub resolves them. */
export function trustListDidDocuments(
  t: TrustList,
  aliases: HubAliases = hubAliases(t.publicUrl),
): HubDidDocuments {
  return {
    hubDid: t.iss,
    formerHubDids: hubDidsOf(aliases).filter((d) => d !== t.iss),
    async document(did) {
      const under = hubDidOf(aliases, did) ?? t.iss;
      const rebase = (keys: readonly SpokeKey[] | TrustList['hubKeys']) =>
        withJwks(keys.map((k) => ({ ...k, id: didUnder(aliases, k.id, under) })));
      if (hubDidsOf(aliases).includes(did))
        return didDocumentFor(did, rebase(t.hubKeys), undefined, otherFormsOf(aliases, did));
      const current = currentFormOf(aliases, did);
      const spoke = t.spokes.find((s) => s.did === current);
      return spoke
        ? didDocumentFor(did, rebase(spoke.keys), undefined, otherFormsOf(aliases, did))
        : undefined;
    },
  };
}
