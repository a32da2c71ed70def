// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiKeysApi, isApiKey, type ApiKey, type ApiKeysApi } from '../../api/api-keys-api.ts';
import { fail, ok, type Result } from '../../api/result.ts';
import type { Method } from '../../api/service-call.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { I18nProvider } from '../../i18n/use-t.tsx';
import { button, click, labelled, mount, choose, type, type Mounted } from '../../ui/testing.tsx';
import { ApiKeysPanel } from './api-keys-tab.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);
const SECRET = 'k1.acme.VGhpcyBpcyBhIHNlY3JldCB0aGF0IG11c3Qgbm90IHJlYXBwZWFy';

const key = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: '6f1c1d8e-51a4-4a36-9a0e-1f4b1d1d1d1d',
  name: 'Nightly export',
  role: 'lead',
  prefix: 'k1.acme.AbCd…',
  createdBy: 1,
  createdAt: '2026-03-01T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

/** The service's side, in memory: the secret comes back from create only. */
function fakeApi(initial: ApiKey[] = []) {
  let keys = [...initial];
  const api = {
    list: vi.fn(async (): Promise<Result<ApiKey[]>> => ok(keys.map((k) => ({ ...k })))),
    create: vi.fn(async (body: { name: string; role: 'lead' | 'admin' }) => {
      const made = key({
        id: `00000000-0000-4000-8000-00000000000${keys.length + 1}`,
        name: body.name,
        role: body.role,
        prefix: `${SECRET.slice(0, 12)}…`,
      });
      keys = [...keys, made];
      return ok({ key: made, secret: SECRET });
    }),
    revoke: vi.fn(async (id: string) => {
      keys = keys.map((k) => (k.id === id ? { ...k, revokedAt: '2026-03-02T10:00:00.000Z' } : k));
      return ok(keys.find((k) => k.id === id)!);
    }),
  } satisfies ApiKeysApi;
  return api;
}

/** Whether `text` is anywhere a user could see or copy it: text, attributes, or a field's value. */
const onPage = (text: string) =>
  document.body.innerHTML.includes(text) ||
  [...document.querySelectorAll('input, textarea')].some((i) => (i as HTMLInputElement).value.includes(text));

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const show = async (api: ApiKeysApi) =>
  (view = await mount(
    <I18nProvider value={{ locale: 'en', t }}>
      <ApiKeysPanel api={api} />
    </I18nProvider>,
  ));

