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
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
