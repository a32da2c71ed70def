/**
 * The nav bar's scorecard admin end to end: Chromium through the local Zendesk with the real ZAF SDK,
 * the built app and the QA service on PGlite. An admin builds a scorecard from a template, changes weights and
 * a critical rule, previews, publishes, and a reviewer on a matching ticket gets it; a bad import is refused
 * with each problem named by its section and criterion; a second admin's stale save is refused with a clear message.
 */
import { readFileSync } from 'node:fs';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardSummary } from '../../src/core/api.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { IDS, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

const ADMIN = { user: USERS.ada, role: 'admin' } as const;

async function scorecards(): Promise<ScorecardSummary[]> {
  const res = await dh.service('/scorecards', ADMIN);
  return ((await res.json()) as { items: ScorecardSummary[] }).items;
}

/** The host page with the nav bar app open, on its Scorecards tab. */
async function openScorecards(page?: Page, user: number = USERS.ada): Promise<{ page: Page; app: FrameLocator }> {
  const p = page ?? (await browser.context.newPage());
  await p.goto(dh.navBarUrl({ user }));
  const app = p.frameLocator('iframe.app-nav_bar');
  await app.getByRole('tab', { name: 'Scorecards' }).click();
  return { page: p, app };
}

async function appFrame(page: Page, location: 'ticket_sidebar' | 'nav_bar'): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = dh.frameOf(page, location);
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the app iframe never appeared');
}

/**
 * HTML5 drag and drop inside the app's cross-origin iframe: Playwright's mouse cannot start a native drag in an
 * out-of-process iframe (microsoft/playwright#29022), so the same DragEvents a browser fires are dispatched in it.
 */
