import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensurePrivateDir, restrictMode } from '../../fs/private-files.js';

/**
 * The operator's key-encryption key. Production: SKILLPASS_KEY_ENCRYPTION_KEY (base64 or hex)
 * or SKILLPASS_KEY_ENCRYPTION_KEY_FILE. Demo mode only: generated into the data folder,
 * with a loud warning (see keys.example/README.md).
 */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32)
    throw new Error('The key-encryption key must be 32 bytes, given as 64 hex characters or base64.');
  return key;
}

export function loadOperatorKey(opts: {
  key?: string | undefined;
  file?: string | undefined;
  dataDir: string;
  warn: (msg: string) => void;
}): Buffer {
  if (opts.key) return parseKey(opts.key);
  if (opts.file) return parseKey(readFileSync(opts.file, 'utf8'));
  const demoFile = join(opts.dataDir, 'demo-operator.key');
  ensurePrivateDir(opts.dataDir);
  if (!existsSync(demoFile)) writeFileSync(demoFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  restrictMode(demoFile, 0o600);
  opts.warn(
    `DEMO MODE: private keys are encrypted with a generated key in ${demoFile}. ` +
      'Set SKILLPASS_KEY_ENCRYPTION_KEY (or _FILE) for any real use; see keys.example/README.md.',
  );
  return parseKey(readFileSync(demoFile, 'utf8'));
}
