// @vitest-environment happy-dom
/**
 * The nav bar with and without a synced population (decision 028): suggestions ask the service first and read
 * Zendesk's ticket list in the browser only when it answers that nothing is synced, and say which source they used;
 * people's names come from the service's synced directory, with no Zendesk request for staff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SuggestionsResponse } from '../../../core/coverage.ts';
import type { PeopleDirectory } from '../../../core/synced-population.ts';
import { fail, ok, type Result } from '../../api/result.ts';
import type { Method } from '../../api/service-call.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, mount, settle, type Mounted } from '../../ui/testing.tsx';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf } from '../../zaf/fake-zaf.ts';
import type { ZafRequestOptions } from '../../zaf/port.ts';
import { ZafSessionProvider } from '../../zaf/use-zaf.tsx';
import { NavBarContext, type NavBarSession } from '../navbar-context.tsx';
import { usePeople } from '../reports/use-people.ts';
import { TicketSuggestions } from './ticket-suggestions.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const suggestion = { ticketId: 1295, agentId: 10002, channel: 'chat', subject: 'Complaint', reasons: ['reopened' as const], fills: null };
const synced = (over: Partial<SuggestionsResponse> = {}): SuggestionsResponse => ({
  week: '2026-W50',
  suggestions: [suggestion],
  alreadyReviewed: 2,
  source: 'synced',
  candidates: 65,
  ...over,
});
const DIRECTORY: PeopleDirectory = {
  source: 'synced',
  staff: [
    { id: 10002, name: 'Alex Agent', role: 'agent', active: true },
    { id: 10009, name: 'Former Agent', role: 'agent', active: false },
  ],
  groups: [{ id: 7, name: 'Billing' }],
};

/** The service (suggestions answered in turn from `answers`, the directory) and Zendesk, with what each was asked. */
function world(answers: SuggestionsResponse[], directory: PeopleDirectory = DIRECTORY) {
  const bodies: unknown[] = [];
  const zendesk: string[] = [];
  const call = async (method: Method, path: string, body?: unknown): Promise<Result<unknown>> => {
    if (method === 'POST' && path === '/suggestions') {
      bodies.push(body);
      return ok(answers[bodies.length - 1]);
    }
    if (method === 'GET' && path === '/people/directory') return ok(directory);
    return fail('server', `not in this test: ${method} ${path}`);
  };
  const zaf = createFakeZaf({
    request: async (o: ZafRequestOptions) => {
      zendesk.push(o.url);
      const ticket = {
        id: 7,
        status: 'solved',
        assignee_id: 10002,
        via: { channel: 'email' },
        subject: 'A',
        updated_at: new Date().toISOString(),
      };
      if (o.url.startsWith('/api/v2/tickets.json'))
        return { status: 200, headers: {}, responseJSON: { tickets: [ticket], metric_sets: [], next_page: null } };
      return { status: 200, headers: {}, responseJSON: { users: [], groups: [], next_page: null } };
    },
  });
  return { call, zaf, bodies, zendesk };
}

async function show(w: ReturnType<typeof world>, children: preact.ComponentChildren) {
  view = await mount(
    <I18nProvider value={{ locale: 'en', t }}>
      <ZafSessionProvider session={{ zaf: w.zaf, metadata: FAKE_METADATA, context: { ...FAKE_CONTEXT, location: 'nav_bar' } }}>
        <NavBarContext.Provider value={{ call: w.call } as unknown as NavBarSession}>{children}</NavBarContext.Provider>
      </ZafSessionProvider>
    </I18nProvider>,
  );
  await settle();
  return view.el;
}

function Suggestions() {
  return <TicketSuggestions week="2026-W50" people={usePeople()} />;
}

describe('suggestions by source', () => {
  it('uses the synced tickets without reading any ticket list in the browser, and says so', async () => {
    const w = world([synced()]);
    const el = await show(w, <Suggestions />);
    click(button(el, 'Suggest tickets'));
    await settle(4);
    expect(w.bodies).toEqual([
      { week: '2026-W50', favour: { reopens: true, lowCsat: true, longResolution: false, spotlight: false }, agentIds: [] },
    ]);
    expect(w.zendesk.filter((u) => u.includes('tickets.json'))).toEqual([]);
    expect(el.querySelector('[data-source]')!.textContent).toBe(
      '1 tickets suggested (2 already reviewed were left out). Drawn from all 65 tickets solved in the week or the week before, synced from Zendesk.',
    );
    expect(el.querySelector('[data-table="suggestions"] tbody td:nth-child(2)')!.textContent).toBe('Alex Agent');
  });

  it('a lead can favour the tickets in the AutoQA spotlight', async () => {
    const w = world([synced()]);
    const el = await show(w, <Suggestions />);
    const spotlight = [...el.querySelectorAll('label')].find((l) => l.textContent?.includes('in the AutoQA spotlight'))!;
    click(spotlight.querySelector('input')!);
    click(button(el, 'Suggest tickets'));
    await settle(4);
    expect((w.bodies[0] as { favour: { spotlight: boolean } }).favour.spotlight).toBe(true);
  });

  it('reads the candidates in the browser only when nothing is synced, sends them, and says so', async () => {
    const none = synced({ source: 'none', suggestions: [], alreadyReviewed: 0, candidates: 0 });
    const w = world([none, synced({ source: 'browser', candidates: 1, alreadyReviewed: 0 })], { source: 'none', staff: [], groups: [] });
    const el = await show(w, <Suggestions />);
    click(button(el, 'Suggest tickets'));
    await settle(6);
    expect(w.bodies).toHaveLength(2);
    expect(w.bodies[1]).toMatchObject({ candidates: [{ ticketId: 7, assigneeId: 10002, channel: 'email' }] });
    expect(w.zendesk.some((u) => u.startsWith('/api/v2/tickets.json'))).toBe(true);
    expect(el.querySelector('[data-source="browser"]')!.textContent).toContain(
      'Drawn from 1 tickets solved in the last 14 days among the most recently updated ones, read in your browser, as the Zendesk sync is off or has not run yet.',
    );
  });

  it('says there is no gap to fill when candidates gave no suggestion', async () => {
    const w = world([synced({ suggestions: [], alreadyReviewed: 0 })]);
    const el = await show(w, <Suggestions />);
    click(button(el, 'Suggest tickets'));
    await settle(4);
    expect(el.textContent).toContain("No gap to fill this week: every agent's plan is met, or no plan is set yet (above).");
  });
});

describe('names from the synced directory', () => {
  function Names() {
    const people = usePeople();
    return (
      <p>
        {[10002, 10009, 7].map((id, i) => (i === 2 ? people.groupName(id) : people.personName(id))).join('|')} ·{' '}
        {people.staff.map((p) => p.name).join(',')}
      </p>
    );
  }

  it('names staff and groups from the service, former agents too, and asks Zendesk for none of them', async () => {
    const w = world([]);
    const el = await show(w, <Names />);
    await settle(4);
    // former agents name old evaluations, but are not offered in pickers
    expect(el.textContent).toBe('Alex Agent|Former Agent|Billing · Alex Agent');
    expect(w.zendesk).toEqual([]);
  });
});
