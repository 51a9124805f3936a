import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, jsonldStockFromEnv, loadConfig } from '../src/config.js';
import { runCli } from './helpers/server-process.js';

/** Every environment variable is parsed and checked in one place, at start (src/config.ts). */
describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      publicUrlGiven: false,
      bodyLimitBytes: 256 * 1024,
      batchBodyLimitBytes: 8 * 1024 * 1024,
      seedDemo: true,
      maxEventLoopDelayMs: 250,
      logLevel: 'info',
      proofThreads: undefined,
    });
  });

  it('reads every setting it is given', () => {
    const c = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      SKILLPASS_PUBLIC_URL: 'https://hub.example/',
      SKILLPASS_BODY_LIMIT: '4096',
      SKILLPASS_BATCH_BODY_LIMIT: '2048',
      SKILLPASS_SEED_DEMO: 'false',
      SKILLPASS_PROOF_THREADS: '0',
      SKILLPASS_MAX_EVENT_LOOP_DELAY_MS: '100',
      LOG_LEVEL: 'warn',
      SKILLPASS_DATABASE_URL: 'postgres://u@127.0.0.1/db',
      SKILLPASS_TOKEN: 'sp_issuer_x',
    });
    expect(c).toMatchObject({
      port: 8080,
      publicUrl: 'https://hub.example',
      publicUrlGiven: true,
      bodyLimitBytes: 4096,
      batchBodyLimitBytes: 2048,
      seedDemo: false,
      proofThreads: 0,
      maxEventLoopDelayMs: 100,
      logLevel: 'warn',
      databaseUrl: 'postgres://u@127.0.0.1/db',
      cliToken: 'sp_issuer_x',
    });
  });

  it.each([
    ['SKILLPASS_BODY_LIMIT', 'abc'],
    ['SKILLPASS_BODY_LIMIT', '-1'],
    ['SKILLPASS_BODY_LIMIT', '1.5'],
    ['SKILLPASS_BODY_LIMIT', '10'],
    ['SKILLPASS_BATCH_BODY_LIMIT', '8MB'],
    ['PORT', '70000'],
    ['PORT', 'http'],
    ['SKILLPASS_PROOF_THREADS', 'two'],
    ['SKILLPASS_PROOF_THREADS', '1000'],
    ['SKILLPASS_MAX_EVENT_LOOP_DELAY_MS', '0'],
    ['LOG_LEVEL', 'loud'],
    ['SKILLPASS_SEED_DEMO', 'yes'],
    ['SKILLPASS_PUBLIC_URL', 'hub.example'],
    ['SKILLPASS_PUBLIC_URL', 'ftp://hub.example'],
    ['SKILLPASS_PUBLIC_URL', 'https://hub.example/?x=1'],
    ['SKILLPASS_DATABASE_URL', 'mysql://db'],
    ['SKILLPASS_RATE_LIMIT_ISSUE_PER_TOKEN', 'lots'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}: `));
  });

  it("reads the benchmark's jsonld switch: 1 or 0, nothing else", () => {
    expect(jsonldStockFromEnv({})).toBe(false);
    expect(jsonldStockFromEnv({ SKILLPASS_JSONLD_STOCK: '1' })).toBe(true);
    expect(() => jsonldStockFromEnv({ SKILLPASS_JSONLD_STOCK: 'yes' })).toThrow(/SKILLPASS_JSONLD_STOCK/);
  });

  it('the real `serve` stops at start with exit 2 and the variable named, before it creates anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-config-'));
    try {
      const run = await runCli(['serve'], {
        SKILLPASS_DATA_DIR: join(dir, 'data'),
        SKILLPASS_BODY_LIMIT: 'abc',
        PORT: '0',
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('SKILLPASS_BODY_LIMIT: must be a whole number');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
