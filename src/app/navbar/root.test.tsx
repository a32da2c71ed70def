// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Boot } from '../api/boot.ts';
import { mount, settle, type Mounted } from '../ui/testing.tsx';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf } from '../zaf/fake-zaf.ts';
import { ZafSessionProvider } from '../zaf/use-zaf.tsx';
import { NavBarRoot } from './root.tsx';

const boot = (role: Boot['user']['role']): Boot => ({
  session: `s1.acme.${role}-session`,
  expiresAt: '2026-03-02T10:00:00Z',
  hardExpiresAt: '2026-03-02T18:00:00Z',
  account: 'acme',
  user: { id: 7, name: 'Ada', role },
});

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

async function show(read: Parameters<typeof NavBarRoot>[0]['boot'], settings: Record<string, unknown> = {}) {
  const zaf = createFakeZaf({ request: async () => ({ status: 200, headers: {}, responseJSON: {} }) });
  view = await mount(
    <ZafSessionProvider session={{ zaf, metadata: { ...FAKE_METADATA, settings }, context: { ...FAKE_CONTEXT, location: 'nav_bar' } }}>
      <NavBarRoot boot={read} />
    </ZafSessionProvider>,
  );
  return view.el;
}

const tabs = (el: HTMLElement) => [...el.querySelectorAll('[role=tab]')].map((t) => t.id);

describe('nav bar root', () => {
  it('without a boot asks to open it from Zendesk and calls nobody', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const el = await show({ status: 'missing' });
    expect(el.querySelector('[role=alert]')!.textContent).toContain('ui.zaf.outsideZendesk');
    expect(el.textContent).toContain('ui.zaf.noSession');
    expect(fetch).not.toHaveBeenCalled();
  });

  const STAFF_TABS = ['tab-reports', 'tab-calibration', 'tab-plan', 'tab-scorecards'];
  it.each([
    ['agent', ['tab-reports']],
    ['reviewer', STAFF_TABS],
    ['lead', STAFF_TABS],
    ['admin', [...STAFF_TABS, 'tab-api-keys', 'tab-sync']],
  ] as const)('shows the tabs a role can use, whatever the settings say: %s', async (role, expected) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { headers: { 'content-type': 'application/json' } })),
    );
    expect(tabs(await show({ status: 'ok', boot: boot(role) }, { leadGroupIds: '1' }))).toEqual(expected);
  });

  it("opens an agent's Reports tab even from a link to a tab that is not theirs, and never says a page is not for them", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { headers: { 'content-type': 'application/json' } })),
    );
    history.replaceState(null, '', '/#plan');
    const el = await show({ status: 'ok', boot: boot('agent') });
    expect(el.querySelector('#tab-reports')!.getAttribute('aria-selected')).toBe('true');
    expect(el.textContent).not.toContain('ui.reports.notForAgents');
    expect(el.textContent).not.toContain('ui.admin.notAllowed');
  });

  it("calls the service on the page's own origin with the boot's session", async () => {
    history.replaceState(null, '', '/qa/app/nav-bar.html#api-keys');
    const fetch = vi.fn(async () => new Response(JSON.stringify({ keys: [] }), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const el = await show({ status: 'ok', boot: boot('admin') });
    expect(el.querySelector('#tab-api-keys')!.getAttribute('aria-selected')).toBe('true');
    await vi.waitFor(
      async () => {
        await settle(1);
        expect(el.querySelector('[data-testid=api-keys]')).not.toBeNull();
      },
      { timeout: 10_000 },
    );
    expect(fetch).toHaveBeenCalledWith(
      '/qa/api/v1/api-keys',
      expect.objectContaining({ method: 'GET', headers: { Authorization: 'Bearer s1.acme.admin-session', Accept: 'application/json' } }),
    );
  });
});
