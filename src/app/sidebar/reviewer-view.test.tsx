// @vitest-environment happy-dom
/** The reviewer's sidebar as a reviewer uses it: what the header says, where focus goes, what is said and shown when. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import type { StoredDraft } from '../../core/draft.ts';
import { fail } from '../api/result.ts';
import { button, click, settle, type, type Mounted } from '../ui/testing.tsx';
import { ReviewerView } from './reviewer-view.tsx';
import { announced, LEAD, mountView, REVIEWER, shortCard, sidebarModel, storedEvaluation, until } from './testing.tsx';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  localStorage.clear();
});

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function show(o: Parameters<typeof sidebarModel>[0] = {}) {
  const { model, service } = sidebarModel({ cards: [shortCard()], ...o });
  view = await mountView(<ReviewerView model={model} />);
  // the earlier evaluations' code comes when the ticket has any
  if (o.evaluations?.length) await until(() => view!.el.querySelector('.qa-history summary'));
  return { el: view.el, service };
}

const row = (el: HTMLElement, id: string) =>
  el.querySelector<HTMLElement>(`[data-crit] [aria-labelledby="qa-c-${id}-label"]`)!.closest<HTMLElement>('[data-crit]')!;
const rate = (el: HTMLElement, id: string, option: string) => click(button(row(el, id), new RegExp(`^\\d${option}$`)));

async function press(target: EventTarget, key: string) {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
  await settle();
}

describe('the reviewer sidebar', () => {
  it('after saving an edit, no longer says it is editing, and focus is on the result', async () => {
    const card = shortCard();
    const mine = storedEvaluation(card, { reviewerId: REVIEWER });
    const { el, service } = await show({ cards: [card], evaluations: [mine] });
    await click(button(el, 'Edit'));
    await frame();
    expect(el.querySelector('.qa-head')!.textContent).toContain('Editing your evaluation');
    // focus on the heading of what is now being edited, and said
    expect(document.activeElement?.id).toBe('qa-editing');
    expect(await announced()).toBe('Editing your evaluation of Short. Change it, then save.');

    await rate(el, 'solution', 'Meets');
    await click(button(el, 'Save changes'));
    await until(() => el.querySelector('#qa-done-title'));
    expect(service.calls).toContain(`amend ${mine.id}`);
    expect(el.textContent).toContain('Changes saved');
    const head = el.querySelector('.qa-head')!.textContent;
    expect(head).not.toContain('Editing your evaluation');
    expect(head).not.toContain('Cancel editing');
    expect(document.activeElement?.id).toBe('qa-done-title');
  });

  it('after a submit, focus moves from the form (gone) to the result, which says it', async () => {
    const { el } = await show();
    await rate(el, 'greeting', 'Yes');
    await rate(el, 'solution', 'Exceeds');
    await click(button(el, 'Submit'));
    const title = await until(() => el.querySelector('#qa-done-title'));
    expect(title.textContent).toBe('Evaluation saved');
    expect(document.activeElement).toBe(title);
    // Score again: on to the new form's first criterion
    await click(button(el, 'Score again'));
    await frame();
    expect(document.activeElement?.closest('[data-crit]')).toBe(row(el, 'greeting'));
  });

  it('cancelling an edit says so and puts focus back on the scorecard', async () => {
    const card = shortCard();
    const { el } = await show({ cards: [card], evaluations: [storedEvaluation(card, { reviewerId: REVIEWER })] });
    await click(button(el, 'Edit'));
    await frame();
    await click(button(el, 'Cancel editing'));
    await frame();
    expect(el.querySelector('.qa-head')!.textContent).not.toContain('Editing your evaluation');
    expect(document.activeElement?.textContent).toBe('Short');
    expect(await announced()).toBe('Editing cancelled: the evaluation is unchanged.');
  });

  it('`?` opens the keys help from anywhere in the sidebar, but not while typing', async () => {
    const { el } = await show();
    const help = () => el.querySelector('#qa-help-keys');
    // nothing focused: the key reaches the document (the list is fetched when first opened)
    await press(document.body, '?');
    await until(help);
    // from the header, outside the form
    await press(button(el, 'Change'), '?');
    expect(help()).toBeNull();
    // typing a question mark in a comment is typing
    await press(el.querySelector('#qa-overall')!, '?');
    expect(help()).toBeNull();
    // inside the form, on a criterion, as before
    await press(row(el, 'solution').querySelector('[role=radio]')!, '?');
    expect(help()).not.toBeNull();
    expect(help()!.textContent).toContain('n: not applicable');
  });

  it('a rating that needs a comment reveals it and its requirement when chosen, and says so', async () => {
    const { el } = await show();
    const greeting = row(el, 'greeting');
    expect(greeting.querySelector('textarea')).toBeNull();
    await rate(el, 'greeting', 'No');
    const comment = greeting.querySelector('textarea')!;
    expect(comment.required).toBe(true);
    expect(greeting.querySelector(`#${comment.getAttribute('aria-describedby')}`)!.textContent).toBe(
      'A comment is required at this rating.',
    );
    expect(await announced()).toBe('Greeting: a comment is required at this rating.');
    // no toggle that cannot close what the rating holds open
    expect([...greeting.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Comment and root causes');
    // a rating that needs none: the toggle is back, closed
    await rate(el, 'greeting', 'Yes');
    expect(greeting.querySelector('textarea')).toBeNull();
    expect(button(greeting, 'Comment and root causes').getAttribute('aria-expanded')).toBe('false');
  });

  it('the summary bar says how many criteria are left, and the score', async () => {
    const { el } = await show();
    const bar = () => el.querySelector('.qa-footer')!;
    expect(bar().querySelector('[data-progress]')!.textContent).toBe('2 of 2 left');
    await rate(el, 'greeting', 'Yes');
    expect(bar().querySelector('[data-progress]')!.textContent).toBe('1 of 2 left');
    expect(bar().querySelector('.qa-score__value')!.textContent).toBe('100');
    // one criterion left could still fail it: not a plain Pass yet
    expect(bar().querySelector('.qa-badge')!.textContent).toContain('Passing so far');
    expect(bar().querySelector('.qa-badge--pass')).toBeNull();
    await rate(el, 'solution', 'Below');
    expect(bar().querySelector('[data-progress]')!.textContent).toBe('All 2 rated');
    expect(bar().querySelector('.qa-badge')!.textContent).toContain('Fail');
  });

  it('asks before withdrawing, in place: Escape keeps it; confirmed, it is withdrawn, said, and focus stays in the list', async () => {
    const card = shortCard();
    const mine = storedEvaluation(card, { reviewerId: REVIEWER });
    const { el, service } = await show({ cards: [card], evaluations: [mine, storedEvaluation(card, { id: 'other', reviewerId: 77 })] });
    await click(button(el, 'Withdraw'));
    await frame();
    const asking = () => el.querySelector('[role=group]');
    expect(asking()!.textContent).toContain('Withdraw this evaluation?');
    expect(document.activeElement).toBe(button(asking()!, 'Confirm withdraw'));
    await press(document.activeElement!, 'Escape');
    await frame();
    expect(asking()).toBeNull();
    expect(document.activeElement).toBe(button(el, 'Withdraw'));
    expect(service.calls).toEqual([]);

    await click(button(el, 'Withdraw'));
    await frame();
    await click(button(el, 'Confirm withdraw'));
    await frame();
    expect(service.calls).toEqual([`withdraw ${mine.id}`]);
    expect(el.querySelector(`[data-history-id="${mine.id}"]`)).toBeNull();
    expect(await announced()).toBe('Evaluation withdrawn.');
    expect(document.activeElement?.tagName).toBe('SUMMARY');
  });

  it("a lead's resolve form takes focus, gives it back on Escape, and once resolved says the decision", async () => {
    const card = shortCard();
    const disputed = storedEvaluation(card, {
      status: 'disputed',
      dispute: { reason: 'I did greet', criterionIds: ['greeting'], outcome: null, note: null },
    });
    const { el, service } = await show({ role: 'lead', userId: LEAD, cards: [card], evaluations: [disputed] });
    await click(await until(() => el.querySelector(`[data-resolve="${disputed.id}"]`)));
    await frame();
    const form = () => el.querySelector<HTMLFormElement>(`#qa-resolve-${disputed.id}`);
    expect(form()!.contains(document.activeElement)).toBe(true);
    await press(document.activeElement!, 'Escape');
    await frame();
    expect(form()).toBeNull();
    expect(document.activeElement).toBe(button(el, 'Resolve dispute'));

    await click(button(el, 'Resolve dispute'));
    await frame();
    await click(form()!.querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!);
    await click(button(form()!, 'Resolve'));
    await frame();
    expect(service.calls).toEqual([`resolve ${disputed.id} rejected`]);
    expect(form()).toBeNull();
    expect(document.activeElement).toBe(el.querySelector(`[data-history-id="${disputed.id}"]`));
    expect(await announced()).toBe('Dispute rejected');
  });

  it('after choosing in a draft conflict, focus goes on to the form', async () => {
    const { model } = sidebarModel({ cards: [shortCard()] });
    // the first save finds the draft gone elsewhere; keeping this one then saves it
    const save = model.service.saveDraft;
    let refused = 0;
    model.service.saveDraft = async (...args) => {
      if (refused++ > 0) return save(...args);
      const r = fail<StoredDraft>('conflict', 'saved elsewhere');
      if (r.status === 'error') r.error.body = { current: null };
      return r;
    };
    view = await mountView(<ReviewerView model={model} />);
    const el = view.el;
    await rate(el, 'greeting', 'Yes');
    // saved 0.8 s after the last change: refused as changed elsewhere
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await click(await until(() => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Keep mine')));
    await frame();
    expect(el.textContent).not.toContain('Keep mine');
    expect(document.activeElement?.closest('[data-crit]')).toBe(row(el, 'greeting'));
  });

  describe('a format-2 scorecard (examples/points-and-bonus-scorecard.json)', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../examples/points-and-bonus-scorecard.json'), 'utf8');
    const pointsCard = () => ({ id: 'points', version: 1, definition: ScorecardDefinition.parse(JSON.parse(example)) });
    const bar = (el: HTMLElement) => el.querySelector('.qa-footer')!;
    const box = (el: HTMLElement, id: string) => until(() => row(el, id).querySelector<HTMLInputElement>('[data-num]'));

    it('points are typed by keyboard and score live; a wrong number is said, never changed; bonus shows out of maxScore', async () => {
      const { el } = await show({ cards: [pointsCard()] });
      const question = await box(el, 'question-identified');
      expect(question.getAttribute('role')).toBe('spinbutton');
      expect(row(el, 'question-identified').textContent).toContain('0 to 30 points');
      expect(question.getAttribute('aria-describedby')).toContain('qa-c-question-identified-value-hint');
      // a digit typed in the box is the number's, not the form's rating key
      await press(question, '3');
      expect(bar(el).querySelector('[data-progress]')!.textContent).toBe('5 of 5 left');
      // walking the form with ↓ passes an empty box by, setting nothing
      question.focus();
      await press(question, 'ArrowDown');
      await frame();
      expect(document.activeElement).toBe(await box(el, 'correct'));
      expect(question.value).toBe('');
      expect(bar(el).querySelector('[data-progress]')!.textContent).toBe('5 of 5 left');
      await type(question, '24');
      await settle();
      // read as '80 out of 120'
      expect(bar(el).querySelector('.qa-score__value')!.textContent).toBe('80 / 120 out of 120');
      expect(bar(el).querySelector('[data-progress]')!.textContent).toBe('4 of 5 left');

      // 60 of 50: said beside the box, left as typed, and not counted
      const correct = await box(el, 'correct');
      await type(correct, '60');
      await settle();
      expect(correct.value).toBe('60');
      expect(correct.getAttribute('aria-invalid')).toBe('true');
      const error = el.querySelector(`#${correct.getAttribute('aria-describedby')!.split(' ')[1]}`)!;
      expect(error.textContent).toBe('Type a whole number from 0 to 50.');
      expect(bar(el).querySelector('[data-progress]')!.textContent).toBe('4 of 5 left');
      // Enter does not go past a wrong number; the arrows bring it into range
      correct.focus();
      await press(correct, 'Enter');
      expect(document.activeElement).toBe(correct);
      await press(correct, 'ArrowDown');
      expect(correct.value).toBe('50');
      expect(correct.getAttribute('aria-invalid')).toBeNull();
      await press(correct, 'End');
      expect(correct.value).toBe('50');
      await press(correct, 'PageDown');
      expect(correct.value).toBe('40');
      expect(bar(el).querySelector('.qa-score__value')!.textContent).toMatch(/^80 \/ 120/);
      // Enter goes on to the next criterion: the non-scoring question, as radio buttons
      await press(correct, 'Enter');
      await frame();
      expect(document.activeElement?.closest('[data-crit]')).toBe(row(el, 'refund-issued'));
      expect(row(el, 'refund-issued').textContent).toContain('Not scored');
      expect([...row(el, 'refund-issued').querySelectorAll('[role=radio]')].map((b) => b.textContent)).toEqual(['1Yes', '2No', '3Partial']);

      // the bonus section is marked, and lifts the score past 100, shown out of 120
      expect(el.querySelector('#qa-s-extra')!.textContent).toContain('Bonus');
      await type(question, '30');
      await type(correct, '50');
      await type(await box(el, 'proactive'), '16');
      await settle();
      expect(bar(el).querySelector('.qa-score__value')!.textContent).toMatch(/^120 \/ 120/);
    });

    it('"Passing so far" while a countsAsFail answer could still fail it; the fail rule keeps the score and says why', async () => {
      const { el } = await show({ cards: [pointsCard()] });
      await type(await box(el, 'question-identified'), '30');
      await type(await box(el, 'correct'), '50');
      await settle();
      // 100 so far, and at worst 80 with the compliance answer: only its 'treat as fail' option could fail it
      expect(bar(el).querySelector('.qa-badge')!.textContent).toContain('Passing so far');
      await rate(el, 'identity-verified', 'Fully');
      // the non-scoring question and the bonus are left: neither can fail it
      expect(bar(el).querySelector('[data-progress]')!.textContent).toBe('2 of 5 left');
      expect(bar(el).querySelector('.qa-badge')!.textContent).toContain('Pass');
      expect(bar(el).querySelector('.qa-badge')!.textContent).not.toContain('so far');
      await rate(el, 'identity-verified', 'After the change');
      expect(bar(el).querySelector('.qa-badge')!.textContent).toContain('Critical fail');
      expect(bar(el).querySelector('.qa-score__value')!.textContent).toMatch(/^92 \/ 120/);
      expect(bar(el).querySelector('.qa-score__sub')!.textContent).toBe('Fails on: Verified identity before account changes');
    });

    it('a percent criterion that allows N/A: n in the box marks it N/A, a number typed clears it', async () => {
      const definition = ScorecardDefinition.parse({
        formatVersion: 2,
        name: 'Percent',
        method: 'weighted-criteria',
        sections: [{ id: 's', name: 'S', criteria: [{ id: 'q', label: 'Quality', weight: 1, scale: { percent: true }, allowNA: true }] }],
      });
      const { el } = await show({ cards: [{ id: 'q', version: 1, definition }] });
      const field = await box(el, 'q');
      expect(row(el, 'q').textContent).toContain('0 to 100%');
      await type(field, '85');
      await settle();
      expect(bar(el).querySelector('.qa-score__value')!.textContent).toBe('85');
      expect(field.getAttribute('aria-valuetext')).toBe('85%');
      await press(field, 'n');
      expect(button(row(el, 'q'), 'N/A').getAttribute('aria-pressed')).toBe('true');
      expect(field.value).toBe('');
      expect(bar(el).querySelector('[data-progress]')!.textContent).toBe('All 1 rated');
      await type(field, '70');
      await settle();
      expect(button(row(el, 'q'), 'N/A').getAttribute('aria-pressed')).toBe('false');
      expect(bar(el).querySelector('.qa-score__value')!.textContent).toBe('70');
    });

    it('a low number asks for a comment, said once the typing rests, not on the way to a higher one', async () => {
      const definition = ScorecardDefinition.parse({
        formatVersion: 2,
        name: 'Points',
        method: 'total-points',
        sections: [
          {
            id: 's',
            name: 'S',
            criteria: [{ id: 'p', label: 'Accuracy', weight: 15, scale: { points: 15 }, commentRequiredAtOrBelow: 0.4 }],
          },
        ],
      });
      const { el } = await show({ cards: [{ id: 'p', version: 1, definition }] });
      const field = await box(el, 'p');
      const said = () =>
        new Promise<string>((resolve) => setTimeout(() => resolve(document.querySelector('[data-announcer]')?.textContent ?? ''), 800));
      // '1' on the way to '15': the comment shows for a moment, nothing is said
      await type(field, '1');
      await type(field, '15');
      await settle();
      expect(await said()).not.toContain('a comment is required');
      await type(field, '5');
      await settle();
      expect(row(el, 'p').querySelector('textarea')!.required).toBe(true);
      expect(await said()).toBe('Accuracy: a comment is required at this rating.');
    });

    it('a lead upholds a dispute of a points answer by typing the new number', async () => {
      const points = pointsCard();
      const disputed = storedEvaluation(points, {
        status: 'disputed',
        dispute: { reason: 'It was complete', criterionIds: ['correct'], outcome: null, note: null },
      });
      const { model } = sidebarModel({ role: 'lead', userId: LEAD, cards: [points], evaluations: [disputed] });
      const sent: unknown[] = [];
      const resolve = model.service.resolveDispute;
      model.service.resolveDispute = (id, body) => {
        sent.push(body.answers);
        return resolve(id, body);
      };
      view = await mountView(<ReviewerView model={model} />);
      const el = view.el;
      await click(await until(() => el.querySelector(`[data-resolve="${disputed.id}"]`)));
      const form = await until(() => el.querySelector<HTMLFormElement>(`#qa-resolve-${disputed.id}`));
      const field = await until(() => form.querySelector<HTMLInputElement>('[data-num]'));
      expect(form.textContent).toContain('0 to 50 points');
      await type(field, '45');
      await settle();
      await click(button(form, 'Resolve'));
      expect(sent).toEqual([[{ criterionId: 'correct', rating: 45 }]]);
    });
  });
});
