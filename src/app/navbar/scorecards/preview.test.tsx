// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { act } from 'preact/test-utils';
import { click, mount, type, type Mounted } from '../../ui/testing.tsx';
import { Preview, readNumber } from './preview.tsx';

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

const pointsCard = ScorecardDefinition.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../../examples/points-and-bonus-scorecard.json'), 'utf8')),
);

const input = (el: HTMLElement, id: string) => el.querySelector<HTMLInputElement>(`#preview-${id}-number`)!;
const press = (target: HTMLElement, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });

describe('scorecard preview, format 2', () => {
  it('scores a typed number live; arrows and Page keys adjust it within 0..N; other text says what to type', async () => {
    view = await mount(<Preview definition={pointsCard} t={t} />);
    const el = view.el;
    const final = () => el.querySelector('[data-testid=preview-final]')!.textContent;
    const points = () => el.querySelector('[data-testid=preview-points]')!.textContent;
    const box = input(el, 'question-identified');
    expect(el.querySelector('label[for="preview-question-identified-number"]')!.textContent).toBe('Points, 0 to 30');
    await type(box, '24');
    expect(final()).toBe('80.00 of 120');
    // points answered so far
    expect(points()).toBe('24 of 30');
    await press(box, 'ArrowUp');
    expect(box.value).toBe('25');
    await press(box, 'PageDown');
    expect(box.value).toBe('22');
    await press(box, 'End');
    expect([box.value, box.getAttribute('aria-valuenow')]).toEqual(['30', '30']);
    await type(box, '45');
    expect(box.value).toBe('30');
    await type(box, '2.5');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#preview-question-identified-number-error')!.textContent).toBe('Type a whole number from 0 to 30.');
    expect(final()).toBe('–');
    await type(box, '30');
    expect(el.querySelector('#preview-question-identified-number-error')).toBeNull();
  });

  it('marks bonus and non-scoring criteria, offers choices as radio buttons, and says when bonus lifts the score above 100', async () => {
    view = await mount(<Preview definition={pointsCard} t={t} />);
    const el = view.el;
    const legend = (id: string) => el.querySelector(`#preview-${id} legend`)!.textContent;
    expect(legend('proactive')).toBe('Solved a problem the customer had not mentioned Bonus');
    expect(legend('refund-issued')).toBe('Was a refund issued? Not scored');
    const refund = [...el.querySelectorAll<HTMLInputElement>('#preview-refund-issued input[type=radio]')];
    expect(refund.map((r) => r.parentElement!.textContent)).toEqual(['Yes', 'No', 'Partial']);
    const option = (id: string, i: number) => el.querySelector<HTMLInputElement>(`#preview-${id} input[value="${i}"]`);
    const final = () => el.querySelector('[data-testid=preview-final]')!.textContent;
    const verdict = () => el.querySelector('[data-testid=preview-verdict]')!.textContent;
    await type(input(el, 'question-identified'), '30');
    await type(input(el, 'correct'), '50');
    await click(option('identity-verified', 0));
    await type(input(el, 'proactive'), '10');
    // 100 of 100 and 10 bonus points
    expect(final()).toBe('110.00 of 120');
    expect(el.querySelector('[data-testid=preview-points]')!.textContent).toBe('110 of 100 (bonus up to +20)');
    expect(el.querySelector('[data-testid=preview-above]')!.textContent).toContain('Above 100');
    // the question that does not count is still unanswered: never a plain Pass before it is
    expect(verdict()).toContain('Passing so far');
    await click(refund[0]);
    expect(verdict()).toContain('Pass');
    expect(verdict()).not.toContain('so far');
    // "After the change" is worth 0.6 and treated as a fail: the evaluation fails and keeps its score
    await click(option('identity-verified', 1));
    expect(final()).toBe('102.00 of 120');
    expect(verdict()).toContain('Fail');
    expect(el.querySelector('[data-testid=preview-critical]')!.textContent).toContain('Verified identity');
  });
});

describe('readNumber', () => {
  it('reads whole numbers, clamps them to the scale, and refuses anything else', () => {
    expect(readNumber(' 7 ', 10)).toEqual({ rating: 7 });
    expect(readNumber('40 %', 100)).toEqual({ rating: 40 });
    expect(readNumber('-3', 10)).toEqual({ rating: 0 });
    expect(readNumber('11', 10)).toEqual({ rating: 10 });
    expect(readNumber('', 10)).toBeNull();
    expect(readNumber('seven', 10)).toBe('invalid');
    expect(readNumber('7.5', 10)).toBe('invalid');
  });
});

describe('scorecard preview, pre-rated criteria', () => {
  it('marks a criterion pre-rated by a check with the check’s name', async () => {
    const auto = ScorecardDefinition.parse({
      formatVersion: 2,
      name: 'Email',
      method: 'weighted-criteria',
      sections: [
        {
          id: 's',
          name: 'S',
          criteria: [
            {
              id: 'a',
              label: 'Opens well',
              weight: 1,
              scale: { preset: 'binary' },
              auto: { check: 'greeting', whenTrue: 1, whenFalse: 0 },
            },
            { id: 'b', label: 'B', weight: 1, scale: { preset: 'binary' } },
          ],
        },
      ],
    });
    view = await mount(<Preview definition={auto} t={t} />);
    expect(view.el.querySelector('#preview-a legend')!.textContent).toBe('Opens well Pre-rated by Greeting');
    expect(view.el.querySelector('#preview-b legend')!.textContent).toBe('B');
  });
});
