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

  it('shows the API keys tab to admins only, whatever the settings say', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { headers: { 'content-type': 'application/json' } })),
    );
    expect(tabs(await show({ status: 'ok', boot: boot('reviewer') }, { leadGroupIds: '1' }))).toEqual([
      'tab-reports',
      'tab-calibration',
      'tab-plan',
      'tab-scorecards',
    ]);
    await view!.unmount();
    expect(tabs(await show({ status: 'ok', boot: boot('admin') }))).toEqual([
      'tab-reports',
      'tab-calibration',
      'tab-plan',
      'tab-scorecards',
      'tab-api-keys',
    ]);
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
