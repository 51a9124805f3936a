import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { ROOT } from '../helpers/server-process.js';
import { serviceCommand } from '../helpers/service-command.js';

/**
 * Data at rest (src/adapters/fs/private-files.ts): the data folder is 0700 and the SQLite
 * database with its -wal and -shm files 0600, on a new hub and, tightened at start, on one an
 * earlier version left open; and a real hub (not demo mode) refuses to start with a guessable
 * admin token (src/config.ts assertAdminTokenStrong). The hub is started as `serve` starts it.
 */
const mode = (path: string) => statSync(path).mode & 0o777;
const KEK = randomBytes(32).toString('base64');
const STRONG = `admin-${randomBytes(24).toString('hex')}`;

describe('data at rest and the admin token at start-up', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'skillpass-rest-'));
    cleanup.push(() => rmSync(d, { recursive: true, force: true }));
    return d;
  };
  const start = async (env: Record<string, string>) => {
    const lines: string[] = [];
    const { app } = await startServer(
      // without the demo pilot's workers (test/e2e/first-start.test.ts seeds them): file modes are the subject here
      loadConfig({
        PORT: '0',
        SKILLPASS_PROOF_THREADS: '0',
        LOG_LEVEL: 'warn',
        SKILLPASS_SEED_DEMO_OUTCOMES: 'false',
        ...env,
      }),
      (l) => lines.push(l),
    );
    return { lines, close: () => app.close() };
  };

  it('a new data folder is 0700 (and its missing parents too), the database and its -wal and -shm files 0600, while the hub runs', async () => {
    const parent = join(tmp(), 'var');
    const dir = join(parent, 'skillpass');
    const hub = await start({
      SKILLPASS_DATA_DIR: dir,
      SKILLPASS_KEY_ENCRYPTION_KEY: KEK,
      SKILLPASS_ADMIN_TOKEN: STRONG,
    });
    cleanup.push(hub.close);
    expect(mode(dir)).toBe(0o700);
    expect(mode(parent)).toBe(0o700);
    const db = join(dir, 'skillpass.sqlite');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) {
      expect(existsSync(f), f).toBe(true);
      expect(mode(f).toString(8), f).toBe('600');
    }
  });

  it('an existing data folder and database left open to others are tightened at start; the demo key and tokens are 0600', async () => {
    const dir = join(tmp(), 'data');
    const first = await start({ SKILLPASS_DATA_DIR: dir });
    await first.close();
    const db = join(dir, 'skillpass.sqlite');
    chmodSync(dir, 0o755);
    chmodSync(db, 0o644);
    // companions an earlier version left behind, readable by all (empty: SQLite starts them afresh)
    for (const f of [`${db}-wal`, `${db}-shm`]) {
      if (!existsSync(f)) writeFileSync(f, '');
      chmodSync(f, 0o644);
    }
    for (const f of ['demo-tokens.json', 'demo-operator.key']) chmodSync(join(dir, f), 0o644);

    const again = await start({ SKILLPASS_DATA_DIR: dir });
    cleanup.push(again.close);
    expect(mode(dir).toString(8)).toBe('700');
    for (const f of [
      db,
      `${db}-wal`,
      `${db}-shm`,
      join(dir, 'demo-tokens.json'),
      join(dir, 'demo-operator.key'),
    ])
      expect(mode(f).toString(8), f).toBe('600');
    // the tightened database is the same hub: it opened and still answers
    expect(again.lines.join('\n')).toContain('Token for centre kh-ntti');
  });

  it('outside demo mode an admin token shorter than 32 characters is refused with a clear error; 32 is enough', async () => {
    const dir = tmp();
    const short = 'a'.repeat(31);
    await expect(
      start({ SKILLPASS_DATA_DIR: dir, SKILLPASS_KEY_ENCRYPTION_KEY: KEK, SKILLPASS_ADMIN_TOKEN: short }),
    ).rejects.toThrow(
      /SKILLPASS_ADMIN_TOKEN is 31 characters long; outside demo mode it must be at least 32/,
    );
    expect(existsSync(join(dir, 'skillpass.sqlite'))).toBe(false); // refused before anything was opened
    const ok = await start({
      SKILLPASS_DATA_DIR: dir,
      SKILLPASS_KEY_ENCRYPTION_KEY: KEK,
      SKILLPASS_ADMIN_TOKEN: 'b'.repeat(32),
    });
    await ok.close();
  });

  it('in demo mode (no key-encryption key) a short admin token is still accepted', async () => {
    const hub = await start({ SKILLPASS_DATA_DIR: tmp(), SKILLPASS_ADMIN_TOKEN: 'short-demo-token' });
    cleanup.push(hub.close);
    expect(hub.lines.join('\n')).toContain('Admin token: from SKILLPASS_ADMIN_TOKEN');
  });

  it('`skillpass serve` with a short admin token (a key-encryption key file configured) exits 2 with the error, not listening', () => {
    const dir = tmp();
    const keyFile = join(dir, 'kek');
    writeFileSync(keyFile, KEK, { mode: 0o600 });
    const run = spawnSync(...serviceCommand(['serve']), {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        SKILLPASS_DATA_DIR: join(dir, 'data'),
        SKILLPASS_KEY_ENCRYPTION_KEY: '',
        SKILLPASS_KEY_ENCRYPTION_KEY_FILE: keyFile,
        SKILLPASS_ADMIN_TOKEN: 'changeme',
      },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SKILLPASS_ADMIN_TOKEN is 8 characters long');
    expect(run.stdout).not.toContain('listening');
  });
});
