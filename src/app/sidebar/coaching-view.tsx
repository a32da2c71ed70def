/**
 * Coaching notes on an evaluation, each saying who wrote it (by name, asked of Zendesk) and when: the agent reads and
 * acknowledges them (said, focus kept on the note), the reviewer sees whether they were.
 */
import { useState } from 'preact/hooks';
import type { CoachingNote } from '../../core/coaching.ts';
import type { ServiceError } from '../api/result.ts';
import { useI18n, useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import { PersonName } from './names.ts';
import { Banner, shortDate } from './parts.tsx';

export function CoachingNotes({
  notes,
  onAcknowledge,
}: {
  notes: readonly CoachingNote[];
  onAcknowledge?: (id: string) => Promise<ServiceError | null>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);
  if (notes.length === 0) return null;
  const acknowledge = async (id: string) => {
    setBusy(id);
    const failed = (await onAcknowledge?.(id)) ?? null;
    setError(failed);
    setBusy(null);
    // the button is gone: focus on the note, which now says it was acknowledged
    if (!failed)
      focusSoon(() => document.querySelector<HTMLElement>(`[data-coaching-note="${id}"]`), t('ui.sidebar.coaching.acknowledgedNow'));
  };
  return (
    <div class="qa-coaching">
      <h3 class="qa-label">{t('ui.sidebar.coaching.title')}</h3>
      <ul class="qa-coaching__list">
        {notes.map((n) => (
          <li key={n.id} data-coaching-note={n.id} data-acknowledged={n.acknowledgedAt ? 'true' : 'false'}>
            <p class="qa-quote">{n.body}</p>
            <p class="qa-row qa-small qa-muted">
              <span class="qa-coaching__from">
                <PersonName id={n.authorId} format={(name) => t('ui.sidebar.coaching.from', { name })} />
              </span>
              <span>{shortDate(n.createdAt, locale)}</span>
              <span>
                {n.acknowledgedAt
                  ? `✓ ${t('ui.sidebar.coaching.acknowledged', { date: shortDate(n.acknowledgedAt, locale) })}`
                  : t('ui.sidebar.coaching.notYet')}
              </span>
            </p>
            {onAcknowledge && !n.acknowledgedAt && (
              <button type="button" class="c-btn c-btn--sm" disabled={busy === n.id} onClick={() => acknowledge(n.id)}>
                {t('ui.sidebar.coaching.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <Banner tone="error" role="alert">
          {t(`ui.sidebar.error.${error.kind}`)}
        </Banner>
      )}
    </div>
  );
}
