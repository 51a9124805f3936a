import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HubSpec } from './hub.js';

export interface ServerProcess { url: string; pid: number; stop(): Promise<void> }

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts bench/server.ts in a child process on 127.0.0.1 and waits for its port. */
export function spawnServer(spec: HubSpec, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    // the service runs as shipped (jsonld fast contexts on), whatever the baseline process uses
    env: { ...process.env, BENCH_HUB_DIR: spec.dir, BENCH_OPERATOR_KEY: spec.operatorKeyHex, BENCH_DATABASE_URL: spec.databaseUrl ?? '', SKILLPASS_JSONLD_STOCK: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(); reject(new Error('bench server did not start in time')); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`bench server exited early (code ${code})`)); });
    child.once('message', (msg) => {
      clearTimeout(timer);
      const port = (msg as { port?: unknown }).port;
      if (typeof port !== 'number') return reject(new Error(`unexpected message from bench server: ${JSON.stringify(msg)}`));
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop });
    });
  });
}
