/**
 * What a QA lead reads in the Reports and Calibration tabs on a 1280 px nav bar, in Chromium through the
 * local Zendesk with four weeks of seeded evaluations: a useful default range, a criterion table that flags few rows
 * and only with the evidence, folded long tables, faded thin periods, whole date labels on screen and paper, alpha
 * never shown where it is undefined, and only people who score offered for calibration.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardSummary } from '../../src/core/api.ts';
import { PATTERN_RULE, weakestFirst, type Breakdown, type CriterionRow, type Trend } from '../../src/core/reports.ts';
import { defaultFilters } from '../../src/app/navbar/reports/filters.ts';
import { READABLE_N } from '../../src/app/navbar/reports/chart.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { json, openNavBar as openNavBarOf, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

const LEAD = { user: USERS.lee, role: 'lead' } as const;

/** The nav bar as the lead, its frame 1280 px wide. */
const openNavBar = (tab?: string) => openNavBarOf(browser, dh, USERS.lee, { tab, frameWidth: 1280 });

const appFrame = (page: Page) => dh.frameOf(page, 'nav_bar')!;

/** The last date label of the trend sits inside the chart's viewBox (it was cut to "2026-12-"). */
async function lastLabelInside(page: Page): Promise<{ text: string; inside: boolean }> {
  return appFrame(page).evaluate(() => {
    const svg = document.querySelector('svg.qa-trend__svg') as SVGSVGElement;
    const labels = [...svg.querySelectorAll<SVGTextElement>('.qa-trend__x')];
    const last = labels.at(-1)!;
    const box = last.getBBox();
    const view = svg.viewBox.baseVal;
    return { text: last.textContent ?? '', inside: box.x >= view.x && box.x + box.width <= view.x + view.width };
  });
}

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('reading the reports as a lead', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'full', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('opens on the last 4 full weeks, says so, and labels the last week whole on screen and on paper', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar();
    const { from, to } = defaultFilters(new Date());
    expect(await app.getByLabel('From', { exact: true }).inputValue()).toBe(from);
    expect(await app.getByLabel('To', { exact: true }).inputValue()).toBe(to);
    const picker = app.getByLabel('Quick range');
    expect(await picker.locator('option:checked').innerText()).toBe('Last 4 full weeks (default)');
    // four weekly points, none of them thin
    const trend = await json<Trend>(dh.service(`/reports/trend?from=${from}&to=${to}&period=week`, LEAD));
    expect(trend.points).toHaveLength(4);
    await app.locator('.qa-trend__x').first().waitFor();
    expect(await lastLabelInside(page)).toEqual({ text: trend.points.at(-1)!.start, inside: true });
    await page.emulateMedia({ media: 'print' });
    expect(await lastLabelInside(page)).toEqual({ text: trend.points.at(-1)!.start, inside: true });
    await page.emulateMedia({ media: 'screen' });
    // another quick range is named as such, and typed dates are "your own"
    await picker.selectOption({ label: 'Last 30 days' });
    expect(await picker.locator('option:checked').innerText()).toBe('Last 30 days');
    await app.getByLabel('From', { exact: true }).fill(from);
    expect(await picker.locator('option:checked').innerText()).toBe('Your own dates');
    await page.close();
  });

  it('fades the periods too small to read, in the chart and the table, and says why', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar();
    // one agent up to a Tuesday: the last week has a day or two of that agent's evaluations
    const { from, to } = defaultFilters(new Date());
    const tuesday = new Date(Date.parse(`${to}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
    await app.getByLabel('Agent', { exact: true }).selectOption({ label: 'Sam Support' });
    await app.getByLabel('To', { exact: true }).fill(tuesday);
    const trend = await json<Trend>(dh.service(`/reports/trend?from=${from}&to=${tuesday}&period=week&revieweeId=${USERS.sam}`, LEAD));
    const thin = trend.points.filter((p) => p.averageScore.n > 0 && p.averageScore.n < READABLE_N);
    expect(thin.length, 'the last week is thin').toBeGreaterThan(0);
    await expect.poll(() => app.locator('svg [data-faint]').count()).toBe(thin.length);
    expect(await app.locator('svg [data-faint]').evaluateAll((gs) => gs.map((g) => g.textContent))).toEqual(
      thin.map((p) => `n=${p.averageScore.n}`),
    );
    expect(await app.locator('.qa-trend__legend').innerText()).toContain(`Faded: fewer than ${READABLE_N} evaluations`);
    await app.getByRole('button', { name: 'Show as table' }).click();
    const rows = app.locator('#qa-trend-table tbody tr');
    for (const [i, p] of trend.points.entries()) {
      expect(await rows.nth(i).getAttribute('class'), p.start).toBe(p.count > 0 && p.count < READABLE_N ? 'qa-faint' : null);
    }
    await page.close();
  });

  it('flags few criteria, each with its evidence and the rule stated, the ten weakest first', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar();
    const { from, to } = defaultFilters(new Date());
    const breakdown = await json<Breakdown>(dh.service(`/reports/breakdown?dimension=criterion&from=${from}&to=${to}`, LEAD));
    const rows = (breakdown.rows as CriterionRow[]).sort(weakestFirst);
    expect(rows.length).toBeGreaterThan(10);
    const systemic = rows.filter((r) => r.pattern === 'systemic');
    // few, and only with the evidence: every one clears the minimum sample and the lower bound
    expect(systemic.length).toBeLessThanOrEqual(rows.length / 5);
    for (const r of systemic) {
      expect(r.count).toBeGreaterThanOrEqual(PATTERN_RULE.minRated);
      expect(r.reviewees).toBeGreaterThanOrEqual(PATTERN_RULE.minReviewees);
      expect(r.commonFailRate.low!).toBeGreaterThanOrEqual(PATTERN_RULE.systemicFailRate);
    }
    const table = app.locator('table[data-dimension=criterion]');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(10);
    expect(await table.locator('tbody tr').first().getAttribute('data-criterion')).toBe(rows[0]!.key);
    await app.getByText('How systemic and individual are decided').click();
    expect(await app.locator('.qa-rule p').innerText()).toContain(
      `${PATTERN_RULE.minRated} rated answers from ${PATTERN_RULE.minReviewees} agents or more`,
    );
    const more = app.getByRole('button', { name: `Show all ${rows.length} criteria` });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(rows.length);
    expect(await table.locator('td[data-pattern=systemic]').count()).toBe(systemic.length);
    expect(await table.locator('td[data-pattern=too-few]').allInnerTexts()).toEqual(
      rows
        .filter((r) => r.pattern === 'too-few')
        .map((r) => expect.stringContaining(`${r.count} rated answers from ${r.reviewees} agents`)),
    );
    // the 95% interval under each figure keeps to one line
    const ci = table.locator('tbody tr').first().locator('.qa-figure__ci').first();
    const lineHeight = await ci.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
    expect((await ci.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    expect(await axeViolations(appFrame(page))).toEqual([]);
    // on paper: the rule printed in full, no column of buttons
    await page.emulateMedia({ media: 'print' });
    expect(await app.locator('.qa-rule + p.qa-print-only').innerText()).toContain('rated answers from');
    expect(await table.getByRole('button').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('offers only people who score for calibration, and shows alpha only where it is defined', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar('Calibration');
    const invite = app.getByRole('group', { name: 'Reviewers to invite (at least two)' });
    await invite.getByLabel('Rita Reviewer').waitFor();
    expect(await invite.getByRole('checkbox').count()).toBe(3);
    for (const name of ['Rita Reviewer', 'Lee Lead', 'Ada Admin']) expect(await invite.getByLabel(name, { exact: true }).count()).toBe(1);
    for (const name of ['Alex Agent', 'Sam Support']) expect(await invite.getByText(name).count()).toBe(0);

    // one finished session: each criterion's alpha over time has one unit, where the formula would read 0
    const cards = await json<{ items: ScorecardSummary[] }>(dh.service('/scorecards', LEAD));
    const card = cards.items.find((c) => c.name.startsWith('Email'))!;
    const session = await json<{ id: string }>(
      dh.service('/calibration-sessions', LEAD, {
        body: {
          ticketId: 7,
          scorecardId: card.id,
          version: card.currentVersion,
          reviewerIds: [USERS.lee, USERS.rita],
          baselineReviewerId: USERS.lee,
          title: 'One session',
        },
      }),
    );
    const criteria = card.current!.sections.flatMap((s) => s.criteria);
    for (const [user, role, rating] of [
      [USERS.lee, 'lead', 1],
      [USERS.rita, 'reviewer', 0],
    ] as const) {
      const answers = criteria.map((c) =>
        c.metric ? { criterionId: c.id, na: true } : { criterionId: c.id, rating: c.id === criteria[0]!.id ? rating : 0, comment: 'x' },
      );
      await json(
        dh.service(
          '/evaluations',
          { user, role },
          {
            body: {
              id: crypto.randomUUID(),
              ticketId: 7,
              revieweeId: USERS.alex,
              scorecardId: card.id,
              scorecardVersion: card.currentVersion,
              answers,
              kind: 'calibration',
              calibrationSessionId: session.id,
            },
          },
        ),
      );
    }
    await page.reload();
    await app.getByRole('tab', { name: 'Calibration' }).click();
    const history = app.locator('table[data-table=history-criteria]');
    await history.waitFor();
    const alphas = history.locator('td[data-alpha]');
    expect(await alphas.count()).toBeGreaterThan(0);
    for (const cell of await alphas.all()) {
      expect(await cell.getAttribute('data-alpha')).toBe('');
      expect(await cell.innerText()).toMatch(
        /^not enough data\n(needs 2 sessions where two or more reviewers answered it; 1 so far|all answers the same)$/,
      );
    }
    expect(await app.getByText('0.000').count()).toBe(0);
    await page.close();
  });
});
