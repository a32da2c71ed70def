/**
 * Calibration and coaching in the ticket sidebar end to end: Chromium through the local Zendesk with the
 * real ZAF SDK, the built app and the QA service on PGlite. A lead starts a session with three reviewers; each
 * scores the ticket blind in the sidebar; the report then compares all three; the agent never sees any of it.
 * An agent reads and acknowledges a coaching note on their evaluation; the reviewer sees that they did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardSummary } from '../../src/core/api.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { IDS, json, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';

const AXE = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const BANNER = "Calibration session: your score is blind and does not count in the agent's figures";
const LEAD = { user: USERS.lee, role: 'lead' } as const;

let dh: DevhostHandle;
let browser: TestBrowser;

function ticketId(subject: string): number {
  const t = dh.state.tickets().find((x) => x.subject === subject);
  if (!t) throw new Error(`no sample ticket "${subject}"`);
  return t.id;
}

/** Opens the ticket as the user; resolves with the app's iframe once the sidebar has rendered. */
async function openSidebar(userId: number, ticket: number): Promise<{ page: Page; app: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(dh.ticketUrl(ticket, { user: userId }));
  await expect.poll(() => dh.frameOf(page, 'ticket_sidebar') !== undefined, { timeout: 15_000 }).toBe(true);
  const app = dh.frameOf(page, 'ticket_sidebar')!;
  await app.locator('.qa-sidebar, .qa-state').first().waitFor();
  return { page, app };
}

/**
 * Keyboard only: each manual criterion gets its highest option, except the first when `lowFirst` (its lowest,
 * with a comment in case the scorecard asks for one); then Ctrl+Enter. Resolves with the stored evaluation's id.
 */
async function score(app: Frame, page: Page, lowFirst: boolean): Promise<string> {
  await app.locator('[data-crit] [role=radio]').first().focus();
  const groups = await app.locator('[role=radiogroup]').count();
  for (let i = 0; i < groups; i++) {
    const options = await app.evaluate(
      () => document.activeElement?.closest('[role=radiogroup]')?.querySelectorAll('[role=radio]').length ?? 0,
    );
    await page.keyboard.press(lowFirst && i === 0 ? '1' : String(Math.min(options, 9)));
    await page.keyboard.press('ArrowDown');
  }
  const comment = app.locator('[data-crit] textarea').first();
  if (lowFirst && (await comment.count()) > 0) await comment.fill('Calibration: the workaround came too late.');
  await app.locator('[data-crit] [role=radio]').first().focus();
  await page.keyboard.press('Control+Enter');
  const done = app.locator('.qa-done');
  await done.waitFor();
  return (await done.getAttribute('data-evaluation-id'))!;
}

