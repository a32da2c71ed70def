/**
 * Composition root of a location page: boot the SDK, wait for Zendesk, start the location's own load at once,
 * load the user's strings beside it, render the view. Nothing waits for a render or an effect to start work.
 */
import '../ui/base.css';
import { render, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ok } from '../api/result.ts';
import type { LocationStrings } from '../i18n/load.ts';
import { I18nProvider, useT } from '../i18n/use-t.tsx';
import { Loading, Notice } from '../ui/notice.tsx';
import { useAsync } from '../ui/use-async.ts';
import { bootZaf } from '../zaf/boot.ts';
import { ZafSessionProvider, loadZafSession, toError, useZaf, type ZafSession } from '../zaf/use-zaf.tsx';
import { fitFrame } from './fit-frame.ts';

// Seconds before telling the user Zendesk has not answered (the SDK itself waits forever for app.registered).
const REGISTER_PATIENCE_MS = 10_000;

/** What a location starts once Zendesk has registered it: its own load, which also tells the user's locale. */
export interface Started<P> {
  locale: Promise<string | undefined>;
  props: P;
}

export interface Location<P> {
  Root: ComponentType<P>;
  strings: LocationStrings;
  /** Runs the moment Zendesk has registered the app, before strings or the first render. */
  start: (session: ZafSession) => Started<P>;
}

function WithTranslations({ strings, children }: { strings: LocationStrings; children: ComponentChildren }) {
  const [i18n] = useAsync(() => strings.load(navigator.language).then(ok), [strings]);
  if (i18n.status !== 'ok') return <Loading label="…" />;
  return <I18nProvider value={i18n.value}>{children}</I18nProvider>;
}

function OutsideZendesk() {
  const t = useT();
  return (
    <Notice title={t('ui.zaf.outsideZendesk')} role="alert">
      <p>{t('ui.zaf.outsideZendeskHint')}</p>
    </Notice>
  );
}

function Registering() {
  const t = useT();
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), REGISTER_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, []);
  return late ? <Notice title={t('ui.zaf.notRegistered')} role="alert" /> : <Loading label={t('ui.common.loading')} />;
}

/** Keeps the sidebar iframe as tall as its content, within what Zendesk shows of it (fit-frame.ts). */
function AutoResize({ element }: { element: HTMLElement }) {
  const { zaf, context } = useZaf();
  useEffect(() => {
    if (context.location !== 'ticket_sidebar' || typeof ResizeObserver === 'undefined') return;
    return fitFrame({
      element,
      resize: (height) => void zaf.invoke('resize', { width: '100%', height: `${height}px` }),
      onHostResize: (handler) => zaf.on('window.resize', handler),
    });
  }, [zaf, context.location, element]);
  return null;
}

/** The user's Zendesk locale in its own round trip, for locations whose load does not read `currentUser`. */
export function localeOnly(session: ZafSession): Started<Record<string, never>> {
  const locale = session.zaf.get(['currentUser.locale']).then(({ values }) => {
    const value = values['currentUser.locale'];
    return typeof value === 'string' ? value : undefined;
  });
  return { locale, props: {} };
}

export function mountLocation<P extends object>(
  { Root, strings, start }: Location<P>,
  element: HTMLElement | null = document.getElementById('app'),
): void {
  if (!element) throw new Error('mountLocation: no #app element');
  const zaf = bootZaf();
  if (!zaf) {
    render(
      <WithTranslations strings={strings}>
        <OutsideZendesk />
      </WithTranslations>,
      element,
    );
    return;
  }
  render(
    <WithTranslations strings={strings}>
      <Registering />
    </WithTranslations>,
    element,
  );
  const ready = loadZafSession(zaf).then(async (session) => {
    const started = start(session);
    const locale = await started.locale.catch(() => undefined);
    return { session, started, i18n: await strings.load(locale ?? navigator.language) };
  });
  ready.then(
    ({ session, started, i18n }) => {
      // screen readers read the page in the user's language
      document.documentElement.lang = i18n.locale;
      render(
        <ZafSessionProvider session={session}>
          <I18nProvider value={i18n}>
            <AutoResize element={element} />
            <Root {...started.props} />
          </I18nProvider>
        </ZafSessionProvider>,
        element,
      );
    },
    (error: unknown) => render(<Notice title={toError(error).message} role="alert" />, element),
  );
}
