import type { Config } from './config.js';
import type { HubContext } from './services/hub-context.js';
import type { Store } from './services/ports.js';
import { openSqliteStore } from './adapters/sqlite/sqlite-store.js';
import { SecretBox } from './adapters/crypto/secret-box.js';
import { loadOperatorKey } from './adapters/crypto/operator-key.js';
import { bundledContexts } from './adapters/contexts/bundled-contexts.js';
import { createDocumentLoader } from './adapters/contexts/document-loader.js';
import { createDidResolver } from './adapters/did/resolver.js';
import { createCredentialSigner } from './adapters/crypto/credential-signer.js';
import { createProofVerifier } from './adapters/crypto/proof-verifier.js';
import { hubDidFromPublicUrl } from './domain/did-document.js';
import { registryDidDocuments } from './services/hub-identity.js';

/**
 * The one place that decides which adapter serves which port (DESIGN.md, "Layers").
 * Server, CLI and tests all build their hub through here.
 */
export interface WiringOptions {
  config: Config;
  store?: Store;
  clock?: () => Date;
  operatorKey?: Buffer;
  warn?: (msg: string) => void;
}

export function wireHub(o: WiringOptions): HubContext {
  const { config } = o;
  const store = o.store ?? openSqliteStore(config.databaseFile);
  const operatorKey = o.operatorKey ?? loadOperatorKey({
    key: config.keyEncryptionKey, file: config.keyEncryptionKeyFile, dataDir: config.dataDir, warn: o.warn ?? ((m) => console.warn(m)),
  });
  const hubDid = hubDidFromPublicUrl(config.publicUrl);
  const contexts = bundledContexts(config.publicUrl);
  const resolver = createDidResolver(registryDidDocuments(hubDid, config.publicUrl, store.repos));
  const documentLoader = createDocumentLoader(contexts, resolver);
  return {
    store,
    sealer: new SecretBox(operatorKey),
    signer: createCredentialSigner(documentLoader),
    proofs: createProofVerifier(contexts, resolver, documentLoader),
    resolver,
    contexts,
    clock: o.clock ?? (() => new Date()),
    publicUrl: config.publicUrl,
    hubDid,
  };
}
