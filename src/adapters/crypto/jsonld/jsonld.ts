/**
 * The one jsonld.js instance (the same copy @digitalbazaar/vc loads), with SkillPass's two
 * speed-ups applied in the only order that works: the context-processing memo
 * (./jsonld-context-memo.ts) before jsonld.js loads its expansion code, then the cheap
 * context clone (./jsonld-fast-contexts.ts) on its initial contexts.
 * Import this module before anything that loads jsonld (../suites/digitalbazaar.ts does so first).
 * SKILLPASS_JSONLD_STOCK=1 leaves jsonld.js's speed as shipped (the benchmark baseline); the
 * node-name guard (./jsonld-node-names.ts: no node may be called "__proto__") is on always.
 */
import { createRequire } from 'node:module';
import type jsonldType from 'jsonld';
import { installContextMemo, type ContextMemoStats } from './jsonld-context-memo.js';
import { installFastContexts } from './jsonld-fast-contexts.js';
import { jsonldStockFromEnv } from '../../../config.js';
import { installNodeNameGuard } from './jsonld-node-names.js';

const require = createRequire(import.meta.url);
const stock = jsonldStockFromEnv();

/** expand.js copies `process` when it loads: once it is loaded, a memo would never be called. */
const expandAlreadyLoaded = require.resolve('jsonld/lib/expand.js') in require.cache;
const memoStats: ContextMemoStats | undefined =
  stock || expandAlreadyLoaded
    ? undefined
    : installContextMemo(require('jsonld/lib/context.js') as Parameters<typeof installContextMemo>[0]);

const jsonld = require('jsonld') as typeof jsonldType;
// a safety fix, not a speed-up: on in every mode
installNodeNameGuard(require('jsonld/lib/nodeMap.js') as Parameters<typeof installNodeNameGuard>[0]);
if (!stock) await installFastContexts(jsonld);

/** Which speed-ups are on in this process (tests and the benchmark report them). */
export const jsonldSpeedups = {
  contextMemo: memoStats !== undefined,
  fastClone: !stock,
  memoStats: () => ({ ...(memoStats ?? { hits: 0, misses: 0 }) }),
};

export default jsonld;