async function seriousViolations(frame: Frame) {
  await frame.evaluate(AXE);
  const violations = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    return (await axe.run(document)).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('calibration and coaching in the sidebar', () => {
  beforeAll(async () => {
    dh = await startDevhost({ quiet: true });
    browser = (await launchBrowser({ viewport: { width: 1280, height: 900 } }))!;
    browser.context.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('three reviewers score a session blind in the sidebar; the report compares all three; the agent never sees it', {
    timeout: 150_000,
  }, async () => {
    const ticket = ticketId('Webhook deliveries failing with 500');
    const cards = await json<{ items: ScorecardSummary[] }>(dh.service('/scorecards', LEAD));
    const card = cards.items.find((c) => c.status === 'published' && c.currentVersion !== null)!;
    const session = await json<{ id: string }>(
      dh.service('/calibration-sessions', LEAD, {
        body: {
          ticketId: ticket,
          scorecardId: card.id,
          version: card.currentVersion,
          reviewerIds: [USERS.rita, USERS.lee, USERS.ada],
          baselineReviewerId: USERS.lee,
          title: 'Webhook outage',
        },
      }),
    );
    const fields = () => [IDS.fields.qaScore, IDS.fields.qaResult].map((f) => dh.state.fieldValue(dh.state.ticket(ticket)!, f));
    const fieldsBefore = fields();

    const ids: string[] = [];
    for (const [user, lowFirst] of [
      [USERS.lee, false],
      [USERS.ada, false],
      [USERS.rita, true],
    ] as const) {
      const { page, app } = await openSidebar(user, ticket);
      await app.getByText(BANNER).waitFor();
      expect(await app.locator('[data-calibration-mode]').getAttribute('data-calibration-mode')).toBe(session.id);
      expect(await app.locator('.qa-head .qa-h').innerText()).toBe(card.name);
      if (user === USERS.rita) {
        // blind: the others' calibration scores are not on the page before Rita has sent hers
        for (const other of ids) expect(await app.locator(`[data-history-id="${other}"]`).count()).toBe(0);
        expect(await seriousViolations(app)).toEqual([]);
      }
      const id = await score(app, page, lowFirst);
      ids.push(id);
      await app.getByText('Calibration score saved').waitFor();
      expect(await app.locator('[data-write-back]').innerText()).toContain('were not changed');
      const [row] = await dh.product.db.query<{
        kind: string;
        calibration_session_id: string;
        reviewer_id: number;
        scorecard_version: number;
      }>('SELECT kind, calibration_session_id, reviewer_id::float8 AS reviewer_id, scorecard_version FROM evaluations WHERE id = $1', [id]);
      expect(row).toEqual({
        kind: 'calibration',
        calibration_session_id: session.id,
        reviewer_id: user,
        scorecard_version: card.currentVersion,
      });

      await app.getByRole('button', { name: 'See the session report' }).click();
      const report = app.locator(`.qa-calibration[data-session="${session.id}"]`);
      await report.waitFor();
      await report.getByText(`${ids.length} of 3 reviewers have scored`).waitFor();
      expect(await report.locator('tbody tr').count()).toBe(ids.length);
      if (user === USERS.rita) {
        const expected = await json<{ report: { reviewers: unknown[]; alpha: { alpha: number | null } } }>(
          dh.service(`/calibration-sessions/${session.id}/report`, LEAD),
        );
        expect(expected.report.reviewers).toHaveLength(3);
        expect(expected.report.alpha.alpha).not.toBeNull();
        expect(await report.locator('[data-alpha]').getAttribute('data-alpha')).toBe(String(expected.report.alpha.alpha));
        expect(await report.locator(`tr[data-reviewer="${USERS.lee}"]`).innerText()).toContain('baseline');
        expect(await report.locator(`tr[data-reviewer="${USERS.rita}"]`).innerText()).toMatch(/You\s+[\d.]+\s+−[\d.]+/);
      }
      await page.close();
    }

    // the ticket's QA fields never saw a calibration score
    expect(fields()).toEqual(fieldsBefore);

    // once scored, Rita sees the session as done (no banner) and the others' scores in the history
    const again = await openSidebar(USERS.rita, ticket);
    await again.app.getByText('You have scored this calibration session.').waitFor();
    expect(await again.app.getByText(BANNER).count()).toBe(0);
    for (const id of ids) expect(await again.app.locator(`[data-history-id="${id}"]`).count()).toBe(1);
    await again.page.close();

    // the agent whose ticket it is sees none of them
    const agent = await openSidebar(USERS.alex, ticket);
    await agent.app.locator('.qa-sidebar').waitFor();
    for (const id of ids) expect(await agent.app.locator(`[data-evaluation-id="${id}"]`).count()).toBe(0);
    expect(await agent.app.getByText('Calibration').count()).toBe(0);
    await agent.page.close();
  });

  it('an agent reads a coaching note on their evaluation and acknowledges it; the reviewer sees it was', { timeout: 120_000 }, async () => {
    const ticket = ticketId('Callback about delivery delay');
    const reviewer = await openSidebar(USERS.rita, ticket);
    const evaluationId = await score(reviewer.app, reviewer.page, false);
    await reviewer.page.close();
    const note = await json<{ id: string }>(
      dh.service('/coaching-notes', LEAD, { body: { evaluationId, body: 'Offer the callback slot before the customer asks.' } }),
    );

    const agent = await openSidebar(USERS.alex, ticket);
    const card = agent.app.locator(`[data-evaluation-id="${evaluationId}"]`);
    const shown = card.locator(`[data-coaching-note="${note.id}"]`);
    await shown.getByText('Offer the callback slot before the customer asks.').waitFor();
    expect(await shown.getAttribute('data-acknowledged')).toBe('false');
    expect(await seriousViolations(agent.app)).toEqual([]);
    await shown.getByRole('button', { name: 'Acknowledge note' }).click();
    await card.locator(`[data-coaching-note="${note.id}"][data-acknowledged="true"]`).waitFor();
    const stored = await json<{ items: Array<{ id: string; acknowledgedAt: string | null }> }>(
      dh.service(`/coaching-notes?evaluationId=${evaluationId}`, LEAD),
    );
    expect(stored.items.find((n) => n.id === note.id)?.acknowledgedAt).not.toBeNull();
    await agent.page.close();

    // another agent gets neither the evaluation nor the note
    const sam = await openSidebar(USERS.sam, ticket);
    await sam.app.locator('.qa-sidebar').waitFor();
    expect(await sam.app.locator(`[data-coaching-note="${note.id}"]`).count()).toBe(0);
    await sam.page.close();

    const back = await openSidebar(USERS.rita, ticket);
    await back.app.locator('.qa-history summary').click();
    const mine = back.app.locator(`[data-history-id="${evaluationId}"] [data-coaching-note="${note.id}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-acknowledged')).toBe('true');
    expect(await mine.innerText()).toContain('acknowledged');
    await back.page.close();
  });

  it('a lead upholds a dispute in the sidebar: the disputed criterion is amended, linked to the resolution; the reviewer is not offered it', {
    timeout: 120_000,
  }, async () => {
    const ticket = ticketId("Can't reset my password");
    const reviewer = await openSidebar(USERS.rita, ticket);
    const evaluationId = await score(reviewer.app, reviewer.page, true);
    await reviewer.page.close();
    type Stored = { status: string; finalScore: number; answers: Array<{ criterionId: string; rating?: number }> };
    const before = await json<Stored>(dh.service(`/evaluations/${evaluationId}`, LEAD));
    const contested = before.answers[0]!.criterionId;
    await json(
      dh.service(
        `/evaluations/${evaluationId}/dispute`,
        { user: USERS.alex },
        { body: { reason: 'The customer asked for this wording.', criterionIds: [contested] } },
      ),
    );

    // the evaluation's own reviewer may not judge the dispute
    const own = await openSidebar(USERS.rita, ticket);
    await own.app.locator('.qa-history summary').click();
    await own.app.locator(`[data-history-id="${evaluationId}"]`).waitFor();
    expect(await own.app.getByRole('button', { name: 'Resolve dispute' }).count()).toBe(0);
    await own.page.close();

    const lead = await openSidebar(USERS.lee, ticket);
    await lead.app.locator('.qa-history summary').click();
    await lead.app.getByRole('button', { name: 'Resolve dispute' }).click();
    const pick = lead.app.locator(`[data-resolve-criterion="${contested}"] select`);
    const options = await pick.locator('option').count();
    await pick.selectOption({ index: options - 1 });
    await lead.app.getByLabel('Note to the agent').fill('Agreed: the wording was what the customer asked for.');
    await lead.app.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(async () => (await json<Stored>(dh.service(`/evaluations/${evaluationId}`, LEAD))).status).toBe('dispute-resolved');
    const after = await json<Stored>(dh.service(`/evaluations/${evaluationId}`, LEAD));
    expect(after.finalScore).toBeGreaterThan(before.finalScore);
    expect(after.answers.find((a) => a.criterionId === contested)?.rating).not.toBe(before.answers[0]!.rating);
    // the amendment and the resolution name the same resolution, and the amendment only the disputed criterion
    const history = await dh.product.db.query<{ action: string; detail: { resolutionId?: string; criterionIds?: string[] } }>(
      "SELECT action, detail FROM evaluation_history WHERE evaluation_id = $1 AND detail ? 'resolutionId' ORDER BY action",
      [evaluationId],
    );
    expect(history.map((h) => h.action)).toEqual(['amend', 'resolve']);
    expect(history[0]!.detail.resolutionId).toBe(history[1]!.detail.resolutionId);
    expect(history[0]!.detail.criterionIds).toEqual([contested]);
    await lead.page.close();
  });
});
