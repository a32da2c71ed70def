/** SMART targets: each with its goal, where it stands (with n and interval) and whether it is on track; leads add them. */
import { useState } from 'preact/hooks';
import type { Target, TargetMetric, TargetState, TargetSubject } from '../../../core/targets.ts';
import { createPlanApi } from '../../api/plan-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useApi } from '../navbar-context.tsx';
import { AsyncView, FigureText, Head } from '../reports/bits.tsx';
import { formatValue } from '../reports/format.ts';
import type { People } from '../reports/use-people.ts';

/** The new target's fields as typed (numbers and dates as the inputs hold them). */
type TargetForm = { subject: TargetSubject; subjectId: string; metric: TargetMetric; value: string; startsOn: string; dueOn: string };

const METRIC_KIND = { 'average-score': 'score', 'pass-rate': 'rate' } as const;

/** Red only where the interval says so (behind, missed); not yet clear and no data are neutral. */
const TONE: Record<TargetState, 'good' | 'neutral' | 'bad'> = {
  'no-data': 'neutral',
  'on-track': 'good',
  unclear: 'neutral',
  behind: 'bad',
  achieved: 'good',
  missed: 'bad',
};

export function Targets({ people, editable }: { people: People; editable: boolean }) {
  const { t, locale } = useI18n();
  const api = useApi(createPlanApi);
  const [generation, setGeneration] = useState(0);
  const [list, reload] = useAsync(() => api.targets(), [api, generation]);
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState<TargetForm>({
    subject: 'agent',
    subjectId: '',
    metric: 'average-score',
    value: '90',
    startsOn: today,
    dueOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  const [message, setMessage] = useState<string | null>(null);

  async function create(e: Event) {
    e.preventDefault();
    const value = form.metric === 'pass-rate' ? Number(form.value) / 100 : Number(form.value);
    const r = await api.createTarget({
      subject: form.subject,
      subjectId: Number(form.subjectId),
      metric: form.metric,
      value,
      startsOn: form.startsOn,
      dueOn: form.dueOn,
    });
    if (r.status === 'ok') {
      setMessage(t('ui.reports.targets.created'));
      setGeneration((g) => g + 1);
    } else setMessage([r.error.message, ...(r.error.issues ?? [])].join(' · '));
  }

  const subjectName = (x: Target) => (x.subject === 'agent' ? people.personName(x.subjectId) : people.groupName(x.subjectId));
  const kind = (x: Target) => METRIC_KIND[x.metric];
  return (
    <>
      <AsyncView state={list} reload={reload}>
        {(targets) =>
          targets.length ? (
            <table class="qa-table" data-table="targets">
              <Head
                cols={['ui.reports.targets.who', 'ui.reports.targets.goal', 'ui.reports.targets.now', 'ui.reports.targets.state'].map((k) =>
                  t(k),
                )}
              />
              <tbody>
                {targets.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{subjectName(x)}</th>
                    <td>
                      {t('ui.reports.targets.goalText', {
                        metric: t(`ui.reports.targets.metrics.${x.metric}`),
                        value: formatValue(kind(x), x.value, locale),
                        due: x.dueOn,
                      })}
                    </td>
                    <td>
                      <FigureText kind={kind(x)} figure={x.progress.current} />
                      <div class="qa-muted qa-small">
                        {t('ui.reports.targets.from', { value: formatValue(kind(x), x.progress.baseline.value, locale) })}
                      </div>
                    </td>
                    <td>
                      <span class={`qa-tag qa-tag--${TONE[x.progress.state]}`}>{t(`ui.reports.targets.states.${x.progress.state}`)}</span>
                      {x.progress.state === 'unclear' ? (
                        <div class="qa-muted qa-small">{t('ui.reports.targets.unclearWhy')}</div>
                      ) : x.progress.state !== 'no-data' && !x.progress.certain ? (
                        <div class="qa-muted qa-small">{t('ui.reports.targets.uncertain')}</div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="qa-muted">{t('ui.reports.targets.none')}</p>
          )
        }
      </AsyncView>
      {editable ? (
        <form class="qa-form-row" onSubmit={(e) => void create(e)} aria-label={t('ui.reports.targets.new')}>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-subject">
              {t('ui.reports.targets.who')}
            </label>
            <select
              id="qa-target-subject"
              class="c-field__input c-field__input--select"
              value={`${form.subject}:${form.subjectId}`}
              onChange={(e) => {
                const [subject, subjectId] = e.currentTarget.value.split(':') as [TargetSubject, string];
                setForm({ ...form, subject, subjectId });
              }}
            >
              <option value="agent:">{t('ui.reports.filters.choose')}</option>
              {people.staff.map((p) => (
                <option key={`a${p.id}`} value={`agent:${p.id}`}>
                  {p.name}
                </option>
              ))}
              {[...people.groups].map(([id, name]) => (
                <option key={`g${id}`} value={`group:${id}`}>
                  {t('ui.reports.targets.group', { name })}
                </option>
              ))}
            </select>
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-metric">
              {t('ui.reports.targets.metric')}
            </label>
            <select
              id="qa-target-metric"
              class="c-field__input c-field__input--select"
              value={form.metric}
              onChange={(e) => setForm({ ...form, metric: e.currentTarget.value as TargetMetric })}
            >
              <option value="average-score">{t('ui.reports.targets.metrics.average-score')}</option>
              <option value="pass-rate">{t('ui.reports.targets.metrics.pass-rate')}</option>
            </select>
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-value">
              {form.metric === 'pass-rate' ? t('ui.reports.targets.valuePercent') : t('ui.reports.targets.value')}
            </label>
            <input
              id="qa-target-value"
              class="c-field__input"
              type="number"
              min={0}
              max={100}
              value={form.value}
              onInput={(e) => setForm({ ...form, value: e.currentTarget.value })}
            />
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-start">
              {t('ui.reports.targets.startsOn')}
            </label>
            <input
              id="qa-target-start"
              class="c-field__input"
              type="date"
              value={form.startsOn}
              onInput={(e) => setForm({ ...form, startsOn: e.currentTarget.value })}
            />
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-due">
              {t('ui.reports.targets.dueOn')}
            </label>
            <input
              id="qa-target-due"
              class="c-field__input"
              type="date"
              value={form.dueOn}
              onInput={(e) => setForm({ ...form, dueOn: e.currentTarget.value })}
            />
          </div>
          <button type="submit" class="c-btn">
            {t('ui.reports.targets.add')}
          </button>
          <span role="status" aria-live="polite">
            {message}
          </span>
        </form>
      ) : null}
    </>
  );
}
