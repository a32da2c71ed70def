// @vitest-environment happy-dom
/** The automatic checks' part of the reports: apart from QA, trust with kappa and n, the spotlight, the admin's threshold. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoQaSummary, AutoQaTrust, Spotlight } from '../../../core/contract/autoqa.ts';
import type { QaRole } from '../../../core/evaluation.ts';
import type { Filters } from '../../api/reports-api.ts';
import { fail, ok, type Result } from '../../api/result.ts';
import type { Method } from '../../api/service-call.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, labelled, mount, settle, type, type Mounted } from '../../ui/testing.tsx';
import { createFakeZaf, FAKE_CONTEXT, FAKE_METADATA } from '../../zaf/fake-zaf.ts';
import { ZafSessionProvider } from '../../zaf/use-zaf.tsx';
import { NavBarContext, type NavBarSession } from '../navbar-context.tsx';
import { AutoQaReport } from './autoqa-report.tsx';
import { fig, testPeople } from './test-rows.ts';

const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../../translations/${locale}.json`), 'utf8')) as Messages;

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const people = testPeople;
const filters: Filters = { from: '2026-11-09', to: '2026-12-06', period: 'week' };
const kappa = (k: number | null, n: number, low: number | null = null, high: number | null = null) => ({
  kappa: k,
  n,
  se: null,
  seUnderNull: null,
  low,
  high,
});

const summary = (withUntrusted: boolean): AutoQaSummary => ({
  source: 'synced',
  tickets: 65,
  checked: 63,
  checks: [
    {
      checkId: 'greeting',
      kind: 'boolean',
      trusted: true,
      all: { applicable: 60, notApplicable: 3, pass: fig(0.9, 60, 0.8, 0.95), mean: null },
      byAgent: [{ key: '10002', applicable: 20, notApplicable: 1, pass: fig(0.75, 20, 0.53, 0.89), mean: null }],
      byGroup: [{ key: '7', applicable: 60, notApplicable: 3, pass: fig(0.9, 60, 0.8, 0.95), mean: null }],
      byChannel: [{ key: 'email', applicable: 30, notApplicable: 0, pass: fig(0.93, 30, 0.79, 0.98), mean: null }],
    },
    ...(withUntrusted
      ? [
          {
            checkId: 'readability' as const,
            kind: 'number' as const,
            trusted: false,
            all: { applicable: 50, notApplicable: 13, pass: null, mean: fig(48.2, 50, 44.1, 52.3) },
            byAgent: [],
            byGroup: [],
            byChannel: [],
          },
        ]
      : []),
  ],
});
const trust = (minKappa = 0.6, spellingAllowList: string[] = []): AutoQaTrust => ({
  settings: { minKappa, minN: 30, spellingAllowList, updatedAt: null, updatedBy: null },
  checks: [
    {
      checkId: 'greeting',
      kappa: kappa(0.81, 48, 0.66, 0.96),
      overrides: 4,
      status: minKappa <= 0.81 ? 'trusted' : 'below-threshold',
      trusted: minKappa <= 0.81,
      criteria: [
        {
          scorecardId: 's',
          criterionId: 'greet',
          label: 'Greets the customer',
          weights: 'unweighted',
          kappa: kappa(0.81, 48, 0.66, 0.96),
          overrides: 4,
        },
      ],
    },
    { checkId: 'readability', kappa: kappa(0.32, 40, 0.1, 0.54), overrides: 17, status: 'below-threshold', trusted: false, criteria: [] },
    {
      checkId: 'empathy',
      kappa: { ...kappa(null, 3), reason: 'too-few-items' },
      overrides: 0,
      status: 'too-few',
      trusted: false,
      criteria: [],
    },
  ],
});
const spotlight: Spotlight = {
  source: 'synced',
  tickets: [
    {
      ticketId: 1017,
      agentId: 10002,
      groupId: 7,
      channel: 'chat',
      subject: 'Refund still missing',
      solvedAt: '2026-12-01T10:00:00.000Z',
      score: 3,
      reasons: ['sentiment-drop', 'reopened'],
      why: ['sentiment 2 → -4', 'reopened twice'],
      reviewed: false,
    },
  ],
};

function world(role: QaRole = 'lead', spellingAllowList: string[] = []) {
  const asked: string[] = [];
  const sent: unknown[] = [];
  let current = trust(0.6, spellingAllowList);
  const call = async (method: Method, path: string, body?: unknown): Promise<Result<unknown>> => {
    asked.push(`${method} ${path}`);
    if (method === 'GET' && path.startsWith('/autoqa/summary')) return ok(summary(path.includes('includeUntrusted=true')));
    if (method === 'GET' && path === '/autoqa/trust') return ok(current);
    if (method === 'GET' && path.startsWith('/autoqa/spotlight')) return ok(spotlight);
    if (method === 'PUT' && path === '/autoqa/settings') {
      sent.push(body);
      const change = body as { minKappa: number; spellingAllowList?: string[] };
      current = trust(change.minKappa, change.spellingAllowList ?? current.settings.spellingAllowList);
      return ok(current);
    }
    return fail('server', `not in this test: ${method} ${path}`);
  };
  const routed: unknown[] = [];
  const zaf = createFakeZaf({
    invoke: (name, args) => {
      routed.push([name, ...args]);
      return undefined;
    },
  });
  return { call, zaf, asked, sent, routed, role };
}

async function show(w: ReturnType<typeof world>, locale = 'en', f: Filters = filters) {
  view = await mount(
    <I18nProvider value={{ locale, t: createTranslator(messagesOf(locale)) }}>
      <ZafSessionProvider session={{ zaf: w.zaf, metadata: FAKE_METADATA, context: { ...FAKE_CONTEXT, location: 'nav_bar' } }}>
        <NavBarContext.Provider value={{ call: w.call, role: w.role } as unknown as NavBarSession}>
          <AutoQaReport filters={f} people={people} />
        </NavBarContext.Provider>
      </ZafSessionProvider>
    </I18nProvider>,
  );
  await settle(4);
  return view.el;
}

const rows = (el: Element, table: string) =>
  [...el.querySelectorAll(`[data-table="${table}"] tbody tr`)].map((r) =>
    [...r.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
  );

describe('automatic checks in the reports', () => {
  it('shows every synced ticket checked, apart from QA, trusted checks only until asked; untrusted marked', async () => {
    const w = world();
    const el = await show(w);
    const part = el.querySelector('[data-autoqa]')!;
    expect(part.getAttribute('role')).toBe('region');
    expect(part.textContent).toContain('AutoQA: the checks’ figures, not reviewers’. Never part of QA scores.');
    expect(part.textContent).toContain('63 of 65 synced tickets solved in the period have been checked.');
    expect(w.asked).toContain('GET /autoqa/summary?from=2026-11-09&to=2026-12-06');
    expect(rows(el, 'autoqa-checks')).toEqual([
      ['GreetingWhether the first reply opens with a greeting or a thanks.', '60', '3', '90.0% 95% CI 80.0%–95.0%n = 60', 'Trusted'],
    ]);
    await click(labelled(el, 'Show untrusted checks too'));
    await settle(4);
    expect(w.asked.at(-1)).toBe('GET /autoqa/summary?from=2026-11-09&to=2026-12-06&includeUntrusted=true');
    const readability = el.querySelector('[data-table="autoqa-checks"] tr[data-check="readability"]')!;
    expect(readability.className).toContain('untrusted');
    expect(readability.textContent).toContain('48.2');
    expect(readability.textContent).toContain('reading ease, 0 to 100');
    expect(readability.textContent).toContain('Untrusted');
    // by agent, group and channel, one check at a time
    expect(rows(el, 'autoqa-by')).toEqual([['Alex Agent', '20', '1', '75.0% 95% CI 53.0%–89.0%n = 20']]);
    await click(button(el, 'Channel'));
    expect(rows(el, 'autoqa-by')[0]![0]).toBe('Email');
  });

  it("shows each check's kappa with its interval and n, why it is untrusted, and per criterion", async () => {
    const el = await show(world());
    expect(el.textContent).toContain('A check is trusted once its kappa is at least 0.60 over at least 30 ratings');
    expect(rows(el, 'autoqa-trust')).toEqual([
      [
        'Greeting1 criterionGreets the customer: 0.81 95% CI 0.66–0.96 · n = 48 · 4 changed',
        '0.81 95% CI 0.66–0.96 · n = 48',
        '4',
        'Trustedagrees with reviewers enough',
      ],
      ['Readability', '0.32 95% CI 0.10–0.54 · n = 40', '17', 'Untrustedkappa below 0.60'],
      ['Empathy', '– no kappa yet · n = 3', '0', 'Untrustedtoo few ratings yet (fewer than 30)'],
    ]);
    expect(el.querySelector('.qa-autoqa__criteria li')!.textContent).toBe(
      'Greets the customer: 0.81 95% CI 0.66–0.96 · n = 48 · 4 changed',
    );
    // leads read the threshold; only admins change it
    expect(() => labelled(el, 'Least kappa')).toThrow();
  });

  it('lists the spotlight with why, each ticket opening in Zendesk', async () => {
    const w = world();
    const el = await show(w);
    expect(rows(el, 'autoqa-spotlight')).toEqual([
      ['Ticket #1017', 'Refund still missing', 'Alex Agent', 'Chat', 'sentiment droppedreopenedsentiment 2 → -4 · reopened twice', ''],
    ]);
    await click(button(el, 'Ticket #1017'));
    expect(w.routed).toEqual([['routeTo', 'ticket', 1017]]);
  });

  it('lets an admin change the trust threshold: trust as the service answers it, the figures read again', async () => {
    const w = world('admin');
    const el = await show(w);
    await type(labelled(el, 'Least kappa'), '0.85');
    await click(button(el, 'Save threshold'));
    await settle(4);
    expect(w.sent).toEqual([{ minKappa: 0.85, minN: 30, spellingAllowList: [] }]);
    expect(el.textContent).toContain('Threshold saved');
    expect(el.querySelector('[data-table="autoqa-trust"] tr[data-check="greeting"]')!.getAttribute('data-trusted')).toBe('false');
    expect(w.asked.filter((a) => a.startsWith('GET /autoqa/summary'))).toHaveLength(2);
  });

  it('lets an admin set the words the spelling check accepts, one per line, saved with the threshold', async () => {
    const w = world('admin', ['Zendesk', 'macro']);
    const el = await show(w);
    const words = labelled<HTMLTextAreaElement>(el, 'Words the spelling check accepts (one per line)');
    expect(words.tagName).toBe('TEXTAREA');
    expect(words.value).toBe('Zendesk\nmacro');
    expect(el.querySelector(`#${words.getAttribute('aria-describedby')}`)!.textContent).toContain('Product names');
    await act(() => {
      words.value = '  Zendesk \n\nTicketQA\nhelpdesk  \n';
      words.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button(el, 'Save threshold'));
    await settle(4);
    // blank lines dropped, each word trimmed; the service de-duplicates and answers the stored list
    expect(w.sent).toEqual([{ minKappa: 0.6, minN: 30, spellingAllowList: ['Zendesk', 'TicketQA', 'helpdesk'] }]);
    expect(el.textContent).toContain('Threshold saved');
  });

  it('names the allow-list in German', async () => {
    const el = await show(world('admin'), 'de');
    expect(labelled<HTMLTextAreaElement>(el, 'Wörter, die die Rechtschreibprüfung akzeptiert (eines pro Zeile)').tagName).toBe('TEXTAREA');
  });

  it('reviewers get the figures and the spotlight, not the trust table; agents none of it; a scorecard filter is said not to apply', async () => {
    const reviewer = world('reviewer');
    let el = await show(reviewer, 'en', { ...filters, scorecardId: 'x' });
    expect(el.querySelector('[data-table="autoqa-checks"]')).not.toBeNull();
    expect(el.querySelector('[data-table="autoqa-spotlight"]')).not.toBeNull();
    expect(el.querySelector('#qa-autoqa-trust-title')).toBeNull();
    expect(reviewer.asked).not.toContain('GET /autoqa/trust');
    expect(el.querySelector('[data-autoqa-filters]')!.textContent).toBe(
      'The scorecard and reviewer filters do not apply to automatic checks: they read every synced ticket.',
    );
    await view!.unmount();
    const agent = world('agent');
    el = await show(agent);
    expect(el.querySelector('[data-autoqa]')).toBeNull();
    expect(agent.asked).toEqual([]);
  });

  it('says when nothing is synced, in German too', async () => {
    const w = world();
    w.call = async (_method, path) =>
      path.startsWith('/autoqa/summary')
        ? ok({ source: 'none', tickets: 0, checked: 0, checks: [] })
        : path.startsWith('/autoqa/spotlight')
          ? ok({ source: 'none', tickets: [] })
          : ok(trust());
    const el = await show(w, 'de');
    expect(el.querySelector('[data-autoqa-source="none"]')!.textContent).toBe(
      'Noch nichts synchronisiert: die Prüfungen laufen auf den Tickets, die die Zendesk-Synchronisierung bringt.',
    );
    expect(el.textContent).toContain('Automatische Prüfungen');
  });
});
