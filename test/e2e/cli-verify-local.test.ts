import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  certifyDemoWorker,
  runCli,
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';

/**
 * `skillpass verify <file>` against the hub's own database (no trust list): the hub's public URL
 * (its did:web identity) comes from what its server recorded, not from this shell's PORT or HOST,
 * so a genuine certificate of a hub listening on another port than 3000 verifies without PORT.
 * Where the CLI cannot know the hub (no database, or one whose server never started), it says
 * so as an error, exit 2, never as a verdict.
 */
// the reader's shell: no PORT, HOST or public URL (an empty value is unset for the configuration)
const shell = (dataDir: string, more: Record<string, string> = {}) => ({
  SKILLPASS_DATA_DIR: dataDir,
  PORT: '',
  HOST: '',
  SKILLPASS_PUBLIC_URL: '',
  SKILLPASS_DATABASE_URL: '',
  ...more,
});

describe('CLI verify against the local hub', () => {
  let server: ServerProcess;
  let file: string;
  beforeAll(async () => {
    server = await startServerProcess({ SKILLPASS_ADMIN_TOKEN: '' });
    expect(new URL(server.url).port).not.toBe('3000');
    const { credential } = await certifyDemoWorker(server);
    file = join(server.dataDir, 'cert.json');
    writeFileSync(file, JSON.stringify(credential));
  });
  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it("finds the hub's public URL in its database: a genuine certificate is VALID without PORT, and with a wrong one", async () => {
    const plain = await runCli(['verify', file], shell(server.dataDir));
    expect(plain.stdout).toContain('outcome: VALID');
    expect(plain.code).toBe(0);
    const wrongPort = await runCli(['verify', file, '--json'], shell(server.dataDir, { PORT: '3000' }));
    expect(JSON.parse(wrongPort.stdout).outcome).toBe('valid');
    expect(wrongPort.code).toBe(0);
  }, 120_000);

  it('a folder without a hub database is an error (exit 2), not a verdict, and nothing is created there', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'skillpass-nohub-'));
    try {
      const r = await runCli(['verify', file], shell(empty));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`No hub database at ${join(empty, 'skillpass.sqlite')}`);
      expect(r.stderr).toContain('--trust-list');
      expect(r.stdout).not.toContain('outcome');
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 120_000);

  it('a database whose server never recorded a public URL: an error (exit 2) unless SKILLPASS_PUBLIC_URL says it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-unstarted-'));
    try {
      const store = openSqliteStore(join(dir, 'skillpass.sqlite')); // migrated, never served
      await store.close();
      const r = await runCli(
        ['verify', file],
        shell(dir, { SKILLPASS_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }),
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('records no public URL');
      expect(r.stdout).not.toContain('outcome');
      // told the public URL, it judges: an empty registry knows no such centre
      const told = await runCli(
        ['verify', file],
        shell(dir, {
          SKILLPASS_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
          SKILLPASS_PUBLIC_URL: server.url,
        }),
      );
      expect(told.stdout).toContain('outcome: INVALID');
      expect(told.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
