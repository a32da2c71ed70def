/**
 * The Sync tab (admins): how the service's sync of this account's Zendesk is doing (last success, how far the tickets
 * have come, what it holds, the requests it spent, the last error in words, whether a run is going on now) and its
 * settings: on/off, conversation text on/off (metrics only when off) and how many days text is kept. The service keeps
 * the settings, audits each change and deletes the text they no longer allow; who changed them last is shown by name.
 */
import './sync.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SyncSettings, SyncSettingsChange, SyncView } from '../../../core/sync.ts';
import { createSyncApi, type SyncApi } from '../../api/sync-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useNames } from '../../ui/use-names.ts';
import { useApi } from '../navbar-context.tsx';
import { CheckboxField, FieldMessages } from '../scorecards/fields.tsx';
import { NoticeBar, type NoticeValue } from '../scorecards/notice-bar.tsx';

export const RETENTION_MIN = 1;
export const RETENTION_MAX = 3650;

export function SyncTab() {
  return <SyncPanel api={useApi(createSyncApi)} nameOf={useNames()} />;
}

export interface SyncPanelProps {
  api: SyncApi;
  /** A person's name (undefined while asked, null when unknown). */
  nameOf: (id: number) => string | null | undefined;
}

/** The keys of `edited` that differ from `saved`: what the change carries. */
export function settingsChange(saved: SyncSettings, edited: SyncSettings): SyncSettingsChange {
  return Object.fromEntries(
    (Object.keys(edited) as Array<keyof SyncSettings>).filter((k) => edited[k] !== saved[k]).map((k) => [k, edited[k]]),
  );
}

export function SyncPanel({ api, nameOf }: SyncPanelProps) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<NoticeValue | null>(null);
  const [read, reload, view] = useAsync(() => api.read(), [api]);
  const [saved, setSaved] = useState<SyncView | null>(null);
  // the newest of what was read and what a save answered
  const current = saved ?? view;
  useEffect(() => {
    if (read.status === 'ok') setSaved(null);
    if (read.status === 'error') setNotice({ tone: 'error', text: t('ui.common.error', { message: read.error.message }) });
  }, [read]);

  return (
    <section class="qa-sync" aria-labelledby="qa-sync-title" data-testid="sync">
      <h2 id="qa-sync-title">{t('ui.admin.sync.title')}</h2>
      <p class="qa-muted">{t('ui.admin.sync.intro')}</p>
      <NoticeBar notice={notice} testId="sync-notice" />
      {current === undefined ? (
        notice?.tone === 'error' ? null : (
          <Loading label={t('ui.common.loading')} />
        )
      ) : (
        <>
          <SyncStatus view={current} loading={read.status === 'loading'} onRefresh={reload} />
          <SyncSettingsForm
            view={current}
            nameOf={nameOf}
            onSave={async (change) => {
              const r = await api.change(change);
              if (r.status === 'ok') {
                setSaved(r.value);
                setNotice({ tone: 'ok', text: t('ui.admin.sync.settings.saved') });
              } else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }), issues: r.error.issues });
              return r.status === 'ok';
            }}
          />
        </>
      )}
    </section>
  );
}

function useFormats() {
  const { locale } = useI18n();
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(locale);
    return {
      when: (iso: string) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : date.format(d);
      },
      count: (n: number) => number.format(n),
    };
  }, [locale]);
}

