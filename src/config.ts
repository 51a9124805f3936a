import { resolve } from 'node:path';

/** Service configuration, read once from the environment (README, "Configuration"). */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  /** SKILLPASS_PUBLIC_URL was set (otherwise publicUrl is derived from HOST and PORT) */
  publicUrlGiven: boolean;
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
  /** SKILLPASS_SEED_DEMO_OUTCOMES: on a demo hub's first start, also the demo pilot's certificates, placements and follow-ups */
  seedDemoOutcomes: boolean;
  /** proof worker threads (default: one per core; 0 = verify inline) */
  proofThreads: number | undefined;
  maxEventLoopDelayMs: number;
  logLevel: string;
  /** POST /batches bodies (cohort files) */
  batchBodyLimitBytes: number;
  rateLimits: RateLimitSettings;
  /** SKILLPASS_TOKEN: the token the `certify` command sends when --token is not given */
  cliToken: string | undefined;
  /** SKILLPASS_WALLET_OFFER_DAYS: how long a credential offer for a wallet stays open (README "Certificates in a wallet") */
  walletOfferDays: number;
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
  /** worker survey requests (GET and POST /t/:code) per client address; the default when absent */
  surveyPerAddress?: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  windowMs: 60_000,
  issuePerToken: 3_000,
  issuePerAddress: 6_000,
  verifyPerAddress: 30_000,
  surveyPerAddress: 60,
};

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimitSettings {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new ConfigError(name, `must be a whole number (0 turns the limit off), not ${raw}`);
    return n;
  };
  return {
    windowMs:
      num('SKILLPASS_RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMITS.windowMs) || DEFAULT_RATE_LIMITS.windowMs,
    issuePerToken: num('SKILLPASS_RATE_LIMIT_ISSUE_PER_TOKEN', DEFAULT_RATE_LIMITS.issuePerToken),
    issuePerAddress: num('SKILLPASS_RATE_LIMIT_ISSUE_PER_ADDRESS', DEFAULT_RATE_LIMITS.issuePerAddress),
    verifyPerAddress: num('SKILLPASS_RATE_LIMIT_VERIFY_PER_ADDRESS', DEFAULT_RATE_LIMITS.verifyPerAddress),
    surveyPerAddress: num('SKILLPASS_RATE_LIMIT_SURVEY_PER_ADDRESS', DEFAULT_RATE_LIMITS.surveyPerAddress!),
  };
}

/**
 * Demo mode: no key-encryption key is configured, so private keys are sealed with a key
 * generated into the data folder (src/adapters/crypto/keys/operator-key.ts, the "DEMO MODE"
 * warning at start). Anything real sets SKILLPASS_KEY_ENCRYPTION_KEY (or _FILE).
 */
export const isDemoMode = (c: Pick<Config, 'keyEncryptionKey' | 'keyEncryptionKeyFile'>): boolean =>
  !c.keyEncryptionKey && !c.keyEncryptionKeyFile;

/** The shortest SKILLPASS_ADMIN_TOKEN accepted outside demo mode: 32 characters (`openssl rand -base64 32` gives 44). */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * Refuses to start a real hub (not demo mode) whose admin token could be guessed: the token
 * is the one credential that can rewrite the registry and revoke any certificate.
 */
export function assertAdminTokenStrong(
  c: Pick<Config, 'adminToken' | 'keyEncryptionKey' | 'keyEncryptionKeyFile'>,
): void {
  if (c.adminToken === undefined || isDemoMode(c) || c.adminToken.length >= MIN_ADMIN_TOKEN_LENGTH) return;
  throw new Error(
    `SKILLPASS_ADMIN_TOKEN is ${c.adminToken.length} characters long; outside demo mode it must be at least ${MIN_ADMIN_TOKEN_LENGTH} ` +
      '(e.g. `openssl rand -base64 32`). The hub did not start.',
  );
}

