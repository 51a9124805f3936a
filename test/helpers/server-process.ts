import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serviceCommand } from './service-command.js';

/**
 * Starts the real service as a child process (`skillpass serve`: compiled, or the sources through
 * tsx, ./service-command.ts) on a free loopback port.
 */
export { ROOT };
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  dataDir: string;
  output: () => string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `child` IS the server (node itself, never a wrapper), so a SIGKILL to it stops the service: for crash tests. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = env.SKILLPASS_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'skillpass-e2e-'));
  let out = '';
  const [cmd, args] = serviceCommand(['serve']);
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '--max-old-space-size=512', // as package.json's start script sets it
      HOST: '127.0.0.1',
      PORT: String(port),
      SKILLPASS_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // the demo pilot's workers and placements only where a test asks (test/e2e/first-start.test.ts)
      SKILLPASS_SEED_DEMO_OUTCOMES: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000; // tsx compiles the sources first: slow on a loaded 2-core machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/health`)).ok && out.includes('OpenAPI:')) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dataDir,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const [cmd, argv] = serviceCommand(args);
    const child = spawn(cmd, argv, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Certifies the demo worker Sok Dara (TH-BRICK-1) over HTTP with the kh-ntti token the server
 * printed at start: what a centre does first on a fresh demo hub. Answers POST /certificates' body.
 */
export async function certifyDemoWorker(
  server: Pick<ServerProcess, 'url' | 'output'>,
): Promise<{ id: string; verifyUrl: string; credential: unknown }> {
  const token = /Token for centre kh-ntti: (\S+)/.exec(server.output())![1];
  const res = await fetch(`${server.url}/certificates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      qualification: 'TH-BRICK-1',
      holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
      assessment: { date: '2026-11-20', language: 'km', result: 'competent' },
    }),
  });
  if (res.status !== 201) throw new Error(`POST /certificates answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; verifyUrl: string; credential: unknown };
}
