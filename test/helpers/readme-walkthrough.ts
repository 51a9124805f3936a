import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's walk-through as a script: the fenced `sh` blocks marked `<!-- walkthrough -->`,
 * in document order, run with bash in a folder that looks like a checkout (README "A walk
 * through the flow"). Only the lines the README tells the reader to fill in from the start-up
 * output are substituted (`HUB=`, `ADMIN=`).
 */
export const WALKTHROUGH_MARKER = '<!-- walkthrough -->';

export interface ReadmeBlock {
  line: number;
  text: string;
}

/** Every fenced shell block of the README with the line it starts on, and whether the marker stands right before it. */
export function shellBlocks(readme: string): (ReadmeBlock & { marked: boolean; section: string })[] {
  const lines = readme.split('\n');
  const blocks: (ReadmeBlock & { marked: boolean; section: string })[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^## /.test(lines[i]!)) section = lines[i]!.slice(3).trim();
    if (!/^```(sh|bash)\s*$/.test(lines[i]!)) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README line ${i + 1}: a code block that never closes`);
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    blocks.push({
      line: i + 1,
      text: lines.slice(i + 1, end).join('\n'),
      marked: lines[before]?.trim() === WALKTHROUGH_MARKER,
      section,
    });
    i = end;
  }
  return blocks;
}

/** The marked blocks; a marker that does not stand right before a shell block is an error (it would silently select nothing). */
export function walkthroughBlocks(readme: string): ReadmeBlock[] {
  const markers = readme.split('\n').filter((l) => l.trim() === WALKTHROUGH_MARKER).length;
  const marked = shellBlocks(readme).filter((b) => b.marked);
  if (marked.length !== markers)
    throw new Error(
      `${markers} ${WALKTHROUGH_MARKER} markers but ${marked.length} marked shell blocks: a marker must stand right before a \`\`\`sh block`,
    );
  return marked.map(({ line, text }) => ({ line, text }));
}

/** Sets `NAME=value` on the line that assigns it (exactly one such line, or the README changed under the test). */
export function fillIn(script: string, name: string, value: string): string {
  const pattern = new RegExp(`^${name}=\\S+`, 'gm');
  const count = script.match(pattern)?.length ?? 0;
  if (count !== 1)
    throw new Error(`the walk-through should assign ${name}= once, on its own line; it does ${count} times`);
  return script.replace(pattern, `${name}=${value}`);
}

/**
 * The script bash runs: every curl call also reports `@@http <status> <method> <url>` on stderr
 * (curl's own --write-out, so the README's pipes and redirections see the same answers), every
 * command that fails reports `@@err <code> <command>`, and each block ends with `@@block <n> exit <code>`.
 */
export function walkthroughScript(blocks: ReadmeBlock[]): string {
  return [
    'set -E',
    `trap 'echo "@@err $? $BASH_COMMAND" >&2' ERR`,
    `curl() { command curl -w '%{stderr}@@http %{http_code} %{method} %{url_effective}\\n' "$@"; }`,
    ...blocks.map((b, i) => `${b.text}\necho "@@block ${i} exit $?"`),
  ].join('\n');
}

export interface WalkthroughRun {
  /** stdout of each block */
  blocks: string[];
  exits: number[];
  /** `status METHOD /path` of every request, in order */
  requests: string[];
  /** commands that failed: `code command` */
  failures: string[];
  stdout: string;
  stderr: string;
}

/** A folder that looks like a checkout (each top-level entry links to the real one), without the hub's data. */
export function checkoutLike(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-readme-'));
  for (const entry of readdirSync(root)) {
    if (['.git', '.data', 'walk', 'dist'].includes(entry)) continue;
    symlinkSync(join(root, entry), join(dir, entry));
  }
  return dir;
}

export function runWalkthrough(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<WalkthroughRun> {
  writeFileSync(join(cwd, 'walkthrough.sh'), script);
  const base = { ...process.env };
  // the reader's terminal: none of the server's own settings, only what the README says to set
  for (const k of [
    'PORT',
    'HOST',
    'SKILLPASS_PUBLIC_URL',
    'SKILLPASS_ADMIN_TOKEN',
    'SKILLPASS_DATABASE_URL',
    'SKILLPASS_TOKEN',
  ])
    delete base[k];
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['walkthrough.sh'], {
      cwd,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('exit', () => {
      const blocks: string[] = [];
      const exits: number[] = [];
      let rest = stdout;
      for (let m = /@@block (\d+) exit (\d+)\n/.exec(rest); m; m = /@@block (\d+) exit (\d+)\n/.exec(rest)) {
        blocks.push(rest.slice(0, m.index));
        exits.push(Number(m[2]));
        rest = rest.slice(m.index + m[0].length);
      }
      const tagged = (tag: string) =>
        [...stderr.matchAll(new RegExp(`@@${tag} (.*)`, 'g'))].map((m) => m[1]!);
      const requests = tagged('http').map((l) => {
        const [status, method, url] = l.split(' ');
        return `${status} ${method} ${new URL(url!).pathname}`;
      });
      resolve({ blocks, exits, requests, failures: tagged('err'), stdout, stderr });
    });
  });
}
