import { buildApp } from '../src/http/app.js';
import { benchConfig, openHub } from './hub.js';

/**
 * The hub under load, in its own process so the load generator (autocannon, in the
 * parent) does not share its event loop. Started by bench/spawn-server.ts with the hub's
 * data dir and operator key in the environment; reports its port over IPC and shuts
 * down when the parent disconnects.
 */
const dir = process.env.BENCH_HUB_DIR;
const operatorKeyHex = process.env.BENCH_OPERATOR_KEY;
if (!dir || !operatorKeyHex || !process.send) throw new Error('bench/server.ts is started by bench/spawn-server.ts');

const ctx = openHub({ dir, operatorKeyHex });
const app = await buildApp({ ctx, bodyLimitBytes: benchConfig(dir).bodyLimitBytes });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');

process.once('disconnect', () => {
  void app.close().then(() => ctx.store.close()).finally(() => process.exit(0));
});
process.send({ port: address.port });
