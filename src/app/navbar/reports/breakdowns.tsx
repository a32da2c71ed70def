/** Breakdown tables: each row with n and its interval; rows that cannot be told apart from their neighbours say so. */
import type { BreakdownDimension, BreakdownRow, CriterionPattern, CriterionRow, RootCauseCount } from '../../../core/reports.ts';
import { rankDistinct, weakestFirst } from '../../../core/reports.ts';
import type { RootCauseKind } from '../../../core/scorecard.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { BonusNote, FigureText, foldLabels, Head, useFold } from './bits.tsx';
import { formatInterval, formatValue } from './format.ts';

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
  const bonusCount = sorted.reduce((n, r) => n + (r.bonusCount ?? 0), 0);
  return (
    <>
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
                {row.bonusCount ? (
                  <div class="qa-small">
                    <span class="qa-tag qa-tag--neutral" title={t('ui.reports.bonus.note', { count: row.bonusCount })}>
                      {t('ui.reports.bonus.tag')}
                    </span>
                  </div>
                ) : null}
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
      <BonusNote count={bonusCount} />
    </>
  );
}

/** A non-scoring criterion's answers, choice by choice: "Yes 12 · No 3 · Partial 1". */
function DistributionCells({ row }: { row: CriterionRow & { distribution: NonNullable<CriterionRow['distribution']> } }) {
  const { t } = useI18n();
  return (
    <>
      <td colSpan={2} data-distribution="">
        <div class="qa-muted qa-small">{t('ui.reports.criterion.distribution', { count: row.count })}</div>
        {row.distribution.map((d) => `${d.label} ${d.count}`).join(' · ')}
        {row.naCount ? <div class="qa-muted qa-small">{t('ui.reports.criterion.na', { count: row.naCount })}</div> : null}
      </td>
      <td class="qa-muted">{t('ui.reports.criterion.notScored')}</td>
    </>
  );
}

/** What the pattern cell says: the verdict, and the evidence behind it in smaller text. */
function PatternCell({ row, personName }: { row: CriterionRow; personName: (id: number) => string }) {
  const { t, locale } = useI18n();
  const agents = t('ui.reports.criterion.failingOf', { failing: row.revieweesFailing, total: row.reviewees });
  const outliers = row.outlierIds.length
    ? t('ui.reports.criterion.pattern.individualNamed', {
        count: row.outlierIds.length,
        names: row.outlierIds.map(personName).join(', '),
      })
    : t('ui.reports.criterion.pattern.individualDetail', { count: row.outliers });
  const PATTERNS: Record<CriterionPattern, { tag: string | null; label: string; detail: string[] }> = {
    systemic: {
      tag: 'qa-tag--warn',
      label: `⚑ ${t('ui.reports.criterion.pattern.systemic')}`,
      // the rate the rule tested, outliers left out: the same as the fail rate when there are none
      detail: row.outliers
        ? [
            t('ui.reports.criterion.pattern.systemicWithout', {
              rate: formatValue('rate', row.commonFailRate.value, locale),
              interval: formatInterval('rate', row.commonFailRate, locale) ?? '–',
            }),
            outliers,
          ]
        : [t('ui.reports.criterion.pattern.systemicDetail', { failing: row.revieweesFailing, total: row.reviewees })],
    },
    individual: { tag: 'qa-tag--neutral', label: t('ui.reports.criterion.pattern.individual'), detail: [outliers] },
    none: { tag: null, label: t('ui.reports.criterion.pattern.none'), detail: [agents] },
    'too-few': {
      tag: null,
      label: t('ui.reports.criterion.pattern.too-few'),
      detail: [t('ui.reports.criterion.pattern.tooFewDetail', { count: row.count, agents: row.reviewees })],
    },
  };
  const p = PATTERNS[row.pattern];
  return (
    <td data-pattern={row.pattern}>
      {p.tag ? <span class={`qa-tag ${p.tag}`}>{p.label}</span> : <span class="qa-muted">{p.label}</span>}
      {p.detail.map((line) => (
        <div class="qa-muted qa-small" key={line}>
          {line}
        </div>
      ))}
    </td>
  );
}

