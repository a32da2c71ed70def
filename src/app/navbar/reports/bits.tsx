/** Small pieces shared by the report tabs: a figure with n and interval, an error line, a ticket link, a section. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Figure } from '../../../core/reports.ts';
import type { ServiceError } from '../../api/result.ts';
import type { Translate } from '../../i18n/translate.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import type { Async } from '../../ui/use-async.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { formatInterval, formatValue, type FigureKind } from './format.ts';

/**
 * Said beside any figure that includes evaluations of a bonus scorecard (decision 027, "Reports with bonus"): a score
 * above 100 counts as it is in an average, and a pass compares the final score with the pass threshold.
 */
export function BonusNote({ count }: { count: number | undefined }) {
  const { t } = useI18n();
  if (!count) return null;
  return (
    <p class="qa-muted qa-small qa-bonus-note" data-bonus-note="">
      {t('ui.reports.bonus.note', { count })}
    </p>
  );
}

/**
 * The value, then "95% CI low–high · n = N" in smaller text; the interval is never left out when there is one.
 * `stacked`: the interval and n on two lines, for tables with many figures side by side.
 */
export function FigureText({ kind, figure, stacked = false }: { kind: FigureKind; figure: Figure; stacked?: boolean }) {
  const { t, locale } = useI18n();
  const interval = formatInterval(kind, figure, locale);
  const ci = !interval ? (
    t('ui.reports.figure.nOnly', { n: figure.n })
  ) : stacked ? (
    <>
      {t('ui.reports.figure.intervalOnly', { interval })}
      <br />
      {t('ui.reports.figure.n', { n: figure.n })}
    </>
  ) : (
    t('ui.reports.figure.interval', { interval, n: figure.n })
  );
  return (
    <span class="qa-figure">
      <span class="qa-figure__value">{formatValue(kind, figure.value, locale)}</span> <span class="qa-figure__ci">{ci}</span>
    </span>
  );
}

export function ErrorNote({ error, onRetry }: { error: ServiceError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="qa-report-error" role="alert">
      <p>{t('ui.common.error', { message: error.message })}</p>
      {error.issues?.length ? (
        <ul>
          {error.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" class="c-btn c-btn--sm" onClick={onRetry}>
          {t('ui.common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Opens the ticket in Zendesk (the agent workspace tab), as a real button for keyboards and screen readers. */
export function TicketButton({ id }: { id: number }) {
  const { zaf } = useZaf();
  const { t } = useI18n();
  return (
    <button type="button" class="c-btn c-btn--sm c-btn--basic qa-ticket-link" onClick={() => void zaf.invoke('routeTo', 'ticket', id)}>
      {t('ui.reports.ticket', { id })}
    </button>
  );
}

export function ReportSection({
  id,
  title,
  hint,
  actions,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="qa-report-section" aria-labelledby={`${id}-title`}>
      <div class="qa-report-section__head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions ? <div class="qa-report-section__actions">{actions}</div> : null}
      </div>
      {hint ? <p class="qa-muted qa-report-section__hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/** A form's outcome line with the service's path-named problems, announced politely. */
export function FormMessage({ message }: { message: { text: string; issues?: string[] } | null }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <div>
          <p>{message.text}</p>
          {message.issues ? (
            <ul>
              {message.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Loading line, error with retry, or the loaded value's view. */
export function AsyncView<T>({
  state,
  reload,
  children,
}: {
  state: Async<T>;
  reload: () => void;
  children: (value: T) => ComponentChildren;
}) {
  const { t } = useI18n();
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;
  return <>{children(state.value)}</>;
}

/** A table's column headers; `actions` names a last column of buttons for screen readers only. */
export function Head({ cols, actions }: { cols: ComponentChildren[]; actions?: string }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th scope="col" key={i}>
            {c}
          </th>
        ))}
        {actions ? (
          <th scope="col" class="qa-table__action">
            <span class="qa-visually-hidden">{actions}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

/** How many rows a long table shows before "Show all": enough to act on, short enough to read. */
export const FOLD_AT = 10;

export interface FoldLabels {
  all: (count: number) => string;
  fold: (count: number) => string;
  folded: (shown: number, count: number) => string;
}

/** The words of a fold for rows of any kind. */
export const foldLabels = (t: Translate): FoldLabels => ({
  all: (count) => t('ui.reports.fold.all', { count }),
  fold: (count) => t('ui.reports.fold.first', { count }),
  folded: (shown, count) => t('ui.reports.fold.folded', { shown, count }),
});

/**
 * A long list's first `FOLD_AT` rows, and the button that shows the rest (and folds them again) for the table `id`;
 * `labels` word the button for what the rows are. Printing shows what the screen shows, and says so.
 */
export function useFold<T>(items: readonly T[], id: string, labels: FoldLabels): { shown: readonly T[]; control: ComponentChildren } {
  const [all, setAll] = useState(false);
  if (items.length <= FOLD_AT) return { shown: items, control: null };
  const shown = all ? items : items.slice(0, FOLD_AT);
  return {
    shown,
    control: (
      <>
        {all ? null : <p class="qa-print-only qa-muted">{labels.folded(shown.length, items.length)}</p>}
        <button
          type="button"
          class="c-btn c-btn--sm c-btn--basic qa-no-print qa-fold"
          aria-controls={id}
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? labels.fold(FOLD_AT) : labels.all(items.length)}
        </button>
      </>
    ),
  };
}

/** Buttons choosing what a table is broken down by (agent, group, channel, ...), the chosen one pressed. */
export function DimensionSwitch<D extends string>({ dims, dim, onChange }: { dims: readonly D[]; dim: D; onChange: (d: D) => void }) {
  const { t } = useI18n();
  return (
    <div class="qa-segmented qa-no-print" role="group" aria-label={t('ui.reports.breakdown.by')}>
      {dims.map((d) => (
        <button
          key={d}
          type="button"
          class={`c-btn c-btn--sm ${d === dim ? 'c-btn--primary' : ''}`}
          aria-pressed={d === dim}
          onClick={() => onChange(d)}
        >
          {t(`ui.reports.dimension.${d}`)}
        </button>
      ))}
    </div>
  );
}
