import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { openHub } from '../../src/wiring.js';
import type { ProofRunner } from '../../src/adapters/crypto/workers/proof-pool.js';
import { freshPostgresDatabase, testEngine } from './test-database.js';
import { buildApp } from '../../src/http/app.js';
import { installAdminToken, seedDemo } from '../../src/services/registry/seed-demo.js';
import type { HubContext } from '../../src/services/hub-context.js';

/** A settable clock: tests move time instead of waiting for it. */
export class TestClock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefghij';

export interface TestHub {
  ctx: HubContext;
  app: FastifyInstance;
  clock: TestClock;
  config: Config;
  dir: string;
  tokens: { admin: string; khNtti: string; thBkk: string };
  /** the key the hub's private keys are sealed with (a restart needs the same one) */
  operatorKey: Buffer;
  close(): Promise<void>;
  /** removes the database and the data folder (close does it too) */
  discard(): Promise<void>;
}

/**
 * A real hub on a real SQLite file in a temp folder, seeded from the demo data at
 * 2025-01-02 (so keys and accreditations exist before the tests' issuance dates),
 * then set to `at`.
 */
export async function startTestHub(
  at = '2026-11-20T10:00:00Z',
  env: Record<string, string> = {},
  options: { proofRunner?: ProofRunner } = {},
): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-test-'));
  const pgDatabase = testEngine() === 'postgres' ? await freshPostgresDatabase() : undefined;
  const config = loadConfig({
    SKILLPASS_DATA_DIR: dir,
    PORT: '3999',
    ...(pgDatabase ? { SKILLPASS_DATABASE_URL: pgDatabase.url } : {}),
    ...env,
  });
  const clock = new TestClock('2025-01-02T00:00:00Z');
  const operatorKey = randomBytes(32);
  const ctx = await openHub({
    config,
    clock: clock.now,
    operatorKey,
    warn: () => undefined,
    adoptPublicUrl: true,
    ...options,
  });
  const { tokens } = await seedDemo(ctx);
  await installAdminToken(ctx, ADMIN_TOKEN, 'admin:test');
  clock.set(at);
  const app = await buildApp({ ctx, bodyLimitBytes: config.bodyLimitBytes });
  await app.ready();
  const discard = async () => {
    await pgDatabase?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    ctx,
    app,
    clock,
    config,
    dir,
    operatorKey,
    discard,
    tokens: { admin: ADMIN_TOKEN, khNtti: tokens['centre kh-ntti']!, thBkk: tokens['centre th-bkk-itc']! },
    async close() {
      await app.close();
      await ctx.store.close();
      await discard();
    },
  };
}

/**
 * Stops the hub and starts it again on the same database and data folder, as a restart of the
 * server would (it adopts the configured public URL), with `env` on top of the first start's
 * settings: e.g. another SKILLPASS_PUBLIC_URL. The returned hub replaces `hub`.
 */
export async function restartTestHub(
  hub: TestHub,
  env: Record<string, string> = {},
  options: { proofRunner?: ProofRunner } = {},
): Promise<TestHub> {
  await hub.app.close();
  await hub.ctx.store.close();
  const config = loadConfig({
    SKILLPASS_DATA_DIR: hub.dir,
    PORT: String(hub.config.port),
    ...(hub.config.databaseUrl ? { SKILLPASS_DATABASE_URL: hub.config.databaseUrl } : {}),
    ...env,
  });
  const ctx = await openHub({
    config,
    clock: hub.clock.now,
    operatorKey: hub.operatorKey,
    warn: () => undefined,
    adoptPublicUrl: true,
    ...options,
  });
  const app = await buildApp({ ctx, bodyLimitBytes: config.bodyLimitBytes });
  await app.ready();
  return {
    ...hub,
    ctx,
    app,
    config,
    async close() {
      await app.close();
      await ctx.store.close();
      await hub.discard();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const brickRequest = (overrides: Record<string, unknown> = {}) => ({
  qualification: 'TH-BRICK-1',
  holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
  assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
  ...overrides,
});

/** Issues through the HTTP API and returns the 201 body. */
export async function issue(
  hub: TestHub,
  body: Record<string, unknown> = brickRequest(),
  token = hub.tokens.khNtti,
) {
  const res = await hub.app.inject({
    method: 'POST',
    url: '/certificates',
    headers: bearer(token),
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`issue failed: ${res.statusCode} ${res.body}`);
  return res.json() as {
    id: string;
    credential: Record<string, unknown> | string;
    verifyUrl: string;
    qrUrl: string;
  };
}

export async function verify(hub: TestHub, payload: Record<string, unknown>) {
  const res = await hub.app.inject({ method: 'POST', url: '/verifications', payload });
  if (res.statusCode !== 200) throw new Error(`verify failed: ${res.statusCode} ${res.body}`);
  return res.json() as {
    outcome: string;
    checks: { id: string; outcome: string; code?: string; message?: string }[];
  };
}

export const check = (result: { checks: { id: string; outcome: string; code?: string }[] }, id: string) =>
  result.checks.find((c) => c.id === id);
