import { resolve } from 'node:path';

/** Service configuration, read once from the environment (README, "Configuration"). */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseFile: string;
  /** postgres://... : run on PostgreSQL instead of the embedded SQLite file */
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  /** base64 (or hex) 32-byte key that encrypts private keys at rest */
  keyEncryptionKey: string | undefined;
  keyEncryptionKeyFile: string | undefined;
  bodyLimitBytes: number;
  seedDemo: boolean;
  /** proof worker threads (default: one per core; 0 = verify inline) */
  proofThreads: number | undefined;
  maxEventLoopDelayMs: number;
  maxEventLoopUtilization: number;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const dataDir = resolve(env.SKILLPASS_DATA_DIR ?? '.data');
  const publicUrl = (env.SKILLPASS_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  return {
    host, port, publicUrl, dataDir,
    databaseFile: resolve(dataDir, 'skillpass.sqlite'),
    databaseUrl: env.SKILLPASS_DATABASE_URL || undefined,
    adminToken: env.SKILLPASS_ADMIN_TOKEN || undefined,
    keyEncryptionKey: env.SKILLPASS_KEY_ENCRYPTION_KEY || undefined,
    keyEncryptionKeyFile: env.SKILLPASS_KEY_ENCRYPTION_KEY_FILE || undefined,
    bodyLimitBytes: Number(env.SKILLPASS_BODY_LIMIT ?? 256 * 1024),
    seedDemo: env.SKILLPASS_SEED_DEMO !== 'false',
    proofThreads: env.SKILLPASS_PROOF_THREADS === undefined ? undefined : Number(env.SKILLPASS_PROOF_THREADS),
    maxEventLoopDelayMs: Number(env.SKILLPASS_MAX_EVENT_LOOP_DELAY_MS ?? 1000),
    maxEventLoopUtilization: Number(env.SKILLPASS_MAX_EVENT_LOOP_UTILIZATION ?? 0.98),
    logLevel: env.LOG_LEVEL ?? 'info',
    batchBodyLimitBytes: Number(env.SKILLPASS_BATCH_BODY_LIMIT ?? 8 * 1024 * 1024),
    rateLimits: rateLimitsFromEnv(env),
  };
}
