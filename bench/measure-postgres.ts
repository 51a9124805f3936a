import { findPostgresBinDir, startPostgresCluster } from '../scripts/postgres-cluster.js';
import { brickRequest, createSeededHub } from './hub.js';
import { spawnServer, type ServerProcess } from './spawn-server.js';
import { issueMany } from './http-client.js';
import { measureHttp } from './measure-http.js';
import type { Row } from './report.js';

/**
 * The hub on PostgreSQL (a throwaway cluster): issuance throughput, and verification of
 * distinct Data Integrity certificates through one replica and through two replicas of
 * the same hub (same database, same public URL), load split evenly between them.
 * Skipped, with a line saying so, where PostgreSQL is not installed.
 */
const N = { warmup: 100, one: 1200, two: 1200 };

export async function measurePostgres(
  log: (m: string) => void,
  connections: number,
  issueSeconds: number,
): Promise<Row[] | string> {
  const bin = findPostgresBinDir();
  if (!bin) return 'PostgreSQL measurements skipped: no PostgreSQL binaries (Debian package postgresql)';
  const cluster = await startPostgresCluster(bin);
  const servers: ServerProcess[] = [];
  try {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE skillpass_bench');
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = '/skillpass_bench';
    const hub = await createSeededHub(url.toString());
    await hub.ctx.store.close();
    servers.push(await spawnServer(hub.spec));
    const [a] = servers as [ServerProcess];
    const rows: Row[] = [];
    const verifyValid = (body: string) => body.includes('"outcome":"valid"');

    log(`PostgreSQL: issue DI over HTTP, ${issueSeconds} s`);
    const issue = await measureHttp({
      url: a.url,
      method: 'POST',
      path: '/certificates',
      body: JSON.stringify(brickRequest('di')),
      headers: { authorization: `Bearer ${hub.centreToken}` },
      status: 201,
      bodyOk: (b) => b.includes('"credential"'),
      connections,
      seconds: issueSeconds,
      warmupSeconds: 1,
    });
    rows.push({ name: 'PostgreSQL: POST /certificates, issue DI (HTTP, one replica)', m: issue });

    log(`PostgreSQL: issuing ${N.warmup + N.one + N.two} distinct DI certificates`);
    const bodies = (
      await issueMany(a.url, hub.centreToken, 'di', N.warmup + N.one + N.two, brickRequest)
    ).map((credential) => JSON.stringify({ credential }));
    const distinct = (target: string, list: string[]) =>
      measureHttp({
        url: target,
        method: 'POST',
        path: '/verifications',
        bodies: list,
        status: 200,
        bodyOk: verifyValid,
        connections,
        seconds: 0,
      });
    await distinct(a.url, bodies.slice(0, N.warmup));
    log('PostgreSQL: verify distinct DI, one replica');
    rows.push({
      name: `PostgreSQL: POST /verifications, DI, ${N.one} distinct, one replica`,
      m: await distinct(a.url, bodies.slice(N.warmup, N.warmup + N.one)),
    });

    servers.push(await spawnServer(hub.spec));
    const b = servers[1]!;
    log('PostgreSQL: verify distinct DI, two replicas (load split evenly)');
    const rest = bodies.slice(N.warmup + N.one);
    const half = Math.floor(rest.length / 2);
    const [ma, mb] = await Promise.all([
      distinct(a.url, rest.slice(0, half)),
      distinct(b.url, rest.slice(half)),
    ]);
    // both started together; each is timed to its last response
    const seconds = Math.max(ma.seconds, mb.seconds);
    rows.push({
      name: `PostgreSQL: POST /verifications, DI, ${rest.length} distinct, two replicas (sum of both)`,
      m: {
        opsPerSec: (ma.count + mb.count) / seconds,
        p50Ms: Math.max(ma.p50Ms ?? 0, mb.p50Ms ?? 0),
        p99Ms: Math.max(ma.p99Ms ?? 0, mb.p99Ms ?? 0),
        count: ma.count + mb.count,
        seconds,
      },
    });
    hub.remove();
    return rows;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cluster.stop();
  }
}
