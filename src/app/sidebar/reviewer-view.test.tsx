// @vitest-environment happy-dom
/** The reviewer's sidebar as a reviewer uses it: what the header says, where focus goes, what is said and shown when. */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import type { StoredDraft } from '../../core/draft.ts';
import { fail } from '../api/result.ts';
import { button, click, settle, type Mounted } from '../ui/testing.tsx';
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
    // nothing focused: the key reaches the document
    await press(document.body, '?');
    expect(help()).not.toBeNull();
    // from the header, outside the form
    await press(button(el, 'Change'), '?');
    expect(help()).toBeNull();
    // typing a question mark in a comment is typing
    await press(el.querySelector('#qa-overall')!, '?');
    expect(help()).toBeNull();
    // inside the form, on a criterion, as before
    await press(row(el, 'solution').querySelector('[role=radio]')!, '?');
    expect(help()).not.toBeNull();
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
});
