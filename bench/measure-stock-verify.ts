import {
  stockVerifyCredential,
  stockVerifyCredentialWithStatus,
  type DocumentLoader,
} from '../src/adapters/crypto/suites/digitalbazaar.js';
import { createDocumentLoader } from '../src/adapters/contexts/document-loader.js';
import { signedStatusList } from '../src/services/issuance/status-lists.js';
import type { HubContext } from '../src/services/hub-context.js';
import { timeSequential, type Measurement } from './stats.js';

/**
 * Baselines: the stock @digitalbazaar/vc verifyCredential loop (eddsa-rdfc-2022), in this
 * process, one credential after another, with the hub's own offline document loader.
 */
const hubLoader = (ctx: HubContext): DocumentLoader => createDocumentLoader(ctx.contexts, ctx.resolver);

/** The library refuses a credential with credentialStatus unless given a checkStatus: this one checks nothing. */
const statusNotChecked = async () => ({ verified: true });

/** Baseline 1: proof only (status entries present, but not checked). */
export async function measureStockVerify(
  ctx: HubContext,
  credential: Record<string, unknown>,
  seconds: number,
  warmupSeconds = 1,
): Promise<Measurement> {
  const documentLoader = hubLoader(ctx);
  if (!(await stockVerifyCredential(credential, documentLoader, statusNotChecked)))
    throw new Error(
      "stock verifyCredential rejects the hub's credential: the baseline would measure failures",
    );
  const op = async () => {
    if (!(await stockVerifyCredential(credential, documentLoader, statusNotChecked)))
      throw new Error('stock verifyCredential failed during the run');
  };
  await timeSequential(op, warmupSeconds);
  return timeSequential(op, seconds);
}

/**
 * A loader that also serves the status list credentials the given credentials point to: each
 * list as the hub signs it (signedStatusList), read once up front and then kept in memory
 * like a verifier's HTTP cache; everything else goes to the hub's loader.
 */
export async function statusListLoader(
  ctx: HubContext,
  credentials: Record<string, unknown>[],
): Promise<DocumentLoader> {
  const prefix = `${ctx.publicUrl}/status-lists/`;
  const lists = new Map<string, Record<string, unknown>>();
  for (const c of credentials) {
    for (const entry of [c.credentialStatus ?? []].flat() as { statusListCredential?: string }[]) {
      const url = entry.statusListCredential;
      if (!url?.startsWith(prefix) || lists.has(url)) continue;
      lists.set(url, (await signedStatusList(ctx, url.slice(prefix.length))).credential);
    }
  }
  const fallback = hubLoader(ctx);
  return async (url: string) => {
    const document = lists.get(url);
    return document ? { contextUrl: null, documentUrl: url, document } : fallback(url);
  };
}

/**
 * Baseline 2: verifyCredential WITH the stock Bitstring Status List checkStatus (each status
 * list credential loaded, its proof verified, a bit read): the certificate's revocation entry, which
 * the stock checkStatus reads exactly (test/adapters/stock-status-list.test.ts); it does not read
 * the companion suspension list, which POST /verifications does, so the hub does one more lookup.
 */
export async function measureStockVerifyWithStatus(
  ctx: HubContext,
  credential: Record<string, unknown>,
  revoked: Record<string, unknown>,
  seconds: number,
  warmupSeconds = 1,
): Promise<Measurement> {
  const documentLoader = await statusListLoader(ctx, [credential, revoked]);
  if (!(await stockVerifyCredentialWithStatus(credential, documentLoader)))
    throw new Error("stock verifyCredential + checkStatus rejects the hub's credential");
  const op = async () => {
    if (!(await stockVerifyCredentialWithStatus(credential, documentLoader)))
      throw new Error('stock verifyCredential + checkStatus failed during the run');
  };
  await timeSequential(op, warmupSeconds);
  return timeSequential(op, seconds);
}
