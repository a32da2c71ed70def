// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { criterionRow, type CriterionRow } from '../../../core/reports.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, mount, type Mounted } from '../../ui/testing.tsx';
import { FOLD_AT } from './bits.tsx';
import { CriterionTable } from './breakdowns.tsx';
import { choicesRow } from './test-rows.ts';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

/** A criterion rated 10 times for each agent, with each agent's fails. */
function row(key: string, fails: number[]): CriterionRow {
  const byReviewee = fails.map((f, i) => ({ id: 101 + i, rated: 10, fails: f }));
  const rated = fails.length * 10;
  const failed = fails.reduce((s, f) => s + f, 0);
  return criterionRow('email', key, `Criterion ${key}`, {
    rated,
    na: 0,
    fractionSum: rated - failed,
    fractionSumSq: rated - failed,
    fails: failed,
    byReviewee,
  });
}

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const show = (rows: CriterionRow[]) =>
  mount(
    <I18nProvider value={{ locale: 'en', t }}>
      <CriterionTable rows={rows} scorecardName={() => 'Email'} personName={(id) => `Agent ${id}`} onTickets={() => {}} open={null} />
    </I18nProvider>,
  );

describe('the criterion table', () => {
  it('shows the ten weakest and folds the rest behind "Show all n"', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => row(`c${String(i).padStart(2, '0')}`, [i % 3, 0, 1, 0, 0]));
    view = await show(rows);
    const body = () => view!.el.querySelectorAll('tbody tr');
    expect(body()).toHaveLength(FOLD_AT);
    const more = button(view.el, 'Show all 14 criteria');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.getAttribute('aria-controls')).toBe('qa-criteria-table');
    await click(more);
    expect(body()).toHaveLength(14);
    await click(button(view.el, 'Show only the 10 weakest'));
    expect(body()).toHaveLength(FOLD_AT);
  });

  it('shows no fold for ten rows or fewer', async () => {
    view = await show([row('a', [1, 0, 0, 0, 0])]);
    expect(view.el.querySelector('button[aria-controls="qa-criteria-table"]')).toBeNull();
  });

  it('says systemic, individual, no pattern or not enough data, each with its evidence', async () => {
    view = await show([
      row('everyone', [5, 4, 6, 5, 5]),
      row('both', [10, 5, 4, 5, 4]),
      row('one', [7, 0, 1, 0, 0]),
      row('fine', [1, 0, 1, 0, 0]),
      row('small', [3, 3]),
    ]);
    const cell = (key: string) => view!.el.querySelector(`tr[data-criterion="${key}"] td[data-pattern]`)!;
    expect(cell('everyone').getAttribute('data-pattern')).toBe('systemic');
    expect(cell('everyone').textContent).toContain('Systemic');
    expect(cell('everyone').textContent).toContain('5 of 5 agents failed it: fix the process, training or product');
    // systemic with an outlier: the rate the rule tested is the others'
    expect(cell('both').getAttribute('data-pattern')).toBe('systemic');
    expect(cell('both').textContent).toContain('Without them, the team fails 45.0% (95% CI 30.7%–60.2%)');
    expect(cell('both').textContent).toContain('Agent 101 fails it far more often than the rest: coach them');
    expect(cell('one').getAttribute('data-pattern')).toBe('individual');
    expect(cell('one').textContent).toContain('Agent 101 fails it far more often than the rest: coach them');
    expect(cell('fine').textContent).toContain('No clear pattern');
    expect(cell('fine').textContent).toContain('2 of 5 agents failed it at least once');
    expect(cell('small').textContent).toContain('Not enough data');
    expect(cell('small').textContent).toContain('20 rated answers from 2 agents so far');
    // the tickets button names its criterion for screen readers, and shows a short label
    const tickets = view.el.querySelector('tr[data-criterion="one"] button')!;
    expect(tickets.textContent).toBe('Tickets for “Criterion one”');
    expect(tickets.querySelector('.qa-visually-hidden')?.textContent).toBe(' for “Criterion one”');
  });

  it('shows a non-scoring criterion as counts per choice, with no mean or fail rate', async () => {
    const refund = choicesRow('email', 'refund', 'Was a refund issued?', { Yes: 12, No: 3, Partial: 1 });
    view = await show([row('a', [1, 0, 0, 0, 0]), refund]);
    const cell = view.el.querySelector('tr[data-criterion="refund"] [data-distribution]');
    expect(cell?.textContent).toContain('Yes 12 · No 3 · Partial 1');
    expect(cell?.textContent).toContain('16 answers');
    expect(view.el.querySelector('tr[data-criterion="refund"]')?.textContent).toContain('Not scored');
  });
});
