import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createSeededHub, brickRequest } from './hub.js';
import { spawnServer, type ServerProcess } from './spawn-server.js';
import { assertVerifiesValid, issueOverHttp } from './http-client.js';
import { measureStockVerify } from './measure-stock-verify.js';
import { measureEd25519Verify } from './measure-ed25519.js';
import { measureHttp, type LoadSpec } from './measure-http.js';
import { markdownTable, writeJson, type Row } from './report.js';

/**
 * `npm run bench`: one run, every number next to the same run's baseline (the stock
 * @digitalbazaar/vc verifyCredential loop), because absolute rates drift on a shared machine.
 * The hub serves HTTP from a child process (bench/server.ts); this process is the load generator.
 */
const SECONDS = { baseline: 5, ed25519: 3, verify: 8, issue: 5, warmup: 1 };
const CONNECTIONS = 10;
const RESULTS = new URL('./results/latest.json', import.meta.url);

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const parse = (body: string): Record<string, unknown> | undefined => {
  try { return JSON.parse(body) as Record<string, unknown>; } catch { return undefined; }
};

const hub = await createSeededHub();
let server: ServerProcess | undefined;
try {
  log('starting the hub server in a child process');
  server = await spawnServer(hub.spec);
  const { url } = server;
  const diCredential = await issueOverHttp(url, hub.centreToken, brickRequest('di'));
  const jwt = await issueOverHttp(url, hub.centreToken, brickRequest('vc+jwt'));
  if (typeof diCredential === 'string' || typeof jwt !== 'string') throw new Error('issued the wrong formats');
  await assertVerifiesValid(url, diCredential);
  await assertVerifiesValid(url, jwt);

  log(`baseline: stock verifyCredential, in process, ${SECONDS.baseline} s`);
  const baseline: Row = { name: 'stock verifyCredential (in-process, sequential, DI eddsa-rdfc-2022)', m: await measureStockVerify(hub.ctx, diCredential, SECONDS.baseline, SECONDS.warmup) };
  log(`raw Ed25519 verify, ${SECONDS.ed25519} s`);
  const raw: Row = { name: 'raw node:crypto Ed25519 verify (64-byte message, 1 core)', m: measureEd25519Verify(SECONDS.ed25519) };

  const verifyValid = (body: string) => parse(body)?.outcome === 'valid';
  const load = (name: string, spec: Omit<LoadSpec, 'url' | 'connections' | 'warmupSeconds'>) => async (): Promise<Row> => {
    log(`${name}, ${spec.seconds} s at ${CONNECTIONS} connections`);
    const m = await measureHttp({ ...spec, url, connections: CONNECTIONS, warmupSeconds: SECONDS.warmup });
    return { name, m, extra: { responses: m.responses, statusCodes: m.statusCodes, connections: CONNECTIONS } };
  };
  const rows: Row[] = [];
  rows.push(await load('POST /verifications, Data Integrity (HTTP)', {
    method: 'POST', path: '/verifications', body: JSON.stringify({ credential: diCredential }), status: 200, bodyOk: verifyValid, seconds: SECONDS.verify,
  })());
  rows.push(await load('POST /verifications, VC-JOSE JWT (HTTP)', {
    method: 'POST', path: '/verifications', body: JSON.stringify({ credential: jwt }), status: 200, bodyOk: verifyValid, seconds: SECONDS.verify,
  })());
  rows.push(await load('POST /certificates, issue DI (HTTP)', {
    method: 'POST', path: '/certificates', body: JSON.stringify(brickRequest('di')), headers: { authorization: `Bearer ${hub.centreToken}` },
    status: 201, bodyOk: (body) => typeof parse(body)?.credential === 'object', seconds: SECONDS.issue,
  })());

  const setup = `HTTP server: child process (bench/server.ts) on 127.0.0.1; load generator: autocannon in the parent, ${CONNECTIONS} connections; every response checked (status and outcome "valid" / 201 with a credential)`;
  console.log(`\n${markdownTable(baseline, rows, raw)}\n\n${setup}. Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}).`);
  writeJson(RESULTS, {
    date: new Date().toISOString(), node: process.version, cores: availableParallelism(), cpu: cpus()[0]?.model,
    serverMode: 'child-process', connections: CONNECTIONS, seconds: SECONDS,
  }, baseline, rows, raw);
  console.log(`Results written to ${fileURLToPath(RESULTS)}`);
} finally {
  await server?.stop();
  await hub.ctx.store.close();
  hub.remove();
}
