import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BENCH_ADMIN_TOKEN, BENCH_PUBLIC_URL, type HubSpec } from './hub.js';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds dist/ once per bench run: the hub under load is the service as shipped (the Dockerfile's command). */
let built = false;
export function buildOnce(): void {
  if (built) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  built = true;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/**
 * Starts `node dist/src/cli/main.js serve` on the benchmark hub's data (already seeded by the
 * parent) on 127.0.0.1, as an operator runs it: proof worker pool sized to the machine, the
 * overload guard on, warnings-only logging, the main heap limited to 512 MB as the Dockerfile and `npm start` do. The per-address and per-token rate limits are
 * off: a load test is one client address and one token, and would measure the limits.
 */
export async function spawnServer(
  spec: HubSpec,
  timeoutMs = 30_000,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  buildOnce();
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=512', ...nodeArgs, 'dist/src/cli/main.js', 'serve'],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SKILLPASS_DATA_DIR: spec.dir,
        SKILLPASS_PUBLIC_URL: BENCH_PUBLIC_URL,
        SKILLPASS_KEY_ENCRYPTION_KEY: spec.operatorKeyHex,
        SKILLPASS_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
        SKILLPASS_SEED_DEMO: 'false',
        ...(spec.databaseUrl ? { SKILLPASS_DATABASE_URL: spec.databaseUrl } : {}),
        SKILLPASS_RATE_LIMIT_ISSUE_PER_TOKEN: '0',
        SKILLPASS_RATE_LIMIT_ISSUE_PER_ADDRESS: '0',
        SKILLPASS_RATE_LIMIT_VERIFY_PER_ADDRESS: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`bench server did not start in time:\n${out}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited early (code ${code}):\n${out}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop });
      }
    });
  });
}
