/** The host page's ticket list stays usable with the account's hundreds of tickets: newest first, 30 a page. */
import { describe, expect, it } from 'vitest';
import { renderPage, TICKETS_PER_PAGE, type PageRequest } from './pages.ts';
import { IDS } from './sample-data.ts';
import { createZendeskState } from './zendesk-state.ts';
import { DEFAULT_FAULTS, type HostBoot } from './zendesk-types.ts';

const state = createZendeskState();
const boot: HostBoot = {
  hostOrigin: 'http://localhost',
  appOrigin: 'http://127.0.0.1',
  userId: IDS.users.rita,
  location: null,
  ticketId: null,
  appUrls: {},
  signedUrls: true,
  probeLocations: [],
  metadata: { appId: 1, installationId: 2, name: 'Ticket QA', version: '0', settings: {} },
  subdomain: 'acme',
  faults: DEFAULT_FAULTS,
  qaFieldIds: [],
};
const render = async (req: Partial<PageRequest>) => String(await renderPage(state, { userId: IDS.users.rita, view: 'all', ...req }, boot));
const rowIds = (page: string) => [...page.matchAll(/<tr data-ticket-id="(\d+)">/g)].map((m) => Number(m[1]));

describe('the ticket list', () => {
  it('shows the most recently updated tickets first, a page at a time, with the hand-written ones on the first page', async () => {
    const total = state.tickets().length;
    expect(total).toBeGreaterThan(TICKETS_PER_PAGE * 3);
    const first = await render({});
    expect(rowIds(first)).toHaveLength(TICKETS_PER_PAGE);
    expect(first).toContain(`1–${TICKETS_PER_PAGE} of ${total}`);
    expect(first).toContain(`href="?user=${IDS.users.rita}&amp;view=all&amp;page=2" rel="next"`);
    expect(first).not.toContain('rel="prev"');
    // the open work and the recent tickets the tests open from the list
    for (const id of [1, 2, 5, 6, 12, 13]) expect(rowIds(first)).toContain(id);
    const newest = [...state.tickets()].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0]!;
    expect(rowIds(first)[0]).toBe(newest.id);
  });

  it('pages through every ticket once; the last page has no next link', async () => {
    const pages = Math.ceil(state.tickets().length / TICKETS_PER_PAGE);
    const seen: number[] = [];
    for (let page = 1; page <= pages; page++) seen.push(...rowIds(await render({ page })));
    expect(seen.sort((a, b) => a - b)).toEqual(
      state
        .tickets()
        .map((t) => t.id)
        .sort((a, b) => a - b),
    );
    const last = await render({ page: pages });
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('rel="prev"');
    // a page past the end shows the last one
    expect(rowIds(await render({ page: pages + 5 }))).toEqual(rowIds(last));
  });

  it('counts each view in full beside its name', async () => {
    const page = await render({ view: 'done' });
    const done = state.tickets().filter((t) => t.status === 'solved' || t.status === 'closed').length;
    expect(page).toContain(`of ${done}`);
    expect(page).toMatch(new RegExp(`Solved and closed\\s*<span class="count">${done}</span>`));
  });
});
