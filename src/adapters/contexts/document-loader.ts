import type { DocumentLoader } from '../crypto/suites/digitalbazaar.js';
import type { DidResolver } from '../did/resolver.js';

/** Thrown for any URL the loader will not serve; verification reports it, never fetches. */
export class UnknownDocumentError extends Error {
  readonly code = 'unknown-document';
  constructor(readonly url: string) {
    super(`Document not bundled and not resolvable offline: ${url}`);
    this.name = 'UnknownDocumentError';
  }
}

/**
 * The JSON-LD document loader: bundled contexts by URL, DIDs through the one resolver,
 * and an error for everything else (docs/architecture.md, "Verification never touches the network").
 */
export function createDocumentLoader(contexts: Map<string, unknown>, resolver: DidResolver): DocumentLoader {
  return async (url: string) => {
    const ctx = contexts.get(url);
    // `static`: bundled contexts never change, so jsonld.js may keep them resolved and processed
    // across operations instead of re-processing them for every credential
    if (ctx !== undefined) return { contextUrl: null, documentUrl: url, document: ctx, tag: 'static' };
    if (url.startsWith('did:')) {
      const document = await resolver.dereference(url);
      if (document) return { contextUrl: null, documentUrl: url, document };
    }
    throw new UnknownDocumentError(url);
  };
}
