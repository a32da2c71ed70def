// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncSettingsChange, SyncView } from '../../../core/sync.ts';
import { fail, ok } from '../../api/result.ts';
import type { SyncApi } from '../../api/sync-api.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, labelled, mount, type, type Mounted } from '../../ui/testing.tsx';
import { settingsChange, SyncPanel } from './sync-tab.tsx';

const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../../translations/${locale}.json`), 'utf8')) as Messages;

const view = (over: Partial<SyncView> = {}, status: Partial<SyncView['status']> = {}): SyncView => ({
  settings: { enabled: true, conversations: true, retentionDays: 90 },
  changedBy: null,
  changedAt: null,
  ...over,
  status: {
    lastSuccessAt: '2026-03-10T12:00:00.000Z',
    syncedUpTo: '2026-03-10T11:58:00.000Z',
    ticketsSynced: 100_323,
    commentsStored: 1234,
    usersSynced: 812,
    requestsSpent: 342,
    rateLimited: 0,
    lastError: null,
    lastErrorAt: null,
    running: false,
    runningSince: null,
    ...status,
  },
});

/** The service's side, in memory: a change applies its keys and, text off, deletes the stored text. */
function fakeApi(initial: SyncView) {
  let current = initial;
  return {
    read: vi.fn(async () => ok(current)),
    change: vi.fn(async (change: SyncSettingsChange) => {
      const settings = { ...current.settings, ...change };
      current = {
        ...current,
        settings,
        changedBy: 10004,
        changedAt: '2026-03-10T12:05:00.000Z',
        status: { ...current.status, commentsStored: settings.conversations ? current.status.commentsStored : 0 },
      };
      return ok(current);
    }),
  } satisfies SyncApi;
}

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const names = new Map([[10004, 'Ada Admin']]);
const show = async (api: SyncApi, locale = 'en') =>
  (mounted = await mount(
    <I18nProvider value={{ locale, t: createTranslator(messagesOf(locale)) }}>
      <SyncPanel api={api} nameOf={(id) => names.get(id) ?? null} />
    </I18nProvider>,
  ));

const figures = (el: Element) =>
  Object.fromEntries(
    [...el.querySelectorAll('.qa-sync__figure')].map((f) => [f.querySelector('dt')!.textContent, f.querySelector('dd')!.textContent]),
  );

describe('Sync panel', () => {
  it('shows the status as terms and values, the defaults, and no error', async () => {
    const { el } = await show(fakeApi(view()));
    const shown = figures(el);
    expect(shown['Tickets synced']).toBe('100,323');
    expect(shown['Comments stored']).toBe('1,234');
    expect(shown['People synced']).toBe('812');
    expect(shown['Requests to Zendesk']).toBe('342');
    expect(shown.Now).toBe('Waiting for the next run');
    expect(shown['Last successful sync']).toMatch(/2026/);
    expect(el.textContent).toContain('The last run ended without an error.');
    expect(el.querySelector('[data-testid=sync-changed]')!.textContent).toBe('No admin has changed these yet: the defaults apply.');
    // nothing changed: nothing to save
    expect(button(el, 'Save sync settings').disabled).toBe(true);
  });

  it('says a run going on, the 429s and the last error in words', async () => {
    const { el } = await show(
      fakeApi(
        view(
          {},
          {
            running: true,
            runningSince: '2026-03-10T12:01:00.000Z',
            rateLimited: 3,
            lastError: 'Zendesk (acme) refused the service\u2019s API credential (401): check the API token and that its user is an admin',
            lastErrorAt: '2026-03-10T11:00:00.000Z',
          },
        ),
      ),
    );
    const shown = figures(el);
    expect(shown.Now).toMatch(/^Syncing \(since .*2026.*\)$/);
    expect(shown['Requests to Zendesk']).toBe('342 (3 answered \u201ctoo many requests\u201d)');
    const error = el.querySelector('[data-testid=sync-error]')!;
    expect(error.getAttribute('role')).toBe('note');
    expect(error.textContent).toContain('check the API token');
    expect(error.querySelector('h4')!.textContent).toMatch(/^The last run stopped on .*2026/);
  });

  it('turns conversation text off after saying what saving deletes, and names who changed it', async () => {
    const api = fakeApi(view());
    const { el } = await show(api);
    const text = labelled(el, 'Keep conversation text');
    expect(text.getAttribute('aria-describedby')).toBe('qa-sync-conversations-hint');
    await click(text);
    expect(el.querySelector('[data-testid=sync-deletes]')!.textContent).toBe('Saving deletes the 1,234 comments stored now.');
    await click(button(el, 'Save sync settings'));
    expect(api.change).toHaveBeenCalledWith({ conversations: false });
    expect(el.querySelector('[data-testid=sync-notice]')!.textContent).toContain('Sync settings saved.');
    expect(figures(el)['Comments stored']).toBe('None (conversation text is off)');
    expect(el.querySelector('[data-testid=sync-changed]')!.textContent).toMatch(/^Last changed by Ada Admin on .*2026/);
    expect(el.querySelector('[data-testid=sync-deletes]')).toBeNull();
  });

  it('takes retention as a whole number of days in range, says why not and keeps focus on it', async () => {
    const api = fakeApi(view());
    const { el } = await show(api);
    const days = labelled(el, 'Keep conversation text for (days)');
    await type(days, '0');
    await click(button(el, 'Save sync settings'));
    expect(api.change).not.toHaveBeenCalled();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(days.getAttribute('aria-describedby')).toContain('qa-sync-retention-error');
    expect(el.textContent).toContain('Enter a whole number of days from 1 to 3650.');
    expect(document.activeElement).toBe(days);
    await type(days, '30');
    expect(el.querySelector('[data-testid=sync-deletes]')!.textContent).toBe(
      'Saving deletes the conversation text older than 30 days at once.',
    );
    await click(labelled(el, "Sync this account's Zendesk"));
    await click(button(el, 'Save sync settings'));
    expect(api.change).toHaveBeenCalledWith({ enabled: false, retentionDays: 30 });
    expect(figures(el).Now).toBe('Off');
  });

  it("shows the service's refusal", async () => {
    const api = fakeApi(view());
    api.change.mockResolvedValueOnce(fail('forbidden', 'lead may not change the Zendesk sync'));
    const { el } = await show(api);
    await click(labelled(el, "Sync this account's Zendesk"));
    await click(button(el, 'Save sync settings'));
    const notice = el.querySelector('[data-testid=sync-notice]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('lead may not change the Zendesk sync');
  });

  it('speaks German', async () => {
    const { el } = await show(fakeApi(view()), 'de');
    expect(el.querySelector('h2')!.textContent).toBe('Zendesk-Synchronisation');
    expect(figures(el)['Synchronisierte Tickets']).toBe('100.323');
  });

  it('sends only the keys that changed', () => {
    const saved = { enabled: true, conversations: true, retentionDays: 90 };
    expect(settingsChange(saved, saved)).toEqual({});
    expect(settingsChange(saved, { ...saved, retentionDays: 30 })).toEqual({ retentionDays: 30 });
  });
});
