import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Data at rest is for the service's own user only: the data folder 0700, its files (the SQLite
 * database and its -wal and -shm companions, the demo key and tokens) 0600. Created that way,
 * and tightened at start-up when an earlier version (or a hand-made folder) left them open to
 * group or others.
 */

/** Removes the group and other bits beyond `mode` (never widens); a path we may not change (not ours) is left as it is. */
export function restrictMode(path: string, mode: number): void {
  let current: number;
  try {
    current = statSync(path).mode & 0o777;
  } catch {
    return;
  } // absent: nothing to fix
  if ((current & ~mode) === 0) return;
  try {
    chmodSync(path, current & mode);
  } catch (err) {
    // a folder owned by someone else (a mounted volume): its files are still 0600
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}

/** The data folder: created 0700 (with any missing parents), or tightened to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrictMode(dir, 0o700);
}

/** A file that may not exist yet, created empty with mode 0600 (an empty file is also an empty SQLite database), or tightened to 0600. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  restrictMode(file, 0o600);
}
