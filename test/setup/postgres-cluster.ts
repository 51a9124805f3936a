import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

/**
 * Global setup of the `postgres` test project: a throwaway PostgreSQL cluster on a free
 * loopback port (Debian's postgresql package), removed afterwards. PostgreSQL refuses to
 * run as root, so as root the cluster runs as the `postgres` user.
 * Without PostgreSQL binaries the project's tests are skipped with a loud notice, unless
 * CI or SKILLPASS_REQUIRE_POSTGRES is set, where that is an error.
 */
declare module 'vitest' {
  export interface ProvidedContext { pgUrl: string | null }
}

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.SKILLPASS_TEST_PG_URL) {
    project.provide('pgUrl', process.env.SKILLPASS_TEST_PG_URL);
    return async () => undefined;
  }
  const bin = findBinDir();
  if (!bin) {
    if (process.env.CI || process.env.SKILLPASS_REQUIRE_POSTGRES) throw new Error('PostgreSQL is required for the postgres test project: apt-get install postgresql');
    console.warn('\n!!! PostgreSQL binaries not found (Debian package postgresql): the postgres test project is SKIPPED.\n');
    project.provide('pgUrl', null);
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : undefined;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : undefined;
  if (asRoot) { chownSync(dir, uid!, gid!); chmodSync(dir, 0o700); }
  const as = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const [initCmd, initArgs] = as(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [pgCmd, pgArgs] = as(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300']);
  const server: ChildProcess = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (d) => { log += String(d); });
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
  project.provide('pgUrl', url);
  return async () => {
    // runuser does not pass signals on to postgres: stop the cluster through pg_ctl, then make sure
    const [stopCmd, stopArgs] = as(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    try { execFileSync(stopCmd, stopArgs, { stdio: 'pipe', timeout: 20_000 }); } catch { server.kill('SIGKILL'); }
    if (server.exitCode === null) await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    rmSync(dir, { recursive: true, force: true });
  };
}
