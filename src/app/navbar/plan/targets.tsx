/**
 * SMART targets: each with its goal, where it stands (with n and interval) and whether it is on track; leads add,
 * change and delete them. Edit fills the form below with the target (Save changes / Cancel); Delete asks first, in
 * its row.
 */
import './plan.css';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Target, TargetCreateInput, TargetMetric, TargetState, TargetSubject } from '../../../core/targets.ts';
import { createPlanApi } from '../../api/plan-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { focusSoon } from '../../ui/announce.ts';
import { useAsync } from '../../ui/use-async.ts';
import { ConfirmInRow } from '../confirm-in-row.tsx';
import { useApi } from '../navbar-context.tsx';
import { AsyncView, FigureText, Head } from '../reports/bits.tsx';
import { formatValue } from '../reports/format.ts';
import type { People } from '../reports/use-people.ts';

/** A target's fields as typed (numbers and dates as the inputs hold them; a pass rate in percent). */
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

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const blankForm = (): TargetForm => ({
  subject: 'agent',
  subjectId: '',
  metric: 'average-score',
  value: '90',
  startsOn: day(Date.now()),
  dueOn: day(Date.now() + 30 * DAY),
});

const formOf = (x: Target): TargetForm => ({
  subject: x.subject,
  subjectId: String(x.subjectId),
  metric: x.metric,
  // a pass rate is a share; the form takes it in percent (rounded off float noise: 0.8 * 100)
  value: String(x.metric === 'pass-rate' ? Math.round(x.value * 10_000) / 100 : x.value),
  startsOn: x.startsOn,
  dueOn: x.dueOn,
});

/** The body to send; a changed target keeps what the form does not show (its scorecard and note). */
const bodyOf = (form: TargetForm, editing: Target | null): TargetCreateInput => ({
  subject: form.subject,
  subjectId: Number(form.subjectId),
  metric: form.metric,
  value: form.metric === 'pass-rate' ? Number(form.value) / 100 : Number(form.value),
  startsOn: form.startsOn,
  dueOn: form.dueOn,
  ...(editing ? { scorecardId: editing.scorecardId, note: editing.note } : {}),
});

