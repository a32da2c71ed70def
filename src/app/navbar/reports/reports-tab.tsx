/**
 * The Reports tab (docs/decisions/010-report-tabs.md): filters kept in the URL, four headline figures with n,
 * interval and change, the trend, breakdowns (weakest criteria first, tickets one click away), root causes, QA beside
 * the tickets' own numbers, CSV and print; then, apart from all of them, the automatic checks (autoqa-report.tsx).
 */
import './reports.css';
import { useMemo, useState } from 'preact/hooks';
import type { ScorecardSummary } from '../../../core/api.ts';
import {
  PATTERN_RULE,
  type BreakdownDimension,
  type BreakdownRow,
  type CriterionRow,
  type Figure,
  type Summary,
} from '../../../core/reports.ts';
import { createCalibrationApi } from '../../api/calibration-api.ts';
import { createReportsApi, type Filters } from '../../api/reports-api.ts';
import { createScorecardsApi } from '../../api/scorecards-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { downloadText } from '../../ui/download.ts';
import { useApi } from '../navbar-context.tsx';
import { channelLabel } from '../scorecards/applies-to-summary.ts';
import { CHANNELS } from '../scorecards/channels.ts';
import { AutoQaReport } from './autoqa-report.tsx';
import { AsyncView, BonusNote, DimensionSwitch, FigureText, Head, ReportSection, TicketButton } from './bits.tsx';
import { BreakdownTable, CriterionTable, RootCauseTable } from './breakdowns.tsx';
import { filtersHash, parseFilters, PRESETS, presetOf, presetRange, previousRange, type Preset } from './filters.ts';
import { changeOf, formatDelta, type FigureKind } from './format.ts';
import { QaVsMetricsView } from './qa-vs-metrics.tsx';
import { screenCsv } from './screen-csv.ts';
import { TrendChart } from './trend-chart.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { usePeople, type People } from './use-people.ts';

type Dim = Exclude<BreakdownDimension, 'criterion'>;
const DIMS: Dim[] = ['reviewee', 'group', 'channel', 'scorecard'];

function useScorecards(): ScorecardSummary[] {
  const scorecards = useApi(createScorecardsApi);
  const [list] = useAsync(() => scorecards.list(), [scorecards]);
  return list.status === 'ok' ? list.value : [];
}

