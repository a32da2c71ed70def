/** A tab whose screen is still being built. */
import { useT } from '../i18n/use-t.tsx';

export function comingTab(titleKey: string) {
  return function ComingTab() {
    const t = useT();
    return (
      <section class="qa-coming">
        <h2>{t(titleKey)}</h2>
        <p>{t('ui.navbar.coming')}</p>
      </section>
    );
  };
}