describe('API keys panel', () => {
  it('lists keys with name, role, prefix, created, last used and revoked, never a secret', async () => {
    const api = fakeApi([
      key(),
      key({
        id: '00000000-0000-4000-8000-0000000000aa',
        name: 'Old BI',
        role: 'admin',
        lastUsedAt: '2026-03-01T12:00:00.000Z',
        revokedAt: '2026-03-01T13:00:00.000Z',
      }),
    ]);
    const { el } = await show(api);
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-api-key'))).toEqual(['Nightly export', 'Old BI']);
    expect(rows[0]!.textContent).toContain('QA lead (reports)');
    expect(rows[0]!.textContent).toContain('k1.acme.AbCd…');
    expect(rows[0]!.textContent).toContain('Never');
    expect(rows[0]!.textContent).toContain('Active');
    expect(rows[1]!.textContent).toContain('Admin (everything)');
    expect(rows[1]!.textContent).toMatch(/Revoked .*2026/);
    // a revoked key has nothing left to revoke
    expect(rows[1]!.querySelector('button')).toBeNull();
    expect(el.querySelector('[role=region] table')).not.toBeNull();
  });

  it('shows a new secret once, with a warning and a copy button, and never again after closing', async () => {
    const api = fakeApi();
    const { el } = await show(api);
    expect(el.textContent).toContain('No API keys yet.');
    await type(labelled(el, 'Name'), '  Looker  ');
    await choose(labelled<HTMLSelectElement>(el, 'Reads like'), 'admin');
    await click(button(el, 'Create key'));
    expect(api.create).toHaveBeenCalledWith({ name: 'Looker', role: 'admin' });

    expect(onPage(SECRET)).toBe(true);
    const box = el.querySelector('[data-testid=api-key-secret]')!;
    expect(box).not.toBeNull();
    expect((box.querySelector('input') as HTMLInputElement).value).toBe(SECRET);
    expect(box.textContent).toContain('it will not be shown again');
    // focus moves to the box so screen readers hear the warning
    expect(document.activeElement?.id).toBe('qa-secret-title');

    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await click(button(box, 'Copy key'));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(box.textContent).toContain('Copied to the clipboard.');

    // the list reloaded beside it and shows the prefix only
    expect(el.querySelector('tbody')!.textContent).not.toContain(SECRET);
    await click(button(el, 'I have copied it, close'));
    expect(el.querySelector('[data-testid=api-key-secret]')).toBeNull();
    expect(onPage(SECRET)).toBe(false);
    // nothing brings it back: the list reloads with prefixes only
    expect(api.list).toHaveBeenCalledTimes(2);
    expect(onPage(SECRET)).toBe(false);
    expect(document.activeElement?.id).toBe('qa-api-key-name');

    // another key later: still not the first one's secret in the page but the new one's own
    api.create.mockImplementationOnce(async (body) =>
      ok({ key: key({ id: '00000000-0000-4000-8000-0000000000bb', name: body.name }), secret: 'k1.acme.second' }),
    );
    await type(labelled(el, 'Name'), 'Script');
    await click(button(el, 'Create key'));
    expect(onPage(SECRET)).toBe(false);
    expect(onPage('k1.acme.second')).toBe(true);
  });

  it('says when the clipboard is refused', async () => {
    const { el } = await show(fakeApi());
    await type(labelled(el, 'Name'), 'Looker');
    await click(button(el, 'Create key'));
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
      configurable: true,
    });
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    await click(button(el, 'Copy key'));
    expect(el.textContent).toContain('Could not copy');
  });

  it('asks for a name before calling the service', async () => {
    const api = fakeApi();
    const { el } = await show(api);
    await click(button(el, 'Create key'));
    expect(api.create).not.toHaveBeenCalled();
    const name = labelled(el, 'Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#qa-api-key-name-error')!.textContent).toContain('Enter a name');
    expect(name.getAttribute('aria-describedby')).toContain('qa-api-key-name-error');
  });

  it('revokes only after a confirmation, and cancelling changes nothing', async () => {
    const api = fakeApi([key()]);
    const { el } = await show(api);
    await click(button(el, 'Revoke Nightly export'));
    expect(api.revoke).not.toHaveBeenCalled();
    expect(el.textContent).toContain('Revoke “Nightly export”? Anything using it stops working at once.');
    expect(document.activeElement?.textContent).toBe('Revoke key');
    await click(button(el, 'Cancel'));
    expect(api.revoke).not.toHaveBeenCalled();

    await click(button(el, 'Revoke Nightly export'));
    await click(button(el, 'Revoke key'));
    expect(api.revoke).toHaveBeenCalledWith(key().id);
    expect(el.textContent).toContain('Revoked “Nightly export”.');
    expect(el.querySelector('tbody tr')!.textContent).toMatch(/Revoked .*2026/);
  });

  it('shows the service error in words', async () => {
    const api = fakeApi();
    api.list.mockResolvedValueOnce(fail('session-ended', 'Your Ticket QA session has ended. Reload Zendesk.'));
    const { el } = await show(api);
    expect(el.querySelector('[data-testid=api-keys-notice]')!.textContent).toContain('Reload Zendesk');
  });
});

describe('API keys client', () => {
  it('lists, creates and revokes on the service routes and checks the answers', async () => {
    const calls: string[] = [];
    const answers: Record<string, unknown> = {
      'GET /api-keys': { keys: [key()] },
      'POST /api-keys': { key: key(), secret: SECRET },
      [`DELETE /api-keys/${key().id}`]: { key: key({ revokedAt: '2026-03-02T10:00:00.000Z' }) },
    };
    const api = createApiKeysApi(async (method: Method, path: string, body?: unknown) => {
      calls.push(`${method} ${path}${body ? ` ${JSON.stringify(body)}` : ''}`);
      return ok(answers[`${method} ${path}`]);
    });
    expect(await api.list()).toEqual(ok([key()]));
    expect(await api.create({ name: 'N', role: 'lead' })).toEqual(ok({ key: key(), secret: SECRET }));
    expect((await api.revoke(key().id)).status).toBe('ok');
    expect(calls).toEqual(['GET /api-keys', 'POST /api-keys {"name":"N","role":"lead"}', `DELETE /api-keys/${key().id}`]);
    expect(isApiKey({ ...key(), role: 'agent' })).toBe(false);
    const odd = createApiKeysApi(async () => ok({ key: key() }));
    expect(await odd.create({ name: 'N', role: 'lead' })).toMatchObject({ status: 'error', error: { kind: 'server' } });
  });
});