function FilterBar({
  filters,
  onChange,
  scorecards,
  people,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  scorecards: ScorecardSummary[];
  people: People;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const id = (v: string) => (v ? Number(v) : undefined);
  const select = (
    name: keyof Filters,
    label: string,
    options: Array<[string, string]>,
    value: string | number | undefined,
    parse: (v: string) => unknown = (v) => v || undefined,
  ) => (
    <div class="c-field qa-filter">
      <label class="c-field__label" for={`qa-filter-${name}`}>
        {label}
      </label>
      <select
        id={`qa-filter-${name}`}
        class="c-field__input c-field__input--select"
        value={value === undefined ? '' : String(value)}
        onChange={(e) => set({ [name]: parse(e.currentTarget.value) } as Partial<Filters>)}
      >
        <option value="">{t('ui.reports.filters.all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form class="qa-filters qa-no-print" role="search" aria-label={t('ui.reports.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div class="c-field qa-filter">
        <label class="c-field__label" for="qa-filter-from">
          {t('ui.reports.filters.from')}
        </label>
        <input
          id="qa-filter-from"
          class="c-field__input"
          type="date"
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })}
        />
      </div>
      <div class="c-field qa-filter">
        <label class="c-field__label" for="qa-filter-to">
          {t('ui.reports.filters.to')}
        </label>
        <input
          id="qa-filter-to"
          class="c-field__input"
          type="date"
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })}
        />
      </div>
      <div class="c-field qa-filter qa-filter--wide">
        <label class="c-field__label" for="qa-filter-preset">
          {t('ui.reports.filters.preset')}
        </label>
        <select
          id="qa-filter-preset"
          class="c-field__input c-field__input--select"
          value={presetOf(filters, new Date()) ?? ''}
          onChange={(e) => e.currentTarget.value && set(presetRange(e.currentTarget.value as Preset, new Date()))}
        >
          <option value="">{t('ui.reports.filters.custom')}</option>
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`ui.reports.presets.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="c-field qa-filter">
        <label class="c-field__label" for="qa-filter-period">
          {t('ui.reports.filters.period')}
        </label>
        <select
          id="qa-filter-period"
          class="c-field__input c-field__input--select"
          value={filters.period}
          onChange={(e) => set({ period: e.currentTarget.value === 'month' ? 'month' : 'week' })}
        >
          <option value="week">{t('ui.reports.period.week')}</option>
          <option value="month">{t('ui.reports.period.month')}</option>
        </select>
      </div>
      {select(
        'scorecardId',
        t('ui.reports.filters.scorecard'),
        scorecards.map((s) => [s.id, s.name]),
        filters.scorecardId,
      )}
      {select(
        'groupId',
        t('ui.reports.filters.group'),
        [...people.groups].map(([gid, name]) => [String(gid), name]),
        filters.groupId,
        id,
      )}
      {select(
        'channel',
        t('ui.reports.filters.channel'),
        CHANNELS.map((c) => [c, channelLabel(c, t)]),
        filters.channel,
      )}
      {select(
        'revieweeId',
        t('ui.reports.filters.agent'),
        people.staff.map((p) => [String(p.id), p.name]),
        filters.revieweeId,
        id,
      )}
      {select(
        'reviewerId',
        t('ui.reports.filters.reviewer'),
        people.staff.map((p) => [String(p.id), p.name]),
        filters.reviewerId,
        id,
      )}
    </form>
  );
}

const HEADLINES: Array<{ key: 'averageScore' | 'passRate' | 'criticalFailRate'; kind: FigureKind; higherIsBetter: boolean }> = [
  { key: 'averageScore', kind: 'score', higherIsBetter: true },
  { key: 'passRate', kind: 'rate', higherIsBetter: true },
  { key: 'criticalFailRate', kind: 'rate', higherIsBetter: false },
];

function ChangeLine({
  kind,
  current,
  previous,
  higherIsBetter,
}: {
  kind: FigureKind;
  current: Figure;
  previous: Figure;
  higherIsBetter: boolean;
}) {
  const { t, locale } = useI18n();
  const c = changeOf(current, previous);
  if (c.delta === null || c.direction === null) return <p class="qa-headline__change qa-muted">{t('ui.reports.change.none')}</p>;
  const better = c.direction === 'same' ? null : (c.direction === 'up') === higherIsBetter;
  const arrow = { up: '▲', down: '▼', same: '■' }[c.direction];
  return (
    <p class={`qa-headline__change ${c.distinguishable && better !== null ? (better ? 'qa-good' : 'qa-bad') : ''}`}>
      <span aria-hidden="true">{arrow} </span>
      {t('ui.reports.change.vsPrevious', { delta: formatDelta(kind, c.delta, locale) })}{' '}
      <span class="qa-muted">
        {c.distinguishable ? t(better ? 'ui.reports.change.better' : 'ui.reports.change.worse') : t('ui.reports.change.withinNoise')}
      </span>
    </p>
  );
}

function Headlines({ current, previous }: { current: Summary; previous: Summary | null }) {
  const { t } = useI18n();
  return (
    <div class="qa-headlines">
      {HEADLINES.map((h) => (
        <div class="qa-headline" key={h.key} data-headline={h.key}>
          <h3>{t(`ui.reports.headline.${h.key}`)}</h3>
          <FigureText kind={h.kind} figure={current[h.key]} />
          {previous ? (
            <ChangeLine kind={h.kind} current={current[h.key]} previous={previous[h.key]} higherIsBetter={h.higherIsBetter} />
          ) : null}
        </div>
      ))}
      <div class="qa-headline" data-headline="count">
        <h3>{t('ui.reports.headline.count')}</h3>
        <span class="qa-figure">
          <span class="qa-figure__value">{current.count}</span>
        </span>
        {previous ? <p class="qa-headline__change qa-muted">{t('ui.reports.change.countBefore', { count: previous.count })}</p> : null}
      </div>
      <BonusNote count={current.bonusCount} />
    </div>
  );
}

/** A coaching note on one evaluation: the agent sees it beside the evaluation and acknowledges it. */
function Coach({ evaluationId, agent }: { evaluationId: string; agent: string }) {
  const { t } = useI18n();
  const api = useApi(createCalibrationApi);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [state, setState] = useState<string | null>(null);
  const id = `qa-coach-${evaluationId}`;
  async function send(e: Event) {
    e.preventDefault();
    const r = await api.coach(evaluationId, text);
    if (r.status === 'ok') {
      setState(t('ui.reports.coach.sent', { agent }));
      setText('');
      setOpen(false);
    } else setState(t('ui.common.error', { message: [r.error.message, ...(r.error.issues ?? [])].join(' · ') }));
  }
  return (
    <div class="qa-coach qa-no-print">
      {open ? (
        <form onSubmit={(e) => void send(e)}>
          <label class="c-field__label" for={id}>
            {t('ui.reports.coach.label', { agent })}
          </label>
          <textarea id={id} class="c-field__input" rows={3} maxLength={5000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" class="c-btn c-btn--sm c-btn--primary" disabled={!text.trim()}>
            {t('ui.reports.coach.send')}
          </button>{' '}
          <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => setOpen(false)}>
            {t('ui.reports.coach.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => setOpen(true)}>
          {t('ui.reports.coach.open')}
        </button>
      )}
      <span role="status" aria-live="polite" class="qa-muted qa-small">
        {state}
      </span>
    </div>
  );
}

function TicketsBehind({ filters, row, onClose }: { filters: Filters; row: CriterionRow; onClose: () => void }) {
  const { t, locale } = useI18n();
  const api = useApi(createReportsApi);
  const people = usePeople();
  const [state, reload] = useAsync(
    () => api.tickets({ ...filters, scorecardId: row.scorecardId }, row.key),
    [api, JSON.stringify(filters), row.scorecardId, row.key],
  );
  return (
    <div class="qa-drilldown" role="region" aria-label={t('ui.reports.tickets.title', { label: row.label ?? row.key })}>
      <div class="qa-report-section__head">
        <h3>{t('ui.reports.tickets.title', { label: row.label ?? row.key })}</h3>
        <button type="button" class="c-btn c-btn--sm c-btn--basic qa-no-print" onClick={onClose}>
          {t('ui.reports.tickets.close')}
        </button>
      </div>
      <AsyncView state={state} reload={reload}>
        {(rows) =>
          rows.length ? (
            <table class="qa-table">
              <Head
                cols={[
                  'ui.reports.tickets.ticket',
                  'ui.reports.dimension.reviewee',
                  'ui.reports.tickets.score',
                  'ui.reports.tickets.comment',
                  'ui.reports.tickets.date',
                  'ui.reports.coach.column',
                ].map((k) => t(k))}
              />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.evaluationId}>
                    <td>
                      <TicketButton id={r.ticketId} />
                    </td>
                    <td>{people.personName(r.revieweeId)}</td>
                    <td>
                      {r.finalScore === null ? '–' : r.finalScore.toFixed(1)}{' '}
                      {r.passed === false ? <span class="qa-tag qa-tag--bad">✗ {t('ui.reports.fail')}</span> : null}
                    </td>
                    <td>
                      {r.criterion?.comment ?? ''}
                      {r.criterion?.rootCauses.length ? <div class="qa-muted qa-small">{r.criterion.rootCauses.join(', ')}</div> : null}
                    </td>
                    <td>{new Date(r.createdAt).toLocaleDateString(locale)}</td>
                    <td>
                      <Coach evaluationId={r.evaluationId} agent={people.personName(r.revieweeId)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="qa-muted">{t('ui.reports.empty')}</p>
          )
        }
      </AsyncView>
    </div>
  );
}

function writeHash(f: Filters) {
  if (typeof history !== 'undefined') history.replaceState(null, '', filtersHash(f));
}

export function ReportsTab() {
  const { t, locale } = useI18n();
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: 'percent' }).format(v);
  const rule = t('ui.reports.criterion.ruleText', {
    rate: percent(PATTERN_RULE.systemicFailRate),
    answers: PATTERN_RULE.minRated,
    agents: PATTERN_RULE.minReviewees,
    alpha: percent(PATTERN_RULE.outlierAlpha),
  });
  const api = useApi(createReportsApi);
  const people = usePeople();
  const scorecards = useScorecards();
  const [filters, setFilters] = useState<Filters>(() => parseFilters(typeof location === 'undefined' ? '' : location.hash, new Date()));
  const [dim, setDim] = useState<Dim>('reviewee');
  const [openCriterion, setOpenCriterion] = useState<CriterionRow | null>(null);
  const [csvState, setCsvState] = useState<string>('');
  const key = JSON.stringify(filters);
  const update = (f: Filters) => {
    setFilters(f);
    setOpenCriterion(null);
    writeHash(f);
  };

  const [summary, reloadSummary] = useAsync(() => api.summary(filters), [api, key]);
  const [previous] = useAsync(() => api.summary(filters, previousRange(filters)), [api, key]);
  const [trend, reloadTrend] = useAsync(() => api.trend(filters), [api, key]);
  const [criteria, reloadCriteria] = useAsync(() => api.breakdown(filters, 'criterion'), [api, key]);
  const [breakdown, reloadBreakdown] = useAsync(() => api.breakdown(filters, dim), [api, key, dim]);
  const [causes, reloadCauses] = useAsync(() => api.rootCauses(filters), [api, key]);

  const scorecardName = (id: string) => scorecards.find((s) => s.id === id)?.name ?? id;
  const labelOf = useMemo(
    () =>
      (row: BreakdownRow): string => {
        if (dim === 'reviewee') return people.personName(Number(row.key));
        if (dim === 'group') return row.key === '0' ? t('ui.reports.none') : people.groupName(Number(row.key));
        if (dim === 'channel') return row.key === '' ? t('ui.reports.none') : channelLabel(row.key, t);
        return row.label ?? scorecardName(row.key);
      },
    [dim, people, t, scorecards],
  );
  const criterionRows = criteria.status === 'ok' && criteria.value.dimension === 'criterion' ? criteria.value.rows : [];
  const breakdownRows = breakdown.status === 'ok' && breakdown.value.dimension !== 'criterion' ? breakdown.value.rows : [];

  function exportScreen() {
    const csv = screenCsv({
      filters,
      ...(summary.status === 'ok' ? { summary: summary.value } : {}),
      ...(previous.status === 'ok' ? { previous: previous.value } : {}),
      ...(trend.status === 'ok' ? { trend: trend.value } : {}),
      breakdowns: [{ dimension: dim, rows: breakdownRows, label: labelOf }],
      criteria: criterionRows,
      ...(causes.status === 'ok' ? { rootCauses: causes.value.items } : {}),
    });
    downloadText(`qa-report-${filters.from}-${filters.to}.csv`, csv);
    setCsvState(t('ui.reports.export.done'));
  }

  async function exportEvaluations() {
    setCsvState(t('ui.reports.export.working'));
    const r = await api.evaluationsCsv(filters);
    if (r.status === 'ok') {
      downloadText(`qa-evaluations-${filters.from}-${filters.to}.csv`, r.value);
      setCsvState(t('ui.reports.export.done'));
    } else setCsvState(t('ui.common.error', { message: r.error.message }));
  }

  return (
    <div class="qa-reports">
      <FilterBar filters={filters} onChange={update} scorecards={scorecards} people={people} />
      <div class="qa-reports__actions qa-no-print">
        <button type="button" class="c-btn c-btn--sm" onClick={exportScreen}>
          {t('ui.reports.export.screen')}
        </button>
        <button type="button" class="c-btn c-btn--sm" onClick={() => void exportEvaluations()}>
          {t('ui.reports.export.evaluations')}
        </button>
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => window.print()}>
          {t('ui.reports.print')}
        </button>
        <span class="qa-muted" role="status" aria-live="polite">
          {csvState}
        </span>
      </div>
      <p class="qa-print-only">{t('ui.reports.printHeader', { from: filters.from, to: filters.to })}</p>

      <ReportSection
        id="qa-headlines"
        title={t('ui.reports.headline.title', { from: filters.from, to: filters.to })}
        hint={t('ui.reports.headline.hint')}
      >
        <AsyncView state={summary} reload={reloadSummary}>
          {(v) => <Headlines current={v} previous={previous.status === 'ok' ? previous.value : null} />}
        </AsyncView>
      </ReportSection>

      <ReportSection id="qa-trend" title={t('ui.reports.trend.title')}>
        <AsyncView state={trend} reload={reloadTrend}>
          {(v) => <TrendChart trend={v} />}
        </AsyncView>
      </ReportSection>

      <ReportSection id="qa-criteria" title={t('ui.reports.breakdown.criterion')} hint={t('ui.reports.criterion.hint')}>
        <details class="qa-rule qa-no-print">
          <summary>{t('ui.reports.criterion.rule')}</summary>
          <p>{rule}</p>
        </details>
        <p class="qa-print-only qa-muted">{rule}</p>
        <AsyncView state={criteria} reload={reloadCriteria}>
          {() => (
            <CriterionTable
              rows={criterionRows}
              scorecardName={scorecardName}
              personName={people.personName}
              open={openCriterion ? `${openCriterion.scorecardId}:${openCriterion.key}` : null}
              onTickets={(row) =>
                setOpenCriterion(openCriterion?.key === row.key && openCriterion.scorecardId === row.scorecardId ? null : row)
              }
            />
          )}
        </AsyncView>
        {openCriterion ? <TicketsBehind filters={filters} row={openCriterion} onClose={() => setOpenCriterion(null)} /> : null}
      </ReportSection>

      <ReportSection
        id="qa-breakdown"
        title={t(`ui.reports.breakdown.${dim}`)}
        hint={t('ui.reports.breakdown.hint')}
        actions={<DimensionSwitch dims={DIMS} dim={dim} onChange={setDim} />}
      >
        <AsyncView state={breakdown} reload={reloadBreakdown}>
          {() => <BreakdownTable dimension={dim} rows={breakdownRows} labelOf={labelOf} />}
        </AsyncView>
      </ReportSection>

      <ReportSection id="qa-root-causes" title={t('ui.reports.rootCauses.title')} hint={t('ui.reports.rootCauses.hint')}>
        <AsyncView state={causes} reload={reloadCauses}>
          {(v) => <RootCauseTable items={v.items} />}
        </AsyncView>
      </ReportSection>

      <QaVsMetricsView filters={filters} people={people} />

      <AutoQaReport filters={filters} people={people} />
    </div>
  );
}
