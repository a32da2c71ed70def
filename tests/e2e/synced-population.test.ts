/**
 * The synced population in the nav bar, end to end (decision 028): Chromium through the local Zendesk, the built app
 * and the QA service on PGlite after one scheduled sync run. A lead sets a plan, asks for suggestions and gets them
 * from the synced tickets, for every agent who solved tickets, said under the list; coverage says what was synced; the
 * reports show CSAT and times over every synced ticket beside the reviewed ones, with staff names from the synced users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { openNavBar, startDevhost, USERS, type DevhostHandle, syncOnce } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

describe.skipIf(!chromiumAvailable())('the synced population in the nav bar', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'small', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(10_000);
    await syncOnce(dh);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('a lead gets suggestions from the synced tickets of every agent, and coverage says what was synced', async () => {
    const { app: frame, page } = await openNavBar(browser, dh, USERS.lee);
    // the browser's scan is not used: no ticket list is read from Zendesk
    const listReads: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v2\/(tickets|ticket_metrics)\.json/.test(r.url())) listReads.push(r.url());
    });
    await frame.getByRole('tab', { name: 'Plan' }).click();
    await frame.getByLabel('Evaluations per week').first().fill('2');
    await frame.getByRole('button', { name: 'Save plan' }).click();
    await frame.getByText('Plan saved.').waitFor();
    await frame.getByRole('button', { name: 'Suggest tickets' }).click();
    const source = frame.locator('[data-source="synced"]', { hasText: 'synced from Zendesk' }).last();
    await source.waitFor();
    expect(await source.textContent()).toMatch(/Drawn from all \d+ tickets solved in the week or the week before, synced from Zendesk\./);
    const agents = new Set(await frame.locator('[data-table="suggestions"] tbody tr td:nth-child(2)').allTextContents());
    // the sample's agents who solve tickets, by their synced names
    expect([...agents].sort()).toEqual(['Alex Agent', 'Jordan Park', 'Mia Novak', 'Omar Haddad', 'Sam Support']);
    expect(await frame.locator('[data-table="suggestions"] tbody tr').count()).toBe(10);
    expect(listReads).toEqual([]);
    expect(await frame.locator('[data-source]').first().textContent()).toContain('Synced from Zendesk');
    expect(await axeViolations(dh.frameOf(page, 'nav_bar')!)).toEqual([]);
    await page.close();
  });

  it('the reports show CSAT and times over every synced ticket beside the reviewed ones', async () => {
    const { app: frame, page } = await openNavBar(browser, dh, USERS.lee);
    const table = frame.locator('[data-table="population"]');
    await table.waitFor();
    const all = table.locator('tbody tr').first();
    expect(await all.locator('th').textContent()).toBe('All');
    expect(Number(await all.locator('td').first().textContent())).toBeGreaterThan(0);
    expect(await table.locator('tbody th').allTextContents()).toContain('Jordan Park');
    await frame.locator('[data-population="synced"]').getByRole('button', { name: 'Channel' }).click();
    expect(await table.locator('tbody th').allTextContents()).toEqual(expect.arrayContaining(['All', 'Email', 'Chat']));
    // the buttons' colours move for a moment after a press
    await page.waitForTimeout(500);
    expect(await axeViolations(dh.frameOf(page, 'nav_bar')!)).toEqual([]);
    await page.close();
  });
});
