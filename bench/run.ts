import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createSeededHub, brickRequest, BENCH_ADMIN_TOKEN } from './hub.js';
import { measureBulkRecognition } from './measure-recognition.js';
import { measureStatistics, statisticsTable } from './statistics.js';
import { spawnServer, type ServerProcess } from './spawn-server.js';
import { assertVerifiesValid, issueMany, issueOverHttp, postJson } from './http-client.js';
import { sampleRss } from './measure-rss.js';
import { measurePostgres } from './measure-postgres.js';
import { measureStockVerify, measureStockVerifyWithStatus } from './measure-stock-verify.js';
import { measureEd25519Verify } from './measure-ed25519.js';
import { measureBatch } from './measure-batch.js';
import { measureMemory, memoryCertsFromEnv } from './measure-memory.js';
import { measureHttp, type LoadSpec } from './measure-http.js';
import { cpuOf, perRequest, type CpuPerRequest } from './measure-cpu.js';
import { cpuTable, markdownTable, writeJson, type Baselines, type Row } from './report.js';

/**
 * `npm run bench`: one run, every number next to the same run's two baselines (the stock
 * @digitalbazaar/vc verifyCredential loop without and with the stock Bitstring Status List
 * checkStatus), because absolute rates drift on a shared machine.
 * Every certificate carries one status entry (its revocation list; the companion suspension bit is read beside it); POST /verifications checks it.
 * The hub under load is the built service in a child process (bench/spawn-server.ts: node dist/src/cli/main.js serve); this process is the load generator.
 * First, on a fresh service process of its own, the bounded-memory run (bench/measure-memory.ts; SKILLPASS_BENCH_MEMORY_CERTS sets its size).
 */
