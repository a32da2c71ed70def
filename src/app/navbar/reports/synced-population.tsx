/**
 * Every synced ticket solved in the period, reviewed or not (decision 028): CSAT, first reply and resolution times in
 * all and by agent, group or channel, beside the QA figures of the evaluations with the same key (their n is the
 * evaluations'). Each side has its own n and the two are never mixed (a rule between them); with nothing synced it says
 * so instead of showing figures.
 */
import { useState } from 'preact/hooks';
import type { PopulationDimension, PopulationMetrics, PopulationRow } from '../../../core/synced-population.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { channelLabel } from '../scorecards/applies-to-summary.ts';
import { DimensionSwitch, FigureText } from './bits.tsx';
import type { People } from './use-people.ts';

const DIMENSIONS: readonly PopulationDimension[] = ['reviewee', 'group', 'channel'];
/** The rule between the synced tickets' columns and the reviewed ones'. */
const QA_SIDE = { borderLeft: '2px solid var(--qa-border)', paddingLeft: '12px' };

/** When the synced population was last brought up to date, or that no run has ended well yet. */
export function SyncedAt({ at }: { at: string | null }) {
  const { t, locale } = useI18n();
  return (
    <span>{at ? t('ui.reports.synced.lastSync', { at: new Date(at).toLocaleString(locale) }) : t('ui.reports.synced.noSuccess')}</span>
  );
}

function Row({ label, row }: { label: string; row: PopulationRow }) {
  return (
    <tr>
      <th scope="row" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </th>
      <td class="qa-num">{row.tickets}</td>
      <td>
        <FigureText stacked kind="rate" figure={row.csatGoodRate} />
      </td>
      <td>
        <FigureText stacked kind="minutes" figure={row.firstReplyMinutes} />
      </td>
      <td>
        <FigureText stacked kind="minutes" figure={row.fullResolutionMinutes} />
      </td>
      <td style={QA_SIDE}>
        <FigureText stacked kind="score" figure={row.qa.averageScore} />
      </td>
      <td>
        <FigureText stacked kind="rate" figure={row.qa.passRate} />
      </td>
    </tr>
  );
}

export function SyncedPopulation({ population, people }: { population: PopulationMetrics; people: People }) {
  const { t } = useI18n();
  const [dim, setDim] = useState<PopulationDimension>('reviewee');
  if (population.source === 'none') {
    return (
      <p class="qa-muted" data-population="none">
        {t('ui.reports.synced.nothing')}
      </p>
    );
  }
  const labelOf = (key: string) => {
    if (dim === 'reviewee') return key === '0' ? t('ui.reports.none') : people.personName(Number(key));
    if (dim === 'group') return key === '0' ? t('ui.reports.none') : people.groupName(Number(key));
    return key === '' ? t('ui.reports.none') : channelLabel(key, t);
  };
  return (
    <div data-population="synced">
      <div class="qa-population__head">
        <p class="qa-muted">
          {t('ui.reports.synced.hint')} <SyncedAt at={population.lastSyncAt} />
        </p>
        <DimensionSwitch dims={DIMENSIONS} dim={dim} onChange={setDim} />
      </div>
      {population.total ? (
        <div class="qa-table-scroll">
          <table class="qa-table qa-population" data-table="population">
            <caption>{t('ui.reports.synced.caption')}</caption>
            <thead>
              <tr>
                <td />
                <th scope="colgroup" colSpan={4}>
                  {t('ui.reports.synced.allTickets')}
                </th>
                <th scope="colgroup" colSpan={2} style={QA_SIDE}>
                  {t('ui.reports.synced.reviewed')}
                </th>
              </tr>
              <tr>
                <th scope="col">{t(`ui.reports.dimension.${dim}`)}</th>
                <th scope="col">{t('ui.reports.synced.tickets')}</th>
                <th scope="col">{t('ui.reports.metrics.csatGoodRate')}</th>
                <th scope="col">{t('ui.reports.metrics.firstReplyMinutes')}</th>
                <th scope="col">{t('ui.reports.metrics.fullResolutionMinutes')}</th>
                <th scope="col" style={QA_SIDE}>
                  {t('ui.reports.headline.averageScore')}
                </th>
                <th scope="col">{t('ui.reports.headline.passRate')}</th>
              </tr>
            </thead>
            <tbody>
              <Row label={t('ui.reports.synced.all')} row={population.total} />
              {population.by[dim].map((row) => (
                <Row key={row.key} label={labelOf(row.key)} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="qa-muted">{t('ui.reports.synced.noneInPeriod')}</p>
      )}
    </div>
  );
}
