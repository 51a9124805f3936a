/**
 * Screenshots of the pages people meet, for the docs: `npm run screenshots` (npx tsx scripts/screenshots.ts).
 * Starts a test hub on a real loopback port (real SQLite, the demo registry), puts it in each
 * state a page must show, and saves a phone (390x844) and a desktop (1280x800) PNG of the
 * first screen of each to docs/screenshots/<name>-<phone|desktop>.png. Needs Chromium
 * (test/browser/helpers/chromium.ts) and, for the Asian scripts, fonts-noto-core.
 *
 * A page owner adds a page by adding entries to SHOTS: a name and a setup that returns where
 * to go (a path on the hub, or a credential to post to /v as the paste form does).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/browser/helpers/chromium.js';
import { startLiveHub } from '../test/browser/helpers/live-hub.js';
import { postCredential } from '../test/browser/helpers/post-credential.js';
import type { TestHub } from '../test/helpers/test-hub.js';
import {
  bareId,
  issueRevoked,
  issueSuspended,
  issueValid,
  tamperedCredential,
  uncheckableCredential,
  unknownIssuerCredential,
} from '../test/helpers/certificates.js';

type Target = { path: string } | { post: Record<string, unknown> };

export interface Shot {
  /** file name stem: docs/screenshots/<name>-<phone|desktop>.png */
  name: string;
  /** prepares the hub and says what to open; `at` sets the hub's clock while the page is taken */
  setup(hub: TestHub): Promise<Target & { at?: string; lang?: string }>;
}

export const SHOTS: Shot[] = [
  { name: 'verify-valid', setup: async (hub) => ({ path: `/v/${bareId((await issueValid(hub)).id)}` }) },
  {
    name: 'verify-revoked',
    setup: async (hub) => ({ path: `/v/${bareId((await issueRevoked(hub)).id)}` }),
  },
  {
    name: 'verify-suspended',
    setup: async (hub) => ({ path: `/v/${bareId((await issueSuspended(hub)).id)}` }),
  },
  {
    name: 'verify-expired',
    setup: async (hub) => ({ path: `/v/${bareId((await issueValid(hub)).id)}`, at: '2032-01-01T00:00:00Z' }),
  },
  {
    name: 'verify-not-yet-valid',
    setup: async (hub) => ({ path: `/v/${bareId((await issueValid(hub)).id)}`, at: '2026-11-19T00:00:00Z' }),
  },
  { name: 'verify-altered', setup: async (hub) => ({ post: await tamperedCredential(hub) }) },
  { name: 'verify-unknown-issuer', setup: async (hub) => ({ post: await unknownIssuerCredential(hub) }) },
  { name: 'verify-not-found', setup: async () => ({ path: '/v/00000000-0000-4000-8000-000000000000' }) },
  { name: 'verify-unchecked', setup: async (hub) => ({ post: await uncheckableCredential(hub) }) },
  // the same answer in the reader's script, and the other pages people meet
  {
    name: 'verify-valid-km',
    setup: async (hub) => ({ path: `/v/${bareId((await issueValid(hub)).id)}`, lang: 'km' }),
  },
  {
    name: 'verify-revoked-th',
    setup: async (hub) => ({ path: `/v/${bareId((await issueRevoked(hub)).id)}`, lang: 'th' }),
  },
  {
    name: 'worker-valid-km',
    setup: async (hub) => ({ path: `/v/${bareId((await issueValid(hub)).id)}/worker`, lang: 'km' }),
  },
  {
    name: 'worker-revoked',
    setup: async (hub) => ({ path: `/v/${bareId((await issueRevoked(hub)).id)}/worker` }),
  },
  { name: 'scan-my', setup: async () => ({ path: '/scan', lang: 'my' }) },
  { name: 'recognition-lo', setup: async () => ({ path: '/recognition', lang: 'lo' }) },
  { name: 'centre-th', setup: async () => ({ path: '/centre', lang: 'th' }) },
];

const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

const OUT = join(process.cwd(), 'docs', 'screenshots');

async function open(page: Page, hub: TestHub & { url: string }, target: Target, lang: string) {
  if ('post' in target) await postCredential(page, hub.url, JSON.stringify(target.post), lang);
  else await page.goto(`${hub.url}${target.path}${target.path.includes('?') ? '&' : '?'}lang=${lang}`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  const hub = await startLiveHub();
  const browser = await launchChromium();
  try {
    for (const shot of SHOTS.filter((s) => only.length === 0 || only.includes(s.name))) {
      const { at, lang = 'en', ...target } = await shot.setup(hub);
      const before = hub.clock.now().toISOString();
      if (at) hub.clock.set(at);
      try {
        for (const [size, viewport] of Object.entries(SIZES)) {
          const page = await browser.context.newPage();
          await page.setViewportSize(viewport);
          await open(page, hub, target as Target, lang);
          const file = join(OUT, `${shot.name}-${size}.png`);
          await page.screenshot({ path: file });
          await page.close();
          console.log(file);
        }
      } finally {
        hub.clock.set(before);
      }
    }
  } finally {
    await browser.close();
    await hub.close();
  }
}

await main();
