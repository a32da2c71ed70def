/** Small pieces shared by the reviewer and agent views. */
import type { ComponentChildren } from 'preact';
import type { TicketMetrics } from '../../core/metrics.ts';
import { scaleOptions } from '../../core/scale.ts';
import type { Criterion, Scale, Section } from '../../core/scorecard.ts';
import { roundForDisplay } from '../../core/scoring.ts';
import { useT } from '../i18n/use-t.tsx';

export const formatScore = (score: number | null): string => (score === null ? '–' : String(roundForDisplay(score)));

/** 16 -> "16 min", 125 -> "2 h 5 min", 3000 -> "2 d 2 h". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '–';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const h = Math.floor(m / 60);
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** Option labels in the user's language: preset scales are translated, an admin's own labels shown as written. */
export function useOptionLabels(): (scale: Scale) => string[] {
  const t = useT();
  return (scale) =>
    scaleOptions(scale).map((o, i) => {
      if (!('preset' in scale)) return o.label;
      const key = `ui.sidebar.preset.${scale.preset}.${i}`;
      const label = t(key);
      return label === key ? o.label : label;
    });
}

/** What a criterion counts for, when not the usual: a bonus (adds points, can lift the score past 100) or not scored. */
export function CriterionMarks({ criterion: c, section }: { criterion: Criterion; section?: Section | undefined }) {
  const t = useT();
  if (c.scoring === false) return <span class="qa-tag qa-tag--quiet">{t('ui.sidebar.scale.notScored')}</span>;
  if (c.bonus || section?.bonus) return <span class="qa-tag qa-tag--bonus">{t('ui.sidebar.scale.bonus')}</span>;
  return null;
}

// passSoFar: what is rated passes, but criteria are left that could still fail it
export type Verdict = 'pass' | 'passSoFar' | 'fail' | 'critical' | 'none';

export const verdictOf = (e: { passed: boolean | null; criticalFailures: readonly string[] }): Verdict =>
  e.criticalFailures.length > 0 ? 'critical' : e.passed === null ? 'none' : e.passed ? 'pass' : 'fail';

const ICON: Record<Verdict, string> = { pass: '✓', passSoFar: '…', fail: '✕', critical: '⚠', none: '·' };

/** Pass/fail in words and an icon, never colour alone. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const t = useT();
  return (
    <span class={`qa-badge qa-badge--${verdict}`}>
      <span aria-hidden="true">{ICON[verdict]}</span> {t(`ui.sidebar.verdict.${verdict}`)}
    </span>
  );
}

/** The ticket's own numbers, kept apart from the judgement criteria; space is reserved so nothing shifts. */
export function MetricsStrip({ metrics }: { metrics: TicketMetrics | null | 'loading' }) {
  const t = useT();
  const m = metrics === 'loading' || metrics === null ? null : metrics;
  const items: Array<[string, string]> = [
    [t('ui.sidebar.metrics.firstReply'), formatMinutes(m?.firstReplyMinutes ?? null)],
    [t('ui.sidebar.metrics.resolution'), formatMinutes(m?.fullResolutionMinutes ?? null)],
    [t('ui.sidebar.metrics.reopens'), m?.reopens === null || m?.reopens === undefined ? '–' : String(m.reopens)],
    [t('ui.sidebar.metrics.csat'), m?.csat ? t(`ui.sidebar.csat.${m.csat}`) : '–'],
  ];
  return (
    <section class="qa-strip" aria-label={t('ui.sidebar.metrics.title')} aria-busy={metrics === 'loading'}>
      <dl>
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {metrics === null && <p class="qa-muted qa-small">{t('ui.sidebar.metrics.unavailable')}</p>}
    </section>
  );
}

export function Banner({
  tone,
  children,
  role = 'status',
}: {
  tone: 'info' | 'success' | 'warning' | 'error';
  children: ComponentChildren;
  role?: 'status' | 'alert';
}) {
  return (
    <div class={`qa-banner qa-banner--${tone}`} role={role}>
      {children}
    </div>
  );
}

export const shortDate = (iso: string, locale: string): string => {
  try {
    return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  } catch {
    return iso.slice(0, 10);
  }
};
