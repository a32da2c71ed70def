// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhatIfResult } from '../../../core/api.ts';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { ok } from '../../api/result.ts';
import type { ScorecardsApi } from '../../api/scorecards-api.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, mount, type Mounted } from '../../ui/testing.tsx';
import { WhatIf } from './preview.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);
const definition = ScorecardDefinition.parse({
  name: 'Email',
  passThreshold: 85,
  method: 'weighted-criteria',
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'a', label: 'A', weight: 1, scale: { preset: 'binary' } }] }],
});

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

/** The what-if panel for `card`, run once against a service answering `result`; its result region. */
async function run(card: ScorecardDefinition, result: WhatIfResult): Promise<Element> {
  const api = { whatIf: async () => ok(result) } as unknown as ScorecardsApi;
  view = await mount(
    <I18nProvider value={{ locale: 'en', t }}>
      <WhatIf scorecardId="email" definition={card} api={api} t={t} />
    </I18nProvider>,
  );
  await click(button(view.el, 'Run what-if'));
  return view.el.querySelector('[data-testid="what-if-result"]')!;
}

describe('what-if', () => {
  it('shows the pass rate and critical fails beside the average, with n and who would flip', async () => {
    // raising the threshold from 80 to 85: the average stays, the pass rate drops
    const result: WhatIfResult = {
      days: 90,
      currentAverage: 82.5,
      whatIfAverage: 82.5,
      passRate: { current: 0.74, whatIf: 0.61 },
      criticalFailRate: { current: 0.02, whatIf: 0.02 },
      wouldFail: 13,
      wouldPass: 0,
      n: 100,
      notRescored: 2,
    };
    const out = await run(definition, result);
    const line = (key: string) => [...out.querySelectorAll(`tr[data-what-if="${key}"] > *`)].map((c) => c.textContent);
    expect(out.querySelector('caption')!.textContent).toBe('Last 90 days, the same evaluations now and with this draft (n = 100)');
    expect(line('average')).toEqual(['Average score', '82.5', '82.5', '±0.0']);
    expect(line('pass')).toEqual(['Pass rate', '74.0%', '61.0%', '−13.0 pp']);
    expect(line('critical')).toEqual(['Critical fails', '2.0%', '2.0%', '±0.0 pp']);
    expect(out.querySelector('[data-what-if="flips"]')!.textContent).toBe('Would fail: 13 that pass now. Would pass: 0 that fail now.');
    expect(out.textContent).toContain('2 evaluations could not be re-scored');
  });

  it('shows the averages of a format-2 draft above 100 as they are', async () => {
    const bonusCard = ScorecardDefinition.parse({
      formatVersion: 2,
      name: 'Points',
      method: 'total-points',
      maxScore: 120,
      sections: [
        { id: 's', name: 'S', criteria: [{ id: 'a', label: 'A', weight: 10, scale: { points: 10 } }] },
        { id: 'x', name: 'Extra', bonus: true, criteria: [{ id: 'b', label: 'B', weight: 5, scale: { points: 5 } }] },
      ],
    });
    const result: WhatIfResult = {
      days: 90,
      currentAverage: 92,
      whatIfAverage: 103.5,
      passRate: { current: 0.8, whatIf: 0.8 },
      criticalFailRate: { current: 0, whatIf: 0 },
      wouldFail: 0,
      wouldPass: 0,
      n: 10,
      notRescored: 0,
    };
    const out = await run(bonusCard, result);
    const cells = [...out.querySelectorAll('tr[data-what-if="average"] > *')].map((c) => c.textContent);
    expect(cells).toEqual(['Average score', '92.0', '103.5', '+11.5']);
  });
});
