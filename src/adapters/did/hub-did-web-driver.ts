import type { DIDResolutionResult, DIDResolver } from 'did-resolver';
import type { HubDidDocuments } from '../../services/crypto-ports.js';

/**
 * did:web answered from the hub's own registry: the hub's DID and its centres' DIDs
 * resolve with no network. Any other did:web is "notFound" here: fetching a foreign
 * did:web is an explicit, allow-listed option that is not enabled by default.
 * The documents' source is a port (../../services/crypto-ports.ts).
 */
export type { HubDidDocuments };

export function hubDidWebDriver(source: HubDidDocuments): DIDResolver {
  return async (did, _parsed, _resolver, options): Promise<DIDResolutionResult> => {
    const version = typeof options.registryVersion === 'number' ? options.registryVersion : undefined;
    const ours = [source.hubDid, ...(source.formerHubDids ?? [])].some(
      (hub) => did === hub || did.startsWith(`${hub}:`),
    );
    const doc = ours ? await source.document(did, version) : undefined;
    if (!doc) {
      return {
        didResolutionMetadata: {
          error: 'notFound',
          message: `${did} is not a DID of this hub; foreign did:web is not fetched`,
        },
        didDocument: null,
        didDocumentMetadata: {},
      };
    }
    return {
      didResolutionMetadata: { contentType: 'application/did+ld+json' },
      didDocument: doc as unknown as DIDResolutionResult['didDocument'],
      didDocumentMetadata: {},
    };
  };
}
