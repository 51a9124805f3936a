import { stockVerifyCredential } from '../src/adapters/crypto/digitalbazaar.js';
import { createDocumentLoader } from '../src/adapters/contexts/document-loader.js';
import type { HubContext } from '../src/services/hub-context.js';
import { timeSequential, type Measurement } from './stats.js';

/**
 * Baseline: the stock @digitalbazaar/vc verifyCredential loop (eddsa-rdfc-2022), in this
 * process, one credential after another, with the hub's own offline document loader.
 */
export async function measureStockVerify(ctx: HubContext, credential: Record<string, unknown>, seconds: number, warmupSeconds = 1): Promise<Measurement> {
  const documentLoader = createDocumentLoader(ctx.contexts, ctx.resolver);
  if (!(await stockVerifyCredential(credential, documentLoader))) throw new Error('stock verifyCredential rejects the hub\'s credential: the baseline would measure failures');
  const op = async () => {
    if (!(await stockVerifyCredential(credential, documentLoader))) throw new Error('stock verifyCredential failed during the run');
  };
  await timeSequential(op, warmupSeconds);
  return timeSequential(op, seconds);
}
