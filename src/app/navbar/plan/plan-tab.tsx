/**
 * The Plan tab: how many evaluations per agent per week (overall and per channel), coverage of a week
 * against it, tickets that fill the gaps, and SMART targets with their progress.
 */
import '../reports/reports.css';
import { useState } from 'preact/hooks';
import { isoWeekOf, weekRange } from '../../../core/coverage.ts';
import { isLead, isStaff } from '../../../core/permissions.ts';
import { createPlanApi } from '../../api/plan-api.ts';
import { createReportsApi } from '../../api/reports-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useApi, useNavBar } from '../navbar-context.tsx';
import { AsyncView, ReportSection } from '../reports/bits.tsx';
import { usePeople } from '../reports/use-people.ts';
import { PlanEditor } from './plan-editor.tsx';
import { Targets } from './targets.tsx';
import { TicketSuggestions } from './ticket-suggestions.tsx';
import { WeekCoverage } from './week-coverage.tsx';

const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;

/**
 * The channels this account's evaluations came through over the last 90 days, most evaluated first: the plan offers
 * them before Zendesk's other channels. Unknown (or unreadable) leaves Zendesk's list as it is.
 */
function useAccountChannels(): string[] {
  const reports = useApi(createReportsApi);
  const [rows] = useAsync(() => {
    const today = new Date();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return reports.breakdown({ from: day(new Date(today.getTime() - 90 * DAY)), to: day(today), period: 'week' }, 'channel');
  }, [reports]);
  if (rows.status !== 'ok') return [];
  return [...rows.value.rows].sort((a, b) => b.count - a.count).map((r) => r.key);
}

export function PlanTab() {
  const { t } = useI18n();
  const { role } = useNavBar();
  const api = useApi(createPlanApi);
  const people = usePeople();
  const accountChannels = useAccountChannels();
  const editable = isLead(role);
  const [week, setWeek] = useState(() => isoWeekOf(new Date()));
  const [version, setVersion] = useState(0);
  // loaded once: a save keeps the editor (and its message) as it is and refreshes the coverage only
  const [plan, reload] = useAsync(() => api.plan(), [api]);
  if (!isStaff(role)) return <p role="status">{t('ui.reports.notForAgents')}</p>;
  const shift = (weeks: number) => setWeek(isoWeekOf(new Date(weekRange(week).from.getTime() + weeks * WEEK)));
  const { from, to } = weekRange(week);
  return (
    <div class="qa-plan">
      <ReportSection id="qa-plan" title={t('ui.reports.plan.title')} hint={t('ui.reports.plan.hint')}>
        <AsyncView state={plan} reload={reload}>
          {(value) => (
            <PlanEditor
              state={value}
              people={people}
              editable={editable}
              accountChannels={accountChannels}
              onSaved={() => setVersion((v) => v + 1)}
            />
          )}
        </AsyncView>
      </ReportSection>
      <ReportSection
        id="qa-coverage"
        title={t('ui.reports.coverage.title', {
          week,
          from: from.toISOString().slice(0, 10),
          to: new Date(to.getTime() - 1).toISOString().slice(0, 10),
        })}
        actions={
          <div class="qa-segmented">
            <button type="button" class="c-btn c-btn--sm" onClick={() => shift(-1)}>
              {t('ui.reports.coverage.previousWeek')}
            </button>
            <button type="button" class="c-btn c-btn--sm" onClick={() => shift(1)}>
              {t('ui.reports.coverage.nextWeek')}
            </button>
          </div>
        }
      >
        <WeekCoverage week={week} people={people} version={version} />
      </ReportSection>
      <ReportSection id="qa-suggest" title={t('ui.reports.suggest.title')} hint={t('ui.reports.suggest.hint')}>
        <TicketSuggestions week={week} people={people} />
      </ReportSection>
      <ReportSection id="qa-targets" title={t('ui.reports.targets.title')} hint={t('ui.reports.targets.hint')}>
        <Targets people={people} editable={editable} />
      </ReportSection>
    </div>
  );
}
