/**
 * The ticket sidebar end to end: Chromium through the local Zendesk with the real ZAF SDK, the
 * built app, and the QA service on PGlite. Every flow a new user would try, including Zendesk's failures.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resultValue } from '../../src/app/sidebar/write-back.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { IDS, startDevhost, type DevhostHandle } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

function ticketId(subject: string): number {
  const t = dh.state.tickets().find((x) => x.subject === subject);
  if (!t) throw new Error(`no sample ticket "${subject}"`);
  return t.id;
}

/** Opens the ticket as the user; resolves with the app's iframe once the sidebar has rendered. */
async function openSidebar(userId: number, ticket: number, page?: Page): Promise<{ page: Page; app: Frame }> {
  const p = page ?? (await browser.context.newPage());
  await p.goto(dh.ticketUrl(ticket, { user: userId }));
  const app = await appFrame(p);
  return { page: p, app };
}

async function appFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = dh.frameOf(page, 'ticket_sidebar');
    if (frame) {
      await frame.locator('.qa-sidebar, .qa-state').first().waitFor({ timeout: 15_000 });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error('the app iframe never appeared');
}

/** Keyboard only: from the first criterion, rate each with its highest option, move down, then Ctrl+Enter. */
async function scoreWithKeyboard(app: Frame, page: Page, rating: 'highest' | 'lowest' = 'highest') {
  // stands for tabbing into the app's iframe from the ticket
  await app.locator('[data-crit] [role=radio]').first().focus();
  const groups = await app.locator('[role=radiogroup]').count();
  for (let i = 0; i < groups; i++) {
    const options = await app.evaluate(
      () => document.activeElement?.closest('[role=radiogroup]')?.querySelectorAll('[role=radio]').length ?? 0,
    );
    expect(options).toBeGreaterThan(0);
    await page.keyboard.press(rating === 'highest' ? String(Math.min(options, 9)) : '1');
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Control+Enter');
}

const writeBackState = (app: Frame) => app.locator('[data-write-back]').first();

async function doneId(app: Frame): Promise<string> {
  const done = app.locator('.qa-done');
  await done.waitFor({ timeout: 15_000 });
  return (await done.getAttribute('data-evaluation-id'))!;
}

async function stored(id: string) {
  return dh.product.db.query<{ id: string; status: string; final_score: number; ticket_id: number }>(
    'SELECT id, status, final_score, ticket_id FROM evaluations WHERE id = $1',
    [id],
  );
}

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('ticket sidebar in the devhost', () => {
  beforeAll(async () => {
    dh = await startDevhost({ quiet: true });
    browser = (await launchBrowser({ viewport: { width: 1280, height: 900 } }))!;
  });
  afterEach(async () => {
    await dh.setFaults({ serviceDown: false, rateLimitedFor: null, closedTicket: false });
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('a reviewer scores with the keyboard only; the ticket fields show the score; the agent sees it and disputes', {
    timeout: 90_000,
  }, async () => {
    const ticket = ticketId("Can't reset my password");
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    await expect(app.locator('.qa-reviewee strong').textContent()).resolves.toContain('Alex');
    await scoreWithKeyboard(app, page);
    const id = await doneId(app);
    await expect.poll(() => writeBackState(app).getAttribute('data-write-back'), { timeout: 15_000 }).toBe('updated');

    const [row] = await stored(id);
    expect(row).toMatchObject({ ticket_id: ticket, status: 'submitted', final_score: 100 });
    const t = dh.state.ticket(ticket)!;
    expect(dh.state.fieldValue(t, IDS.fields.qaScore)).toBe(100);
    expect(dh.state.fieldValue(t, IDS.fields.qaResult)).toBe('qa_pass');
    await page.close();

    const agent = await openSidebar(IDS.users.alex, ticket);
    const card = agent.app.locator(`[data-evaluation-id="${id}"]`);
    await card.waitFor();
    await expect(card.locator('.qa-score__value').textContent()).resolves.toBe('100');
    await card.getByRole('button', { name: 'Dispute' }).click();
    await card.getByRole('button', { name: 'Send dispute' }).click();
    // a reason is required, said plainly
    await expect(card.getByRole('alert').textContent()).resolves.toContain('Say why');
    await card.locator('input[type=checkbox]').first().check();
    await card.getByLabel(/Why\?/).fill('The customer asked for this wording.');
    await card.getByRole('button', { name: 'Send dispute' }).click();
    await card.getByText('Disputed: waiting').waitFor();
    await expect.poll(async () => (await stored(id))[0]?.status).toBe('disputed');
    await agent.page.close();
  });

  it('another agent never sees that evaluation', { timeout: 90_000 }, async () => {
    const { page, app } = await openSidebar(IDS.users.sam, ticketId("Can't reset my password"));
    await app.locator('.qa-sidebar').waitFor();
    expect(await app.locator('[data-evaluation-id]').count()).toBe(0);
    await page.close();
  });

  it('on a closed ticket the evaluation is stored and the sidebar says the fields were not updated', { timeout: 90_000 }, async () => {
    const ticket = ticketId('Two-factor codes not arriving');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    await scoreWithKeyboard(app, page);
    const id = await doneId(app);
    await expect.poll(() => writeBackState(app).getAttribute('data-write-back'), { timeout: 15_000 }).toBe('fields-not-updated-closed');
    await expect(writeBackState(app).textContent()).resolves.toContain('closed');
    expect(await stored(id)).toHaveLength(1);
    await page.close();
  });

  it('a 429 from Zendesk is waited out (Retry-After) and the fields are then written', { timeout: 90_000 }, async () => {
    const ticket = ticketId('Login loop on mobile app');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    let limited = 0;
    page.on('response', async (res) => {
      if (!res.url().endsWith('/__devhost/proxy')) return;
      const body = (await res.json().catch(() => null)) as { status?: number } | null;
      if (body?.status === 429 && ++limited === 1) dh.state.setFaults({ rateLimitedFor: null });
    });
    dh.state.setFaults({ rateLimitedFor: 1 });
    await scoreWithKeyboard(app, page);
    await doneId(app);
    await expect.poll(() => writeBackState(app).getAttribute('data-write-back'), { timeout: 20_000 }).toBe('updated');
    expect(limited).toBeGreaterThanOrEqual(1);
    expect(dh.state.fieldValue(dh.state.ticket(ticket)!, IDS.fields.qaResult)).toBe('qa_pass');
    dh.state.setFaults({ rateLimitedFor: null });
    await page.close();
  });

  it('while the service is down the submission waits in the outbox and is sent when it is back', { timeout: 90_000 }, async () => {
    const ticket = ticketId('Order #4411 arrived damaged');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    dh.state.setFaults({ serviceDown: true });
    await scoreWithKeyboard(app, page);
    // the banner above the form says it, and so does the summary bar below
    await app.locator('.qa-banner').getByText('Waiting to send').waitFor({ timeout: 15_000 });
    expect(await app.locator('.qa-footer [data-summary-state]').textContent()).toBe('Waiting to send');
    // the form is locked while it waits, so nothing diverges from what was queued
    expect(await app.locator('[data-crit] [role=radio]').first().isDisabled()).toBe(true);
    dh.state.setFaults({ serviceDown: false });
    const id = await doneId(app);
    expect(await stored(id)).toHaveLength(1);
    await page.close();
  });

  it('service down, submit, close the ticket, service back: the background sends it, exactly one evaluation, the fields written', {
    timeout: 120_000,
  }, async () => {
    const ticket = ticketId('Complaint: agent was rude on the phone');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    dh.state.setFaults({ serviceDown: true });
    await scoreWithKeyboard(app, page);
    // handed to the background instance, and the banner says exactly how safe that is in this browser
    const held = app.locator('[data-outbox-state="held"]');
    await held.waitFor({ timeout: 15_000 });
    expect(await app.locator('.qa-banner', { has: held }).innerText()).toContain(
      "you can close the ticket, but don't close or reload Zendesk",
    );
    const count = async () =>
      (await dh.product.db.query<{ n: number }>('SELECT count(*)::int AS n FROM evaluations WHERE ticket_id = $1', [ticket]))[0]!.n;
    // the demo data may have reviewed this ticket already: count from here
    const before = await count();

    // close the ticket's tab (in-page, as in Zendesk): its sidebar is gone, the background stays
    await page.getByRole('button', { name: `Close tab #${ticket}` }).click();
    await expect.poll(() => page.locator('iframe.app-ticket_sidebar').count()).toBe(0);
    dh.state.setFaults({ serviceDown: false });
    await expect.poll(count, { timeout: 60_000 }).toBe(before + 1);
    // the background wrote the ticket's QA fields too
    const [newest] = await dh.product.db.query<{ final_score: number }>(
      'SELECT final_score FROM evaluations WHERE ticket_id = $1 ORDER BY created_at DESC LIMIT 1',
      [ticket],
    );
    await expect
      .poll(() => dh.state.ticket(ticket)?.custom_fields.find((f) => f.id === IDS.fields.qaScore)?.value ?? null, { timeout: 15_000 })
      .toBe(newest!.final_score);

    // reopened: the evaluation is there, the form is free, and still exactly one stored
    const again = await openSidebar(IDS.users.rita, ticket, page);
    await again.app.locator('.qa-history summary').waitFor();
    expect(await again.app.locator('[data-outbox-state]').count()).toBe(0);
    expect(await count()).toBe(before + 1);
    await page.close();
  });

  it('a draft lives on the service: it survives a reload and continues on another device, with the iframe denied storage', {
    timeout: 90_000,
  }, async () => {
    const ticket = ticketId('Refund for cancelled subscription');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    // Chromium's defaults: the cross-site app frame gets no localStorage, so nothing below can come from it
    expect(
      await app.evaluate(() => {
        try {
          return typeof localStorage.length;
        } catch (e) {
          return (e as Error).name;
        }
      }),
    ).toBe('SecurityError');
    await app.locator('[data-crit] [role=radio]').first().focus();
    await page.keyboard.press('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('1');
    // on the service, not only on screen: the footer may still say saved from before the last change went
    const answersStored = async () => {
      const r = (await (await dh.service(`/drafts?ticketId=${ticket}`, { user: IDS.users.rita })).json()) as {
        items: Array<{ content: { answers: object } }>;
      };
      return Object.keys(r.items[0]?.content.answers ?? {}).length;
    };
    await expect.poll(answersStored, { timeout: 15_000 }).toBe(2);
    await app.getByText('Draft saved to Ticket QA').first().waitFor();

    const again = await openSidebar(IDS.users.rita, ticket, page);
    expect(await again.app.locator('[role=radio][aria-checked=true]').count()).toBe(2);
    await page.close();

    // another device: its own browser profile, same reviewer
    const other = (await launchBrowser())!;
    try {
      const there = await openSidebar(IDS.users.rita, ticket, await other.context.newPage());
      expect(await there.app.locator('[role=radio][aria-checked=true]').count()).toBe(2);
      await there.app.locator('[data-crit="2"] [role=radio]').first().click();
      await expect.poll(answersStored, { timeout: 15_000 }).toBe(3);
      expect(await there.app.locator('[role=radio][aria-checked=true]').count()).toBe(3);
    } finally {
      await other.close();
    }
    const back = await openSidebar(IDS.users.rita, ticket);
    expect(await back.app.locator('[role=radio][aria-checked=true]').count()).toBe(3);
    await back.page.close();
  });

  it('a safe_update conflict (409) is re-read and retried; the reviewer edits, then withdraws, keeping the history', {
    timeout: 90_000,
  }, async () => {
    const ticket = ticketId('Discount code not applied');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    await dh.setFaults({ staleSafeUpdates: 1 });
    await scoreWithKeyboard(app, page);
    const id = await doneId(app);
    await expect.poll(() => writeBackState(app).getAttribute('data-write-back'), { timeout: 15_000 }).toBe('updated');
    expect(dh.state.faults().staleSafeUpdates).toBe(0);

    await app.getByRole('button', { name: 'Edit' }).click();
    await app.getByText('Editing your evaluation').waitFor();
    await app.getByLabel('Overall comment and coaching note').fill('Good save on the discount.');
    await app.getByRole('button', { name: 'Save changes' }).click();
    await app.getByText('Changes saved').waitFor();
    // saved: the header no longer says it is editing
    expect(await app.locator('.qa-head').textContent()).not.toContain('Editing your evaluation');
    const history = (await (await dh.service(`/evaluations/${id}`, { user: IDS.users.rita, role: 'reviewer' })).json()) as {
      overallComment: string;
      history: unknown[];
    };
    expect(history.overallComment).toBe('Good save on the discount.');
    expect(history.history).toHaveLength(2);

    const again = await openSidebar(IDS.users.rita, ticket, page);
    await again.app.locator('.qa-history summary').click();
    const item = again.app.locator('.qa-history__item').filter({ hasText: 'by you' }).first();
    await item.getByRole('button', { name: 'Withdraw' }).click();
    await item.getByRole('button', { name: 'Confirm withdraw' }).click();
    await expect.poll(async () => (await stored(id))[0]?.status).toBe('withdrawn');
    // the ticket's fields show the latest evaluation still standing, or nothing
    const { evaluations } = (await (
      await dh.service(`/sidebar?ticketId=${ticket}`, { user: IDS.users.rita, role: 'reviewer' })
    ).json()) as {
      evaluations: Array<{ id: string; createdAt: string; finalScore: number | null; passed: boolean | null; criticalFailures: string[] }>;
    };
    expect(evaluations.map((e) => e.id)).not.toContain(id);
    const latest = [...evaluations].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    await expect
      .poll(() => dh.state.fieldValue(dh.state.ticket(ticket)!, IDS.fields.qaResult) ?? null, { timeout: 15_000 })
      .toBe(latest ? resultValue(latest) : null);
    await page.close();
  });

  it('says when no scorecard applies and when the ticket has no assignee', { timeout: 90_000 }, async () => {
    const none = await openSidebar(IDS.users.rita, ticketId('Webhook deliveries failing with 500'));
    await none.app.getByText('No scorecard applies to this ticket').waitFor();
    await none.page.close();
    const unassigned = await openSidebar(IDS.users.rita, ticketId('Question about API rate limits'));
    await unassigned.app.getByText('This ticket has no assignee').waitFor();
    await unassigned.app.getByRole('button', { name: 'Submit' }).click();
    await unassigned.app.getByText('Choose who is reviewed').waitFor();
    // anyone Zendesk's autocomplete finds, not only the group's members: Mia is in Billing, the ticket in Support
    await unassigned.app.getByRole('button', { name: 'Change' }).click();
    const search = unassigned.app.getByRole('combobox', { name: 'Find an agent by name' });
    await search.pressSequentially('nov');
    await unassigned.app.getByRole('option', { name: 'Mia Novak' }).waitFor();
    await search.press('Enter');
    await expect.poll(() => unassigned.app.locator('.qa-reviewee strong').textContent()).toBe('Mia Novak');
    await unassigned.page.close();
  });

  it('a reviewer finds the reviewee by part of a name and picks with the keyboard; others see the reviewer by name', {
    timeout: 90_000,
  }, async () => {
    const ticket = ticketId('How do I export my data?');
    const { page, app } = await openSidebar(IDS.users.rita, ticket);
    await expect(app.locator('.qa-reviewee strong').textContent()).resolves.toBe('Alex Agent');
    await app.getByRole('button', { name: 'Change' }).click();
    const search = app.getByRole('combobox', { name: 'Find an agent by name' });
    // the search has focus: the ticket's group members are offered at once, the reviewer never
    await expect.poll(() => app.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    const options = app.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.allTextContents()).toContain("Omar Haddadin the ticket's group");
    expect((await options.allTextContents()).join()).not.toContain('Rita');
    await page.keyboard.type('ad');
    await expect.poll(() => options.allTextContents()).toEqual(["Ada Adminin the ticket's group", "Omar Haddadin the ticket's group"]);
    const active = async () => app.locator(`#${await search.getAttribute('aria-activedescendant')}`).textContent();
    await expect(active()).resolves.toContain('Ada Admin');
    await page.keyboard.press('ArrowDown');
    await expect(active()).resolves.toContain('Omar Haddad');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.locator('.qa-reviewee strong').textContent()).toBe('Omar Haddad');
    // picked, the search closes and focus goes back to Change
    expect(await app.getByRole('combobox').count()).toBe(0);
    await expect.poll(() => app.evaluate(() => document.activeElement?.textContent)).toBe('Change');
    await scoreWithKeyboard(app, page);
    const id = await doneId(app);
    const [row] = await dh.product.db.query<{ reviewee_id: number }>(
      'SELECT reviewee_id::float8 AS reviewee_id FROM evaluations WHERE id = $1',
      [id],
    );
    expect(row?.reviewee_id).toBe(IDS.moreAgents.omar);
    await page.close();

    // a lead opening the ticket reads who scored it, by name
    const lead = await openSidebar(IDS.users.lee, ticket);
    await lead.app.locator('.qa-history summary').click();
    const byline = lead.app.locator(`[data-history-id="${id}"]`);
    await expect.poll(() => byline.textContent()).toContain('by Rita Reviewer');
    expect(await lead.app.locator('.qa-history').textContent()).not.toContain(`#${IDS.users.rita}`);
    await lead.page.close();
  });

  it('the live score, its badge and a critical failure never change the footer size', { timeout: 90_000 }, async () => {
    const { page, app } = await openSidebar(IDS.users.rita, ticketId('Callback about delivery delay'));
    const footer = app.locator('.qa-footer__bar');
    const size = async () => {
      const box = (await footer.boundingBox())!;
      return `${box.width}x${box.height}`;
    };
    const before = await size();
    await app.locator('[data-crit] [role=radio]').last().click();
    expect(await app.locator('.qa-score__value').textContent()).not.toBe('–');
    expect(await size()).toBe(before);
    const critical = app
      .locator('.qa-crit')
      .filter({ has: app.locator('.qa-tag', { hasText: 'Critical' }) })
      .first();
    await critical.locator('[role=radio]').first().click();
    await app.locator('.qa-badge--critical').waitFor();
    await app.locator('.qa-score__raw').waitFor();
    expect(await size()).toBe(before);
    await page.close();
  });

  it('a session that ended says so in words, with what to do', { timeout: 90_000 }, async () => {
    const page = await browser.context.newPage();
    // the admin ends Rita's sessions between her signed load and the sidebar's first call to the service
    await page.route(`${dh.appOrigin}/api/v1/sidebar**`, async (route) => {
      const revoked = await dh.service(`/sessions/users/${IDS.users.rita}`, { user: IDS.users.ada, role: 'admin' }, { method: 'DELETE' });
      expect(revoked.status).toBe(200);
      await route.continue();
    });
    const { app } = await openSidebar(IDS.users.rita, ticketId("Can't reset my password"), page);
    await expect(app.locator('.qa-state').getAttribute('data-problem')).resolves.toBe('session-ended');
    await expect(app.locator('.qa-state').textContent()).resolves.toContain('Reload Zendesk');
    await page.unroute(`${dh.appOrigin}/api/v1/sidebar**`);
    // reopening the app is a new signed load: a new session, and the sidebar works again
    const again = await openSidebar(IDS.users.rita, ticketId("Can't reset my password"), page);
    await again.app.locator('.qa-sidebar').waitFor();
    await page.close();
  });

  it('axe finds no serious or critical violation in the reviewer and agent views', { timeout: 90_000 }, async () => {
    const ticket = ticketId('Update VAT number on invoices');
    const views = [
      await openSidebar(IDS.users.rita, ticket),
      await openSidebar(IDS.users.sam, ticketId("Can't reset my password")),
      await openSidebar(IDS.users.alex, ticketId("Can't reset my password")),
    ];
    // open the details a reviewer would open, so their markup is checked too
    const reviewer = views[0]!.app;
    await reviewer.locator('[data-crit] [role=radio]').first().click();
    await reviewer.getByRole('button', { name: 'All keys' }).click();
    await reviewer.getByRole('button', { name: 'Submit' }).click();
    for (const { app, page } of views) {
      expect(await axeViolations(app)).toEqual([]);
      await page.close();
    }
  });
});