async function drag(frame: Frame, from: string, to: string) {
  const moved = await frame.evaluate(
    ([fromSel, toSel]) => {
      const source = document.querySelector(fromSel!);
      const target = document.querySelector(toSel!);
      if (!source || !target) return false;
      const dataTransfer = new DataTransfer();
      const fire = (el: Element, type: string) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
      fire(source, 'dragstart');
      fire(target, 'dragenter');
      const accepted = !fire(target, 'dragover'); // a drop target cancels dragover
      if (accepted) fire(target, 'drop');
      fire(source, 'dragend');
      return accepted;
    },
    [from, to],
  );
  expect(moved, `drop of ${from} on ${to} accepted`).toBe(true);
}

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('scorecard admin in the devhost', () => {
  beforeAll(async () => {
    dh = await startDevhost({ seed: 'small', quiet: true });
    browser = (await launchBrowser())!;
    // a step that cannot happen fails on its own line, well inside the test's time limit
    browser.context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('builds a scorecard from a template, changes weights and a critical rule, previews, publishes; a reviewer on a matching ticket gets it', async () => {
    const { page, app } = await openScorecards();
    await app.getByRole('table').waitFor();
    await app.getByLabel('Template').selectOption('email');
    await app.getByRole('button', { name: 'New from template' }).click();
    await app.getByRole('heading', { name: /Email support/ }).waitFor();

    await app.getByLabel('Name', { exact: true }).fill('Billing web QA');
    // applies to web-form tickets of the Billing group (more specific than the seeded "Email support")
    // Garden draws the checkbox on its label, so a person clicks the label
    const tick = async (list: string, name: string, on: boolean) => {
      await app.locator(`#${list} label`).getByText(name, { exact: true }).click();
      expect(await app.locator(`#${list}`).getByLabel(name, { exact: true }).isChecked()).toBe(on);
    };
    await tick('applies-channels', 'Email', false);
    expect(await app.locator('#applies-channels').getByLabel('Web form', { exact: true }).isChecked()).toBe(true);
    await tick('applies-groups', 'Billing', true);
    await expect.poll(() => app.locator('#applies-title + p').innerText()).toBe('Channels: Web form; Groups: Billing');

    const first = app.locator('.qa-criterion').first();
    const firstId = await first.getByLabel('Id', { exact: true }).inputValue();
    await first.getByLabel('Weight', { exact: true }).fill('5');
    await first.getByLabel('Critical rule').selectOption('cap');
    await first.getByLabel('Cap the score at').fill('60');

    // a bad value is named beside the field, tied with aria-describedby, and in the list by its section and criterion
    await first.getByLabel('Weight', { exact: true }).fill('-1');
    const weight = first.getByLabel('Weight', { exact: true });
    await expect.poll(() => weight.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await weight.getAttribute('aria-describedby'))!;
    expect(await app.locator(`[id="${describedBy}"]`).innerText()).toBe('Weight must be 0 or more');
    const summary = await app.locator('[data-testid=editor-errors]').innerText();
    expect(summary).toContain('1 problem to fix:');
    expect(summary).toContain('Section ‘Greeting and closing’, criterion ‘Personal greeting’: weight must be 0 or more');
    expect(summary).not.toContain('sections[0]');
    await weight.fill('5');
    await expect.poll(() => app.locator('[data-testid=editor-errors]').innerText()).toContain('The draft is valid');

    // preview: top marks everywhere, then fail the capped critical criterion
    const groups = app.locator('.qa-preview .qa-seg');
    const count = await groups.count();
    for (let i = 0; i < count; i++) await groups.nth(i).locator('.qa-seg__item:not(.qa-seg__item--na)').last().click();
    expect(await app.getByTestId('preview-final').innerText()).toBe('100.00');
    await app.locator(`#preview-${firstId}`).getByLabel('No', { exact: true }).check();
    await expect.poll(() => app.getByTestId('preview-final').innerText()).toBe('60.00');
    expect(Number(await app.getByTestId('preview-raw').innerText())).toBeGreaterThan(60);
    expect(await app.getByTestId('preview-verdict').innerText()).toContain('Fail');
    expect(await app.getByTestId('preview-critical').innerText()).toContain('Critical failures');

    await app.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => app.getByTestId('editor-notice').innerText()).toContain('saved');
    await app.getByRole('button', { name: 'Publish v1' }).click();
    await expect.poll(() => app.getByTestId('list-notice').innerText()).toContain('Published “Billing web QA” v1');
    const row = app.locator('tr[data-scorecard="Billing web QA"]');
    expect(await row.innerText()).toContain('Published');
    expect(await row.innerText()).toContain('Channels: Web form; Groups: Billing');

    const stored = (await scorecards()).find((s) => s.name === 'Billing web QA')!;
    expect(stored).toMatchObject({ status: 'published', currentVersion: 1 });
    expect(stored.current!.appliesTo).toMatchObject({ channels: ['web'], groupIds: [IDS.groups.billing] });
    expect(stored.current!.sections[0]!.criteria[0]).toMatchObject({ id: firstId, weight: 5, critical: { effect: 'cap', cap: 60 } });
    await page.close();

    // a reviewer on a web-form Billing ticket gets it as the scorecard that applies
    const ticket = dh.state.tickets().find((t) => t.subject === 'Refund for cancelled subscription')!;
    const reviewer = await browser.context.newPage();
    await reviewer.goto(dh.ticketUrl(ticket.id, { user: USERS.rita }));
    const sidebar = await appFrame(reviewer, 'ticket_sidebar');
    await sidebar.locator('.qa-sidebar').waitFor({ timeout: 15_000 });
    const chosen = await sidebar.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('#qa-scorecard');
      return select ? select.selectedOptions[0]?.text : document.querySelector('.qa-head .qa-h')?.textContent;
    });
    expect(chosen).toContain('Billing web QA');
    await reviewer.close();
  }, 60_000);

  it('refuses a bad import file, naming each problem by its section and criterion, and saves nothing', async () => {
    const { page, app } = await openScorecards();
    await app.getByRole('table').waitFor();
    const before = (await scorecards()).length;
    const bad = {
      name: 'Broken',
      method: 'weighted-criteria',
      passThreshold: 120,
      sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: 'binary' }, weight: -2, colour: 'red' }] }],
    };
    await app
      .getByTestId('import-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const errors = app.getByTestId('import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('broken.json was not imported (3 problems)');
    expect(text).toContain('Scorecard: pass threshold must be 100 or less');
    expect(text).toContain('Section ‘S’, criterion ‘C’: weight must be 0 or more');
    expect(text).toContain('Section ‘S’, criterion ‘C’: has an unknown field: "colour"');
    expect(await errors.getAttribute('role')).toBe('alert');

    await app
      .getByTestId('import-file')
      .setInputFiles({ name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
    await expect.poll(() => errors.innerText()).toContain('The file is not valid JSON');
    expect((await scorecards()).length).toBe(before);

    // a good file is imported as a draft
    const good = {
      ...bad,
      passThreshold: 70,
      sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: 'binary' }, weight: 2 }] }],
    };
    await app
      .getByTestId('import-file')
      .setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await expect.poll(() => app.getByTestId('list-notice').innerText()).toContain('Imported “Broken” as a draft');
    const all = await scorecards();
    expect(all.length).toBe(before + 1);
    expect(all.find((s) => s.name === 'Broken')).toMatchObject({ status: 'draft', currentVersion: null });
    await page.close();
  });

  it('refuses the second of two concurrent saves of one draft with a clear message, never overwriting', async () => {
    const created = await dh.service('/scorecards', ADMIN, {
      body: {
        name: 'Shared card',
        method: 'weighted-criteria',
        sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: 'binary' }, weight: 1 }] }],
      },
    });
    const { id } = (await created.json()) as { id: string };
    expect((await dh.service(`/scorecards/${id}/publish`, ADMIN, { body: {} })).status).toBe(200);

    // both admins load the list before either opens the draft
    const a = await openScorecards();
    const b = await openScorecards();
    await a.app.getByRole('table').waitFor();
    await b.app.getByRole('table').waitFor();
    await a.app.getByRole('button', { name: 'Edit “Shared card”' }).click();
    await a.app.getByRole('heading', { name: /Shared card/ }).waitFor();
    await b.app.getByRole('button', { name: 'Edit “Shared card”' }).click();
    await b.app.getByRole('heading', { name: /Shared card/ }).waitFor();
    expect(await a.app.locator('.qa-badge').innerText()).toBe('draft of v2');
    expect(await b.app.locator('.qa-badge').innerText()).toBe('draft of v2');

    await a.app.getByLabel('Description').fill('Edited by the first admin');
    await a.app.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => a.app.getByTestId('editor-notice').innerText()).toContain('saved');

    await b.app.getByLabel('Name', { exact: true }).fill('Renamed by the second admin');
    await b.app.getByRole('button', { name: 'Save draft' }).click();
    const notice = b.app.getByTestId('editor-notice');
    await expect
      .poll(() => notice.innerText())
      .toContain('Another admin saved this draft since you opened it — reload to see their changes');
    expect(await notice.getAttribute('role')).toBe('alert');

    const draft = async () => ((await (await dh.service(`/scorecards/${id}`, ADMIN)).json()) as ScorecardSummary).draft!;
    expect((await draft()).definition).toMatchObject({ name: 'Shared card', description: 'Edited by the first admin' });

    // reloading shows the first admin's change; then the second admin's save goes through
    await b.app.getByRole('button', { name: 'Reload the draft' }).click();
    await expect.poll(() => b.app.getByLabel('Description').inputValue()).toBe('Edited by the first admin');
    expect(await b.app.getByLabel('Name', { exact: true }).inputValue()).toBe('Shared card');
    await b.app.getByLabel('Name', { exact: true }).fill('Renamed after reload');
    await b.app.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => notice.innerText()).toContain('saved');
    expect((await draft()).definition).toMatchObject({ name: 'Renamed after reload', description: 'Edited by the first admin' });
    await a.page.close();
    await b.page.close();
  });

  it('stores a draft only when it is saved, reopens the open draft, and deletes a draft once confirmed', { timeout: 60_000 }, async () => {
    const { page, app } = await openScorecards();
    await app.getByRole('table').waitFor();
    const before = await scorecards();
    const back = async () => {
      await app.getByRole('button', { name: /All scorecards/ }).click();
      await app.getByRole('table').waitFor();
    };
    // New from template twice and Edit, each left without saving: nothing new is stored
    for (let i = 0; i < 2; i++) {
      await app.getByLabel('Template').selectOption('email');
      await app.getByRole('button', { name: 'New from template' }).click();
      await app.getByRole('heading', { name: /Email support/ }).waitFor();
      expect(await app.getByText('Not saved yet: nothing is stored until you save.').count()).toBe(1);
      await back();
    }
    const published = before.find((s) => s.status === 'published' && !s.draft)!;
    const edit = app.getByRole('button', { name: `Edit “${published.name}”` });
    await edit.click();
    await expect.poll(() => app.locator('#editor-title').innerText()).toContain(published.name);
    expect(await app.locator('.qa-badge').innerText()).toBe(`draft of v${published.latestVersion + 1}`);
    await back();
    expect((await scorecards()).map((s) => [s.id, s.latestVersion, s.draft?.version ?? null])).toEqual(
      before.map((s) => [s.id, s.latestVersion, s.draft?.version ?? null]),
    );

    // saved once, the draft is the one Edit opens next time, with its change
    await edit.click();
    await app.getByLabel('Description').fill('Changed in a draft');
    await app.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => app.getByTestId('editor-notice').innerText()).toContain('saved');
    await back();
    const row = app.locator(`tr[data-scorecard="${published.name}"]`);
    await expect.poll(() => row.innerText()).toContain(`draft v${published.latestVersion + 1} open`);
    await edit.click();
    await expect.poll(() => app.getByLabel('Description').inputValue()).toBe('Changed in a draft');
    await back();
    expect((await scorecards()).filter((s) => s.name === published.name)).toHaveLength(1);

    // deleting asks first, in the row; Cancel keeps it, Delete draft deletes it and the published version stays
    const version = published.latestVersion + 1;
    const remove = app.getByRole('button', { name: `Delete the draft v${version} of “${published.name}”` });
    await remove.click();
    await row.getByText(`Delete the draft v${version} of “${published.name}”? The published v${published.currentVersion} stays.`).waitFor();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => remove.evaluate((b) => b === document.activeElement)).toBe(true);
    await remove.click();
    await row.getByRole('button', { name: 'Delete draft' }).click();
    await expect.poll(() => app.getByTestId('list-notice').innerText()).toContain(`Deleted the draft v${version} of “${published.name}”.`);
    const after = (await scorecards()).find((s) => s.id === published.id)!;
    expect(after).toMatchObject({
      status: 'published',
      currentVersion: published.currentVersion,
      latestVersion: published.latestVersion,
      draft: null,
    });
    await page.close();
  });

  it('tells a non-admin to ask their admin, and keyboard users can reach every tab', async () => {
    const page = await browser.context.newPage();
    await page.goto(dh.navBarUrl({ user: USERS.rita }));
    const app = page.frameLocator('iframe.app-nav_bar');
    const reports = app.getByRole('tab', { name: 'Reports' });
    await reports.focus();
    expect(await reports.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    const tab = app.getByRole('tab', { name: 'Scorecards' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await tab.evaluate((el) => el === document.activeElement)).toBe(true);
    await app.getByRole('heading', { name: 'Scorecards are managed by admins' }).waitFor();
    expect(await app.getByRole('tabpanel').innerText()).toContain('Ask your Zendesk admin');
    await page.keyboard.press('ArrowLeft');
    expect(await app.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected')).toBe('true');
    await page.close();
  });
  it('adds, reorders (buttons, Alt+Arrow, drag and drop) and removes criteria with focus kept where the user is', {
    timeout: 60_000,
  }, async () => {
    const created = await dh.service('/scorecards', ADMIN, {
      body: {
        name: 'Reorder me',
        method: 'total-points',
        sections: [
          {
            id: 'a',
            name: 'Alpha',
            criteria: [
              { id: 'one', label: 'One', scale: { preset: 'binary' }, weight: 1 },
              { id: 'two', label: 'Two', scale: { preset: 'binary' }, weight: 1 },
            ],
          },
          { id: 'b', name: 'Beta', criteria: [{ id: 'three', label: 'Three', scale: { preset: 'binary' }, weight: 1 }] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const { page, app } = await openScorecards();
    await app.getByRole('button', { name: 'Edit “Reorder me”' }).click();
    await app.getByRole('heading', { name: /Reorder me/ }).waitFor();
    const frame = await appFrame(page, 'nav_bar');
    const labels = () =>
      frame
        .locator('.qa-criterion')
        .evaluateAll((rows) => rows.map((r) => (r.querySelector('input[id$="-label"]') as HTMLInputElement).value));
    const focusedId = () => frame.evaluate(() => document.activeElement?.id ?? '');

    // add: focus lands in the new criterion's label; its id follows the label
    await app.getByRole('button', { name: 'Add a criterion to “Alpha”' }).click();
    const newLabel = await focusedId();
    expect(newLabel).toMatch(/-label$/);
    await page.keyboard.type('Four things');
    expect(await labels()).toEqual(['One', 'Two', 'Four things', 'Three']);
    expect(await app.locator('.qa-criterion').nth(2).getByLabel('Id', { exact: true }).inputValue()).toBe('four-things');

    // Alt+ArrowUp inside the row moves it; focus stays in the field being typed in
    await page.keyboard.press('Alt+ArrowUp');
    expect(await labels()).toEqual(['One', 'Four things', 'Two', 'Three']);
    expect(await focusedId()).toBe(newLabel);

    // the move buttons work and keep focus on the button
    await app.getByRole('button', { name: 'Move “One” down' }).click();
    expect(await labels()).toEqual(['Four things', 'One', 'Two', 'Three']);
    expect(await focusedId()).toMatch(/-down$/);

    // drag a criterion onto a row of the other section
    await drag(frame, '.qa-criterion:nth-of-type(1) [data-drag=criterion]', '.qa-section:nth-of-type(2) .qa-criterion input[id$="-label"]');
    expect(await labels()).toEqual(['One', 'Two', 'Four things', 'Three']);
    // and a section above the other
    await drag(frame, '.qa-section:nth-of-type(2) > legend [data-drag=section]', '.qa-section:nth-of-type(1) > legend');
    expect(await frame.locator('.qa-section input[id$="-name"]').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value))).toEqual(
      ['Beta', 'Alpha'],
    );

    // remove: focus goes to the neighbouring row of its section, never lost to the page
    await app.getByRole('button', { name: 'Remove “Four things”' }).click();
    expect(await labels()).toEqual(['Three', 'One', 'Two']);
    expect(await frame.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('Three');

    // the points view of total-points
    expect(await app.locator('.qa-criterion').first().getByLabel('Points', { exact: true }).inputValue()).toBe('1');
    await app.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => app.getByTestId('editor-notice').innerText()).toContain('saved');
    const summary = (await (
      await dh.service(`/scorecards/${((await created.json()) as { id: string }).id}`, ADMIN)
    ).json()) as ScorecardSummary;
    expect(summary.draft!.definition.sections.map((sec) => `${sec.id}:${sec.criteria.map((c) => c.id).join(',')}`)).toEqual([
      'b:three',
      'a:one,two',
    ]);

    // axe: no serious or critical violation in the editor
    expect(await axeViolations(frame)).toEqual([]);
    await page.close();
  });

  it('duplicates, exports the JSON file, and archives a scorecard (kept, hidden from reviewers)', { timeout: 60_000 }, async () => {
    const created = await dh.service('/scorecards', ADMIN, {
      body: {
        name: 'Keep or archive',
        method: 'weighted-criteria',
        appliesTo: { tags: ['archive-me'] },
        sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: 'binary' }, weight: 1 }] }],
      },
    });
    const { id } = (await created.json()) as { id: string };
    await dh.service(`/scorecards/${id}/publish`, ADMIN, { body: {} });
    const { page, app } = await openScorecards();
    await app.getByRole('button', { name: 'Duplicate “Keep or archive”' }).click();
    await expect.poll(() => app.getByTestId('list-notice').innerText()).toContain('Keep or archive (copy)');
    // the notice shows before the list has reloaded: wait for the row itself
    await expect.poll(() => app.locator('tr[data-scorecard="Keep or archive (copy)"]').innerText()).toContain('Draft');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      app.getByRole('button', { name: 'Export “Keep or archive” as JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('scorecard-keep-or-archive-v1.json');
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { name: string; appliesTo: { tags: string[] } };
    expect(file).toMatchObject({ name: 'Keep or archive', appliesTo: { tags: ['archive-me'] } });

    await app.getByRole('button', { name: 'Archive “Keep or archive”' }).click();
    await app.getByRole('group', { name: 'Archive “Keep or archive”?' }).getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => app.getByTestId('list-notice').innerText()).toContain('Archived “Keep or archive”');
    const row = app.locator('tr[data-scorecard="Keep or archive"]');
    await expect.poll(() => row.innerText()).toContain('Archived');
    expect(await row.getByRole('button', { name: /Edit/ }).count()).toBe(0);
    const reviewerList = (await (await dh.service('/scorecards', { user: USERS.rita, role: 'reviewer' })).json()) as {
      items: ScorecardSummary[];
    };
    expect(reviewerList.items.some((s) => s.id === id)).toBe(false);
    await page.close();
  });
  it('shows what the last 90 days would score, pass and critically fail under the draft before publishing', {
    timeout: 60_000,
  }, async () => {
    const used = (await scorecards())
      .filter((c) => c.status === 'published' && c.evaluationCount > 0)
      .sort((x, y) => y.evaluationCount - x.evaluationCount)[0];
    expect(used, 'the small seed has evaluated scorecards').toBeDefined();
    const { page, app } = await openScorecards();
    const row = app.locator(`tr[data-scorecard="${used!.name}"]`);
    expect(await row.locator('td.qa-num').innerText()).toBe(String(used!.evaluationCount));
    await row.getByRole('button', { name: `Edit “${used!.name}”` }).click();
    await app.getByRole('button', { name: 'Run what-if' }).waitFor();
    // a stricter critical rule on the first criterion: the average can only stay or drop
    const first = app.locator('.qa-criterion').first();
    await first.getByLabel('Critical rule').selectOption('zero');
    await app.getByRole('button', { name: 'Run what-if' }).click();
    const result = app.getByTestId('what-if-result');
    await expect.poll(() => result.innerText()).toMatch(/the same evaluations now and with this draft \(n = \d+\)/);
    // now and with the draft, for the average, the pass rate and the critical fails (not the average only)
    const cells = async (key: string) =>
      (await result.locator(`tr[data-what-if="${key}"] td`).allInnerTexts()).slice(0, 2).map((v) => Number.parseFloat(v));
    const [average, averageDraft] = await cells('average');
    expect(averageDraft).toBeLessThanOrEqual(average!);
    const [pass, passDraft] = await cells('pass');
    expect(passDraft).toBeLessThanOrEqual(pass!);
    const [critical, criticalDraft] = await cells('critical');
    expect(criticalDraft).toBeGreaterThanOrEqual(critical!);
    expect(await result.locator('[data-what-if="flips"]').innerText()).toMatch(
      /^Would fail: \d+ that pass now\. Would pass: 0 that fail now\.$/,
    );

    // leaving with unsaved changes asks first, inline; nothing was saved, not even a draft
    await app.getByRole('button', { name: 'All scorecards' }).click();
    await app.getByRole('button', { name: 'Keep editing' }).click();
    expect(await app.getByRole('button', { name: 'Run what-if' }).isVisible()).toBe(true);
    await app.getByRole('button', { name: 'All scorecards' }).click();
    await app.getByRole('button', { name: 'Leave without saving' }).click();
    await app.getByRole('table').waitFor();
    const after = (await (await dh.service(`/scorecards/${used!.id}`, ADMIN)).json()) as ScorecardSummary;
    expect(after).toMatchObject({ latestVersion: used!.latestVersion, draft: null });
    expect(after.current!.sections[0]!.criteria[0]!.critical).toEqual(used!.current!.sections[0]!.criteria[0]!.critical);
    await page.close();
  });
});
