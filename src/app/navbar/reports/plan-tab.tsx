/**
 * The Plan tab: how many evaluations per agent per week (overall and per channel), coverage of a week
 * against it, tickets that fill the gaps, and SMART targets with their progress.
 */
import './reports.css';
import { useState } from 'preact/hooks';
import { isoWeekOf, weekRange, type MonitoringPlan } from '../../../core/coverage.ts';
import { isLead, isStaff } from '../../../core/permissions.ts';
import type { Target, TargetMetric, TargetSubject } from '../../../core/targets.ts';
import { createPlanApi, type PlanState } from '../../api/plan-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { useApi, useNavBar } from '../navbar-context.tsx';
import { channelLabel } from '../scorecards/applies-to-summary.ts';
import { CHANNELS } from '../scorecards/channels.ts';
import { AsyncView, ErrorNote, FormMessage, FigureText, ReportSection, TicketButton, Head } from './bits.tsx';
import { readCandidates } from './candidates.ts';
import { formatValue } from './format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { usePeople, type People } from './use-reports.ts';

const WEEK = 7 * 86_400_000;
// candidates: tickets solved in the last two weeks
const CANDIDATE_DAYS = 14;

type Row = { agentId: number | null; overall: number; channels: Record<string, number> };

const channelsText = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}:${v}`)
    .join(', ');

/** "email:2, chat:1" -> { email: 2, chat: 1 }; unknown words are kept (Zendesk adds channels). */
export function parseChannels(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[,;]+/)) {
    const m = /^\s*([a-z_]+)\s*[:=]\s*(\d+)\s*$/i.exec(part);
    if (m) out[m[1]!.toLowerCase()] = Number(m[2]);
  }
  return out;
}

function PlanEditor({ state, people, editable, onSaved }: { state: PlanState; people: People; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const api = useApi(createPlanApi);
  const [def, setDef] = useState<Row>({ agentId: null, overall: state.plan.default?.overall ?? 0, channels: state.plan.default?.channels ?? {} });
  const [rows, setRows] = useState<Row[]>(state.plan.agents.map((a) => ({ agentId: a.agentId, overall: a.overall, channels: a.channels })));
  const [message, setMessage] = useState<{ text: string; issues?: string[] } | null>(null);
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));

  async function save(e: Event) {
    e.preventDefault();
    const plan: MonitoringPlan = {
      default: def.overall > 0 || Object.keys(def.channels).length ? { overall: def.overall, channels: def.channels } : null,
      agents: rows.filter((r): r is Row & { agentId: number } => r.agentId !== null).map((r) => ({ agentId: r.agentId, overall: r.overall, channels: r.channels })),
    };
    const r = await api.savePlan(plan);
    if (r.status === 'ok') {
      setMessage({ text: t('ui.reports.plan.saved') });
      onSaved();
    } else setMessage(r.error.issues ? { text: r.error.message, issues: r.error.issues } : { text: r.error.message });
  }

  const number = (id: string, label: string, value: number, set: (n: number) => void) => (
    <div class="c-field">
      <label class="c-field__label" for={id}>
        {label}
      </label>
      <input id={id} class="c-field__input" type="number" min={0} max={1000} value={value} disabled={!editable} onInput={(e) => set(Math.max(0, Number(e.currentTarget.value) || 0))} />
    </div>
  );
  const channels = (id: string, value: Record<string, number>, set: (c: Record<string, number>) => void) => (
    <div class="c-field">
      <label class="c-field__label" for={id}>
        {t('ui.reports.plan.channels')}
      </label>
      <input id={id} class="c-field__input" value={channelsText(value)} placeholder="email:2, chat:1" aria-describedby="qa-plan-channels-hint" disabled={!editable} onChange={(e) => set(parseChannels(e.currentTarget.value))} />
    </div>
  );

  return (
    <form onSubmit={(e) => void save(e)} aria-labelledby="qa-plan-title">
      <p class="qa-muted" id="qa-plan-channels-hint">
        {t('ui.reports.plan.channelsHint', { channels: CHANNELS.slice(0, 6).join(', ') })}
      </p>
      <fieldset class="qa-fieldset">
        <legend>{t('ui.reports.plan.default')}</legend>
        <div class="qa-form-row">
          {number('qa-plan-default', t('ui.reports.plan.perWeek'), def.overall, (n) => setDef({ ...def, overall: n }))}
          {channels('qa-plan-default-channels', def.channels, (c) => setDef({ ...def, channels: c }))}
        </div>
      </fieldset>
      <fieldset class="qa-fieldset">
        <legend>{t('ui.reports.plan.agents')}</legend>
        {rows.map((r, i) => (
          <div class="qa-form-row" key={i}>
            <div class="c-field">
              <label class="c-field__label" for={`qa-plan-agent-${i}`}>
                {t('ui.reports.filters.agent')}
              </label>
              <select id={`qa-plan-agent-${i}`} class="c-field__input c-field__input--select" value={r.agentId ?? ''} disabled={!editable} onChange={(e) => setRow(i, { agentId: Number(e.currentTarget.value) || null })}>
                <option value="">{t('ui.reports.filters.choose')}</option>
                {people.staff.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                {r.agentId !== null && !people.staff.some((p) => p.id === r.agentId) ? <option value={r.agentId}>{people.personName(r.agentId)}</option> : null}
              </select>
            </div>
            {number(`qa-plan-overall-${i}`, t('ui.reports.plan.perWeek'), r.overall, (n) => setRow(i, { overall: n }))}
            {channels(`qa-plan-channels-${i}`, r.channels, (c) => setRow(i, { channels: c }))}
            {editable ? (
              <button type="button" class="c-btn c-btn--sm c-btn--basic c-btn--danger" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('ui.reports.plan.remove', { name: r.agentId === null ? '' : people.personName(r.agentId) })}
              </button>
            ) : null}
          </div>
        ))}
        {editable ? (
          <button type="button" class="c-btn c-btn--sm" onClick={() => setRows([...rows, { agentId: null, overall: def.overall, channels: {} }])}>
            {t('ui.reports.plan.addAgent')}
          </button>
        ) : null}
      </fieldset>
      {editable ? (
        <button type="submit" class="c-btn c-btn--primary">
          {t('ui.reports.plan.save')}
        </button>
      ) : (
        <p class="qa-muted">{t('ui.reports.plan.readOnly')}</p>
      )}
      <FormMessage message={message} />
    </form>
  );
}

function Coverage({ week, people, version }: { week: string; people: People; version: number }) {
  const { t, locale } = useI18n();
  const api = useApi(createPlanApi);
  const [state, reload] = useAsync(() => api.coverage(week, []), [api, week, version]);
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;
  const c = state.value;
  return (
    <>
      <p>
        <strong>{t('ui.reports.coverage.total', { ratio: formatValue('rate', c.ratio, locale), done: c.done, planned: c.planned })}</strong>{' '}
        <span class="qa-muted">{t('ui.reports.coverage.behind', { count: c.agentsBehind })}</span>
      </p>
      {c.agents.length ? (
        <table class="qa-table" data-table="coverage">
          <Head cols={['ui.reports.filters.agent', 'ui.reports.coverage.doneOfPlanned', 'ui.reports.coverage.gap', 'ui.reports.coverage.channels'].map((k) => t(k))} />
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
                <td>{a.toDo > 0 ? <span class="qa-tag qa-tag--bad">{t('ui.reports.coverage.toDo', { count: a.toDo })}</span> : <span class="qa-tag qa-tag--good">✓ {t('ui.reports.coverage.met')}</span>}</td>
                <td>{a.channels.map((ch) => t('ui.reports.coverage.channel', { channel: channelLabel(ch.channel, t), done: ch.done, planned: ch.planned })).join(' · ') || '–'}</td>
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

function Suggestions({ week, people }: { week: string; people: People }) {
  const { t } = useI18n();
  const { zaf } = useZaf();
  const api = useApi(createPlanApi);
  const [favour, setFavour] = useState({ reopens: true, lowCsat: true, longResolution: false });
  const [state, setState] = useState<{ status: 'idle' | 'loading' } | { status: 'done'; items: Array<{ ticketId: number; agentId: number; channel: string | null; subject: string; reasons: string[]; fills: string | null }>; reviewed: number } | { status: 'error'; message: string }>({ status: 'idle' });

  async function suggest() {
    setState({ status: 'loading' });
    try {
      const candidates = await readCandidates(zaf, new Date(Date.now() - CANDIDATE_DAYS * 86_400_000));
      const r = await api.suggestions({ week, favour, candidates, agentIds: [] });
      setState(r.status === 'ok' ? { status: 'done', items: r.value.suggestions, reviewed: r.value.alreadyReviewed } : { status: 'error', message: r.error.message });
    } catch (e) {
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div>
      <fieldset class="qa-fieldset qa-form-row">
        <legend>{t('ui.reports.suggest.favour')}</legend>
        {(['reopens', 'lowCsat', 'longResolution'] as const).map((k) => (
          <label key={k}>
            <input type="checkbox" checked={favour[k]} onChange={() => setFavour({ ...favour, [k]: !favour[k] })} /> {t(`ui.reports.suggest.${k}`)}
          </label>
        ))}
        <button type="button" class="c-btn c-btn--primary" onClick={() => void suggest()} disabled={state.status === 'loading'}>
          {t('ui.reports.suggest.button')}
        </button>
      </fieldset>
      <div role="status" aria-live="polite">
        {state.status === 'loading' ? <Loading label={t('ui.common.loading')} /> : null}
        {state.status === 'error' ? <p>{t('ui.common.error', { message: state.message })}</p> : null}
        {state.status === 'done' ? <p class="qa-muted">{t('ui.reports.suggest.found', { count: state.items.length, reviewed: state.reviewed })}</p> : null}
      </div>
      {state.status === 'done' && state.items.length ? (
        <table class="qa-table" data-table="suggestions">
          <Head cols={['ui.reports.tickets.ticket', 'ui.reports.filters.agent', 'ui.reports.suggest.subject', 'ui.reports.suggest.why'].map((k) => t(k))} />
          <tbody>
            {state.items.map((s) => (
              <tr key={s.ticketId}>
                <td>
                  <TicketButton id={s.ticketId} />
                </td>
                <td>{people.personName(s.agentId)}</td>
                <td>
                  {s.subject}
                  <div class="qa-muted qa-small">{s.channel ? channelLabel(s.channel, t) : ''}</div>
                </td>
                <td>
                  {s.fills ? <span class="qa-tag qa-tag--neutral">{t('ui.reports.suggest.fills', { channel: channelLabel(s.fills, t) })}</span> : null}
                  {s.reasons.map((r) => (
                    <span class="qa-tag qa-tag--warn" key={r}>
                      {t(`ui.reports.suggest.reason.${r}`)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

const METRIC_KIND = { 'average-score': 'score', 'pass-rate': 'rate' } as const;

function Targets({ people, editable }: { people: People; editable: boolean }) {
  const { t, locale } = useI18n();
  const api = useApi(createPlanApi);
  const [generation, setGeneration] = useState(0);
  const [list, reload] = useAsync(() => api.targets(), [api, generation]);
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState<{ subject: TargetSubject; subjectId: string; metric: TargetMetric; value: string; startsOn: string; dueOn: string }>({
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
    const r = await api.createTarget({ subject: form.subject, subjectId: Number(form.subjectId), metric: form.metric, value, startsOn: form.startsOn, dueOn: form.dueOn });
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
              <Head cols={['ui.reports.targets.who', 'ui.reports.targets.goal', 'ui.reports.targets.now', 'ui.reports.targets.state'].map((k) => t(k))} />
              <tbody>
                {targets.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{subjectName(x)}</th>
                    <td>{t('ui.reports.targets.goalText', { metric: t(`ui.reports.targets.metrics.${x.metric}`), value: formatValue(kind(x), x.value, locale), due: x.dueOn })}</td>
                    <td>
                      <FigureText kind={kind(x)} figure={x.progress.current} />
                      <div class="qa-muted qa-small">{t('ui.reports.targets.from', { value: formatValue(kind(x), x.progress.baseline.value, locale) })}</div>
                    </td>
                    <td>
                      <span class={`qa-tag ${x.progress.state === 'achieved' || x.progress.state === 'on-track' ? 'qa-tag--good' : x.progress.state === 'no-data' ? 'qa-tag--neutral' : 'qa-tag--bad'}`}>
                        {t(`ui.reports.targets.states.${x.progress.state}`)}
                      </span>
                      {x.progress.state !== 'no-data' && !x.progress.certain ? <div class="qa-muted qa-small">{t('ui.reports.targets.uncertain')}</div> : null}
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
            <select id="qa-target-subject" class="c-field__input c-field__input--select" value={`${form.subject}:${form.subjectId}`} onChange={(e) => {
              const [subject, subjectId] = e.currentTarget.value.split(':') as [TargetSubject, string];
              setForm({ ...form, subject, subjectId });
            }}>
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
            <select id="qa-target-metric" class="c-field__input c-field__input--select" value={form.metric} onChange={(e) => setForm({ ...form, metric: e.currentTarget.value as TargetMetric })}>
              <option value="average-score">{t('ui.reports.targets.metrics.average-score')}</option>
              <option value="pass-rate">{t('ui.reports.targets.metrics.pass-rate')}</option>
            </select>
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-value">
              {form.metric === 'pass-rate' ? t('ui.reports.targets.valuePercent') : t('ui.reports.targets.value')}
            </label>
            <input id="qa-target-value" class="c-field__input" type="number" min={0} max={100} value={form.value} onInput={(e) => setForm({ ...form, value: e.currentTarget.value })} />
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-start">
              {t('ui.reports.targets.startsOn')}
            </label>
            <input id="qa-target-start" class="c-field__input" type="date" value={form.startsOn} onInput={(e) => setForm({ ...form, startsOn: e.currentTarget.value })} />
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-target-due">
              {t('ui.reports.targets.dueOn')}
            </label>
            <input id="qa-target-due" class="c-field__input" type="date" value={form.dueOn} onInput={(e) => setForm({ ...form, dueOn: e.currentTarget.value })} />
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

export function PlanTab() {
  const { t } = useI18n();
  const { role } = useNavBar();
  const api = useApi(createPlanApi);
  const people = usePeople();
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
          {(value) => <PlanEditor state={value} people={people} editable={editable} onSaved={() => setVersion((v) => v + 1)} />}
        </AsyncView>
      </ReportSection>
      <ReportSection
        id="qa-coverage"
        title={t('ui.reports.coverage.title', { week, from: from.toISOString().slice(0, 10), to: new Date(to.getTime() - 1).toISOString().slice(0, 10) })}
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
        <Coverage week={week} people={people} version={version} />
      </ReportSection>
      <ReportSection id="qa-suggest" title={t('ui.reports.suggest.title')} hint={t('ui.reports.suggest.hint', { days: CANDIDATE_DAYS })}>
        <Suggestions week={week} people={people} />
      </ReportSection>
      <ReportSection id="qa-targets" title={t('ui.reports.targets.title')} hint={t('ui.reports.targets.hint')}>
        <Targets people={people} editable={editable} />
      </ReportSection>
    </div>
  );
}
