/**
 * QA beside the tickets' own numbers (reply and resolution times, reopens, CSAT), the tickets where QA and the customer
 * disagree, and every synced ticket of the period beside the reviewed ones (synced-population.tsx).
 */
import type { MetricFigures, QaVsMetrics } from '../../../core/ticket-reports.ts';
import { createReportsApi, type Filters } from '../../api/reports-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { useApi } from '../navbar-context.tsx';
import { AsyncView, BonusNote, FigureText, foldLabels, Head, ReportSection, TicketButton, useFold } from './bits.tsx';
import type { FigureKind } from './format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { SyncedPopulation } from './synced-population.tsx';
import type { People } from './use-people.ts';

const METRICS: Array<{ key: keyof MetricFigures; kind: FigureKind }> = [
  { key: 'firstReplyMinutes', kind: 'minutes' },
  { key: 'fullResolutionMinutes', kind: 'minutes' },
  { key: 'reopenRate', kind: 'rate' },
  { key: 'csatGoodRate', kind: 'rate' },
];

/** Where QA and the customer disagree, newest first; a long list folds after the first rows. */
function Disagreements({ items, people }: { items: QaVsMetrics['disagreements']; people: People }) {
  const { t, locale } = useI18n();
  const { shown, control } = useFold(items, 'qa-disagreements-table', foldLabels(t));
  if (!items.length) return <p class="qa-muted">{t('ui.reports.metrics.noDisagreements')}</p>;
  return (
    <>
      <table class="qa-table" data-list="disagreements" id="qa-disagreements-table">
        <Head
          cols={[
            'ui.reports.tickets.ticket',
            'ui.reports.dimension.reviewee',
            'ui.reports.metrics.what',
            'ui.reports.tickets.score',
            'ui.reports.tickets.date',
          ].map((k) => t(k))}
        />
        <tbody>
          {shown.map((d) => (
            <tr key={d.evaluationId}>
              <td>
                <TicketButton id={d.ticketId} />
              </td>
              <td>{people.personName(d.revieweeId)}</td>
              <td>{t(`ui.reports.metrics.kind.${d.kind}`)}</td>
              <td>{d.finalScore === null ? '–' : d.finalScore.toFixed(1)}</td>
              <td>{new Date(d.createdAt).toLocaleDateString(locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {control}
    </>
  );
}

export function QaVsMetricsView({ filters, people }: { filters: Filters; people: People }) {
  const { t } = useI18n();
  const api = useApi(createReportsApi);
  const [state, reload] = useAsync(() => api.qaVsMetrics(filters), [api, JSON.stringify(filters)]);
  return (
    <ReportSection id="qa-metrics" title={t('ui.reports.metrics.title')} hint={t('ui.reports.metrics.hint')}>
      <AsyncView state={state} reload={reload}>
        {(value) => (
          <>
            <table class="qa-table">
              <caption>{t('ui.reports.metrics.byResult')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ui.reports.metrics.qaResult')}</th>
                  {METRICS.map((m) => (
                    <th scope="col" key={m.key}>
                      {t(`ui.reports.metrics.${m.key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {value.byResult.map((r) => (
                  <tr key={r.result}>
                    <th scope="row">{r.result === 'passed' ? `✓ ${t('ui.reports.pass')}` : `✗ ${t('ui.reports.fail')}`}</th>
                    {METRICS.map((m) => (
                      <td key={m.key}>
                        <FigureText kind={m.kind} figure={r.metrics[m.key]} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <table class="qa-table">
              <caption>{t('ui.reports.metrics.byCsat')}</caption>
              <Head
                cols={[
                  'ui.reports.metrics.csat',
                  'ui.reports.headline.averageScore',
                  'ui.reports.headline.passRate',
                  'ui.reports.headline.count',
                ].map((k) => t(k))}
              />
              <tbody>
                {value.byCsat.map((b) => (
                  <tr key={b.csat}>
                    <th scope="row">{t(`ui.reports.metrics.csatValue.${b.csat}`)}</th>
                    <td>
                      <FigureText kind="score" figure={b.summary.averageScore} />
                    </td>
                    <td>
                      <FigureText kind="rate" figure={b.summary.passRate} />
                    </td>
                    <td>{b.summary.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <BonusNote count={value.byCsat.reduce((n, b) => n + (b.summary.bonusCount ?? 0), 0)} />
            <h3>{t('ui.reports.metrics.disagreements', { count: value.disagreements.length })}</h3>
            <Disagreements items={value.disagreements} people={people} />
            <h3>{t('ui.reports.synced.title')}</h3>
            <SyncedPopulation population={value.population} people={people} />
          </>
        )}
      </AsyncView>
    </ReportSection>
  );
}
