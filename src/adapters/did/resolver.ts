import { Resolver, parse } from 'did-resolver';
import { didKeyDriver } from './did-key-driver.js';
import { hubDidWebDriver, type HubDidDocuments } from './hub-did-web-driver.js';
import { JWK_CONTEXT, MULTIKEY_CONTEXT } from '../../domain/did-document.js';
import type { DereferenceOptions, DidResolver } from '../../services/crypto-ports.js';

/**
 * The one DID resolver (docs/architecture.md): a did-resolver Resolver with a driver per method.
 * The JSON-LD document loader and the JWT key lookup both ask it. Its port: ../../services/crypto-ports.ts.
 */
export type { DereferenceOptions, DidResolver };

export function createDidResolver(hub: HubDidDocuments): DidResolver {
  const resolver = new Resolver({ key: didKeyDriver, web: hubDidWebDriver(hub) }, { cache: false });
  return {
    async dereference(didUrl, options = {}) {
      const parsed = parse(didUrl);
      if (!parsed) return undefined;
      const { didDocument } = await resolver.resolve(parsed.did, options);
      if (!didDocument) return undefined;
      if (!parsed.fragment) return didDocument as unknown as Record<string, unknown>;
      const vm = (didDocument.verificationMethod ?? []).find(
        (m) => m.id === didUrl || m.id === `#${parsed.fragment}`,
      );
      // a verification method is its own JSON-LD document for the proof library
      return vm
        ? { '@context': vm.type === 'JsonWebKey' ? JWK_CONTEXT : MULTIKEY_CONTEXT, ...vm }
        : undefined;
    },
  };
}
