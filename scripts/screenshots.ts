/**
 * `npm run screenshots`: the README's pictures, taken from the local Zendesk so they stay current.
 * Uses a running `npm start` on DEVHOST_URL (default http://localhost:4567/) when one answers; otherwise starts
 * the product in-process on a throw-away database with the full demo data. Writes docs/screenshots/sidebar.png
 * (a QA reviewer on a chat ticket) and docs/screenshots/navbar.png (the nav bar page as the admin).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, startProduct, type RunningProduct } from '../src/devhost/product.ts';
import { IDS } from '../src/devhost/sample-data.ts';
import { launchBrowser } from '../tests/support/browser.ts';

const OUT = join(ROOT, 'docs', 'screenshots');

async function running(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/__devhost/faults', url), { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Waits until the app's frame has rendered and its requests have settled. */
async function settle(page: Page, location: string, selector: string): Promise<void> {
  const handle = await page.waitForSelector(`iframe.app-${location}`);
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector(selector, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
}

async function main(): Promise<void> {
  const wanted = process.env.DEVHOST_URL ?? `http://localhost:${process.env.PORT ?? 4567}/`;
  let product: RunningProduct | null = null;
  let base = wanted;
  if (!(await running(wanted))) {
    console.log(`no devhost at ${wanted}: starting one in-process`);
    product = await startProduct({ dataDir: 'memory://', seed: 'full', log: (l) => console.log(`  ${l}`) });
    base = product.devhost.url;
  }
  const browser = await launchBrowser({ viewport: { width: 1360, height: 900 } });
  if (!browser) throw new Error('Chromium is needed for screenshots (apt-get install -y chromium)');
  try {
    await mkdir(OUT, { recursive: true });
    const page = await browser.context.newPage();
    const chatTicket = 2;
    await page.goto(`${base}?user=${IDS.users.rita}&ticket=${chatTicket}`);
    await settle(page, 'ticket_sidebar', '.qa-sidebar');
    // the workspace with the conversation and the app beside it, as a reviewer sees it
    await page.locator('main').screenshot({ path: join(OUT, 'sidebar.png') });

    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(`${base}?user=${IDS.users.ada}&app=nav_bar`);
    await settle(page, 'nav_bar', 'body *');
    await page.locator('iframe.app-nav_bar').screenshot({ path: join(OUT, 'navbar.png') });
    console.log(`wrote ${join(OUT, 'sidebar.png')} and ${join(OUT, 'navbar.png')}`);
  } finally {
    await browser.close();
    await product?.close();
  }
}

main().catch((err: unknown) => {
  console.error('screenshots failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
