import { useT } from '../i18n/use-t.tsx';
import { Banner } from './parts.tsx';

/** An outbox entry's state here, or held by the background instance. */
export type QueuedState = 'pending' | 'sending' | 'failed' | 'held';

/**
 * A submission not yet with the service, and how safe it is, said plainly: held by the background instance (safe to
 * close the ticket), kept on this device (safe across reloads), or only in this open ticket (do not close it).
 */
export function QueuedBanner({
  state,
  persistent,
  error,
  onRetry,
}: {
  state: QueuedState;
  persistent: boolean;
  error: string | null;
  onRetry: (() => void) | null;
}) {
  const t = useT();
  const next =
    state === 'held'
      ? persistent
        ? 'ui.sidebar.outbox.held.nextDevice'
        : 'ui.sidebar.outbox.held.next'
      : state === 'pending' && !persistent
        ? 'ui.sidebar.outbox.pending.nextTab'
        : `ui.sidebar.outbox.${state}.next`;
  return (
    <Banner tone={state === 'failed' ? 'error' : 'warning'} role={state === 'failed' ? 'alert' : 'status'}>
      <strong data-outbox-state={state}>{t(`ui.sidebar.outbox.${state}.title`)}</strong>
      <p>
        {t(next)}
        {state === 'failed' && error ? ` (${error})` : ''}
      </p>
      {onRetry && state !== 'sending' && (
        <button type="button" class="c-btn c-btn--sm" onClick={onRetry}>
          {t('ui.sidebar.outbox.retryNow')}
        </button>
      )}
    </Banner>
  );
}