function SyncStatus({ view, loading, onRefresh }: { view: SyncView; loading: boolean; onRefresh: () => void }) {
  const { t } = useI18n();
  const { when, count } = useFormats();
  const s = view.status;
  const state = s.running
    ? t('ui.admin.sync.status.running', { since: s.runningSince ? when(s.runningSince) : '' })
    : view.settings.enabled
      ? t('ui.admin.sync.status.idle')
      : t('ui.admin.sync.status.off');
  const rows: Array<[string, string]> = [
    [t('ui.admin.sync.status.state'), state],
    [t('ui.admin.sync.status.lastSuccess'), s.lastSuccessAt ? when(s.lastSuccessAt) : t('ui.admin.sync.status.notYet')],
    [t('ui.admin.sync.status.upTo'), s.syncedUpTo ? when(s.syncedUpTo) : t('ui.admin.sync.status.notYet')],
    [t('ui.admin.sync.status.tickets'), count(s.ticketsSynced)],
    [t('ui.admin.sync.status.comments'), view.settings.conversations ? count(s.commentsStored) : t('ui.admin.sync.status.commentsOff')],
    [t('ui.admin.sync.status.users'), count(s.usersSynced)],
    [
      t('ui.admin.sync.status.requests'),
      s.rateLimited > 0
        ? t('ui.admin.sync.status.requestsWithLimited', { requests: count(s.requestsSpent), limited: count(s.rateLimited) })
        : count(s.requestsSpent),
    ],
  ];
  return (
    <div class="qa-sync__status" aria-labelledby="qa-sync-status-title" role="group">
      <h3 id="qa-sync-status-title">{t('ui.admin.sync.status.title')}</h3>
      <dl class="qa-sync__figures" aria-busy={loading || undefined}>
        {rows.map(([term, value]) => (
          <div key={term} class="qa-sync__figure">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {s.lastError ? (
        <div class="qa-sync__error" role="note" aria-labelledby="qa-sync-error-title" data-testid="sync-error">
          <h4 id="qa-sync-error-title">
            {s.lastErrorAt ? t('ui.admin.sync.status.lastErrorAt', { date: when(s.lastErrorAt) }) : t('ui.admin.sync.status.lastError')}
          </h4>
          <p>{s.lastError}</p>
        </div>
      ) : (
        <p class="qa-muted">{t('ui.admin.sync.status.noError')}</p>
      )}
      <button type="button" class="c-btn c-btn--sm c-btn--basic" disabled={loading} onClick={onRefresh}>
        {t('ui.admin.sync.status.refresh')}
      </button>
    </div>
  );
}

function SyncSettingsForm({
  view,
  nameOf,
  onSave,
}: {
  view: SyncView;
  nameOf: SyncPanelProps['nameOf'];
  onSave: (change: SyncSettingsChange) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const { when, count } = useFormats();
  const [edited, setEdited] = useState<SyncSettings>(view.settings);
  const [days, setDays] = useState(String(view.settings.retentionDays));
  const [daysError, setDaysError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const daysInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setEdited(view.settings);
    setDays(String(view.settings.retentionDays));
  }, [view]);

  const parsedDays = /^\s*\d+\s*$/.test(days) ? Number(days) : Number.NaN;
  const daysValid = Number.isInteger(parsedDays) && parsedDays >= RETENTION_MIN && parsedDays <= RETENTION_MAX;
  const next: SyncSettings = { ...edited, retentionDays: daysValid ? parsedDays : view.settings.retentionDays };
  const change = settingsChange(view.settings, next);
  const changed = Object.keys(change).length > 0 || (!daysValid && days.trim() !== String(view.settings.retentionDays));
  const stored = view.status.commentsStored;
  // what saving deletes, said before the admin saves
  const deletes = view.settings.conversations && !next.conversations && stored > 0;

  async function save() {
    if (!daysValid) {
      setDaysError([t('ui.admin.sync.settings.retentionInvalid', { min: RETENTION_MIN, max: RETENTION_MAX })]);
      daysInput.current?.focus();
      return;
    }
    setDaysError([]);
    setBusy(true);
    await onSave(change);
    setBusy(false);
  }

  const by = view.changedBy;
  const name = by === null ? null : by < 0 ? t('ui.admin.sync.settings.erased') : nameOf(by) === undefined ? '…' : (nameOf(by) ?? `#${by}`);
  const shorter = next.conversations && next.retentionDays < view.settings.retentionDays && stored > 0;
  return (
    <form
      class="qa-sync__settings"
      aria-labelledby="qa-sync-settings-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="qa-sync-settings-title">{t('ui.admin.sync.settings.title')}</h3>
      <CheckboxField
        id="qa-sync-enabled"
        label={t('ui.admin.sync.settings.enabled')}
        hint={t('ui.admin.sync.settings.enabledHint')}
        checked={edited.enabled}
        onValue={(enabled) => setEdited({ ...edited, enabled })}
      />
      <CheckboxField
        id="qa-sync-conversations"
        label={t('ui.admin.sync.settings.conversations')}
        hint={t('ui.admin.sync.settings.conversationsHint')}
        checked={edited.conversations}
        onValue={(conversations) => setEdited({ ...edited, conversations })}
      />
      <div class={`c-field qa-sync__days ${daysError.length ? 'c-field--error' : ''}`}>
        <label class="c-field__label" for="qa-sync-retention">
          {t('ui.admin.sync.settings.retention')}
        </label>
        <div class="c-field__hint" id="qa-sync-retention-hint">
          {t('ui.admin.sync.settings.retentionHint', { min: RETENTION_MIN, max: RETENTION_MAX })}
        </div>
        <input
          ref={daysInput}
          class="c-field__input qa-number"
          type="text"
          inputMode="numeric"
          id="qa-sync-retention"
          value={days}
          disabled={!edited.conversations}
          aria-invalid={daysError.length ? true : undefined}
          aria-describedby={`qa-sync-retention-hint${daysError.length ? ' qa-sync-retention-error' : ''}`}
          onInput={(e) => setDays(e.currentTarget.value)}
        />
        <FieldMessages id="qa-sync-retention" messages={daysError} />
      </div>
      {deletes || shorter ? (
        <p class="qa-sync__warning" role="note" data-testid="sync-deletes">
          {deletes
            ? t('ui.admin.sync.settings.deletesText', { count: stored, shown: count(stored) })
            : t('ui.admin.sync.settings.deletesOlder', { days: next.retentionDays })}
        </p>
      ) : null}
      <button type="submit" class="c-btn c-btn--primary c-btn--sm" disabled={busy || !changed}>
        {t('ui.admin.sync.settings.save')}
      </button>
      <p class="qa-muted" data-testid="sync-changed">
        {name === null || view.changedAt === null
          ? t('ui.admin.sync.settings.defaults')
          : t('ui.admin.sync.settings.changedBy', { name, date: when(view.changedAt) })}
      </p>
    </form>
  );
}
