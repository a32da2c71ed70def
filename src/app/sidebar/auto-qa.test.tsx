// @vitest-environment happy-dom
/** Criteria pre-rated by automatic checks, as a reviewer meets them in the sidebar. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketAutoQa } from '../api/autoqa-wire.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { act } from 'preact/test-utils';
import { button, click, settle, type Mounted } from '../ui/testing.tsx';
import { overridden, suggestionsToApply } from './auto-qa.tsx';
import { ReviewerView } from './reviewer-view.tsx';
import { announced, mountView, REVIEWER, shortCard, sidebarModel, TICKET, until } from './testing.tsx';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  localStorage.clear();
});

const autoCard = () => ({
  id: 'auto',
  version: 3,
  definition: ScorecardDefinition.parse({
    formatVersion: 2,
    name: 'Chat',
    method: 'weighted-criteria',
    sections: [
      {
        id: 'main',
        name: 'Main',
        criteria: [
          { id: 'greet', label: 'Greets', scale: { preset: 'binary' }, weight: 1, auto: { check: 'greeting', whenTrue: 1, whenFalse: 0 } },
          {
            id: 'clear',
            label: 'Clear writing',
            scale: { preset: '3-point' },
            weight: 1,
            auto: {
              check: 'readability',
              bands: [
                { atLeast: 60, option: 2 },
                { atLeast: 40, option: 1 },
              ],
              otherwise: 0,
            },
          },
          { id: 'sorry', label: 'Empathy', scale: { preset: 'binary' }, weight: 1, auto: { check: 'empathy', whenTrue: 1, whenFalse: 0 } },
          { id: 'solution', label: 'Solution', scale: { preset: '3-point' }, weight: 1 },
        ],
      },
    ],
  }),
});

const at = '2026-12-07T10:00:00.000Z';
const result = (o: Partial<TicketAutoQa['results'][number]> & Pick<TicketAutoQa['results'][number], 'checkId'>) => ({
  version: 1,
  applicable: true,
  value: true,
  scale: null,
  reason: null,
  detail: null,
  language: 'en',
  evidence: [],
  details: null,
  computedAt: at,
  trusted: true,
  ...o,
});
const answer: TicketAutoQa = {
  ticketId: TICKET,
  synced: true,
  text: true,
  ticketUpdatedAt: at,
  results: [
    result({ checkId: 'greeting', evidence: [{ commentId: 7, start: 0, end: 9, text: 'Hi Jonas,', note: 'greeting' }] }),
    result({
      checkId: 'readability',
      value: 52.4,
      scale: { unit: 'score', min: 0, max: 100, better: 'higher' },
      trusted: false,
      evidence: [{ commentId: 8, start: 10, end: 60, text: 'Notwithstanding the aforementioned reconfiguration' }],
    }),
    result({ checkId: 'empathy', applicable: false, value: null, reason: 'no-agent-reply', detail: 'no reply' }),
  ],
  ratings: [
    { criterionId: 'greet', checkId: 'greeting', rating: 1, trusted: true },
    { criterionId: 'clear', checkId: 'readability', rating: 1, trusted: false },
    { criterionId: 'sorry', checkId: 'empathy', rating: null, trusted: true },
  ],
};

async function show(autoQa: unknown = answer, cards = [autoCard()]) {
  const { model, service } = sidebarModel({ cards });
  service.autoQa.answer = autoQa;
  view = await mountView(<ReviewerView model={model} />);
  return { el: view.el, service };
}

const row = (el: HTMLElement, id: string) =>
  el.querySelector<HTMLElement>(`[data-crit] [aria-labelledby="qa-c-${id}-label"]`)!.closest<HTMLElement>('[data-crit]')!;
const checked = (el: HTMLElement, id: string) => row(el, id).querySelector('[role=radio][aria-checked=true]')?.textContent ?? null;

describe('pre-rated criteria in the sidebar', () => {
  it('arrive with the suggested option selected, marked with the check, and say why a check has nothing', async () => {
    const { el, service } = await show();
    await until(() => el.querySelector('.qa-auto'));
    expect(service.calls).toContain(`autoqa ${TICKET} auto@3`);
    expect(checked(el, 'greet')).toBe('2Yes');
    expect(checked(el, 'clear')).toBe('2Meets');
    expect(row(el, 'greet').textContent).toContain('Suggested by Greeting');
    // not applicable: nothing selected, the reason said, rated as usual
    expect(checked(el, 'sorry')).toBeNull();
    expect(row(el, 'sorry').textContent).toContain('Empathy: not applicable: no agent reply. Rate it as usual.');
    // a criterion without a check has no note
    expect(row(el, 'solution').querySelector('.qa-auto')).toBeNull();
    expect(await announced()).toBe('2 criteria pre-rated by automatic checks: check each before you submit.');
  });

  it('shows the evidence one button away: the value, the words with the deciding span marked, and an untrusted check', async () => {
    const { el } = await show();
    const why = await until(() => row(el, 'clear').querySelector<HTMLButtonElement>('.qa-auto button'));
    expect(why.getAttribute('aria-expanded')).toBe('false');
    await click(why);
    expect(why.getAttribute('aria-expanded')).toBe('true');
    const panel = el.querySelector(`#${why.getAttribute('aria-controls')}`)!;
    expect(panel.getAttribute('aria-label')).toBe('What Readability found');
    expect(panel.textContent).toContain('Value: 52.4 reading ease, 0 to 100');
    expect(panel.querySelector('mark')!.textContent).toBe('Notwithstanding the aforementioned reconfiguration');
    expect(panel.textContent).toContain('does not agree with reviewers often enough yet');
    await click(why);
    expect(el.querySelector(`#${why.getAttribute('aria-controls')}`)).toBeNull();
  });

  it('w on a pre-rated criterion opens and closes its evidence, focus staying on the rating', async () => {
    const { el } = await show();
    await until(() => el.querySelector('.qa-auto'));
    const radio = row(el, 'greet').querySelector<HTMLElement>('[role=radio][aria-checked=true]')!;
    radio.focus();
    const press = async () => {
      await act(() => {
        radio.dispatchEvent(new KeyboardEvent('keydown', { key: 'w', bubbles: true, cancelable: true }));
      });
      await settle();
    };
    await press();
    expect(row(el, 'greet').querySelector('.qa-evidence mark')!.textContent).toBe('Hi Jonas,');
    expect(document.activeElement).toBe(radio);
    await press();
    expect(row(el, 'greet').querySelector('.qa-evidence')).toBeNull();
  });

  it('an override is shown as such, and the submit sends only the answers, the override among them', async () => {
    const { el, service } = await show();
    await until(() => el.querySelector('.qa-auto'));
    await click(button(row(el, 'greet'), /^1No$/));
    expect(row(el, 'greet').textContent).toContain('You changed the suggestion (Yes).');
    expect(row(el, 'clear').textContent).not.toContain('You changed');
    await click(button(row(el, 'greet'), /^2Yes$/));
    expect(row(el, 'greet').textContent).not.toContain('You changed');
    await click(button(row(el, 'greet'), /^1No$/));
    await click(button(row(el, 'sorry'), /^2Yes$/));
    await click(button(row(el, 'solution'), /^3Exceeds$/));
    await click(button(el, 'Submit'));
    await until(() => el.querySelector('#qa-done-title'));
    const [saved] = [...service.evaluations.values()];
    expect(saved!.answers.map((a) => [a.criterionId, a.rating])).toEqual([
      ['greet', 0],
      ['clear', 1],
      ['sorry', 1],
      ['solution', 2],
    ]);
  });

  it('never fetches for a scorecard without pre-rated criteria; a failed fetch leaves the criteria to the reviewer', async () => {
    const plain = await show(answer, [shortCard()]);
    expect(plain.service.calls.filter((c) => c.startsWith('autoqa'))).toEqual([]);
    await view!.unmount();
    view = undefined;
    const { el } = await show(null);
    await until(() => el.querySelector('.qa-auto-line'));
    expect(el.textContent).toContain('The automatic checks could not be read: rate as usual.');
    expect(checked(el, 'greet')).toBeNull();
  });
});

describe('in a calibration session', () => {
  it('asks for no suggestion and pre-rates nothing: calibration is blind', async () => {
    const { model, service } = sidebarModel({ cards: [autoCard()] });
    service.autoQa.answer = answer;
    model.data.calibrationSessions = [
      {
        id: 's1',
        ticketId: TICKET,
        scorecardId: 'auto',
        version: 3,
        reviewerIds: [REVIEWER, 7],
        baselineReviewerId: 7,
        title: '',
        status: 'open',
        createdBy: 7,
        createdAt: '2026-12-01T00:00:00Z',
        closedAt: null,
        submitted: [],
      },
    ];
    view = await mountView(<ReviewerView model={model} />);
    const el = view.el;
    await until(() => el.querySelector('[data-calibration-mode]'));
    await settle();
    expect(service.calls.filter((c) => c.startsWith('autoqa'))).toEqual([]);
    expect(el.querySelector('.qa-auto')).toBeNull();
    expect(checked(el, 'greet')).toBeNull();
  });
});

describe('suggestions', () => {
  it('fill only what the draft has no answer to, and an override is another option or N/A', () => {
    expect(suggestionsToApply(answer, { greet: { rating: 0 } }).map((s) => s.criterionId)).toEqual(['clear']);
    expect(overridden(1, undefined)).toBe(false);
    expect(overridden(1, { rating: 1 })).toBe(false);
    expect(overridden(1, { rating: 0 })).toBe(true);
    expect(overridden(1, { na: true })).toBe(true);
    expect(overridden(1, { comment: 'x' })).toBe(false);
  });
});
