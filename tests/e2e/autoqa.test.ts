/**
 * AutoQA end to end (issue 16): Chromium through the local Zendesk with the real ZAF SDK, the built app and the QA
 * service on PGlite after one scheduled run (sync, then the checks). A scorecard with criteria pre-rated by checks is
 * published; a reviewer opens a synced ticket, finds those criteria rated with a suggestion and its evidence, overrides
 * one and submits; the lead's report then shows that check's agreement with reviewers resting on one more rating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutoQaTrust } from '../../src/core/contract/autoqa.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { json, openNavBar, startDevhost, USERS, type DevhostHandle, syncOnce } from '../support/devhost.ts';
import { openTicketSidebar, sampleTicket } from '../support/sidebar.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

const NAME = 'Web replies, pre-rated';
const CARD = {
  formatVersion: 2,
  name: NAME,
  method: 'weighted-criteria',
  passThreshold: 70,
  sections: [
    {
      id: 'writing',
      name: 'Writing',
      criteria: [
        {
          id: 'greets',
          label: 'Greets the customer',
          scale: { preset: 'binary' },
          weight: 1,
          auto: { check: 'greeting', whenTrue: 1, whenFalse: 0 },
        },
        {
          id: 'clear',
          label: 'Clear to read',
          scale: { preset: '3-point' },
          weight: 1,
          auto: {
            check: 'readability',
            bands: [
              { atLeast: 60, option: 2 },
              { atLeast: 40, option: 1 },
            ],
            otherwise: 0,
          },
        },
        { id: 'solved', label: 'Solves the problem', scale: { preset: '3-point' }, weight: 2 },
      ],
    },
  ],
};

const pairsOf = async (check: string) => {
  const trust = await json<AutoQaTrust>(dh.service('/autoqa/trust', { user: USERS.lee, role: 'lead' }));
  return trust.checks.find((c) => c.checkId === check)?.kappa.n ?? 0;
};

describe.skipIf(!chromiumAvailable())('pre-rated criteria from the sidebar to the trust report', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'small', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(15_000);
    await syncOnce(dh);
    const admin = { user: USERS.ada, role: 'admin' } as const;
    const created = await json<{ id: string }>(dh.service('/scorecards', admin, { method: 'POST', body: CARD }));
    expect((await dh.service(`/scorecards/${created.id}/publish`, admin, { method: 'POST' })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('a reviewer accepts one suggestion, overrides another with its evidence in view, submits; the check agrees with one more rating', {
    timeout: 120_000,
  }, async () => {
    const before = await pairsOf('greeting');
    const ticket = sampleTicket(dh, 'Refund for cancelled subscription');
    const { page, app } = await openTicketSidebar(dh, browser, { user: USERS.rita, ticket });
    const picker = app.locator('#qa-scorecard');
    if (await picker.count()) await picker.selectOption({ label: NAME });

    const row = (id: string) => app.locator(`[data-crit]:has(#qa-c-${id}-label)`);
    const greets = row('greets');
    await greets.locator('.qa-auto').waitFor();
    expect(await greets.locator('.qa-auto').innerText()).toContain('Suggested by Greeting');
    const suggested = await greets.locator('[role=radio][aria-checked=true]').innerText();
    expect(['1\nNo', '2\nYes']).toContain(suggested);
    expect(await row('clear').locator('[role=radio][aria-checked=true]').count()).toBe(1);
    expect(await row('solved').locator('.qa-auto').count()).toBe(0);

    // the evidence, one button away: the value and the words that decided it
    const why = greets.getByRole('button', { name: 'Why?' });
    await why.click();
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    const evidence = greets.locator('.qa-evidence');
    expect(await evidence.innerText()).toMatch(/Value: (yes|no)/);
    expect(await evidence.locator('mark').count()).toBeGreaterThan(0);

    // override: the other option, said as such
    await greets.locator('[role=radio][aria-checked=false]').click();
    expect(await greets.locator('.qa-auto').innerText()).toContain('You changed the suggestion');
    await row('solved').locator('[role=radio]').nth(2).click();
    expect(await axeViolations(dh.frameOf(page, 'ticket_sidebar')!)).toEqual([]);
    await app.getByRole('button', { name: 'Submit' }).click();
    await app.locator('#qa-done-title').waitFor();
    await page.close();

    // the service recorded the pair: one more rating under the check's kappa, shown to the lead
    await expect.poll(() => pairsOf('greeting'), { timeout: 15_000 }).toBe(before + 1);
    const { page: leadPage, app: lead } = await openNavBar(browser, dh, USERS.lee);
    const trustRow = lead.locator('[data-table="autoqa-trust"] tr[data-check="greeting"]');
    await trustRow.waitFor();
    expect(await trustRow.innerText()).toContain(`n = ${before + 1}`);
    expect(await lead.locator('[data-autoqa]').innerText()).toContain('Never part of QA scores');
    await leadPage.close();
  });
});