export function CriterionTable({
  rows,
  scorecardName,
  personName,
  onTickets,
  open,
}: {
  rows: CriterionRow[];
  scorecardName: (id: string) => string;
  personName: (id: number) => string;
  onTickets: (row: CriterionRow) => void;
  open: string | null;
}) {
  const { t } = useI18n();
  const sorted = [...rows].sort(weakestFirst);
  const { shown, control } = useFold(sorted, 'qa-criteria-table', {
    all: (count) => t('ui.reports.criterion.showAll', { count }),
    fold: (count) => t('ui.reports.criterion.showWeakest', { count }),
    folded: (shown, count) => t('ui.reports.criterion.captionFolded', { shown, count }),
  });
  if (!sorted.length) return <p class="qa-muted">{t('ui.reports.empty')}</p>;
  return (
    <>
      <table class="qa-table" data-dimension="criterion" id="qa-criteria-table">
        <caption class="qa-visually-hidden">
          {shown.length < sorted.length
            ? t('ui.reports.criterion.captionFolded', { shown: shown.length, count: sorted.length })
            : t('ui.reports.breakdown.criterion')}
        </caption>
        <Head
          cols={[
            'ui.reports.dimension.criterion',
            'ui.reports.criterion.average',
            'ui.reports.criterion.failRate',
            'ui.reports.criterion.cause',
          ].map((k) => t(k))}
          actions={t('ui.reports.criterion.actions')}
        />
        <tbody>
          {shown.map((row) => {
            const id = `${row.scorecardId}:${row.key}`;
            return (
              <tr key={id} data-criterion={row.key}>
                <th scope="row">
                  {row.label ?? row.key}
                  <div class="qa-muted qa-small">{scorecardName(row.scorecardId)}</div>
                </th>
                {row.distribution ? (
                  <DistributionCells row={{ ...row, distribution: row.distribution }} />
                ) : (
                  <>
                    <td>
                      <FigureText kind="rate" figure={row.averageFraction} />
                      {row.naCount ? <div class="qa-muted qa-small">{t('ui.reports.criterion.na', { count: row.naCount })}</div> : null}
                    </td>
                    <td>
                      <FigureText kind="rate" figure={row.failRate} />
                    </td>
                    <PatternCell row={row} personName={personName} />
                  </>
                )}
                <td class="qa-table__action">
                  <button type="button" class="c-btn c-btn--sm" aria-expanded={open === id} onClick={() => onTickets(row)}>
                    {t('ui.reports.criterion.ticketsShort')}
                    <span class="qa-visually-hidden"> {t('ui.reports.criterion.ticketsOf', { label: row.label ?? row.key })}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {control}
    </>
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
  const { shown, control } = useFold(
    [...items].sort((a, b) => b.count - a.count),
    'qa-root-causes-table',
    foldLabels(t),
  );
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
      <table class="qa-table" id="qa-root-causes-table">
        <caption class="qa-visually-hidden">{t('ui.reports.rootCauses.title')}</caption>
        <Head
          cols={[
            'ui.reports.rootCauses.cause',
            'ui.reports.rootCauses.kind',
            'ui.reports.rootCauses.scope',
            'ui.reports.rootCauses.count',
          ].map((k) => t(k))}
        />
        <tbody>
          {shown.map((c) => (
            <tr key={`${c.cause}:${kindOf(c)}`}>
              <th scope="row">{c.cause}</th>
              <td>{t(`ui.reports.rootCauses.kinds.${kindOf(c)}`)}</td>
              <td>{SYSTEMIC[kindOf(c)] ? t('ui.reports.rootCauses.systemic') : t('ui.reports.rootCauses.individual')}</td>
              <td>{c.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {control}
    </>
  );
}
