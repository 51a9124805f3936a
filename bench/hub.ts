import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../src/config.js';
import { openHub as openStoredHub } from '../src/wiring.js';
import { installAdminToken, seedDemo } from '../src/services/registry/seed-demo.js';
import type { HubContext } from '../src/services/hub-context.js';
import type { ProofRunner } from '../src/adapters/crypto/workers/proof-pool.js';

/**
 * A benchmark hub, set up like test/helpers/test-hub.ts but on the real clock:
 * temp data dir, random operator key, demo seed, an admin token.
 * The server under load (bench/spawn-server.ts) opens it with the same operator key.
 */
/** `databaseUrl`: the hub lives in PostgreSQL instead of the SQLite file in `dir`. */
export interface HubSpec {
  dir: string;
  operatorKeyHex: string;
  databaseUrl?: string;
}

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789-abcdefghij';
/** The hub's public URL (its DIDs), whatever port the server under load listens on. */
export const BENCH_PUBLIC_URL = 'http://127.0.0.1:3999';

export const benchConfig = (dir: string, databaseUrl?: string): Config =>
  loadConfig({
    ...(databaseUrl ? { SKILLPASS_DATABASE_URL: databaseUrl } : {}),
    SKILLPASS_DATA_DIR: dir,
    HOST: '127.0.0.1',
    PORT: '3999',
    SKILLPASS_PUBLIC_URL: BENCH_PUBLIC_URL,
    // a load test is one client address and one token: the per-address and per-token limits would measure themselves
    SKILLPASS_RATE_LIMIT_ISSUE_PER_TOKEN: '0',
    SKILLPASS_RATE_LIMIT_ISSUE_PER_ADDRESS: '0',
    SKILLPASS_RATE_LIMIT_VERIFY_PER_ADDRESS: '0',
  });

/** Opens the hub stored in spec.dir or spec.databaseUrl (no seeding). */
export function openHub(spec: HubSpec, proofRunner?: ProofRunner): Promise<HubContext> {
  return openStoredHub({
    config: benchConfig(spec.dir, spec.databaseUrl),
    operatorKey: Buffer.from(spec.operatorKeyHex, 'hex'),
    warn: () => undefined,
    ...(proofRunner ? { proofRunner } : {}),
  });
}

export interface SeededHub {
  spec: HubSpec;
  ctx: HubContext;
  centreToken: string;
  remove(): void;
}

/** Creates and seeds a new hub in a temp folder. */
export async function createSeededHub(databaseUrl?: string): Promise<SeededHub> {
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-bench-'));
  const spec: HubSpec = {
    dir,
    operatorKeyHex: randomBytes(32).toString('hex'),
    ...(databaseUrl ? { databaseUrl } : {}),
  };
  const ctx = await openHub(spec);
  const { tokens } = await seedDemo(ctx);
  await installAdminToken(ctx, BENCH_ADMIN_TOKEN, 'admin:bench');
  const centreToken = tokens['centre kh-ntti'];
  if (!centreToken) throw new Error('seedDemo returned no token for kh-ntti');
  return { spec, ctx, centreToken, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The certificate request, assessed a few days before today so issuance works on the real clock. */
export function brickRequest(
  format: 'di' | 'vc+jwt' = 'di',
  holderName = 'Sok Dara',
): Record<string, unknown> {
  const assessed = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  return {
    qualification: 'TH-BRICK-1',
    holder: { name: holderName, birthDate: '1995-04-12' },
    assessment: { date: assessed, language: 'km', result: 'competent' },
    ...(format === 'di' ? {} : { format }),
  };
}
