// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator, type Messages } from '../i18n/translate.ts';
import { I18nProvider } from '../i18n/use-t.tsx';
import { mount, type Mounted } from '../ui/testing.tsx';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf } from '../zaf/fake-zaf.ts';
import { ZafSessionProvider } from '../zaf/use-zaf.tsx';
import type { LoadOutcome } from './load.ts';
import { SidebarRoot } from './root.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

async function show(outcome: LoadOutcome) {
  const zaf = createFakeZaf();
  view = await mount(
    <ZafSessionProvider session={{ zaf, metadata: FAKE_METADATA, context: FAKE_CONTEXT }}>
      <I18nProvider value={{ locale: 'en', t }}>
        <SidebarRoot first={Promise.resolve(outcome)} />
      </I18nProvider>
    </ZafSessionProvider>,
  );
  return view.el.querySelector('[role=alert]')!;
}

describe('sidebar problems in plain words', () => {
  it('an ended session tells the user to reload Zendesk, with no pointless retry', async () => {
    const alert = await show({ status: 'problem', problem: 'session-ended', message: 'session expired' });
    expect(alert.getAttribute('data-problem')).toBe('session-ended');
    expect(alert.textContent).toContain('Your Ticket QA session has ended');
    expect(alert.textContent).toContain('Reload Zendesk');
    expect(alert.querySelector('button')).toBeNull();
  });

  it('throttling says how long to wait and offers a retry', async () => {
    const alert = await show({ status: 'problem', problem: 'throttled', message: 'too many requests: try again in 20 s', retryAfter: 20 });
    expect(alert.textContent).toContain('Try again in 20 seconds.');
    expect(alert.querySelector('button')!.textContent).toBe('Try again');
  });

  it('a page without a boot asks to open it from Zendesk', async () => {
    const alert = await show({ status: 'problem', problem: 'outside-zendesk', message: '' });
    expect(alert.querySelector('h1')!.textContent).toBe('Open Ticket QA from Zendesk');
  });
});