export function Targets({ people, editable }: { people: People; editable: boolean }) {
  const { t, locale } = useI18n();
  const api = useApi(createPlanApi);
  const [generation, setGeneration] = useState(0);
  const [list, reload] = useAsync(() => api.targets(), [api, generation]);
  const [form, setForm] = useState<TargetForm>(blankForm);
  const [editing, setEditing] = useState<Target | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const subjectName = (x: Target) => (x.subject === 'agent' ? people.personName(x.subjectId) : people.groupName(x.subjectId));
  const kind = (x: Target) => METRIC_KIND[x.metric];
  const failed = (r: { error: { message: string; issues?: string[] | undefined } }) =>
    setMessage([r.error.message, ...(r.error.issues ?? [])].join(' · '));

  function startEdit(x: Target) {
    setEditing(x);
    setForm(formOf(x));
    setConfirming(null);
    setMessage(null);
    focusSoon(() => document.getElementById('qa-target-form-title'));
  }

  function cancelEdit() {
    const id = editing?.id;
    setEditing(null);
    setForm(blankForm());
    setMessage(null);
    focusSoon(() => document.getElementById(`qa-target-edit-${id}`));
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    const r = editing ? await api.changeTarget(editing.id, bodyOf(form, editing)) : await api.createTarget(bodyOf(form, null));
    setBusy(false);
    if (r.status !== 'ok') return failed(r);
    setMessage(t(editing ? 'ui.reports.targets.changed' : 'ui.reports.targets.created', { who: subjectName(r.value) }));
    setEditing(null);
    setForm(blankForm());
    setGeneration((g) => g + 1);
  }

  async function remove(x: Target) {
    setBusy(true);
    const r = await api.removeTarget(x.id);
    setBusy(false);
    setConfirming(null);
    if (r.status !== 'ok') {
      failed(r);
      focusSoon(() => document.getElementById(`qa-target-delete-${x.id}`));
      return;
    }
    if (editing?.id === x.id) {
      setEditing(null);
      setForm(blankForm());
    }
    const said = t('ui.reports.targets.deleted', { who: subjectName(x) });
    setMessage(said);
    setGeneration((g) => g + 1);
    // the row and its buttons are gone: on to the section's heading
    focusSoon(() => document.getElementById('qa-targets-title'));
  }

  /** A control of the form under its label. */
  const field = (id: string, label: string, control: ComponentChildren) => (
    <div class="c-field">
      <label class="c-field__label" for={id}>
        {label}
      </label>
      {control}
    </div>
  );
  /** An input bound to one of the form's fields. */
  const input = (id: string, label: string, key: 'value' | 'startsOn' | 'dueOn', attrs: Record<string, string | number>) =>
    field(
      id,
      label,
      <input
        id={id}
        class="c-field__input"
        {...attrs}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />,
    );

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
                {...(editable ? { actions: t('ui.reports.targets.actions') } : {})}
              />
              <tbody>
                {targets.map((x) => (
                  <tr key={x.id} data-target={x.id} class={editing?.id === x.id ? 'qa-row--selected' : undefined}>
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
                    {editable ? (
                      <td class="qa-table__action">
                        {confirming === x.id ? (
                          <ConfirmInRow
                            question={t('ui.reports.targets.confirmDelete', { who: subjectName(x) })}
                            confirm={t('ui.reports.targets.delete')}
                            cancel={t('ui.reports.targets.keep')}
                            busy={busy}
                            onConfirm={() => void remove(x)}
                            onCancel={() => {
                              setConfirming(null);
                              focusSoon(() => document.getElementById(`qa-target-delete-${x.id}`));
                            }}
                          />
                        ) : (
                          <div class="qa-row__tools">
                            <button
                              type="button"
                              id={`qa-target-edit-${x.id}`}
                              class="c-btn c-btn--sm"
                              aria-label={t('ui.reports.targets.editNamed', { who: subjectName(x) })}
                              onClick={() => startEdit(x)}
                            >
                              {t('ui.reports.targets.edit')}
                            </button>
                            <button
                              type="button"
                              id={`qa-target-delete-${x.id}`}
                              class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                              aria-label={t('ui.reports.targets.deleteNamed', { who: subjectName(x) })}
                              onClick={() => setConfirming(x.id)}
                            >
                              {t('ui.reports.targets.delete')}
                            </button>
                          </div>
                        )}
                      </td>
                    ) : null}
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
        <form class="qa-target-form" onSubmit={(e) => void submit(e)} aria-labelledby="qa-target-form-title">
          <h3 id="qa-target-form-title" class="qa-target-form__title" tabIndex={-1}>
            {editing ? t('ui.reports.targets.editing', { who: subjectName(editing) }) : t('ui.reports.targets.new')}
          </h3>
          <div class="qa-form-row">
            {field(
              'qa-target-subject',
              t('ui.reports.targets.who'),
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
                {editing?.subject === 'agent' && !people.staff.some((p) => p.id === editing.subjectId) ? (
                  <option value={`agent:${editing.subjectId}`}>{subjectName(editing)}</option>
                ) : null}
                {[...people.groups].map(([id, name]) => (
                  <option key={`g${id}`} value={`group:${id}`}>
                    {t('ui.reports.targets.group', { name })}
                  </option>
                ))}
              </select>,
            )}
            {field(
              'qa-target-metric',
              t('ui.reports.targets.metric'),
              <select
                id="qa-target-metric"
                class="c-field__input c-field__input--select"
                value={form.metric}
                onChange={(e) => setForm({ ...form, metric: e.currentTarget.value as TargetMetric })}
              >
                <option value="average-score">{t('ui.reports.targets.metrics.average-score')}</option>
                <option value="pass-rate">{t('ui.reports.targets.metrics.pass-rate')}</option>
              </select>,
            )}
            {input(
              'qa-target-value',
              form.metric === 'pass-rate' ? t('ui.reports.targets.valuePercent') : t('ui.reports.targets.value'),
              'value',
              {
                type: 'number',
                min: 0,
                max: 100,
              },
            )}
            {input('qa-target-start', t('ui.reports.targets.startsOn'), 'startsOn', { type: 'date' })}
            {input('qa-target-due', t('ui.reports.targets.dueOn'), 'dueOn', { type: 'date' })}
          </div>
          <div class="qa-row__tools">
            <button type="submit" class={`c-btn ${editing ? 'c-btn--primary' : ''}`} disabled={busy}>
              {editing ? t('ui.reports.targets.saveChanges') : t('ui.reports.targets.add')}
            </button>
            {editing ? (
              <button type="button" class="c-btn c-btn--basic" onClick={cancelEdit}>
                {t('ui.reports.targets.cancelEdit')}
              </button>
            ) : null}
          </div>
          <p role="status" aria-live="polite" class="qa-target-form__message">
            {message}
          </p>
        </form>
      ) : null}
    </>
  );
}
