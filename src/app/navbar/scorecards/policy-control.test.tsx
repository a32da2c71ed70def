// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountPolicy } from '../../../core/policy.ts';
import type { PolicyApi } from '../../api/policy-api.ts';
import { ok } from '../../api/result.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, labelled, mount, type, type Mounted } from '../../ui/testing.tsx';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf } from '../../zaf/fake-zaf.ts';
import { ZafSessionProvider } from '../../zaf/use-zaf.tsx';
import { PolicyControl } from './policy-control.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

const GROUPS = [
  { id: 11, name: 'Support' },
  { id: 12, name: 'QA reviewers' },
  { id: 13, name: 'QA leads' },
];

function fakePolicy(initial: AccountPolicy) {
  let stored = structuredClone(initial);
  const api = {
    get: vi.fn(async () => ok(structuredClone(stored))),
    set: vi.fn(async (change: Partial<AccountPolicy>) => {
      stored = { ...stored, ...structuredClone(change) };
      return ok(structuredClone(stored));
    }),
  } satisfies PolicyApi;
  return api;
}

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

async function show(api: PolicyApi, groups: Array<{ id: number; name: string }> | Error = GROUPS) {
  const zaf = createFakeZaf({
    request: async (o) => {
      if (groups instanceof Error) throw groups;
      return { status: 200, headers: {}, responseJSON: o.url === '/api/v2/groups.json' ? { groups, next_page: null } : {} };
    },
  });
  view = await mount(
    <ZafSessionProvider session={{ zaf, metadata: FAKE_METADATA, context: FAKE_CONTEXT }}>
      <I18nProvider value={{ locale: 'en', t }}>
        <PolicyControl api={api} />
      </I18nProvider>
    </ZafSessionProvider>,
  );
  return { el: view.el, zaf };
}

const checkbox = (root: ParentNode, legend: string, name: string) => {
  const fieldset = [...root.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent === legend);
  if (!fieldset) throw new Error(`no fieldset ${legend}`);
  return labelled(fieldset, name);
};

describe('policy control: who manages scorecards, which groups review and lead', () => {
  it('lists the Zendesk groups by name through ZAF and shows the chosen ones', async () => {
    const api = fakePolicy({ scorecardManagerRoles: ['lead'], reviewerGroupIds: [12], leadGroupIds: [13] });
    const { el, zaf } = await show(api);
    expect(zaf.requests.map((r) => r.url)).toEqual(['/api/v2/groups.json']);
    expect(checkbox(el, 'Reviewer groups', 'QA reviewers').checked).toBe(true);
    expect(checkbox(el, 'Reviewer groups', 'Support').checked).toBe(false);
    expect(checkbox(el, 'QA lead groups', 'QA leads').checked).toBe(true);
    expect(el.textContent).toContain('Chosen: QA reviewers');
    // named by the fieldset's legend, described by its hint and what is chosen
    const fieldset = checkbox(el, 'Reviewer groups', 'Support').closest('fieldset')!;
    expect(fieldset.getAttribute('aria-describedby')).toBe('qa-policy-reviewer-groups-hint qa-policy-reviewer-groups-summary');
    expect((button(el, 'Save roles and groups') as HTMLButtonElement).disabled).toBe(true);
  });

  it('saves only the keys that changed', async () => {
    const api = fakePolicy({ scorecardManagerRoles: [], reviewerGroupIds: [12], leadGroupIds: [] });
    const { el } = await show(api);
    await click(checkbox(el, 'Reviewer groups', 'Support'));
    await click(checkbox(el, 'QA lead groups', 'QA leads'));
    await click(button(el, 'Save roles and groups'));
    expect(api.set).toHaveBeenCalledTimes(1);
    expect(api.set).toHaveBeenCalledWith({ reviewerGroupIds: [12, 11], leadGroupIds: [13] });
    expect(el.querySelector('[data-testid=policy-notice]')!.textContent).toContain('Saved');
    expect((button(el, 'Save roles and groups') as HTMLButtonElement).disabled).toBe(true);

    await click(labelled(el, 'QA leads'));
    await click(button(el, 'Save roles and groups'));
    expect(api.set).toHaveBeenLastCalledWith({ scorecardManagerRoles: ['lead'] });
  });

  it('unchecking back to what is saved leaves nothing to save', async () => {
    const api = fakePolicy({ scorecardManagerRoles: [], reviewerGroupIds: [], leadGroupIds: [] });
    const { el } = await show(api);
    await click(checkbox(el, 'Reviewer groups', 'Support'));
    expect((button(el, 'Save roles and groups') as HTMLButtonElement).disabled).toBe(false);
    await click(checkbox(el, 'Reviewer groups', 'Support'));
    expect((button(el, 'Save roles and groups') as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps a group Zendesk no longer lists visible, so it can be removed', async () => {
    const api = fakePolicy({ scorecardManagerRoles: [], reviewerGroupIds: [99], leadGroupIds: [] });
    const { el } = await show(api);
    const gone = checkbox(el, 'Reviewer groups', 'Group #99 (not in Zendesk)');
    expect(gone.checked).toBe(true);
    await click(gone);
    await click(button(el, 'Save roles and groups'));
    expect(api.set).toHaveBeenCalledWith({ reviewerGroupIds: [] });
  });

  it('filters a long list by name, keeping the chosen groups in view', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: 100 + i, name: `Team ${String.fromCharCode(65 + i)}` }));
    const api = fakePolicy({ scorecardManagerRoles: [], reviewerGroupIds: [100], leadGroupIds: [] });
    const { el } = await show(api, many);
    const reviewers = [...el.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent === 'Reviewer groups')!;
    const filter = labelled(reviewers, 'Filter groups by name');
    expect(filter.getAttribute('aria-controls')).toBe('qa-policy-reviewer-groups-list');
    await type(filter, 'team c');
    const names = [...reviewers.querySelectorAll('li label')].map((l) => l.textContent);
    expect(names).toEqual(['Team A', 'Team C']);
    await type(filter, 'zzz');
    expect(reviewers.textContent).not.toContain('No group matches.');
    expect([...reviewers.querySelectorAll('li label')].map((l) => l.textContent)).toEqual(['Team A']);
  });

  it('says when Zendesk cannot list the groups, and still saves the roles', async () => {
    const api = fakePolicy({ scorecardManagerRoles: [], reviewerGroupIds: [12], leadGroupIds: [] });
    const { el } = await show(api, new Error('HTTP 403'));
    expect(el.querySelector('[role=alert]')!.textContent).toContain('The Zendesk groups could not be read: HTTP 403');
    expect(checkbox(el, 'Reviewer groups', 'Group #12').checked).toBe(true);
    await click(labelled(el, 'Reviewers'));
    await click(button(el, 'Save roles and groups'));
    expect(api.set).toHaveBeenCalledWith({ scorecardManagerRoles: ['reviewer'] });
  });
});
