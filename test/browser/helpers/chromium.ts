import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real headless Chromium (Debian's package, /usr/bin/chromium; .ci/run installs it) driven by
 * playwright-core, which never downloads a browser. Each call gets a fresh profile folder.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** what Chromium refused under a page's Content-Security-Policy (its console reports each refusal), for every page of the context */
  cspViolations: string[];
  close(): Promise<void>;
}

export async function launchChromium(
  options: { extraArgs?: string[]; javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium), as .ci/run does`,
    );
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'skillpass-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...(options.extraArgs ?? [])],
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 1,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const cspViolations: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (m) => {
      if (/Content[ -]Security[ -]Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    cspViolations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
