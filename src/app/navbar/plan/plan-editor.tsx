/** The monitoring plan as a form: a default for every agent and agents with their own targets, overall and per channel. */
import { useState } from 'preact/hooks';
import type { AgentPlan, MonitoringPlan } from '../../../core/coverage.ts';
import { createPlanApi, type PlanState } from '../../api/plan-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { useApi } from '../navbar-context.tsx';
import { FormMessage } from '../reports/bits.tsx';
import type { People } from '../reports/use-people.ts';
import { CHANNELS } from '../scorecards/channels.ts';

/** One line of the editor: an agent's targets (the agent not chosen yet on a new line). */
type Row = Omit<AgentPlan, 'agentId'> & { agentId: number | null };

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

export function PlanEditor({
  state,
  people,
  editable,
  onSaved,
}: {
  state: PlanState;
  people: People;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const api = useApi(createPlanApi);
  const [def, setDef] = useState<Row>({
    agentId: null,
    overall: state.plan.default?.overall ?? 0,
    channels: state.plan.default?.channels ?? {},
  });
  const [rows, setRows] = useState<Row[]>(state.plan.agents.map((a) => ({ agentId: a.agentId, overall: a.overall, channels: a.channels })));
  const [message, setMessage] = useState<{ text: string; issues?: string[] } | null>(null);
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));

  async function save(e: Event) {
    e.preventDefault();
    const plan: MonitoringPlan = {
      default: def.overall > 0 || Object.keys(def.channels).length ? { overall: def.overall, channels: def.channels } : null,
      agents: rows
        .filter((r): r is Row & { agentId: number } => r.agentId !== null)
        .map((r) => ({ agentId: r.agentId, overall: r.overall, channels: r.channels })),
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
      <input
        id={id}
        class="c-field__input"
        type="number"
        min={0}
        max={1000}
        value={value}
        disabled={!editable}
        onInput={(e) => set(Math.max(0, Number(e.currentTarget.value) || 0))}
      />
    </div>
  );
  const channels = (id: string, value: Record<string, number>, set: (c: Record<string, number>) => void) => (
    <div class="c-field">
      <label class="c-field__label" for={id}>
        {t('ui.reports.plan.channels')}
      </label>
      <input
        id={id}
        class="c-field__input"
        value={channelsText(value)}
        placeholder="email:2, chat:1"
        aria-describedby="qa-plan-channels-hint"
        disabled={!editable}
        onChange={(e) => set(parseChannels(e.currentTarget.value))}
      />
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
              <select
                id={`qa-plan-agent-${i}`}
                class="c-field__input c-field__input--select"
                value={r.agentId ?? ''}
                disabled={!editable}
                onChange={(e) => setRow(i, { agentId: Number(e.currentTarget.value) || null })}
              >
                <option value="">{t('ui.reports.filters.choose')}</option>
                {people.staff.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                {r.agentId !== null && !people.staff.some((p) => p.id === r.agentId) ? (
                  <option value={r.agentId}>{people.personName(r.agentId)}</option>
                ) : null}
              </select>
            </div>
            {number(`qa-plan-overall-${i}`, t('ui.reports.plan.perWeek'), r.overall, (n) => setRow(i, { overall: n }))}
            {channels(`qa-plan-channels-${i}`, r.channels, (c) => setRow(i, { channels: c }))}
            {editable ? (
              <button
                type="button"
                class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                {t('ui.reports.plan.remove', { name: r.agentId === null ? '' : people.personName(r.agentId) })}
              </button>
            ) : null}
          </div>
        ))}
        {editable ? (
          <button
            type="button"
            class="c-btn c-btn--sm"
            onClick={() => setRows([...rows, { agentId: null, overall: def.overall, channels: {} }])}
          >
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
