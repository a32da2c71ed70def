// @vitest-environment happy-dom
/** The agent's sidebar: acknowledge or dispute (not both), what is said and where focus goes, coaching notes by name. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoachingNote } from '../../core/coaching.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation } from '../../core/scoring.ts';
import { button, click, labelled, settle, type Mounted } from '../ui/testing.tsx';
import { createFakeZaf } from '../zaf/fake-zaf.ts';
import { AgentView } from './agent-view.tsx';
import { AGENT, announced, LEAD, mountView, shortCard, sidebarModel, storedEvaluation, until } from './testing.tsx';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const card = shortCard();
const evaluation = storedEvaluation(card, { overallComment: 'Good start.' });

async function show(notes: CoachingNote[] = []) {
  const { model, service } = sidebarModel({ role: 'agent', cards: [card], evaluations: [evaluation], coachingNotes: notes });
  // Zendesk knows the lead who coached
  const zaf = createFakeZaf({
    request: (o) => ({
      status: 200,
      headers: {},
      responseJSON: o.url.includes('show_many') ? { users: [{ id: LEAD, name: 'Lee Lead' }] } : {},
    }),
  });
  view = await mountView(<AgentView model={model} />, zaf);
  const el = view.el.querySelector<HTMLElement>(`[data-evaluation-id="${evaluation.id}"]`)!;
  return { el, service, zaf };
}

const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent);

describe("the agent's sidebar", () => {
  it('acknowledging accepts the evaluation: no Dispute after it; said, with focus on the card', async () => {
    const { el, service } = await show();
    expect(buttons(el)).toEqual(['Acknowledge', 'Dispute']);
    expect(el.textContent).toContain('once acknowledged, it can no longer be disputed');
    await click(button(el, 'Acknowledge'));
    await frame();
    expect(service.calls).toEqual([`acknowledge ${evaluation.id}`]);
    expect(buttons(el)).toEqual([]);
    expect(el.querySelector('.qa-tag')!.textContent).toBe('Acknowledged');
    expect(document.activeElement).toBe(el.querySelector('h2'));
    expect(await announced()).toBe('You acknowledged this evaluation.');
  });

  it('disputing: focus goes into the form, Escape leaves it (focus back on Dispute), a sent dispute is said', async () => {
    const { el, service } = await show();
    await click(button(el, 'Dispute'));
    await frame();
    const form = el.querySelector('form')!;
    expect(form.contains(document.activeElement)).toBe(true);
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    await frame();
    expect(el.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(el, 'Dispute'));
    expect(await announced()).toBe('Dispute not sent.');

    await click(button(el, 'Dispute'));
    const reason = labelled<HTMLTextAreaElement>(el, 'Why? (required)');
    reason.value = 'The customer asked for this wording.';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    await click(button(el, 'Send dispute'));
    await frame();
    expect(service.calls).toEqual([`dispute ${evaluation.id}`]);
    expect(el.textContent).toContain('Disputed: waiting');
    expect(buttons(el)).toEqual([]);
    expect(document.activeElement).toBe(el.querySelector('h2'));
    expect(await announced()).toBe('Dispute sent: a QA lead will decide.');
  });

  it("shows a coaching note near the top of its evaluation's card, with its sender's name; acknowledging it is said", async () => {
    const note: CoachingNote = {
      id: 'n1',
      evaluationId: evaluation.id,
      agentId: AGENT,
      authorId: LEAD,
      body: 'Offer the callback slot before the customer asks.',
      createdAt: '2026-12-07T09:00:00Z',
      acknowledgedAt: null,
    };
    const { el, zaf } = await show([note]);
    const shown = el.querySelector<HTMLElement>('[data-coaching-note="n1"]')!;
    await until(() => shown.textContent?.includes('From Lee Lead'));
    expect(zaf.requests.map((r) => r.url)).toEqual([`/api/v2/users/show_many.json?ids=${LEAD}`]);
    // under the score, then the reviewer's overall comment, then the ratings: not at the very bottom
    const results = el.querySelector('.qa-results')!;
    const overall = [...el.querySelectorAll('.qa-quote')].find((q) => q.textContent === 'Good start.')!;
    expect(shown.compareDocumentPosition(overall) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(overall.compareDocumentPosition(results) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await click(button(shown, 'Acknowledge note'));
    await frame();
    expect(shown.getAttribute('data-acknowledged')).toBe('true');
    expect(document.activeElement).toBe(shown);
    expect(await announced()).toBe('Coaching note acknowledged.');
  });

  it('shows points as numbers, choices by label, bonus and non-scoring marks, and the score out of maxScore', async () => {
    const example = readFileSync(join(import.meta.dirname, '../../../examples/points-and-bonus-scorecard.json'), 'utf8');
    const points = { id: 'points', version: 1, definition: ScorecardDefinition.parse(JSON.parse(example)) };
    const answers = [
      { criterionId: 'question-identified', rating: 24 },
      { criterionId: 'correct', rating: 50 },
      { criterionId: 'refund-issued', rating: 2 },
      { criterionId: 'identity-verified', rating: 0 },
      { criterionId: 'proactive', rating: 10 },
    ];
    const scored = scoreEvaluation(points.definition, answers);
    const e = storedEvaluation(points, { answers, ...scored });
    const { model } = sidebarModel({ role: 'agent', cards: [points], evaluations: [e] });
    view = await mountView(<AgentView model={model} />);
    const el = view.el.querySelector<HTMLElement>(`[data-evaluation-id="${e.id}"]`)!;
    expect(el.querySelector('.qa-score__value')!.textContent).toBe('104 / 120');
    const item = (label: string) => [...el.querySelectorAll('.qa-results__item')].find((li) => li.textContent!.includes(label))!;
    expect(item('Identified the real question').querySelector('.qa-results__value')!.textContent).toBe('24 of 30');
    expect(item('Was a refund issued?').textContent).toContain('Not scored');
    expect(item('Was a refund issued?').querySelector('.qa-results__value')!.textContent).toBe('Partial');
    expect(item('Solved a problem').textContent).toContain('Bonus');
    expect(item('Solved a problem').querySelector('.qa-results__value')!.textContent).toBe('10 of 20');
  });
});
