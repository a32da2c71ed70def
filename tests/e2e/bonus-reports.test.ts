/**
 * A points-and-bonus scorecard in the reports, in the browser (decision 027): a mean above 100 shown as it is with the
 * note that says how bonus counts, the trend's axis above 100, a non-scoring question as counts per choice.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { json, openNavBar, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

const ADMIN = { user: USERS.ada, role: 'admin' } as const;
const REVIEWER = { user: USERS.rita, role: 'reviewer' } as const;

describe.skipIf(!chromiumAvailable())('bonus in the reports', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'small', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('shows a bonus mean above 100 with its note, scales the trend to it, and counts a non-scoring question per choice', {
    timeout: 90_000,
  }, async () => {
    const definition = JSON.parse(await readFile(new URL('../../examples/points-and-bonus-scorecard.json', import.meta.url), 'utf8'));
    const card = await json<{ id: string }>(dh.service('/scorecards', ADMIN, { method: 'POST', body: definition }));
    await json(dh.service(`/scorecards/${card.id}/publish`, ADMIN, { method: 'POST' }));
    // 97 (the treat-as-fail identity answer fails it) and 105 (bonus): a mean of 101
    const answerSets = [
      [30, 45, 2, 1, 10],
      [30, 50, 0, 0, 5],
    ];
    const ids = ['question-identified', 'correct', 'refund-issued', 'identity-verified', 'proactive'];
    for (const [i, ratings] of answerSets.entries()) {
      const body = {
        id: randomUUID(),
        ticketId: i + 1,
        revieweeId: USERS.alex,
        scorecardId: card.id,
        scorecardVersion: 1,
        answers: ratings.map((rating, j) => ({ criterionId: ids[j]!, rating })),
      };
      await json(dh.service('/evaluations', REVIEWER, { method: 'POST', body }));
    }

    const { app } = await openNavBar(browser, dh, USERS.lee);
    // the default range is the last full weeks: these evaluations are today's; the seed's other cards left out
    await app.getByLabel('Quick range').selectOption({ label: 'Last 30 days' });
    await app.getByLabel('Scorecard', { exact: true }).selectOption({ label: definition.name });
    await expect.poll(() => app.locator('[data-headline=averageScore] .qa-figure__value').innerText()).toBe('101.0');
    const note = app.locator('.qa-headlines [data-bonus-note]');
    expect(await note.innerText()).toContain('a score above 100 counts as it is in the average');
    expect(await app.locator('[data-headline=passRate] .qa-figure__value').innerText()).toBe('50.0%');

    // the trend's score axis goes past 100 to hold the mean (and its band)
    await app.locator('.qa-trend__point').first().waitFor();
    const ticks = await app.locator('.qa-trend__grid text').allTextContents();
    expect(Number(ticks.at(-1)?.replace(/\D/g, ''))).toBeGreaterThan(100);
    expect(await app.locator('.qa-trend [data-bonus-note]').count()).toBe(1);

    // the refund question: its answers per choice, not a mean or a fail rate
    const refund = app.locator('tr[data-criterion="refund-issued"]');
    expect(await refund.locator('[data-distribution]').innerText()).toContain('Yes 1 · No 0 · Partial 1');
    expect(await refund.innerText()).toContain('Not scored');
  });
});
