import type { DIDResolutionResult, DIDResolver } from 'did-resolver';
import type { DidDocument } from '../../domain/did-document.js';

/**
 * did:web answered from the hub's own registry: the hub's DID and its centres' DIDs
 * resolve with no network. Any other did:web is "notFound" here: fetching a foreign
 * did:web is an explicit, allow-listed option that is not enabled by default.
 */
export interface HubDidDocuments {
  hubDid: string;
  /** the hub's DIDs under its former public URLs (README "Moving a hub"): still its own */
  formerHubDids?: readonly string[];
  /** `registryVersion`: the version the caller has just read (one verification reads it once) */
  document(did: string, registryVersion?: number): Promise<DidDocument | undefined>;
}

export function hubDidWebDriver(source: HubDidDocuments): DIDResolver {
  return async (did, _parsed, _resolver, options): Promise<DIDResolutionResult> => {
    const version = typeof options.registryVersion === 'number' ? options.registryVersion : undefined;
    const ours = [source.hubDid, ...(source.formerHubDids ?? [])].some((hub) => did === hub || did.startsWith(`${hub}:`));
    const doc = ours ? await source.document(did, version) : undefined;
    if (!doc) {
      return { didResolutionMetadata: { error: 'notFound', message: `${did} is not a DID of this hub; foreign did:web is not fetched` }, didDocument: null, didDocumentMetadata: {} };
    }
    return { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: doc as unknown as DIDResolutionResult['didDocument'], didDocumentMetadata: {} };
  };
}
