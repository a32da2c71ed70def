/**
 * A week's coverage against the plan: done of planned per agent and channel, and what is still to do; with synced
 * tickets, also how many each agent solved in the week and how many of those were reviewed (decision 028).
 */
import type { AgentPopulation } from '../../../core/synced-population.ts';
import { createPlanApi } from '../../api/plan-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useApi } from '../navbar-context.tsx';
import { ErrorNote, Head } from '../reports/bits.tsx';
import { formatValue } from '../reports/format.ts';
import { SyncedAt } from '../reports/synced-population.tsx';
import type { People } from '../reports/use-people.ts';
import { channelLabel } from '../scorecards/applies-to-summary.ts';

export function WeekCoverage({ week, people, version }: { week: string; people: People; version: number }) {
  const { t, locale } = useI18n();
  const api = useApi(createPlanApi);
  const solvedCell = (a: AgentPopulation | undefined) =>
    a
      ? `${t('ui.reports.coverage.doneOf', { done: a.reviewed, planned: a.solved })} (${formatValue('rate', a.solved ? a.reviewed / a.solved : null, locale)})`
      : '–';
  const [state, reload] = useAsync(() => api.coverage(week, []), [api, week, version]);
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;
  const c = state.value;
  const population = c.population;
  const solvedBy = new Map(population?.agents.map((a) => [a.agentId, a]) ?? []);
  return (
    <>
      <p>
        <strong>{t('ui.reports.coverage.total', { ratio: formatValue('rate', c.ratio, locale), done: c.done, planned: c.planned })}</strong>{' '}
        <span class="qa-muted">{t('ui.reports.coverage.behind', { count: c.agentsBehind })}</span>
      </p>
      <p class="qa-muted" data-source={population ? 'synced' : 'none'}>
        {population?.solved === 0
          ? t('ui.reports.coverage.populationNone')
          : population
            ? t('ui.reports.coverage.population', {
                reviewed: population.reviewed,
                solved: population.solved,
                ratio: formatValue('rate', population.ratio, locale),
              })
            : t('ui.reports.coverage.noPopulation')}{' '}
        {population ? <SyncedAt at={population.lastSyncAt} /> : null}
      </p>
      {c.agents.length ? (
        <table class="qa-table" data-table="coverage">
          <Head
            cols={[
              'ui.reports.filters.agent',
              'ui.reports.coverage.doneOfPlanned',
              'ui.reports.coverage.gap',
              'ui.reports.coverage.channels',
              ...(population ? ['ui.reports.coverage.solvedReviewed'] : []),
            ].map((k) => t(k))}
          />
          <tbody>
            {c.agents.map((a) => (
              <tr key={a.agentId}>
                <th scope="row">
                  {people.personName(a.agentId)}
                  {a.source === 'default' ? <div class="qa-muted qa-small">{t('ui.reports.coverage.fromDefault')}</div> : null}
                </th>
                <td>
                  <span class="qa-bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, (a.ratio ?? 0) * 100)}%` }} />
                  </span>
                  {t('ui.reports.coverage.doneOf', { done: a.done, planned: a.planned })} ({formatValue('rate', a.ratio, locale)})
                </td>
                <td>
                  {a.toDo > 0 ? (
                    <span class="qa-tag qa-tag--bad">{t('ui.reports.coverage.toDo', { count: a.toDo })}</span>
                  ) : (
                    <span class="qa-tag qa-tag--good">✓ {t('ui.reports.coverage.met')}</span>
                  )}
                </td>
                <td>
                  {a.channels
                    .map((ch) =>
                      t('ui.reports.coverage.channel', { channel: channelLabel(ch.channel, t), done: ch.done, planned: ch.planned }),
                    )
                    .join(' · ') || '–'}
                </td>
                {population ? <td>{solvedCell(solvedBy.get(a.agentId))}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="qa-muted">{t('ui.reports.coverage.noPlan')}</p>
      )}
    </>
  );
}
