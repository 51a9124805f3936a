import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

/**
 * A throwaway PostgreSQL cluster on a free loopback port, from Debian's postgresql package,
 * for the postgres test project (test/setup/postgres-cluster.ts) and the benchmark.
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
/**
 * Whether `npm test` runs the postgres project: where PostgreSQL binaries are installed or a
 * cluster is given (SKILLPASS_TEST_PG_URL), and where it is required (CI, SKILLPASS_REQUIRE_POSTGRES:
 * a missing PostgreSQL then fails the run in test/setup/postgres-cluster.ts). Anywhere else the
 * project is left out with a loud notice (vitest.config.ts): its tests need a cluster and would
 * otherwise each fail with "no PostgreSQL cluster".
 */
export function postgresProjectRuns(env: NodeJS.ProcessEnv, binDir: string | undefined): boolean {
  return Boolean(binDir || env.SKILLPASS_TEST_PG_URL || env.CI || env.SKILLPASS_REQUIRE_POSTGRES);
}

export function findPostgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
  });

export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
    chmodSync(dir, 0o700);
  }
  const as = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const [initCmd, initArgs] = as(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [pgCmd, pgArgs] = as(join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ]);
  const server: ChildProcess = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (d) => {
    log += String(d);
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  for (let i = 0; ; i++) {
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      break;
    } catch {
      if (i > 100 || server.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      // runuser does not pass signals on to postgres: stop the cluster through pg_ctl, then make sure
      const [stopCmd, stopArgs] = as(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      try {
        execFileSync(stopCmd, stopArgs, { stdio: 'pipe', timeout: 20_000 });
      } catch {
        server.kill('SIGKILL');
      }
      if (server.exitCode === null)
        await Promise.race([
          new Promise((r) => server.once('exit', r)),
          new Promise((r) => setTimeout(r, 5000)),
        ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
