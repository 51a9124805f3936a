import { createSeededHub } from './hub.js';
import { measureMemory, memoryCertsFromEnv } from './measure-memory.js';

/** `npm run bench:memory`: only the bounded-memory run of `npm run bench` (bench/measure-memory.ts). */
const n = memoryCertsFromEnv();
const hub = await createSeededHub();
try {
  await hub.ctx.store.close();
  // extra node flags for the service (diagnostics), e.g. SKILLPASS_BENCH_NODE_ARGS='--import ./memlog.mjs'
  const nodeArgs = (process.env.SKILLPASS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const run = await measureMemory(
    hub.spec,
    hub.centreToken,
    n,
    (m) => process.stderr.write(`bench: ${m}\n`),
    10,
    nodeArgs,
  );
  console.log(JSON.stringify(run));
  console.log(
    `| service resident memory, ${n} issued + ${n} verified (peak, VmHWM) | ${run.peakRssMb.toFixed(0)} MB | < 300 MB | ${run.peakRssMb < 300 ? 'yes' : 'no'} |`,
  );
} finally {
  hub.remove();
}
