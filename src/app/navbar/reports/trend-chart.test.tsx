// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { summaryFromSums, type Trend } from '../../../core/reports.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { mount, type Mounted } from '../../ui/testing.tsx';
import { TrendChart } from './trend-chart.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

/** A week of n evaluations scoring 70 and 90 alternately. */
const week = (start: string, n: number) => ({
  start,
  ...summaryFromSums({
    count: n,
    scored: n,
    scoreSum: 80 * n,
    scoreSumSq: Math.ceil(n / 2) * 70 ** 2 + Math.floor(n / 2) * 90 ** 2,
    passes: Math.floor(n / 2),
    criticalFails: 0,
  }),
});

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const show = (trend: Trend) =>
  mount(
    <I18nProvider value={{ locale: 'en', t }}>
      <TrendChart trend={trend} />
    </I18nProvider>,
  );

describe('the trend chart', () => {
  it('fades a period with too few evaluations, keeps its interval out of the band, and says why', async () => {
    view = await show({ period: 'week', points: [week('2026-11-23', 40), week('2026-11-30', 36), week('2026-12-07', 2)] });
    const faint = view.el.querySelectorAll('svg [data-faint]');
    expect(faint).toHaveLength(1);
    expect(faint[0]!.textContent).toBe('n=2');
    // the band covers the two readable weeks only: four corners, no third x
    const band = view.el.querySelector('.qa-trend__band')!.getAttribute('d')!;
    expect(band.match(/[ML]/g)).toHaveLength(4);
    expect(view.el.querySelector('.qa-trend__line--faint')).not.toBeNull();
    expect(view.el.querySelector('.qa-trend__legend')!.textContent).toContain('Faded: fewer than 10 evaluations');
    // the table says it in words, not only in a paler colour
    const rows = view.el.querySelectorAll('#qa-trend-table tbody tr');
    expect(rows[2]!.className).toBe('qa-faint');
    expect(rows[2]!.textContent).toContain('too few to read');
    expect(rows[0]!.textContent).not.toContain('too few to read');
  });

  it('says nothing of fading when every period is readable', async () => {
    view = await show({ period: 'week', points: [week('2026-11-23', 40), week('2026-11-30', 36)] });
    expect(view.el.querySelectorAll('svg [data-faint]')).toHaveLength(0);
    expect(view.el.querySelector('.qa-trend__legend')!.textContent).not.toContain('Faded');
  });

  it('ends the last date label at its point, so the chart does not cut it', async () => {
    view = await show({
      period: 'week',
      points: [week('2026-11-09', 20), week('2026-11-16', 20), week('2026-11-23', 20), week('2026-11-30', 20)],
    });
    const labels = [...view.el.querySelectorAll('.qa-trend__x')];
    expect(labels.map((l) => l.textContent)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(labels.map((l) => l.getAttribute('text-anchor'))).toEqual(['start', 'middle', 'middle', 'end']);
  });

  it('scales the score axis to a bonus mean above 100 and says how bonus counts', async () => {
    const bonus = (start: string, mean: number) => ({
      start,
      ...summaryFromSums({
        count: 20,
        scored: 20,
        scoreSum: 20 * mean,
        scoreSumSq: 20 * mean ** 2 + 200,
        passes: 20,
        criticalFails: 0,
        bonusCount: 5,
      }),
    });
    view = await show({ period: 'week', points: [bonus('2024-03-04', 96), bonus('2024-03-11', 108)] });
    const ticks = [...view.el.querySelectorAll('.qa-trend__grid text')].map((e) => e.textContent);
    expect(ticks.at(-1)).toBe('120');
    expect(view.el.querySelector('[data-bonus-note]')?.textContent).toContain('a score above 100 counts as it is');
    expect(view.el.querySelector('[data-bonus-note]')?.textContent).toContain('10 evaluations');
  });

  it('keeps the score axis at 100 without bonus', async () => {
    view = await show({ period: 'week', points: [week('2024-03-04', 20)] });
    const ticks = [...view.el.querySelectorAll('.qa-trend__grid text')].map((e) => e.textContent);
    expect(ticks.at(-1)).toBe('100');
    expect(view.el.querySelector('[data-bonus-note]')).toBeNull();
  });
});
