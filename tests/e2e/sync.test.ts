/**
 * The nav bar's Sync tab end to end: Chromium through the local Zendesk with the real ZAF SDK, the built app and the
 * QA service on PGlite, after a scheduled run synced the local Zendesk. An admin reads the status, turns conversation
 * text off by keyboard (the form says what saving deletes) and sees it saved under their name; axe finds nothing
 * serious; a lead has no Sync tab, and the service refuses them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { openNavBar, startDevhost, USERS, type DevhostHandle, syncOnce } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

describe.skipIf(!chromiumAvailable())('Sync tab in the devhost', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'small', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(10_000);
    // one scheduled run, as npm start makes one at start
    await syncOnce(dh);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it("an admin reads the sync's status and turns conversation text off by keyboard", async () => {
    const { app: frame, page } = await openNavBar(browser, dh, USERS.ada);
    await frame.getByRole('tab', { name: 'Sync' }).click();
    const panel = frame.getByTestId('sync');
    await panel.getByRole('heading', { name: 'Zendesk sync' }).waitFor();
    const figure = (term: string) => panel.locator('.qa-sync__figure', { has: frame.locator('dt', { hasText: term }) }).locator('dd');
    expect(Number((await figure('Tickets synced').textContent())!.replace(/\D/g, ''))).toBe(dh.state.tickets().length);
    expect(await figure('Now').textContent()).toBe('Waiting for the next run');
    expect(await panel.textContent()).toContain('The last run ended without an error.');
    expect(await axeViolations(dh.frameOf(page, 'nav_bar')!)).toEqual([]);

    // by keyboard: to the text checkbox, Space, the warning, then Save with Enter
    const text = panel.getByLabel('Keep conversation text', { exact: true });
    await text.focus();
    await page.keyboard.press('Space');
    expect(await text.isChecked()).toBe(false);
    expect(await panel.getByTestId('sync-deletes').textContent()).toMatch(/^Saving deletes the [\d,]+ comments stored now\.$/);
    await panel.getByRole('button', { name: 'Save sync settings' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('sync-notice').getByText('Sync settings saved.').waitFor();
    expect(await figure('Comments stored').textContent()).toBe('None (conversation text is off)');
    await panel
      .getByTestId('sync-changed')
      .getByText(/^Last changed by Ada Admin on /)
      .waitFor();
    expect(await axeViolations(dh.frameOf(page, 'nav_bar')!)).toEqual([]);

    const res = await dh.service('/sync', { user: USERS.ada, role: 'admin' });
    expect(await res.json()).toMatchObject({ settings: { conversations: false }, changedBy: USERS.ada, status: { commentsStored: 0 } });
    await page.close();
  });

  it('a lead has no Sync tab, and the service refuses them', async () => {
    const { app: frame, page } = await openNavBar(browser, dh, USERS.lee);
    await frame.getByRole('tab').first().waitFor();
    const tabs = await frame.getByRole('tab').allTextContents();
    expect(tabs).not.toContain('Sync');
    expect((await dh.service('/sync', { user: USERS.lee, role: 'lead' })).status).toBe(403);
    await page.close();
  });
});
