/**
 * Debian's Chromium through playwright-core, for e2e tests.
 *
 *   const browser = await launchBrowser();          // or null: skip (no chromium, not in CI)
 *   const page = await browser.context.newPage();
 *   ...
 *   await browser.close();
 *
 * Outside CI a missing chromium returns null (use `describe.skipIf(!browser)`); in CI (`CI` set) it throws, so a
 * broken runner can never pass by skipping the browser tests.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface TestBrowser {
  /** A fresh profile (persistent context in a temp dir): open pages with `context.newPage()`. */
  context: BrowserContext;
  close(): Promise<void>;
}

/** True when the browser tests can run here. In CI a missing chromium is an error, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return false;
}

/** Launches headless Chromium with a throw-away profile; null when unavailable outside CI. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser | null> {
  if (!chromiumAvailable()) return null;
  const profile = await mkdtemp(join(tmpdir(), 'qa-chromium-'));
  // Chromium's own defaults, nothing relaxed: the app's cross-site iframe (127.0.0.1 inside localhost, like
  // zdusercontent.com inside zendesk.com) gets no storage, as in a browser that blocks third-party storage
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
