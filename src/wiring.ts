import type { Config } from './config.js';
import type { HubContext } from './services/hub-context.js';
import type { Store } from './services/ports.js';
import type { Formats } from './services/format-ports.js';
import type { PresentationVerifier } from './services/crypto-ports.js';
import { openSqliteStore } from './adapters/sqlite/sqlite-store.js';
import { openPostgresStore } from './adapters/postgres/pg-store.js';
import { SecretBox } from './adapters/crypto/keys/secret-box.js';
import { loadOperatorKey } from './adapters/crypto/keys/operator-key.js';
import { bundledContexts } from './adapters/contexts/bundled-contexts.js';
import { createDocumentLoader } from './adapters/contexts/document-loader.js';
import { createDidResolver } from './adapters/did/resolver.js';
import { createCredentialSigner } from './adapters/crypto/suites/credential-signer.js';
import { createProofVerifier } from './adapters/crypto/suites/proof-verifier.js';
import { inlineProofRunner, type ProofRunner } from './adapters/crypto/workers/proof-pool.js';
import { verifyPresentationProof } from './adapters/crypto/suites/digitalbazaar.js';
import { keyPairs } from './adapters/crypto/keys/key-pairs.js';
import { credentialPayloads } from './adapters/qr/credential-payload.js';
import { qrCodes } from './adapters/qr/qr-code.js';
import { readCsv } from './adapters/csv/csv-input.js';
import { csvDocument } from './domain/csv-text.js';
import { createZip } from './adapters/zip/zip-writer.js';
import { ShapedText } from './adapters/pdf/shaped-text.js';
import { currentFormOf, hubAliases, publicUrlsOf } from './domain/hub-aliases.js';
import { registryDidDocuments } from './services/registry/hub-identity.js';
import { adoptPublicUrl } from './services/registry/hub-move.js';
import { tokenStatusListOf, type SdJwtDeps } from './services/presentations/verify-sd-jwt.js';
import {
  loadTrustList,
  trustListDidDocuments,
  trustListRegistry,
} from './adapters/offline/trust-list-file.js';
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
  /** public URLs the hub had before config.publicUrl (README "Moving a hub") */
  formerPublicUrls?: readonly string[];
}

/** The format adapters: stateless but for where a PDF is read (the proof runner's threads, or inline). */
const formatsOn = (runner: ProofRunner): Formats => ({
  payloads: credentialPayloads,
  qr: qrCodes,
  csv: { read: readCsv, document: csvDocument },
  zip: createZip,
  pdfText: (doc) => ShapedText.attach(doc),
  pdfQr: (pdf) => runner.readPdfQr(pdf),
});

/** SQLite by default; PostgreSQL when SKILLPASS_DATABASE_URL is set. */
export async function openStore(config: Config): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.databaseFile);
}

/**
 * Opens the configured store (async for PostgreSQL: connect and migrate), then wires the hub
 * with every public URL it has had. `adoptPublicUrl` (the server, and the tests that stand for
 * it): config.publicUrl becomes the hub's identity, recorded, and a hub that moved has its
 * stored DIDs rewritten under it (./services/registry/hub-move.ts). Without it (the CLI's database
 * commands) the hub keeps the identity its server adopted last: a command run with another
 * SKILLPASS_PUBLIC_URL must not move the hub.
 */
export async function openHub(
  o: Omit<WiringOptions, 'store' | 'formerPublicUrls'> & { adoptPublicUrl?: boolean },
): Promise<HubContext> {
  const store = await openStore(o.config);
  const recorded = (await store.repos.identity.publicUrls()).map((r) => r.publicUrl);
  const publicUrl = o.adoptPublicUrl || recorded.length === 0 ? o.config.publicUrl : recorded[0]!;
  const ctx = wireHub({
    ...o,
    config: { ...o.config, publicUrl },
    store,
    formerPublicUrls: recorded.filter((u) => u !== publicUrl),
  });
  if (o.adoptPublicUrl) await adoptPublicUrl(ctx);
  return ctx;
}

export function wireHub(o: WiringOptions): HubContext {
  const { config } = o;
  const store = o.store ?? openSqliteStore(config.databaseFile);
  const operatorKey =
    o.operatorKey ??
    loadOperatorKey({
      key: config.keyEncryptionKey,
      file: config.keyEncryptionKeyFile,
      dataDir: config.dataDir,
      warn: o.warn ?? ((m) => console.warn(m)),
    });
  const aliases = hubAliases(config.publicUrl, o.formerPublicUrls);
  const publicUrls = publicUrlsOf(aliases);
  const contexts = bundledContexts(publicUrls);
  const resolver = createDidResolver(registryDidDocuments(aliases, store.repos, keyPairs));
  const documentLoader = createDocumentLoader(contexts, resolver);
  const presentations: PresentationVerifier = {
    verifyProof: (presentation, challenge, domain) =>
      verifyPresentationProof(presentation, createDocumentLoader(contexts, resolver), challenge, domain),
  };
  return {
    store,
    sealer: new SecretBox(operatorKey),
    signer: createCredentialSigner(documentLoader, publicUrls, o.proofRunner),
    proofs: createProofVerifier(contexts, resolver, documentLoader, {
      publicUrls,
      ...(o.proofRunner ? { runner: o.proofRunner } : {}),
    }),
    presentations,
    keys: keyPairs,
    resolver,
    formats: formatsOn(o.proofRunner ?? inlineProofRunner),
    contexts,
    clock: o.clock ?? (() => new Date()),
    publicUrl: aliases.current.publicUrl,
    hubDid: aliases.current.did,
    aliases,
    walletOfferDays: config.walletOfferDays,
  };
}

/**
 * Offline verification (the CLI's `verify --trust-list`): the very same verification code,
 * with the registry and DID documents read from a saved trust list and status from saved
 * list files, and no database. The trust list names the hub's former public URLs too.
 */
export async function wireOfflineVerification(o: {
  trustListJws: string;
  statusListDir?: string;
  hubKey?: string;
  now: string;
}) {
  const { trustList, signer } = await loadTrustList(o.trustListJws, o.hubKey);
  const aliases = hubAliases(
    trustList.publicUrl,
    (trustList.aliases ?? []).map((a) => a.publicUrl),
  );
  const publicUrls = publicUrlsOf(aliases);
  const contexts = bundledContexts(publicUrls);
  const resolver = createDidResolver(trustListDidDocuments(trustList, aliases));
  const proofs = createProofVerifier(contexts, resolver, createDocumentLoader(contexts, resolver), {
    publicUrls,
  });
  const canonical = (id: string) => currentFormOf(aliases, id);
  const status = statusListFiles(o.statusListDir, proofs, canonical, aliases.current.publicUrl);
  const stale = Date.parse(o.now) > Date.parse(trustList.nextUpdate);
  const deps: SdJwtDeps = {
    proofs,
    payloads: credentialPayloads,
    registry: trustListRegistry(trustList),
    status: status.view,
    now: o.now,
    registryVersion: trustList.sequence,
    hubDid: trustList.iss,
    canonical,
    // an SD-JWT VC's Token Status List is the saved Bitstring list pair behind it (docs/sd-jwt-vc.md)
    tokenStatusList: tokenStatusListOf(aliases.current.publicUrl),
    ...(stale
      ? {
          registryStale: `The trust list (sequence ${trustList.sequence}) was due for renewal on ${trustList.nextUpdate}; fetch a new one.`,
        }
      : {}),
  };
  return { deps, trustList, signer, statusLists: status.lists, stale };
}
