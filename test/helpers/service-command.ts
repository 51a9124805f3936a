import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIGEST_FILE, sourceDigest } from '../../scripts/source-digest.mjs';

/**
 * How tests run the `skillpass` command: the compiled service (dist/src/cli/main.js, what the
 * Docker image runs) when dist/ was built from exactly the sources of this checkout, else the
 * sources through tsx. `npm test` builds first, so the suite starts each server process in
 * about a third of the time tsx takes; a test run straight after an edit (no build) still
 * runs the edited code. SKILLPASS_TEST_FROM_SOURCE=1 forces the sources.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether `root`'s dist/ was built from `root`'s current sources (scripts/source-digest.mjs). */
export function compiledIsCurrent(root: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const stamp = join(root, 'dist', DIGEST_FILE);
  return (
    env.SKILLPASS_TEST_FROM_SOURCE !== '1' &&
    existsSync(join(root, 'dist/src/cli/main.js')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === sourceDigest(root)
  );
}

/**
 * The command and arguments that run `skillpass <args>` in `root` with node itself as the process
 * (so a signal to it reaches the service; the tsx binary would run it in a grandchild).
 */
export function commandIn(root: string, compiled: boolean, args: string[]): [string, string[]] {
  return compiled
    ? [process.execPath, [join(root, 'dist/src/cli/main.js'), ...args]]
    : [process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]];
}

let compiledHere: boolean | undefined; // one digest per test file
export function serviceCommand(args: string[]): [string, string[]] {
  compiledHere ??= compiledIsCurrent(ROOT);
  return commandIn(ROOT, compiledHere, args);
}
