#!/usr/bin/env node
// Build step run after `tsc -p tsconfig.build.json`: copies the non-TypeScript files that
// src/ reads at runtime via `new URL(..., import.meta.url)` next to the compiled JS, so that
// dist/src/... resolves them exactly as src/... does:
//   src/**/*.sql, *.json, *.mjs  -> dist/src/**   (SQL migrations, bundled JSON-LD contexts, the proof worker's entry)
//   schemas/                     -> dist/schemas  (read from dist/src/http/schemas.js)
//   data/                        -> dist/data     (demo seed, read from dist/src/services/registry/seed-demo.js)
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIGEST_FILE, sourceDigest } from './source-digest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const ASSET_EXTENSIONS = new Set(['.sql', '.json', '.mjs']);
let copied = 0;

function copyFile(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
  copied += 1;
}

function copySrcAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copySrcAssets(path);
    else if (entry.isFile() && ASSET_EXTENSIONS.has(extname(entry.name)))
      copyFile(path, join(dist, relative(root, path)));
  }
}

function copyTree(name, skip = () => false) {
  const from = join(root, name);
  if (!existsSync(from)) throw new Error(`copy-assets: ${name}/ is missing`);
  rmSync(join(dist, name), { recursive: true, force: true }); // no stale files from an earlier build
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip(relative(from, path))) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) copyFile(path, join(dist, relative(root, path)));
    }
  };
  walk(from);
}

if (!existsSync(join(dist, 'src', 'cli', 'main.js'))) {
  throw new Error('copy-assets: dist/src/cli/main.js not found; run `tsc -p tsconfig.build.json` first');
}
copySrcAssets(join(root, 'src'));
copyTree('schemas');
// data/runtime/ is local state (gitignored), not part of the build.
copyTree('data', (rel) => rel === 'runtime');
// what this build was made from: the tests run dist/ only while it matches (scripts/source-digest.mjs)
writeFileSync(join(dist, DIGEST_FILE), `${sourceDigest(root)}\n`);
console.log(`copy-assets: ${copied} files copied into dist/`);
