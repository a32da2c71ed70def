/**
 * Reports end to end: Chromium through the local Zendesk with the real ZAF SDK, the built app and the
 * QA service seeded with four weeks of evaluations. A lead finds the weakest criterion of a group in the default range,
 * opens the tickets behind it, runs a calibration with three reviewers, and exports the figures.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardSummary } from '../../src/core/api.ts';
import { scaleOptions } from '../../src/core/scale.ts';
import { weakestFirst, type Breakdown, type CriterionRow } from '../../src/core/reports.ts';
import { FOLD_AT } from '../../src/app/navbar/reports/bits.tsx';
import { defaultFilters } from '../../src/app/navbar/reports/filters.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { IDS, json, openNavBar as openNavBarOf, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

const LEAD = { user: USERS.lee, role: 'lead' } as const;

const openNavBar = (user: number, tab?: string) => openNavBarOf(browser, dh, user, { tab });

const appFrame = (page: Page) => dh.frameOf(page, 'nav_bar')!;

/** The dashboard's default range: the last 4 full weeks (Monday to Sunday, UTC). */
const defaultRange = (): { from: string; to: string } => defaultFilters(new Date());

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('reports in the devhost', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'full', quiet: true });
    browser = (await launchBrowser())!;
    browser.context.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('a lead finds the weakest criterion of a group in the last 4 weeks and opens the tickets behind it', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar(USERS.lee);
    await app.locator('[data-headline=averageScore] .qa-figure__value').waitFor();
    // headline figures carry n and an interval
    expect(await app.locator('[data-headline=averageScore] .qa-figure__ci').innerText()).toMatch(/95% CI \d+\.\d–\d+\.\d · n = \d+/);

    await app.getByLabel('Group', { exact: true }).selectOption({ label: 'Billing' });
    // the filter is kept in the iframe's URL, so a reload keeps it
    const frame = appFrame(page);
    await expect.poll(() => frame.evaluate(() => location.hash)).toContain(`groupId=${IDS.groups.billing}`);

    const { from, to } = defaultRange();
    const breakdown = await json<Breakdown>(
      dh.service(`/reports/breakdown?dimension=criterion&groupId=${IDS.groups.billing}&from=${from}&to=${to}`, LEAD),
    );
    const rows = (breakdown.rows as CriterionRow[]).sort(weakestFirst);
    expect(rows.length).toBeGreaterThan(0);
    const weakest = rows[0]!;
    const table = app.locator('table[data-dimension=criterion]');
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-criterion')).toBe(weakest.key);
    // the ten weakest, the rest one click away
    expect(await table.locator('tbody tr').count()).toBe(Math.min(rows.length, FOLD_AT));

    await table
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /^Tickets for/ })
      .click();
    const drill = app.getByRole('region', { name: /Evaluations that failed/ });
    await drill.waitFor();
    const expected = await json<{ items: Array<{ ticketId: number }> }>(
      dh.service(
        `/reports/tickets?groupId=${IDS.groups.billing}&from=${from}&to=${to}&scorecardId=${weakest.scorecardId}&criterionId=${weakest.key}&failed=true&limit=200`,
        LEAD,
      ),
    );
    if (expected.items.length === 0) {
      await drill.getByText('No evaluations match these filters.').waitFor();
    } else {
      await expect.poll(() => drill.locator('tbody tr').count()).toBe(expected.items.length);
      // coach the agent on the first one: the note reaches the service for the agent to see and acknowledge
      const firstRow = drill.locator('tbody tr').first();
      await firstRow.getByRole('button', { name: 'Write a coaching note' }).click();
      await firstRow.getByLabel(/Coaching note for/).fill('Check the order history before answering.');
      await firstRow.getByRole('button', { name: 'Send note' }).click();
      await firstRow.getByText(/Note sent to/).waitFor();
      const evaluationId = (expected.items[0] as { evaluationId?: string }).evaluationId!;
      const notes = await json<{ items: Array<{ body: string }> }>(dh.service(`/coaching-notes?evaluationId=${evaluationId}`, LEAD));
      expect(notes.items.map((n) => n.body)).toEqual(['Check the order history before answering.']);
      // a ticket opens in Zendesk (the host navigates to it)
      const first = expected.items[0]!.ticketId;
      await drill
        .getByRole('button', { name: `Ticket #${first}` })
        .first()
        .click();
      await page.waitForURL((u) => u.searchParams.get('ticket') === String(first));
    }
    await page.close();
  });

  it('runs a calibration with three reviewers, blind until each has scored', { timeout: 90_000 }, async () => {
    const cards = await json<{ items: ScorecardSummary[] }>(dh.service('/scorecards', LEAD));
    const card = cards.items.find((c) => c.name.startsWith('Email')) ?? cards.items[0]!;
    const { page, app } = await openNavBar(USERS.lee, 'Calibration');
    await app.getByLabel('Ticket number').fill('7');
    await app.getByLabel('Scorecard', { exact: true }).selectOption({ label: `${card.name} (version ${card.currentVersion})` });
    for (const name of ['Rita Reviewer', 'Lee Lead', 'Ada Admin']) await app.getByLabel(name, { exact: true }).check();
    await app.getByLabel('Baseline reviewer').selectOption({ label: 'Lee Lead' });
    await app.getByRole('button', { name: 'Start session' }).click();
    await app.getByText('Session started on ticket #7').waitFor();
    const sessions = await json<{ items: Array<{ id: string; reviewerIds: number[]; baselineReviewerId: number }> }>(
      dh.service('/calibration-sessions', LEAD),
    );
    const session = sessions.items[0]!;
    expect(session.reviewerIds.sort()).toEqual([USERS.rita, USERS.ada, USERS.lee].sort());
    expect(session.baselineReviewerId).toBe(USERS.lee);

    // each scores the ticket (the calibration evaluation the sidebar sends); all top marks except where noted
    const criteria = card.current!.sections.flatMap((s) => s.criteria).filter((c) => !c.metric);
    const top = (c: (typeof criteria)[number]) => scaleOptions(c.scale).length - 1;
    const score = async (user: number, role: 'reviewer' | 'lead' | 'admin', lowFirst: boolean) => {
      const answers = card
        .current!.sections.flatMap((s) => s.criteria)
        .map((c) =>
          c.metric
            ? { criterionId: c.id, na: true }
            : {
                criterionId: c.id,
                rating: lowFirst && c.id === criteria[0]!.id ? 0 : top(c),
                ...(lowFirst && c.id === criteria[0]!.id ? { comment: 'Calibration: missed it.' } : {}),
              },
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
    };
    await score(USERS.lee, 'lead', false);
    await score(USERS.ada, 'admin', false);

    // Rita has not scored: she is told to score first, not shown the others
    const rita = await openNavBar(USERS.rita, 'Calibration');
    await rita.app.locator(`tr[data-session="${session.id}"]`).getByRole('button', { name: 'Report' }).click();
    await rita.app.getByText('Score this ticket in the sidebar first').waitFor();
    await rita.page.close();
    await score(USERS.rita, 'reviewer', true);

    // the new session's report opened when it started, blind while Lee had not scored: refresh it now
    await app.getByText('Score this ticket in the sidebar first').waitFor();
    await app.getByRole('button', { name: 'Refresh report' }).click();
    const report = app.locator(`.qa-calibration-report[data-session="${session.id}"]`);
    await report.waitFor();
    const reviewers = report.locator('table[data-table=reviewers] tbody tr');
    await expect.poll(() => reviewers.count()).toBe(3);
    expect(await reviewers.first().innerText()).toContain('Lee Lead');
    expect(await reviewers.first().innerText()).toContain('baseline');
    const ritaRow = reviewers.filter({ hasText: 'Rita Reviewer' });
    expect(await ritaRow.innerText()).toMatch(/−\d/); // below the baseline
    const expected = await json<{ report: { alpha: { alpha: number | null } } }>(
      dh.service(`/calibration-sessions/${session.id}/report`, LEAD),
    );
    const shown = await report.locator('[data-alpha]').getAttribute('data-alpha');
    expect(shown).toBe(String(expected.report.alpha.alpha ?? ''));
    await page.close();
  });

  it('exports the figures on screen as CSV and prints without the controls', { timeout: 60_000 }, async () => {
    const { page, app } = await openNavBar(USERS.lee);
    await app.locator('[data-headline=averageScore] .qa-figure__value').waitFor();
    await app.locator('table[data-dimension=criterion]').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      app.getByRole('button', { name: 'Export figures (CSV)' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,key,label,measure,value,low,high,n,note');
    const { from, to } = defaultRange();
    const summary = await json<{ count: number }>(dh.service(`/reports/summary?from=${from}&to=${to}`, LEAD));
    expect(lines).toContain(`summary,${from}..${to},current,count,${summary.count},,,${summary.count},`);
    expect(csv).toContain('by_criterion,');
    expect(csv).toContain('by_reviewee,');

    // the print view hides the filters and buttons
    const frame = appFrame(page);
    await page.emulateMedia({ media: 'print' });
    expect(await frame.evaluate(() => getComputedStyle(document.querySelector('.qa-filters')!).display)).toBe('none');
    expect(await frame.evaluate(() => getComputedStyle(document.querySelector('.qa-print-only')!).display)).toBe('block');
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('an admin sets the monitoring plan, sees this week coverage and gets tickets to fill the gaps', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar(USERS.ada, 'Plan');
    const planNow = () => json<{ plan: { default: unknown; agents: unknown[] } }>(dh.service('/plan', LEAD));
    const before = await planNow();
    await app.getByLabel('Evaluations per week').first().fill('2');
    await app.getByRole('button', { name: 'Add an agent' }).click();
    await app.getByLabel('Agent', { exact: true }).selectOption({ label: 'Alex Agent' });
    const alexRow = app.getByRole('group', { name: 'Alex Agent' });
    await alexRow.getByLabel('Evaluations per week', { exact: true }).fill('40');
    // channels are picked from a list, each with its own number: nothing to mistype as "email 1; phone:2"
    await alexRow.getByRole('button', { name: 'Add a channel for Alex Agent' }).click();
    await alexRow.getByLabel('Channel 1 for Alex Agent').selectOption('email');
    await alexRow.getByLabel('Evaluations per week on Email for Alex Agent').fill('30');
    await alexRow.getByRole('button', { name: 'Add a channel for Alex Agent' }).click();
    const second = alexRow.getByLabel('Channel 2 for Alex Agent');
    expect(await second.locator('option', { hasText: 'Email' }).count()).toBe(0); // a channel once per agent
    await second.selectOption('chat');
    const chat = alexRow.getByLabel('Evaluations per week on Chat for Alex Agent');
    // a number that cannot be read is marked and nothing is saved, never "Plan saved." for a line dropped
    await chat.fill('');
    await app.getByRole('button', { name: 'Save plan' }).click();
    await app.getByText('The plan was not saved: fix the problem marked.').waitFor();
    expect(await chat.getAttribute('aria-invalid')).toBe('true');
    expect(await app.locator(`[id="${await chat.getAttribute('aria-describedby')}"]`).innerText()).toBe(
      'Enter a whole number from 0 to 1000.',
    );
    expect(await app.getByText('Plan saved.').count()).toBe(0);
    expect(await planNow()).toEqual(before);
    await chat.fill('5');
    await app.getByRole('button', { name: 'Save plan' }).click();
    await app.getByText('Plan saved.').waitFor();
    const saved = await json<{
      plan: { default: { overall: number }; agents: Array<{ agentId: number; overall: number; channels: Record<string, number> }> };
    }>(dh.service('/plan', LEAD));
    expect(saved.plan.default.overall).toBe(2);
    expect(saved.plan.agents).toEqual([{ agentId: USERS.alex, overall: 40, channels: { email: 30, chat: 5 } }]);

    const coverage = app.locator('table[data-table=coverage]');
    const alex = coverage.locator('tbody tr', { hasText: 'Alex Agent' });
    await alex.waitFor();
    expect(await alex.innerText()).toMatch(/of 40/);
    expect(await alex.innerText()).toMatch(/to do/);

    await app.getByRole('button', { name: 'Suggest tickets' }).click();
    await app.getByText(/tickets suggested/).waitFor();
    const suggestions = app.locator('table[data-table=suggestions] tbody tr');
    const solvedOfAgents = dh.state.tickets().filter((t) => (t.status === 'solved' || t.status === 'closed') && t.assignee_id !== null);
    if (solvedOfAgents.length) expect(await suggestions.count()).toBeGreaterThan(0);
    expect(await axeViolations(appFrame(page))).toEqual([]);
    await page.close();
  });

  it('axe finds no serious or critical violation in the reports and calibration views', { timeout: 90_000 }, async () => {
    const { page, app } = await openNavBar(USERS.lee);
    await app.locator('table[data-dimension=criterion]').waitFor();
    await app.getByRole('heading', { name: /Where QA and the customer disagree/ }).waitFor();
    expect(await axeViolations(appFrame(page))).toEqual([]);
    await app.getByRole('tab', { name: 'Calibration' }).click();
    await app.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(await axeViolations(appFrame(page))).toEqual([]);
    await page.close();
  });
});
