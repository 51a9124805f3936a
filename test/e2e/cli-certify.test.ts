import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { serviceCommand } from '../helpers/service-command.js';
import { cohortCsv, HEADER } from '../helpers/cohorts.js';

/** `skillpass certify` against a real server process: progress, summary, exit codes, resume after being killed. */
function cli(args: string[], env: Record<string, string> = {}) {
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
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

describe('skillpass certify', () => {
  let server: ServerProcess;
  let token: string;
  let dir: string;
  beforeAll(async () => {
    server = await startServerProcess();
    token = server.output().match(/Token for centre kh-ntti: (\S+)/)![1]!;
    dir = mkdtempSync(join(tmpdir(), 'skillpass-cli-'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('certifies a cohort: progress on stderr, a summary table, results.csv and the ZIP, exit 0', async () => {
    const file = join(dir, 'cohort.csv');
    writeFileSync(file, cohortCsv(40, 'Cli'));
    const out = join(dir, 'out1');
    const r = await cli(['certify', file, '--server', server.url, '--token', token, '--out', out, '--no-pdf'])
      .done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/progress: 100% 40\/40 certified/);
    expect(r.stdout).toMatch(/certified\s+40/);
    const results = readFileSync(join(out, 'results.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(results).toHaveLength(41);
    expect(results.slice(1).every((l) => l.includes(',issued,'))).toBe(true);
    const { batchId } = JSON.parse(readFileSync(join(out, 'skillpass-batch.json'), 'utf8'));
    const listing = execFileSync('unzip', ['-l', join(out, `skillpass-batch-${batchId}.zip`)]).toString();
    expect(listing.match(/credentials\//g)).toHaveLength(40);
    expect(listing).toContain('index.csv');

    // run again: nothing new, same answer
    const again = await cli([
      'certify',
      file,
      '--server',
      server.url,
      '--token',
      token,
      '--out',
      out,
      '--no-zip',
    ]).done;
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Resuming batch ${batchId}`);
  }, 120_000);

  it('stops before committing when rows have problems (exit 1); --skip-invalid certifies the rest and still exits 1', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      `${HEADER}\nTH-BRICK-1,Good One,1990-01-01,,2026-11-18,km,competent\nNOPE,Bad One,1990-01-01,,2026-11-18,km,competent\n`,
    );
    const stopped = await cli([
      'certify',
      file,
      '--server',
      server.url,
      '--token',
      token,
      '--out',
      join(dir, 'out2'),
    ]).done;
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/3\s+qualification\s+No qualification NOPE/);
    expect(stopped.stderr).toContain('Nothing was certified');
    const partial = await cli([
      'certify',
      file,
      '--server',
      server.url,
      '--token',
      token,
      '--out',
      join(dir, 'out3'),
      '--skip-invalid',
      '--no-zip',
    ]).done;
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/certified\s+1/);
    expect(partial.stdout).toMatch(/3\s+Bad One\s+invalid/);
    const usage = await cli(['certify', file]).done;
    expect(usage.code).toBe(2);
    const wrong = await cli([
      'certify',
      file,
      '--server',
      server.url,
      '--token',
      'nope',
      '--out',
      join(dir, 'out4'),
    ]).done;
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('HTTP 401');
  }, 120_000);

  it('killed mid-way, the same command resumes the same batch and each worker is certified once', async () => {
    const file = join(dir, 'big.csv');
    writeFileSync(file, cohortCsv(400, 'Resume'));
    const out = join(dir, 'out5');
    const args = ['certify', file, '--server', server.url, '--token', token, '--out', out, '--no-zip'];
    const first = cli(args);
    const deadline = Date.now() + 60_000;
    while (!/progress: +[1-9]\d?%/.test(first.stderr()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(out, 'skillpass-batch.json'))).toBe(true);
    const { batchId } = JSON.parse(readFileSync(join(out, 'skillpass-batch.json'), 'utf8'));
    const second = await cli(args).done;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Resuming batch ${batchId}`);
    const status = await (
      await fetch(`${server.url}/batches/${batchId}/rows`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(status.rows.filter((r: any) => r.state === 'issued')).toHaveLength(400);
    const list = await (
      await fetch(`${server.url}/certificates?q=Resume&limit=200`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(list.items.length).toBe(200); // page size; the store count below is exact
    const batches = (
      await (await fetch(`${server.url}/batches`, { headers: { authorization: `Bearer ${token}` } })).json()
    ).batches;
    expect(batches.filter((b: any) => b.counts.total === 400)).toHaveLength(1);
  }, 180_000);
});
