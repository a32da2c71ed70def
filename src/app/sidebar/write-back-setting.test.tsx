// @vitest-environment happy-dom
/**
 * The app setting "Write results to ticket fields" (manifest.json `writeBack`): on, a submit sets the ticket's QA
 * fields; off, the ticket is left alone and the reviewer is told where the result is kept instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { button, click, type Mounted } from '../ui/testing.tsx';
import { createFakeZaf } from '../zaf/fake-zaf.ts';
import { ReviewerView } from './reviewer-view.tsx';
import { mountView, shortCard, sidebarModel, until } from './testing.tsx';
import { writeBackEnabled } from './write-back.ts';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  localStorage.clear();
});

async function submitWith(writeBack: boolean) {
  const { model } = sidebarModel({ cards: [shortCard()] });
  const zaf = createFakeZaf({
    request: (o) => ({
      status: 200,
      headers: {},
      responseJSON: { ticket: { id: 42, updated_at: o.type === 'PUT' ? '2026-12-07T10:00:01Z' : '2026-12-07T09:00:00Z' } },
    }),
  });
  view = await mountView(<ReviewerView model={{ ...model, writeBack, fields: { scoreFieldId: 101, resultFieldId: 102 } }} />, zaf);
  const el = view.el;
  const rate = (id: string, option: string) =>
    click(
      button(
        el.querySelector<HTMLElement>(`[data-crit] [aria-labelledby="qa-c-${id}-label"]`)!.closest<HTMLElement>('[data-crit]')!,
        new RegExp(`^\\d${option}$`),
      ),
    );
  await rate('greeting', 'Yes');
  await rate('solution', 'Meets');
  await click(button(el, 'Submit'));
  const line = await until(() => el.querySelector<HTMLElement>('[data-write-back]:not([data-write-back=pending])'));
  return { line, puts: zaf.requests.filter((r) => r.type === 'PUT') };
}

describe('the write-back setting', () => {
  it('is on unless the admin turns it off', () => {
    expect(writeBackEnabled({})).toBe(true);
    expect(writeBackEnabled({ writeBack: true })).toBe(true);
    expect(writeBackEnabled({ writeBack: false })).toBe(false);
    expect(writeBackEnabled({ writeBack: 'false' })).toBe(false);
  });

  it('on: the submit sets the ticket’s QA score and result fields', async () => {
    const { line, puts } = await submitWith(true);
    expect(line.dataset.writeBack).toBe('updated');
    expect(puts).toHaveLength(1);
    expect(JSON.parse(puts[0]!.data!).ticket.custom_fields.map((f: { id: number }) => f.id)).toEqual([101, 102]);
  });

  it('off: the ticket is not touched, and the reviewer is told where the result is kept', async () => {
    const { line, puts } = await submitWith(false);
    expect(puts).toEqual([]);
    expect(line.dataset.writeBack).toBe('skipped-disabled');
    expect(line.textContent).toBe(
      'The result is kept in Ticket QA only: writing it to the ticket’s fields is turned off in the app’s settings. It is under Earlier evaluations here, in the agent’s own view of this ticket and in the nav bar’s reports.',
    );
  });
});
