/** Placeholder nav bar page (owned by the nav bar engineer): shows the signed-in user through the SDK. */
import { useT } from '../i18n/use-t.tsx';
import { Loading } from '../ui/notice.tsx';
import { useZafGet } from '../zaf/use-zaf.tsx';

export function NavBarRoot() {
  const t = useT();
  const { state } = useZafGet(['currentUser.name']);
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') return <p role="alert">{t('ui.common.error', { message: state.error.message })}</p>;
  return (
    <main class="qa-notice">
      <h1>{t('ui.placeholder.navBar')}</h1>
      <p class="qa-muted">{t('ui.placeholder.user', { name: String(state.value.values['currentUser.name'] ?? '?') })}</p>
    </main>
  );
}
