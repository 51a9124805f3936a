import { buildApp } from '../src/http/app.js';
import { benchConfig, openHub } from './hub.js';
import { createProofPool } from '../src/adapters/crypto/proof-pool.js';

/**
 * The hub under load, in its own process so the load generator (autocannon, in the
 * parent) does not share its event loop. Started by bench/spawn-server.ts with the hub's
 * data dir and operator key in the environment; reports its port over IPC and shuts
 * down when the parent disconnects.
 */
const dir = process.env.BENCH_HUB_DIR;
const operatorKeyHex = process.env.BENCH_OPERATOR_KEY;
if (!dir || !operatorKeyHex || !process.send) throw new Error('bench/server.ts is started by bench/spawn-server.ts');

// as the real server runs it: Data Integrity proof work in a worker pool sized to the machine, overload answered 503
const proofRunner = createProofPool();
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const ctx = await openHub({ dir, operatorKeyHex, ...(databaseUrl ? { databaseUrl } : {}) }, proofRunner);
const config = benchConfig(dir, databaseUrl);
const app = await buildApp({ ctx, bodyLimitBytes: config.bodyLimitBytes, pressure: { maxEventLoopDelayMs: config.maxEventLoopDelayMs }, rateLimits: config.rateLimits });
app.addHook('onClose', async () => { await proofRunner.close(); });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');

process.once('disconnect', () => {
  void app.close().then(() => ctx.store.close()).finally(() => process.exit(0));
});
process.send({ port: address.port });