/** Thrown at start for a setting that cannot be used; the message names the variable and what it takes. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Readers for one variable each: unset (or empty) gives the fallback, anything else is checked. */
function settings(env: NodeJS.ProcessEnv) {
  const raw = (name: string): string | undefined =>
    env[name] === undefined || env[name] === '' ? undefined : env[name];
  return {
    raw,
    integer(name: string, fallback: number, min: number, max: number): number {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
        throw new ConfigError(name, `must be a whole number from ${min} to ${max}, not "${v}"`);
      return n;
    },
    oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
      const v = raw(name);
      if (v === undefined) return fallback;
      if (!(allowed as readonly string[]).includes(v))
        throw new ConfigError(name, `must be one of ${allowed.join(', ')}, not "${v}"`);
      return v as T;
    },
    url(name: string, protocols: readonly string[]): string | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        throw new ConfigError(name, `must be a URL, not "${v}"`);
      }
      if (!protocols.includes(u.protocol))
        throw new ConfigError(name, `must be a ${protocols.join(' or ')} URL, not "${v}"`);
      return v;
    },
  };
}

/**
 * The whole configuration, every variable parsed and checked here, once, at start: a bad value
 * stops the hub with a message naming it (a body limit of "abc" was NaN, and every body too
 * large). Nothing else reads the environment (the bench's SKILLPASS_JSONLD_STOCK switch is
 * read through `jsonldStockFromEnv`, below).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const s = settings(env);
  const host = s.raw('HOST') ?? '127.0.0.1';
  const port = s.integer('PORT', 3000, 0, 65535);
  const dataDir = resolve(s.raw('SKILLPASS_DATA_DIR') ?? '.data');
  const given = s.url('SKILLPASS_PUBLIC_URL', ['http:', 'https:']);
  if (given && /[?#]/.test(given))
    throw new ConfigError(
      'SKILLPASS_PUBLIC_URL',
      `must be an origin (and path), without a query or fragment: "${given}"`,
    );
  const publicUrl = (given ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
    /\/+$/,
    '',
  );
  const threads =
    s.raw('SKILLPASS_PROOF_THREADS') === undefined
      ? undefined
      : s.integer('SKILLPASS_PROOF_THREADS', 0, 0, 64);
  return {
    host,
    port,
    publicUrl,
    publicUrlGiven: given !== undefined,
    dataDir,
    databaseFile: resolve(dataDir, 'skillpass.sqlite'),
    databaseUrl: s.url('SKILLPASS_DATABASE_URL', ['postgres:', 'postgresql:']),
    adminToken: s.raw('SKILLPASS_ADMIN_TOKEN'),
    keyEncryptionKey: s.raw('SKILLPASS_KEY_ENCRYPTION_KEY'),
    keyEncryptionKeyFile: s.raw('SKILLPASS_KEY_ENCRYPTION_KEY_FILE'),
    bodyLimitBytes: s.integer('SKILLPASS_BODY_LIMIT', 256 * 1024, 1024, 64 * 1024 * 1024),
    seedDemo: s.oneOf('SKILLPASS_SEED_DEMO', 'true', ['true', 'false']) === 'true',
    seedDemoOutcomes: s.oneOf('SKILLPASS_SEED_DEMO_OUTCOMES', 'true', ['true', 'false']) === 'true',
    proofThreads: threads,
    maxEventLoopDelayMs: s.integer('SKILLPASS_MAX_EVENT_LOOP_DELAY_MS', 250, 1, 60_000),
    logLevel: s.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    batchBodyLimitBytes: s.integer('SKILLPASS_BATCH_BODY_LIMIT', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    rateLimits: rateLimitsFromEnv(env),
    cliToken: s.raw('SKILLPASS_TOKEN'),
    walletOfferDays: s.integer('SKILLPASS_WALLET_OFFER_DAYS', 7, 1, 90),
  };
}

/** The benchmark's switch to run jsonld.js exactly as shipped (its baseline): read when that module loads. */
export const jsonldStockFromEnv = (env: NodeJS.ProcessEnv = process.env): boolean =>
  settings(env).oneOf('SKILLPASS_JSONLD_STOCK', '0', ['0', '1']) === '1';
