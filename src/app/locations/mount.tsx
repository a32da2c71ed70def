/** Composition root of a location page: boot the SDK, wait for Zendesk, load the user's strings, render the view. */
import '../ui/base.css';
import { render, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { I18nProvider, useT, type I18n } from '../i18n/use-t.tsx';
import { loadTranslations } from '../i18n/load.ts';
import { Loading, Notice } from '../ui/notice.tsx';
import { bootZaf } from '../zaf/boot.ts';
import { ZafProvider, useZaf } from '../zaf/use-zaf.tsx';

// Seconds before telling the user Zendesk has not answered (the SDK itself waits forever for app.registered).
const REGISTER_PATIENCE_MS = 10_000;

function WithTranslations({ locale, children }: { locale: () => Promise<string | undefined>; children: ComponentChildren }) {
  const [i18n, setI18n] = useState<I18n | null>(null);
  useEffect(() => {
    let live = true;
    locale()
      .catch(() => undefined)
      .then(loadTranslations)
      .then((loaded) => live && setI18n(loaded));
    return () => {
      live = false;
    };
  }, [locale]);
  if (!i18n) return <Loading label="…" />;
  return <I18nProvider value={i18n}>{children}</I18nProvider>;
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

/** Keeps a flexible sidebar iframe as tall as its content. */
function AutoResize({ element }: { element: HTMLElement }) {
  const { zaf, context } = useZaf();
  useEffect(() => {
    if (context.location !== 'ticket_sidebar' || typeof ResizeObserver === 'undefined') return;
    let last = 0;
    const observer = new ResizeObserver(() => {
      // The root is a block formatting context (base.css), so its box includes its children's margins.
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        void zaf.invoke('resize', { width: '100%', height: `${height}px` });
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [zaf, context.location, element]);
  return null;
}

function userLocale(): Promise<string | undefined> {
  return Promise.resolve(navigator.language);
}

export function mountLocation(Root: ComponentType, element: HTMLElement | null = document.getElementById('app')): void {
  if (!element) throw new Error('mountLocation: no #app element');
  const zaf = bootZaf();
  if (!zaf) {
    render(<WithTranslations locale={userLocale}><OutsideZendesk /></WithTranslations>, element);
    return;
  }
  const zendeskLocale = async () => {
    const { values } = await zaf.get(['currentUser.locale']);
    const locale = values['currentUser.locale'];
    return typeof locale === 'string' ? locale : navigator.language;
  };
  render(
    <ZafProvider
      zaf={zaf}
      loading={<WithTranslations locale={userLocale}><Registering /></WithTranslations>}
      failed={(error) => <Notice title={error.message} role="alert" />}
    >
      <WithTranslations locale={zendeskLocale}>
        <AutoResize element={element} />
        <Root />
      </WithTranslations>
    </ZafProvider>,
    element,
  );
}
