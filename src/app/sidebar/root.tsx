/** Placeholder sidebar (owned by the sidebar engineer): proves the SDK round trip by showing the ticket and user. */
import { useT } from '../i18n/use-t.tsx';
import { Loading } from '../ui/notice.tsx';
import { useZafGet } from '../zaf/use-zaf.tsx';

export function SidebarRoot() {
  const t = useT();
  const { state } = useZafGet(['ticket.id', 'currentUser.name']);
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') return <p role="alert">{t('ui.common.error', { message: state.error.message })}</p>;
  const { values } = state.value;
  return (
    <main class="qa-notice">
      <h1>{t('ui.placeholder.ticket', { id: String(values['ticket.id'] ?? '?') })}</h1>
      <p class="qa-muted">{t('ui.placeholder.user', { name: String(values['currentUser.name'] ?? '?') })}</p>
    </main>
  );
}
