/** The trend in plain SVG: the figure per week or month with its 95% band, plus the same numbers as a table. */
import { useState } from 'preact/hooks';
import type { ReportPeriod, Trend, TrendPoint } from '../../../core/reports.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { bandPath, linePath, linearScale, niceTicks, READABLE_N, scoreAxis, tooFew, xLabels } from './chart.ts';
import { BonusNote, FigureText } from './bits.tsx';
import { formatValue, type FigureKind } from './format.ts';

type Measure = 'averageScore' | 'passRate';
const KIND: Record<Measure, FigureKind> = { averageScore: 'score', passRate: 'rate' };

/** "Average score per week": the period in running text (the table's column header is capitalised). */
const TITLE: Record<ReportPeriod, string> = { week: 'ui.reports.trend.chartTitle.week', month: 'ui.reports.trend.chartTitle.month' };

const W = 720;
const H = 240;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 };

export function TrendChart({ trend }: { trend: Trend }) {
  const { t, locale } = useI18n();
  const [measure, setMeasure] = useState<Measure>('averageScore');
  const [showTable, setShowTable] = useState(false);
  const kind = KIND[measure];
  const points = trend.points;
  const x = linearScale([0, Math.max(1, points.length - 1)], [PAD.left, W - PAD.right]);
  const figure = (p: TrendPoint) => p[measure];
  const faint = (p: TrendPoint) => tooFew(figure(p).n);
  // scores run to the highest one drawn (a bonus mean or its band can pass 100), never below 100; rates to 1
  const { domain, ticks } =
    measure === 'passRate'
      ? { domain: [0, 1] as [number, number], ticks: niceTicks(0, 1, 4) }
      : scoreAxis(points.flatMap((p) => [figure(p).value, faint(p) ? null : figure(p).high]));
  const y = linearScale(domain, [H - PAD.bottom, PAD.top]);
  const label = (p: TrendPoint) => (trend.period === 'month' ? p.start.slice(0, 7) : p.start);
  const bonusCount = points.reduce((n, p) => n + (p.bonusCount ?? 0), 0);
  const anyFaint = points.some(faint);
  const withData = points.filter((p) => figure(p).value !== null);
  const title = t(TITLE[trend.period], { measure: t(`ui.reports.trend.${measure}`) });
  const desc = withData.length
    ? t('ui.reports.trend.chartDesc', {
        count: points.length,
        first: `${label(withData[0]!)}: ${formatValue(kind, figure(withData[0]!).value, locale)}`,
        last: `${label(withData.at(-1)!)}: ${formatValue(kind, figure(withData.at(-1)!).value, locale)}`,
      })
    : t('ui.reports.empty');

  return (
    <div class="qa-trend">
      <div class="qa-trend__controls qa-no-print" role="group" aria-label={t('ui.reports.trend.measure')}>
        {(['averageScore', 'passRate'] as const).map((m) => (
          <button
            key={m}
            type="button"
            class={`c-btn c-btn--sm ${m === measure ? 'c-btn--primary' : ''}`}
            aria-pressed={m === measure}
            onClick={() => setMeasure(m)}
          >
            {t(`ui.reports.trend.${m}`)}
          </button>
        ))}
        <button
          type="button"
          class="c-btn c-btn--sm c-btn--basic"
          aria-expanded={showTable}
          aria-controls="qa-trend-table"
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? t('ui.reports.trend.hideTable') : t('ui.reports.trend.showTable')}
        </button>
      </div>
      <svg class="qa-trend__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="qa-trend-title qa-trend-desc">
        <title id="qa-trend-title">{title}</title>
        <desc id="qa-trend-desc">{desc}</desc>
        {ticks.map((v) => (
          <g key={v} class="qa-trend__grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {formatValue(kind === 'rate' ? 'rate' : 'minutes', v, locale)}
            </text>
          </g>
        ))}
        <path
          class="qa-trend__band"
          d={bandPath(
            // a period too small to read keeps its interval out of the band: a 0-100 band would swamp the chart
            points.map((p, i) => ({
              x: x(i),
              low: figure(p).low === null || faint(p) ? null : y(figure(p).low!),
              high: figure(p).high === null || faint(p) ? null : y(figure(p).high!),
            })),
          )}
        />
        {anyFaint ? (
          <path
            class="qa-trend__line qa-trend__line--faint"
            d={linePath(points.map((p, i) => ({ x: x(i), y: figure(p).value === null ? null : y(figure(p).value!) })))}
          />
        ) : null}
        <path
          class="qa-trend__line"
          d={linePath(points.map((p, i) => ({ x: x(i), y: figure(p).value === null || faint(p) ? null : y(figure(p).value!) })))}
        />
        {points.map((p, i) =>
          figure(p).value === null ? null : (
            // a square marker with n beside it: readable without colour
            <g key={p.start} class={faint(p) ? 'qa-trend__faint' : undefined} data-faint={faint(p) ? '' : undefined}>
              <rect class="qa-trend__point" x={x(i) - 3.5} y={y(figure(p).value!) - 3.5} width="7" height="7" />
              <text class="qa-trend__n" x={x(i)} y={y(figure(p).value!) - 8} text-anchor="middle">
                {`n=${figure(p).n}`}
              </text>
            </g>
          ),
        )}
        {xLabels(points.length).map(({ i, anchor }) => (
          <text key={`x${points[i]!.start}`} class="qa-trend__x" x={x(i)} y={H - PAD.bottom + 16} text-anchor={anchor}>
            {label(points[i]!)}
          </text>
        ))}
      </svg>
      <p class="qa-muted qa-trend__legend">
        {t('ui.reports.trend.legend')}
        {anyFaint ? ` ${t('ui.reports.trend.faintLegend', { n: READABLE_N })}` : ''}
      </p>
      <BonusNote count={bonusCount} />
      <div id="qa-trend-table" hidden={!showTable} class="qa-print-show">
        <table class="qa-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`ui.reports.period.${trend.period}`)}</th>
              <th scope="col">{t('ui.reports.headline.count')}</th>
              <th scope="col">{t('ui.reports.headline.averageScore')}</th>
              <th scope="col">{t('ui.reports.headline.passRate')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.start} class={tooFew(p.count) ? 'qa-faint' : undefined}>
                <th scope="row">{label(p)}</th>
                <td>
                  {p.count}
                  {tooFew(p.count) ? <div class="qa-small">{t('ui.reports.trend.tooFew', { n: READABLE_N })}</div> : null}
                </td>
                <td>
                  <FigureText kind="score" figure={p.averageScore} />
                </td>
                <td>
                  <FigureText kind="rate" figure={p.passRate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
