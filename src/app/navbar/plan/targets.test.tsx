// @vitest-environment happy-dom
/** Targets on the Plan tab as a lead uses them: honest states, and edit and delete from the list. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../../../core/targets.ts';
import { fail, ok, type Result } from '../../api/result.ts';
import type { Method } from '../../api/service-call.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, choose, click, labelled, mount, settle, type, type Mounted } from '../../ui/testing.tsx';
import { NavBarContext, type NavBarSession } from '../navbar-context.tsx';
import type { People } from '../reports/use-people.ts';
import { Targets } from './targets.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

const figure = (value: number | null, low: number | null, high: number | null, n: number) => ({ value, low, high, n });
const target = (over: Partial<Target> & Pick<Target, 'id' | 'subjectId'>): Target => ({
  subject: 'agent',
  metric: 'average-score',
  value: 90,
  scorecardId: null,
  startsOn: '2026-12-01',
  dueOn: '2026-12-31',
  note: 'from the team meeting',
  createdBy: 3,
  createdAt: '2026-12-01T09:00:00.000Z',
  progress: { current: figure(75, 0, 100, 2), baseline: figure(null, null, null, 0), progress: null, state: 'unclear', certain: false },
  ...over,
});

const people: People = {
  staff: [
    { id: 10002, name: 'Alex Agent' },
    { id: 10003, name: 'Sam Support' },
  ],
  groups: new Map([[7, 'Billing']]),
  personName: (id: number) => ({ 10002: 'Alex Agent', 10003: 'Sam Support' })[id as 10002] ?? `#${id}`,
  groupName: (id: number) => (id === 7 ? 'Billing' : `#${id}`),
} as unknown as People;

/** The service's side of /targets, in memory, with every request it got. */
function service(initial: Target[]) {
  let targets = [...initial];
  const calls: string[] = [];
  const call = async (method: Method, path: string, body?: unknown): Promise<Result<unknown>> => {
    calls.push(`${method} ${path}${body ? ` ${JSON.stringify(body)}` : ''}`);
    const id = path.split('/')[2];
    if (method === 'GET') return ok({ items: targets });
    if (method === 'PUT') {
      const changed = { ...targets.find((x) => x.id === id)!, ...(body as object) };
      targets = targets.map((x) => (x.id === id ? changed : x));
      return ok(changed);
    }
    if (method === 'DELETE') {
      targets = targets.filter((x) => x.id !== id);
      return ok(null);
    }
    return fail('server', 'not in this test');
  };
  return { call, calls };
}

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

async function show(initial: Target[], editable = true) {
  const s = service(initial);
  const session = { call: s.call } as unknown as NavBarSession;
  view = await mount(
    <I18nProvider value={{ locale: 'en', t }}>
      <NavBarContext.Provider value={session}>
        <h2 id="qa-targets-title">Targets</h2>
        <Targets people={people} editable={editable} />
      </NavBarContext.Provider>
    </I18nProvider>,
  );
  await settle();
  return { el: view.el, calls: s.calls };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const row = (el: HTMLElement, id: string) => el.querySelector<HTMLElement>(`tr[data-target="${id}"]`)!;

describe('targets', () => {
  it('says "Not yet clear", not a red "Behind", while the interval still reaches the target; "Behind" only below it', async () => {
    const { el } = await show([
      target({ id: 'a', subjectId: 10002 }),
      target({
        id: 'b',
        subjectId: 10003,
        progress: {
          current: figure(71, 69, 73, 40),
          baseline: figure(null, null, null, 0),
          progress: null,
          state: 'behind',
          certain: true,
        },
      }),
    ]);
    const unclear = row(el, 'a').querySelector('.qa-tag')!;
    expect(unclear.textContent).toBe('Not yet clear');
    expect(unclear.className).toContain('qa-tag--neutral');
    expect(row(el, 'a').textContent).toContain('below the target so far, but the interval still reaches it');
    const behind = row(el, 'b').querySelector('.qa-tag')!;
    expect(behind.textContent).toBe('Behind');
    expect(behind.className).toContain('qa-tag--bad');
  });

  it('edits a target in the form below, keeping what the form does not show, and saves it', async () => {
    const { el, calls } = await show([target({ id: 'a', subjectId: 10002, metric: 'pass-rate', value: 0.8 })]);
    await click(button(el, 'Edit the target for Alex Agent'));
    await frame();
    expect(document.activeElement?.textContent).toBe('Edit the target for Alex Agent');
    expect(labelled(el, 'Target (%)').value).toBe('80');
    await type(labelled(el, 'Target (%)'), '85');
    await choose(labelled<HTMLSelectElement>(el, 'Agent or group'), 'group:7');
    await click(button(el, 'Save changes'));
    await settle();
    expect(calls).toContain(
      `PUT /targets/a ${JSON.stringify({ subject: 'group', subjectId: 7, metric: 'pass-rate', value: 0.85, startsOn: '2026-12-01', dueOn: '2026-12-31', scorecardId: null, note: 'from the team meeting' })}`,
    );
    expect(el.textContent).toContain('Target for Billing changed.');
    expect(row(el, 'a').querySelector('th')!.textContent).toBe('Billing');
    // the form is back to a new target
    expect(el.querySelector('#qa-target-form-title')!.textContent).toBe('New target');
  });

  it('cancelling an edit puts the form back and focus on the Edit button', async () => {
    const { el, calls } = await show([target({ id: 'a', subjectId: 10002 })]);
    await click(button(el, 'Edit the target for Alex Agent'));
    await click(button(el, 'Cancel'));
    await frame();
    expect(document.activeElement?.id).toBe('qa-target-edit-a');
    expect(el.querySelector('#qa-target-form-title')!.textContent).toBe('New target');
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
  });

  it('deletes a target only once confirmed, in its row; Keep it goes back', async () => {
    const { el, calls } = await show([target({ id: 'a', subjectId: 10002 }), target({ id: 'b', subjectId: 10003 })]);
    await click(button(el, 'Delete the target for Alex Agent'));
    await frame();
    expect(row(el, 'a').textContent).toContain('Delete the target for Alex Agent?');
    expect(document.activeElement?.textContent).toBe('Delete');
    expect(document.activeElement?.closest('tr')).toBe(row(el, 'a'));
    await click(button(el, 'Keep it'));
    await frame();
    expect(document.activeElement?.id).toBe('qa-target-delete-a');
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);

    await click(button(el, 'Delete the target for Alex Agent'));
    await click(button(row(el, 'a'), 'Delete'));
    await settle();
    await frame();
    expect(calls).toContain('DELETE /targets/a');
    expect(row(el, 'a')).toBeNull();
    expect(el.textContent).toContain('Target for Alex Agent deleted.');
    expect(document.activeElement?.id).toBe('qa-targets-title');
  });

  it('offers no edit or delete to those who only read the plan', async () => {
    const { el } = await show([target({ id: 'a', subjectId: 10002 })], false);
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });
});
