/**
 * Scorecard format 2 end to end: Chromium through the local Zendesk with the real ZAF SDK, the built app and the QA
 * service on PGlite. An admin turns a criterion into points (0 to 15) and another into a bonus in the editor and
 * publishes; a reviewer scores the card with the keyboard alone in the sidebar (typing the points, digits for the
 * rest) and submits; a lead's report shows the score above 100 and says how bonus counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answers.ts';
import type { ScorecardSummary } from '../../src/core/api.ts';
import type { Evaluation } from '../../src/core/evaluation.ts';
import { numericMax, scaleOptions } from '../../src/core/scale.ts';
import { allCriteria, ScorecardDefinition } from '../../src/core/scorecard.ts';
import { roundForDisplay, scoreEvaluation } from '../../src/core/scoring.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { json, openNavBar, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';
import { openTicketSidebar, sampleTicket } from '../support/sidebar.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

const ADMIN = { user: USERS.ada, role: 'admin' } as const;
const NAME = 'Points and bonus QA';

describe.skipIf(!chromiumAvailable())('a points-and-bonus scorecard from the editor to the report', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'small', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('admin builds it, a reviewer scores it by keyboard, the report shows it', { timeout: 120_000 }, async () => {
    // the admin: points on the first criterion, bonus on the second, published
    const { page: adminPage, app: admin } = await openNavBar(browser, dh, USERS.ada, { tab: 'Scorecards' });
    await admin.getByRole('table').waitFor();
    await admin.getByLabel('Template').selectOption('email');
    await admin.getByRole('button', { name: 'New from template' }).click();
    await admin.getByRole('heading', { name: /Email support/ }).waitFor();
    await admin.getByLabel('Name', { exact: true }).fill(NAME);

    const first = admin.locator('.qa-criterion').nth(0);
    await first.getByLabel('Scale', { exact: true }).selectOption('points');
    const n = first.getByLabel('Highest points, N (1 to 100)');
    await n.fill('15');
    await expect.poll(() => first.getByLabel('Weight', { exact: true }).inputValue()).toBe('15');

    const second = admin.locator('.qa-criterion').nth(1);
    const bonusId = await second.getByLabel('Id', { exact: true }).inputValue();
    await second.locator('label').getByText('Bonus', { exact: true }).click();
    const highest = admin.getByLabel('Highest score', { exact: true });
    await highest.waitFor();
    expect(Number(await highest.inputValue())).toBeGreaterThan(100);
    await expect.poll(() => admin.locator('[data-testid=editor-errors]').innerText()).toContain('The draft is valid');

    await admin.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => admin.getByTestId('editor-notice').innerText()).toContain('saved');
    await admin.getByRole('button', { name: 'Publish v1' }).click();
    await expect.poll(() => admin.getByTestId('list-notice').innerText()).toContain(`Published “${NAME}” v1`);
    await adminPage.close();

    const summary = (await json<{ items: ScorecardSummary[] }>(dh.service('/scorecards', ADMIN))).items.find((s) => s.name === NAME)!;
    const card = ScorecardDefinition.parse(summary.current);
    expect(card.formatVersion).toBe(2);
    expect(card.maxScore).toBe(Number(await Promise.resolve(card.maxScore)));
    const criteria = allCriteria(card).map(({ criterion }) => criterion);
    expect(criteria[0]).toMatchObject({ scale: { points: 15 }, weight: 15 });
    expect(criteria[1]).toMatchObject({ id: bonusId, bonus: true });

    // the reviewer: keyboard only once the first criterion has focus
    const ticket = sampleTicket(dh, 'Refund for cancelled subscription');
    const { page, app } = await openTicketSidebar(dh, browser, { user: USERS.rita, ticket });
    const picker = app.locator('#qa-scorecard');
    if (await picker.count()) await picker.selectOption({ label: NAME });
    await app.locator('[data-crit="0"] [data-num]').focus();
    const answers: Answer[] = [];
    for (const criterion of criteria) {
      if (criterion.metric) continue; // the ticket's numbers score it; the arrows skip it
      const max = numericMax(criterion.scale);
      if (max !== null) {
        await page.keyboard.type(String(max));
        answers.push({ criterionId: criterion.id, rating: max });
        await page.keyboard.press('Enter');
      } else {
        const best = scaleOptions(criterion.scale).reduce((b, o, i, all) => (o.fraction > all[b]!.fraction ? i : b), 0);
        await page.keyboard.press(String(best + 1));
        answers.push({ criterionId: criterion.id, rating: best });
        await page.keyboard.press('ArrowDown');
      }
    }
    const expected = scoreEvaluation(card, answers);
    expect(expected.finalScore!).toBeGreaterThan(100);
    const score = app.locator('.qa-footer .qa-score__value');
    await expect.poll(() => score.innerText()).toContain(`/ ${card.maxScore}`);
    await expect.poll(() => score.innerText()).toContain(String(Math.floor(roundForDisplay(expected.finalScore!))));

    await page.keyboard.press('Control+Enter');
    const mine = async () =>
      (
        await json<{ items: Evaluation[] }>(dh.service(`/evaluations?ticketId=${ticket}`, { user: USERS.rita, role: 'reviewer' }))
      ).items.filter((e) => e.scorecardId === summary.id);
    await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBe(1);
    const [stored] = await mine();
    expect(stored!.finalScore).toBeCloseTo(expected.finalScore!, 9);
    expect(stored!.answers.find((a) => a.criterionId === criteria[0]!.id)).toMatchObject({ rating: 15 });
    await page.close();

    // the lead: the last 30 days of this scorecard average above 100, and the report says how bonus counts
    const { page: leadPage, app: lead } = await openNavBar(browser, dh, USERS.lee);
    await lead.getByLabel('Quick range').selectOption({ label: 'Last 30 days' });
    await lead.getByLabel('Scorecard', { exact: true }).selectOption({ label: NAME });
    const average = lead.locator('[data-headline=averageScore] .qa-figure__value');
    await expect.poll(() => average.innerText()).toContain(String(roundForDisplay(expected.finalScore!)).split('.')[0]);
    await expect.poll(() => lead.locator('[data-bonus-note]').first().innerText()).toContain('a score above 100 counts as it is');
    await leadPage.close();
  });
});