const BATCH_ROWS = [1000, 5000];
const SECONDS = { baseline: 5, baselineWithStatus: 5, ed25519: 3, verify: 6, issue: 5, warmup: 1 };
const DISTINCT = { di: { warmup: 300, peak: 5000, paced: 3000 }, jwt: { warmup: 1000, peak: 16000 } };
const CONNECTIONS = 10;
const RESULTS = new URL('./results/latest.json', import.meta.url);

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const parse = (body: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

const memoryCerts = memoryCertsFromEnv();
const hub = await createSeededHub();
let server: ServerProcess | undefined;
try {
  log(
    `bounded memory: a fresh service process issues ${memoryCerts} distinct certificates (half DI, half JWT) and verifies each once`,
  );
  const memory = await measureMemory(hub.spec, hub.centreToken, memoryCerts, log, CONNECTIONS);
  log('building dist/ and starting the hub server (node dist/src/cli/main.js serve) in a child process');
  server = await spawnServer(hub.spec);
  const { url } = server;
  const diCredential = await issueOverHttp(url, hub.centreToken, brickRequest('di'));
  const jwt = await issueOverHttp(url, hub.centreToken, brickRequest('vc+jwt'));
  if (typeof diCredential === 'string' || typeof jwt !== 'string')
    throw new Error('issued the wrong formats');
  await assertVerifiesValid(url, diCredential);
  await assertVerifiesValid(url, jwt);
  if (
    (diCredential.credentialStatus as { statusPurpose?: string } | undefined)?.statusPurpose !== 'revocation'
  )
    throw new Error('the certificate carries no status entry');
  // a revoked certificate from the same list: both verifiers must call it invalid
  const revoked = await issueOverHttp(url, hub.centreToken, brickRequest('di'));
  if (typeof revoked === 'string') throw new Error('issued the wrong format');
  const revocation = await postJson(
    `${url}/credentials/status`,
    {
      credentialId: revoked.id,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      status: true,
    },
    hub.centreToken,
  );
  if (revocation.status !== 200)
    throw new Error(`revocation failed: ${revocation.status} ${JSON.stringify(revocation.json)}`);
  const ours = await postJson(`${url}/verifications`, { credential: revoked });
  if (ours.json.outcome !== 'invalid')
    throw new Error(`POST /verifications calls a revoked certificate ${String(ours.json.outcome)}`);

  log(`baseline: stock verifyCredential, status not checked, in process, ${SECONDS.baseline} s`);
  const proofOnly = await measureStockVerify(hub.ctx, diCredential, SECONDS.baseline, SECONDS.warmup);
  log(
    `baseline: stock verifyCredential + vc-bitstring-status-list checkStatus, in process, ${SECONDS.baselineWithStatus} s`,
  );
  const withStatus = await measureStockVerifyWithStatus(
    hub.ctx,
    diCredential,
    revoked,
    SECONDS.baselineWithStatus,
    SECONDS.warmup,
  );
  const baselines: Baselines = {
    proofOnly: {
      name: 'stock verifyCredential (in-process, sequential, DI eddsa-rdfc-2022, status not checked)',
      m: proofOnly,
    },
    withStatus: {
      name: 'stock verifyCredential + checkStatus (in-process, sequential; both status lists served from memory, their proofs verified)',
      m: withStatus,
    },
  };
  log(`raw Ed25519 verify, ${SECONDS.ed25519} s`);
  const raw: Row = {
    name: 'raw node:crypto Ed25519 verify (64-byte message, 1 core)',
    m: measureEd25519Verify(SECONDS.ed25519),
  };

  const verifyValid = (body: string) => parse(body)?.outcome === 'valid';
  const cpuRows: { name: string; cpu: CpuPerRequest; rate: number }[] = [];
  const load =
    (name: string, spec: Omit<LoadSpec, 'url' | 'connections' | 'warmupSeconds'>) =>
    async (): Promise<Row> => {
      log(`${name}, ${spec.seconds} s at ${CONNECTIONS} connections`);
      if (spec.bodies === undefined)
        await measureHttp({ ...spec, url, connections: CONNECTIONS, seconds: SECONDS.warmup });
      const before = cpuOf(server!.pid);
      const m = await measureHttp({ ...spec, url, connections: CONNECTIONS });
      const cpu = perRequest(before, cpuOf(server!.pid), m.responses, m.loadGeneratorMicrosPerRequest);
      if (cpu) cpuRows.push({ name, cpu, rate: m.opsPerSec });
      return {
        name,
        m,
        extra: {
          responses: m.responses,
          statusCodes: m.statusCodes,
          connections: CONNECTIONS,
          ...(cpu ? { cpuMicrosPerRequest: cpu } : {}),
        },
      };
    };
  const rows: Row[] = [];
  // distinct credentials, each verified once, so no proof result is ever reused
  log(
    `issuing ${DISTINCT.di.warmup + DISTINCT.di.peak + DISTINCT.di.paced} distinct DI and ${DISTINCT.jwt.warmup + DISTINCT.jwt.peak} distinct JWT certificates`,
  );
  const asBodies = (creds: (Record<string, unknown> | string)[]) =>
    creds.map((credential) => JSON.stringify({ credential }));
  const di = asBodies(
    await issueMany(
      url,
      hub.centreToken,
      'di',
      DISTINCT.di.warmup + DISTINCT.di.peak + DISTINCT.di.paced,
      brickRequest,
    ),
  );
  const jwts = asBodies(
    await issueMany(url, hub.centreToken, 'vc+jwt', DISTINCT.jwt.warmup + DISTINCT.jwt.peak, brickRequest),
  );
  const distinct = (bodies: string[]) => ({
    method: 'POST' as const,
    path: '/verifications',
    bodies,
    status: 200,
    bodyOk: verifyValid,
    seconds: 0,
  });
  await load('warm-up, distinct DI', distinct(di.slice(0, DISTINCT.di.warmup)))();
  await load('warm-up, distinct JWT', distinct(jwts.slice(0, DISTINCT.jwt.warmup)))();
  const rss = sampleRss(server.pid);
  const diPeak = await load(
    `POST /verifications, Data Integrity, ${DISTINCT.di.peak} distinct credentials (HTTP, all checks incl. status)`,
    distinct(di.slice(DISTINCT.di.warmup, DISTINCT.di.warmup + DISTINCT.di.peak)),
  )();
  rows.push(diPeak);
  const jwtPeak = await load(
    `POST /verifications, VC-JOSE JWT, ${DISTINCT.jwt.peak} distinct credentials (HTTP, all checks incl. status)`,
    distinct(jwts.slice(DISTINCT.jwt.warmup)),
  )();
  rows.push(jwtPeak);
  const pacedRate = Math.floor(diPeak.m.opsPerSec * 0.7);
  const paced = await load(
    `POST /verifications, Data Integrity, distinct, paced at 70% of that peak (${pacedRate}/s)`,
    { ...distinct(di.slice(DISTINCT.di.warmup + DISTINCT.di.peak)), rate: pacedRate },
  )();
  rows.push(paced);
  const rescanDi = await load(
    'POST /verifications, Data Integrity, the same credential rescanned (proof result reused)',
    {
      method: 'POST',
      path: '/verifications',
      body: JSON.stringify({ credential: diCredential }),
      status: 200,
      bodyOk: verifyValid,
      seconds: SECONDS.verify,
    },
  )();
  rows.push(rescanDi);
  rows.push(
    await load('POST /verifications, VC-JOSE JWT, the same credential rescanned', {
      method: 'POST',
      path: '/verifications',
      body: JSON.stringify({ credential: jwt }),
      status: 200,
      bodyOk: verifyValid,
      seconds: SECONDS.verify,
    })(),
  );
  const peakRssMb = rss.stop();
  // the ceiling of the HTTP layer itself here (load generator on the same two cores): no verification work at all
  const floor = await load(
    'GET /health: the HTTP floor on this machine (no work; the load generator shares the cores)',
    {
      method: 'GET',
      path: '/health',
      status: 200,
      bodyOk: () => true,
      seconds: SECONDS.verify,
    },
  )();
  rows.push(floor);
  rows.push(
    await load('SQLite: POST /certificates, issue DI (HTTP)', {
      method: 'POST',
      path: '/certificates',
      body: JSON.stringify(brickRequest('di')),
      headers: { authorization: `Bearer ${hub.centreToken}` },
      status: 201,
      bodyOk: (body) => typeof parse(body)?.credential === 'object',
      seconds: SECONDS.issue,
    })(),
  );
  const batches: Row[] = [];
  for (const cohort of BATCH_ROWS) {
    log(`cohort: ${cohort} workers in one CSV, POST /batches then commit, until every row is issued`);
    const batch = await measureBatch(url, hub.centreToken, cohort);
    batches.push({
      name: `POST /batches + commit, issue DI: a ${cohort}-row cohort (certificates/s from commit to last row; preview ${batch.previewSeconds.toFixed(1)} s)`,
      m: batch.m,
      extra: { previewSeconds: batch.previewSeconds },
    });
  }
  rows.push(...batches);

  log(
    'bulk recognition: 1,000 fresh distinct certificates (500 DI + 500 JWT) in one POST /recognition/check',
  );
  const bulkCertificates = [
    ...(await issueMany(url, hub.centreToken, 'di', 500, brickRequest)),
    ...(await issueMany(url, hub.centreToken, 'vc+jwt', 500, brickRequest)),
  ];
  rows.push({
    name: 'POST /recognition/check, bulk: 1,000 distinct certificates in one request (full verification + decision each; certificates/s)',
    m: await measureBulkRecognition(url, BENCH_ADMIN_TOKEN, bulkCertificates),
  });

  // PostgreSQL last: its own cluster and server processes, after the SQLite server is idle
  const postgres = await measurePostgres(log, CONNECTIONS, SECONDS.issue);
  if (typeof postgres === 'string') log(postgres);
  else rows.push(...postgres);
  // the programme dashboard over a million certificates (bench/statistics.ts): in this process, the servers idle
  const statistics = await measureStatistics(log);
  const targets = [
    [
      'DI distinct, all checks, vs stock verifyCredential (no status)',
      diPeak.m.opsPerSec / proofOnly.opsPerSec,
      2,
    ],
    [
      'DI distinct, all checks, vs stock verifyCredential + checkStatus',
      diPeak.m.opsPerSec / withStatus.opsPerSec,
      6,
    ],
    ['JWT distinct, all checks, vs raw single-core Ed25519 verify', jwtPeak.m.opsPerSec / raw.m.opsPerSec, 1],
    [
      'DI rescan of the same credential vs stock verifyCredential',
      rescanDi.m.opsPerSec / proofOnly.opsPerSec,
      10,
    ],
  ] as const;
  const targetLines = [
    '| target (issue: verification at the speed of the signature) | measured | target | met |',
    '| --- | ---: | ---: | :---: |',
    ...targets.map(
      ([name, got, want]) => `| ${name} | ${got.toFixed(2)}× | ≥ ${want}× | ${got >= want ? 'yes' : 'no'} |`,
    ),
    `| p99 latency at 70% of the DI peak | ${(paced.m.p99Ms ?? NaN).toFixed(1)} ms | < 20 ms | ${(paced.m.p99Ms ?? Infinity) < 20 ? 'yes' : 'no'} |`,
    `| server resident memory, ${memory.certificates} issued + ${memory.certificates} verified, fresh process (peak, VmHWM) | ${memory.peakRssMb.toFixed(0)} MB | < 300 MB | ${memory.peakRssMb < 300 ? 'yes' : 'no'} |`,
    `| server resident memory under the verification loads below (peak sampled) | ${peakRssMb.toFixed(0)} MB | < 300 MB | ${peakRssMb < 300 ? 'yes' : 'no'} |`,
    ...batches.map(
      (b) =>
        `| batch issuance, ${b.m.count}-row cohort | ${b.m.opsPerSec.toFixed(0)}/s | ≥ 1,000/s | ${b.m.opsPerSec >= 1000 ? 'yes' : 'no'} |`,
    ),
    `| (for scale) JWT distinct vs the HTTP floor, GET /health | ${(jwtPeak.m.opsPerSec / floor.m.opsPerSec).toFixed(2)}× of ${floor.m.opsPerSec.toFixed(0)}/s | – | – |`,
  ];
  console.log(`\n${targetLines.join('\n')}`);
  const setup = `HTTP server: the built service (node dist/src/cli/main.js serve, bench/spawn-server.ts) on 127.0.0.1; load generator: bench/load-generator.ts in the parent (raw keep-alive sockets), ${CONNECTIONS} connections; every response checked (status and outcome "valid" / 201 with a credential); latency from the moment a request was due`;
  console.log(
    `\n${markdownTable(baselines, rows, raw)}\n\n${setup}. Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}).`,
  );
  if (cpuRows.length > 0) console.log(`\n${cpuTable(cpuRows)}`);
  console.log(`\n${statisticsTable(statistics)}`);
  writeJson(
    RESULTS,
    {
      date: new Date().toISOString(),
      node: process.version,
      cores: availableParallelism(),
      cpu: cpus()[0]?.model,
      serverMode: 'dist (node dist/src/cli/main.js serve)',
      connections: CONNECTIONS,
      seconds: SECONDS,
      memory,
      statistics,
    },
    baselines,
    rows,
    raw,
  );
  console.log(`Results written to ${fileURLToPath(RESULTS)}`);
} finally {
  await server?.stop();
  await hub.ctx.store.close();
  hub.remove();
}
