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
  logLevel: string;
  /** POST /batches bodies (cohort files) */
  batchBodyLimitBytes: number;
  rateLimits: RateLimitSettings;
}

/** Requests per window (README "Rate limits"); 0 turns a limit off. */
export interface RateLimitSettings {
  windowMs: number;
  /** issuing requests (POST /certificates, /credentials/issue, /batches, /batches/:id/commit) per token */
  issuePerToken: number;
  /** issuing requests per client address */
  issuePerAddress: number;
  /** verification requests (POST /verifications, /credentials/verify, /presentations/verify, GET /v/:id, POST /v) per client address */
  verifyPerAddress: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { windowMs: 60_000, issuePerToken: 3_000, issuePerAddress: 6_000, verifyPerAddress: 30_000 };

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimitSettings {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (0 turns the limit off), not ${raw}`);
    return n;
  };
  return {
    windowMs: num('SKILLPASS_RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMITS.windowMs) || DEFAULT_RATE_LIMITS.windowMs,
    issuePerToken: num('SKILLPASS_RATE_LIMIT_ISSUE_PER_TOKEN', DEFAULT_RATE_LIMITS.issuePerToken),
    issuePerAddress: num('SKILLPASS_RATE_LIMIT_ISSUE_PER_ADDRESS', DEFAULT_RATE_LIMITS.issuePerAddress),
    verifyPerAddress: num('SKILLPASS_RATE_LIMIT_VERIFY_PER_ADDRESS', DEFAULT_RATE_LIMITS.verifyPerAddress),
  };
}

/**
 * Demo mode: no key-encryption key is configured, so private keys are sealed with a key
 * generated into the data folder (src/adapters/crypto/operator-key.ts, the "DEMO MODE"
 * warning at start). Anything real sets SKILLPASS_KEY_ENCRYPTION_KEY (or _FILE).
 */
export const isDemoMode = (c: Pick<Config, 'keyEncryptionKey' | 'keyEncryptionKeyFile'>): boolean => !c.keyEncryptionKey && !c.keyEncryptionKeyFile;

/** The shortest SKILLPASS_ADMIN_TOKEN accepted outside demo mode: 32 characters (`openssl rand -base64 32` gives 44). */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * Refuses to start a real hub (not demo mode) whose admin token could be guessed: the token
 * is the one credential that can rewrite the registry and revoke any certificate.
 */
export function assertAdminTokenStrong(c: Pick<Config, 'adminToken' | 'keyEncryptionKey' | 'keyEncryptionKeyFile'>): void {
  if (c.adminToken === undefined || isDemoMode(c) || c.adminToken.length >= MIN_ADMIN_TOKEN_LENGTH) return;
  throw new Error(`SKILLPASS_ADMIN_TOKEN is ${c.adminToken.length} characters long; outside demo mode it must be at least ${MIN_ADMIN_TOKEN_LENGTH} ` +
    '(e.g. `openssl rand -base64 32`). The hub did not start.');
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
    maxEventLoopDelayMs: Number(env.SKILLPASS_MAX_EVENT_LOOP_DELAY_MS ?? 250),
    logLevel: env.LOG_LEVEL ?? 'info',
    batchBodyLimitBytes: Number(env.SKILLPASS_BATCH_BODY_LIMIT ?? 8 * 1024 * 1024),
    rateLimits: rateLimitsFromEnv(env),
  };
}
