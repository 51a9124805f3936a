import type { Config } from './config.js';
import type { HubContext } from './services/hub-context.js';
import type { Store } from './services/ports.js';
import { openSqliteStore } from './adapters/sqlite/sqlite-store.js';
import { openPostgresStore } from './adapters/postgres/pg-store.js';
import { SecretBox } from './adapters/crypto/secret-box.js';
import { loadOperatorKey } from './adapters/crypto/operator-key.js';
import { bundledContexts } from './adapters/contexts/bundled-contexts.js';
import { createDocumentLoader } from './adapters/contexts/document-loader.js';
import { createDidResolver } from './adapters/did/resolver.js';
import { createCredentialSigner } from './adapters/crypto/credential-signer.js';
import { createProofVerifier } from './adapters/crypto/proof-verifier.js';
import type { ProofRunner } from './adapters/crypto/proof-pool.js';
import { hubDidFromPublicUrl } from './domain/did-document.js';
import { registryDidDocuments } from './services/hub-identity.js';
import type { VerifyDeps } from './services/verify-credential.js';
import { loadTrustList, trustListDidDocuments, trustListRegistry } from './adapters/offline/trust-list-file.js';
import { statusListFiles } from './adapters/offline/status-list-files.js';

/**
 * The one place that decides which adapter serves which port (docs/architecture.md, "Layers").
 * Server, CLI and tests all build their hub through here.
 */
export interface WiringOptions {
  config: Config;
  store?: Store;
  clock?: () => Date;
  operatorKey?: Buffer;
  warn?: (msg: string) => void;
  /** where Data Integrity proof work runs (the server's worker pool); inline when absent */
  proofRunner?: ProofRunner;
}

/** SQLite by default; PostgreSQL when SKILLPASS_DATABASE_URL is set. */
export async function openStore(config: Config): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.databaseFile);
}

/** Opens the configured store (async for PostgreSQL: connect and migrate), then wires the hub. */
export async function openHub(o: Omit<WiringOptions, 'store'>): Promise<HubContext> {
  return wireHub({ ...o, store: await openStore(o.config) });
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
    signer: createCredentialSigner(documentLoader, config.publicUrl, o.proofRunner),
    proofs: createProofVerifier(contexts, resolver, documentLoader, { publicUrl: config.publicUrl, ...(o.proofRunner ? { runner: o.proofRunner } : {}) }),
    resolver,
    contexts,
    clock: o.clock ?? (() => new Date()),
    publicUrl: config.publicUrl,
    hubDid,
  };
}

/**
 * Offline verification (the CLI's `verify --trust-list`): the very same verification code,
 * with the registry and DID documents read from a saved trust list and status from saved
 * list files, and no database.
 */
export async function wireOfflineVerification(o: { trustListJws: string; statusListDir?: string; hubKey?: string; now: string }) {
  const { trustList, signer } = await loadTrustList(o.trustListJws, o.hubKey);
  const contexts = bundledContexts(trustList.publicUrl);
  const resolver = createDidResolver(trustListDidDocuments(trustList));
  const proofs = createProofVerifier(contexts, resolver, createDocumentLoader(contexts, resolver), { publicUrl: trustList.publicUrl });
  const status = statusListFiles(o.statusListDir, proofs);
  const stale = Date.parse(o.now) > Date.parse(trustList.nextUpdate);
  const deps: VerifyDeps = {
    proofs, registry: trustListRegistry(trustList), status: status.view, now: o.now, registryVersion: trustList.sequence, hubDid: trustList.iss,
    ...(stale ? { registryStale: `The trust list (sequence ${trustList.sequence}) was due for renewal on ${trustList.nextUpdate}; fetch a new one.` } : {}),
  };
  return { deps, trustList, signer, statusLists: status.lists, stale };
}
