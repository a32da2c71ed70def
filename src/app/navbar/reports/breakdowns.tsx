/** Breakdown tables: each row with n and its interval; rows that cannot be told apart from their neighbours say so. */
import type { BreakdownDimension, BreakdownRow, CriterionRow, RootCauseCount } from '../../../core/reports.ts';
import { rankDistinct, weakestFirst } from '../../../core/reports.ts';
import type { RootCauseKind } from '../../../core/scorecard.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { FigureText, Head } from './bits.tsx';

const byScore = (a: BreakdownRow, b: BreakdownRow) =>
  (b.averageScore.value ?? -1) - (a.averageScore.value ?? -1) || a.key.localeCompare(b.key);

export function BreakdownTable({
  dimension,
  rows,
  labelOf,
}: {
  dimension: Exclude<BreakdownDimension, 'criterion'>;
  rows: BreakdownRow[];
  labelOf: (row: BreakdownRow) => string;
}) {
  const { t } = useI18n();
  const sorted = [...rows].sort(byScore);
  const distinct = rankDistinct(sorted.map((r) => r.averageScore));
  if (!sorted.length) return <p class="qa-muted">{t('ui.reports.empty')}</p>;
  return (
    <table class="qa-table" data-dimension={dimension}>
      <caption class="qa-visually-hidden">{t(`ui.reports.breakdown.${dimension}`)}</caption>
      <Head
        cols={[
          'ui.reports.breakdown.rank',
          `ui.reports.dimension.${dimension}`,
          'ui.reports.headline.averageScore',
          'ui.reports.headline.passRate',
          'ui.reports.headline.criticalFailRate',
          'ui.reports.headline.count',
        ].map((k) => t(k))}
      />
      <tbody>
        {sorted.map((row, i) => (
          <tr key={row.key}>
            <td>
              {i + 1}
              {distinct[i] ? null : (
                <span class="qa-tag qa-tag--neutral" title={t('ui.reports.breakdown.notDistinguishableHint')}>
                  {' ≈ '}
                  {t('ui.reports.breakdown.notDistinguishable')}
                </span>
              )}
            </td>
            <th scope="row">{labelOf(row)}</th>
            <td>
              <FigureText kind="score" figure={row.averageScore} />
            </td>
            <td>
              <FigureText kind="rate" figure={row.passRate} />
            </td>
            <td>
              <FigureText kind="rate" figure={row.criticalFailRate} />
            </td>
            <td>{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CriterionTable({
  rows,
  scorecardName,
  onTickets,
  open,
}: {
  rows: CriterionRow[];
  scorecardName: (id: string) => string;
  onTickets: (row: CriterionRow) => void;
  open: string | null;
}) {
  const { t } = useI18n();
  const sorted = [...rows].sort(weakestFirst);
  if (!sorted.length) return <p class="qa-muted">{t('ui.reports.empty')}</p>;
  return (
    <table class="qa-table" data-dimension="criterion">
      <caption class="qa-visually-hidden">{t('ui.reports.breakdown.criterion')}</caption>
      <Head
        cols={[
          'ui.reports.dimension.criterion',
          'ui.reports.criterion.average',
          'ui.reports.criterion.failRate',
          'ui.reports.criterion.reviewees',
          'ui.reports.criterion.cause',
        ].map((k) => t(k))}
        actions={t('ui.reports.criterion.actions')}
      />
      <tbody>
        {sorted.map((row) => {
          const id = `${row.scorecardId}:${row.key}`;
          return (
            <tr key={id} data-criterion={row.key}>
              <th scope="row">
                {row.label ?? row.key}
                <div class="qa-muted qa-small">{scorecardName(row.scorecardId)}</div>
              </th>
              <td>
                <FigureText kind="rate" figure={row.averageFraction} />
                {row.naCount ? <div class="qa-muted qa-small">{t('ui.reports.criterion.na', { count: row.naCount })}</div> : null}
              </td>
              <td>
                <FigureText kind="rate" figure={row.failRate} />
              </td>
              <td>{t('ui.reports.criterion.failingOf', { failing: row.revieweesFailing, total: row.reviewees })}</td>
              <td>
                {row.systemic ? (
                  <span class="qa-tag qa-tag--warn">⚑ {t('ui.reports.criterion.systemic')}</span>
                ) : (
                  <span class="qa-tag qa-tag--neutral">{t('ui.reports.criterion.individual')}</span>
                )}
              </td>
              <td>
                <button type="button" class="c-btn c-btn--sm" aria-expanded={open === id} onClick={() => onTickets(row)}>
                  {t('ui.reports.criterion.tickets', { label: row.label ?? row.key })}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Root-cause kinds: an agent's skill is coached; the rest are fixed in processes, products, tools and policies. */
const SYSTEMIC: Record<RootCauseKind, boolean> = {
  'agent-skill': false,
  process: true,
  'product-defect': true,
  tooling: true,
  policy: true,
};

export function RootCauseTable({ items }: { items: RootCauseCount[] }) {
  const { t } = useI18n();
  if (!items.length) return <p class="qa-muted">{t('ui.reports.empty')}</p>;
  const kindOf = (c: RootCauseCount): RootCauseKind => c.kind ?? 'agent-skill';
  const totals = { individual: 0, systemic: 0 };
  for (const c of items) totals[SYSTEMIC[kindOf(c)] ? 'systemic' : 'individual'] += c.count;
  return (
    <>
      <p class="qa-root-totals">
        <span class="qa-tag qa-tag--neutral">{t('ui.reports.rootCauses.individualTotal', { count: totals.individual })}</span>{' '}
        <span class="qa-tag qa-tag--warn">⚑ {t('ui.reports.rootCauses.systemicTotal', { count: totals.systemic })}</span>
      </p>
      <table class="qa-table">
        <caption class="qa-visually-hidden">{t('ui.reports.rootCauses.title')}</caption>
        <Head
          cols={[
            'ui.reports.rootCauses.cause',
            'ui.reports.rootCauses.kind',
            'ui.reports.rootCauses.scope',
            'ui.reports.headline.count',
          ].map((k) => t(k))}
        />
        <tbody>
          {[...items]
            .sort((a, b) => b.count - a.count)
            .map((c) => (
              <tr key={`${c.cause}:${kindOf(c)}`}>
                <th scope="row">{c.cause}</th>
                <td>{t(`ui.reports.rootCauses.kinds.${kindOf(c)}`)}</td>
                <td>{SYSTEMIC[kindOf(c)] ? t('ui.reports.rootCauses.systemic') : t('ui.reports.rootCauses.individual')}</td>
                <td>{c.count}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}
