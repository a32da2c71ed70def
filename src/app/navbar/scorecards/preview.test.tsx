// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { click, mount, type Mounted } from '../../ui/testing.tsx';
import { Preview } from './preview.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);
const definition = ScorecardDefinition.parse({
  name: 'Email',
  passThreshold: 80,
  method: 'weighted-criteria',
  sections: [
    {
      id: 's',
      name: 'S',
      criteria: [
        { id: 'a', label: 'A', weight: 1, scale: { preset: 'binary' } },
        { id: 'b', label: 'B', weight: 1, scale: { preset: 'binary' } },
      ],
    },
  ],
});

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const top = (el: HTMLElement, id: string) => [...el.querySelectorAll<HTMLInputElement>(`#preview-${id} input[type=radio]`)].at(-1);

describe('scorecard preview', () => {
  it('says Pass only once every criterion is rated', async () => {
    view = await mount(<Preview definition={definition} t={t} />);
    const verdict = () => view!.el.querySelector('[data-testid=preview-verdict]')!.textContent;
    await click(top(view.el, 'a'));
    expect(verdict()).toContain('Passing so far');
    await click(top(view.el, 'b'));
    expect(verdict()).toContain('Pass');
    expect(verdict()).not.toContain('so far');
  });
});
