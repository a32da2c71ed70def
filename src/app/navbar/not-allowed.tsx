/** What a non-admin sees on the Scorecards tab. */
import { useT } from '../i18n/use-t.tsx';

export function NotAllowed() {
  const t = useT();
  return (
    <section class="qa-coming" role="status">
      <h2>{t('ui.admin.notAllowed.title')}</h2>
      <p>{t('ui.admin.notAllowed.body')}</p>
    </section>
  );
}
