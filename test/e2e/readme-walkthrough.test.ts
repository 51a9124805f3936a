import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import {
  checkoutLike,
  fillIn,
  runWalkthrough,
  shellBlocks,
  walkthroughBlocks,
  walkthroughScript,
  type WalkthroughRun,
} from '../helpers/readme-walkthrough.js';

/**
 * The README is executable: the shell blocks of "A walk through the flow" (marked
 * `<!-- walkthrough -->`) run with bash, as written, against a freshly started hub (the real
 * server process, as `npm start` starts it, on a free port of 127.0.0.1 with a temp data dir),
 * from a folder that looks like a checkout. Only the two lines the README asks the reader to
 * fill in are substituted: HUB= (the address) and ADMIN= (the admin token the start-up output
 * printed). Then everything runs a second time in the same folder, as a reader who re-runs it.
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** `[expected, actual]` steps in order: `actual` must contain `expected` as a subsequence. */
const inOrder = (actual: string[], expected: string[]) => {
  let at = 0;
  for (const step of actual) if (step === expected[at]) at++;
  return expected.slice(at);
};

describe('README walk-through, run as written', () => {
  let server: ServerProcess;
  let work: string;
  let script: string;
  let first: WalkthroughRun;

  beforeAll(async () => {
    // the printed admin token, not one set in the environment; no shedding of load on a busy test machine (a 503 is not the README's fault)
    server = await startServerProcess({
      SKILLPASS_ADMIN_TOKEN: '',
      SKILLPASS_MAX_EVENT_LOOP_DELAY_MS: '60000',
    });
    const admin = /^Admin token: (sp_admin_\S+)$/m.exec(server.output())?.[1];
    if (!admin) throw new Error(`no admin token in the start-up output:\n${server.output()}`);
    script = walkthroughScript(walkthroughBlocks(README));
    script = fillIn(fillIn(script, 'HUB', server.url), 'ADMIN', admin);
    work = checkoutLike(ROOT);
  });
  afterAll(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('every shell block of "A walk through the flow" is marked, and only marked blocks run', () => {
    const blocks = shellBlocks(README);
    const inSection = blocks.filter((b) => b.section === 'A walk through the flow');
    expect(inSection.length).toBeGreaterThanOrEqual(6);
    expect(inSection.filter((b) => !b.marked).map((b) => `README line ${b.line}`)).toEqual([]);
    expect(walkthroughBlocks(README).map((b) => b.line)).toEqual(
      blocks.filter((b) => b.marked).map((b) => b.line),
    );
    // the reader fills in the address and the printed admin token; every other token and id comes from the answers
    expect(walkthroughBlocks(README)[0]!.text).toMatch(/^ADMIN=sp_admin_\.\.\. .*start-up output/m);
    expect(
      walkthroughBlocks(README)
        .map((b) => b.text)
        .join('\n'),
    ).not.toMatch(/sp_issuer_|urn:uuid:\.\.\.|<uuid>/);
  });

  it('runs on a fresh hub: the admin registers, the new centre certifies, anyone verifies, the centre revokes, offline lists agree, a cohort is certified', async () => {
    first = await runWalkthrough(script, work, { SKILLPASS_DATA_DIR: server.dataDir });
    const context = `\n--- stdout\n${first.stdout}\n--- stderr\n${first.stderr}`;
    expect(first.exits, context).toEqual(first.blocks.map(() => 0));
    expect(first.blocks.length, context).toBe(walkthroughBlocks(README).length);
    // every request answered as it should on a fresh hub: no refusal anywhere
    expect(
      first.requests.filter((r) => !/^2\d\d /.test(r)),
      context,
    ).toEqual([]);
    expect(
      inOrder(first.requests, [
        '201 POST /registry/qualifications',
        '201 POST /registry/spokes',
        '201 POST /registry/spokes/kh-btb/accreditations',
        '201 POST /certificates',
        '200 POST /verifications',
        '200 POST /verifications',
        '200 POST /recognition/check',
        '200 GET /registry/trust-list',
        '200 GET /status-lists/kh-btb-1-revocation',
        '200 GET /status-lists/kh-btb-1-suspension',
        '200 POST /credentials/status',
        '200 POST /verifications',
        '200 GET /status-lists/kh-btb-1-revocation',
        '200 GET /status-lists/kh-btb-1-suspension',
      ]),
      context,
    ).toEqual([]);
    // the one command that fails is the offline check of the revoked certificate (exit 1: invalid), as the README says
    expect(first.failures, context).toEqual([
      '1 npm run cli -- verify walk/cert.json --trust-list walk/tl.jws --status-lists walk/lists/',
    ]);

    const [, registry, certify, verify, offline, revoke, cohort] = first.blocks as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    expect(registry).toContain('"aqrfLevel":2');
    expect(registry).toContain('"spoke":"kh-btb"');

    // the certificate is the new centre's, for the qualification it was just accredited for
    const spoke = JSON.parse(readFileSync(join(work, 'walk/kh-btb.json'), 'utf8'));
    const cert = JSON.parse(readFileSync(join(work, 'walk/cert.json'), 'utf8'));
    expect(cert.issuer.id ?? cert.issuer).toBe(spoke.did);
    expect(JSON.stringify(cert.credentialSubject)).toContain('TH-PLASTER-2');
    const verifyUrl = certify.trim();
    expect(verifyUrl).toMatch(new RegExp(`^${server.url}/v/[0-9a-f-]{36}$`));
    const page = await fetch(verifyUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sok Dara');

    expect(verify).toMatch(/^valid\nvalid\n/);
    expect(verify).toContain('outcome: VALID'); // the CLI against the hub's database, no PORT given
    expect(verify.trim().split('\n').at(-1)).toBe('recognised-with-conditions');

    expect(offline).toContain('outcome: VALID');
    expect(offline).toMatch(/status list http:\S+\/status-lists\/kh-btb-1-revocation /);
    expect(offline).toMatch(/status list http:\S+\/status-lists\/kh-btb-1-suspension /);

    expect(revoke).toMatch(/"status":true/);
    expect(revoke).toMatch(/^invalid$/m);
    expect(revoke).toContain('outcome: INVALID');
    expect(revoke).toMatch(/\[FAIL\] status .*\(revoked\)/);
    expect(revoke).toMatch(/^exit code 1$/m);

    expect(cohort).toMatch(/^certified +2$/m);
    const rows = readFileSync(join(work, 'walk/results/results.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows.slice(1)).toHaveLength(2);
    expect(rows.slice(1).every((r) => r.includes('issued'))).toBe(true);
  }, 300_000);

  it('runs again in the same folder without failing: what exists is reused, the cohort resumes and issues nothing twice', async () => {
    expect(first, 'the first run must have run').toBeDefined();
    const again = await runWalkthrough(script, work, { SKILLPASS_DATA_DIR: server.dataDir });
    const context = `\n--- stdout\n${again.stdout}\n--- stderr\n${again.stderr}`;
    expect(again.exits, context).toEqual(again.blocks.map(() => 0));
    expect(again.blocks.length, context).toBe(walkthroughBlocks(README).length);
    // only the two registry entries that exist already are refused; the admin gives the centre a new token
    expect(
      again.requests.filter((r) => !/^2\d\d /.test(r)),
      context,
    ).toEqual(['409 POST /registry/qualifications', '409 POST /registry/spokes']);
    expect(again.requests, context).toContain('201 POST /tokens');
    expect(again.failures, context).toEqual([
      '1 npm run cli -- verify walk/cert.json --trust-list walk/tl.jws --status-lists walk/lists/',
    ]);
    const [, , , verify, offline, revoke, cohort] = again.blocks as string[];
    expect(verify).toMatch(/^valid\nvalid\n/);
    expect(offline).toContain('outcome: VALID');
    expect(revoke).toMatch(/\[FAIL\] status .*\(revoked\)/);
    expect(again.stderr).toContain('Resuming batch');
    expect(cohort).toMatch(/^certified +2$/m);
  }, 300_000);
});
