// @vitest-environment happy-dom
/** The synced population beside the reviewed tickets (decision 028): each side with its own n, and honest without a sync. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTHING_SYNCED, type PopulationMetrics, type PopulationRow } from '../../../core/synced-population.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, mount, settle, type Mounted } from '../../ui/testing.tsx';
import { SyncedPopulation } from './synced-population.tsx';
import { fig, testPeople } from './test-rows.ts';

const messages = (locale: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../../translations/${locale}.json`), 'utf8')) as Messages;

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const people = testPeople;
const row = (key: string, tickets: number, evaluations: number): PopulationRow => ({
  key,
  tickets,
  csatGoodRate: fig(0.8, 20, 0.6, 0.9),
  firstReplyMinutes: fig(104, tickets, 75, 133),
  fullResolutionMinutes: fig(null, 0),
  reopenRate: fig(0.1, tickets, 0.05, 0.2),
  qa: {
    count: evaluations,
    averageScore: fig(evaluations ? 82.9 : null, evaluations, evaluations ? 76 : null, evaluations ? 89.8 : null),
    passRate: fig(evaluations ? 0.68 : null, evaluations),
    criticalFailRate: fig(0, evaluations),
  },
});
const POPULATION: PopulationMetrics = {
  source: 'synced',
  lastSyncAt: '2026-12-07T18:00:00.000Z',
  total: row('', 60, 41),
  by: {
    reviewee: [row('10002', 55, 41), row('10003', 5, 0)],
    group: [row('7', 60, 41)],
    channel: [row('email', 40, 30), row('chat', 20, 11)],
  },
};

async function show(population: PopulationMetrics, locale = 'en') {
  view = await mount(
    <I18nProvider value={{ locale, t: createTranslator(messages(locale)) }}>
      <SyncedPopulation population={population} people={people} />
    </I18nProvider>,
  );
  await settle();
  return view.el;
}

const cells = (el: HTMLElement) =>
  [...el.querySelectorAll('[data-table="population"] tbody tr')].map((tr) =>
    [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
  );

describe('SyncedPopulation', () => {
  it('shows every synced ticket’s figures beside the reviewed ones’, each with its n, by agent, group or channel', async () => {
    const el = await show(POPULATION);
    expect(cells(el)[0]).toEqual([
      'All',
      '60',
      '80.0% 95% CI 60.0%–90.0%n = 20',
      '104 95% CI 75–133n = 60',
      '– n = 0 (too few for an interval)',
      '82.9 95% CI 76.0–89.8n = 41',
      '68.0% n = 41 (too few for an interval)',
    ]);
    expect(cells(el).map((r) => r[0])).toEqual(['All', 'Alex Agent', '#10003']);
    // an agent nobody reviewed: the tickets' figures, and no QA figure
    expect(cells(el)[2]![5]).toBe('– n = 0 (too few for an interval)');
    click(button(el, 'Channel'));
    await settle();
    expect(cells(el).map((r) => r[0])).toEqual(['All', 'Email', 'Chat']);
    click(button(el, 'Group'));
    await settle();
    expect(cells(el).map((r) => r[0])).toEqual(['All', 'Billing']);
  });

  it('says nothing is synced instead of showing figures, and when nothing was solved or reviewed in the period', async () => {
    const el = await show(NOTHING_SYNCED);
    expect(el.querySelector('[data-table]')).toBeNull();
    expect(el.textContent).toBe(
      'Nothing is synced from Zendesk yet, so there are no figures over all tickets: the tables above count reviewed tickets only.',
    );
    await view!.unmount();
    const empty = await show({ ...POPULATION, total: null, by: { reviewee: [], group: [], channel: [] } });
    expect(empty.textContent).toContain('No synced ticket was solved in this period, and nothing was reviewed.');
  });

  it('reads in German', async () => {
    const el = await show(POPULATION, 'de');
    expect(el.querySelector('caption')!.textContent).toBe('CSAT und Zeiten über alle gelösten Tickets, QA über die geprüften');
    expect(cells(el)[0]![0]).toBe('Alle');
  });
});
