// One SHA-256 over everything the compiled service (dist/) is built from: the sources, the
// schemas, the data, the TypeScript settings and the locked dependencies. scripts/copy-assets.mjs
// writes it to dist/.source-digest after a build; the tests start the compiled service only
// while the digest still matches (test/helpers/service-command.ts), and the sources through tsx
// otherwise, so a test never runs code older than the checkout.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TREES = ['src', 'schemas', 'data'];
const FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/copy-assets.mjs'];
const SKIP = new Set(['data/runtime']); // local state, gitignored, not built

function walk(root, dir, out) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (SKIP.has(rel)) continue;
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

export function sourceDigest(root) {
  const files = [];
  for (const tree of TREES) if (existsSync(join(root, tree))) walk(root, tree, files);
  for (const file of FILES) if (existsSync(join(root, file))) files.push(file);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(`${relative(root, join(root, file))}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export const DIGEST_FILE = '.source-digest';
