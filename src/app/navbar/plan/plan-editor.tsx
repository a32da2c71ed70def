/**
 * The monitoring plan as a form: a default for every agent and agents with their own targets, overall and per
 * channel. Channels are picked from a list (the account's first), each with its number; a line that cannot be read is
 * marked and nothing is saved until it is fixed (plan-form.ts).
 */
import './plan.css';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { createPlanApi, type PlanState } from '../../api/plan-api.ts';
import type { Translate } from '../../i18n/translate.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { useApi } from '../navbar-context.tsx';
import { FormMessage } from '../reports/bits.tsx';
import type { People } from '../reports/use-people.ts';
import { channelLabel } from '../scorecards/applies-to-summary.ts';
import {
  channelChoices,
  fromForm,
  ids,
  MAX_COUNT,
  newAgentRow,
  newChannelLine,
  toForm,
  type ChannelLine,
  type PlanForm,
  type PlanProblem,
  type TargetForm,
} from './plan-form.ts';

interface Props {
  state: PlanState;
  people: People;
  editable: boolean;
  /** The channels this account's evaluations came through, most used first. */
  accountChannels: readonly string[];
  onSaved: () => void;
}

type Errors = ReadonlyMap<string, string>;

function problemText(p: PlanProblem, t: Translate, people: People): string {
  if (p.kind === 'agent-twice') return t('ui.reports.plan.problems.agent-twice', { name: people.personName(p.agentId!) });
  if (p.kind === 'channel-unknown') return t('ui.reports.plan.problems.channel-unknown', { channel: p.channel! });
  return t(`ui.reports.plan.problems.${p.kind}`, { max: MAX_COUNT });
}

/** A number box as typed; its problem, if any, under it and tied to it. */
function CountInput(props: {
  id: string;
  label?: string;
  ariaLabel?: string;
  value: string;
  errors: Errors;
  disabled: boolean;
  /** The line shows the message itself, under the whole line. */
  messageElsewhere?: boolean;
  onValue: (v: string) => void;
}) {
  const error = props.errors.get(props.id);
  return (
    <div class={`c-field ${error ? 'c-field--error' : ''}`}>
      {props.label ? (
        <label class="c-field__label" for={props.id}>
          {props.label}
        </label>
      ) : null}
      <input
        id={props.id}
        class="c-field__input qa-plan__count"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_COUNT}
        step={1}
        value={props.value}
        aria-label={props.ariaLabel}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
        disabled={props.disabled}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
      {error && !props.messageElsewhere ? <FieldError id={props.id} text={error} /> : null}
    </div>
  );
}

function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <div class="c-field__message qa-field-error" id={`${id}-error`}>
      {text}
    </div>
  );
}

/** A target's "at least, per channel" lines: a channel from the list and its number, each removable. */
function ChannelLines(props: {
  target: TargetForm;
  who: string;
  accountChannels: readonly string[];
  errors: Errors;
  editable: boolean;
  onChange: (channels: ChannelLine[]) => void;
}) {
  const { t } = useI18n();
  const { target, who, errors, editable } = props;
  const set = (line: ChannelLine, patch: Partial<ChannelLine>) =>
    props.onChange(target.channels.map((l) => (l === line ? { ...l, ...patch } : l)));
  const next = newChannelLine(props.accountChannels, target);
  return (
    <fieldset class="qa-plan__channels">
      <legend class="c-field__label">{t('ui.reports.plan.channels')}</legend>
      {target.channels.length === 0 ? <p class="qa-muted qa-small">{t('ui.reports.plan.noChannels')}</p> : null}
      <ul class="qa-plan__lines">
        {target.channels.map((line, i) => {
          const choices = channelChoices(props.accountChannels, target, line);
          const label = channelLabel(line.channel, t);
          const channelId = ids.channel(target, line);
          const countId = ids.count(target, line);
          const error = errors.get(channelId);
          const countError = errors.get(countId);
          const option = (c: string) => (
            <option key={c} value={c}>
              {channelLabel(c, t)}
            </option>
          );
          return (
            <li key={line.key} class="qa-plan__line">
              <div class={`c-field ${error ? 'c-field--error' : ''}`}>
                <select
                  id={channelId}
                  class="c-field__input c-field__input--select qa-plan__channel"
                  aria-label={t('ui.reports.plan.channelFor', { n: i + 1, who })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${channelId}-error` : undefined}
                  value={line.channel}
                  disabled={!editable}
                  onChange={(e) => set(line, { channel: e.currentTarget.value })}
                >
                  {choices.unknown !== null ? (
                    <option value={choices.unknown}>{t('ui.reports.plan.unknownChannel', { channel: choices.unknown })}</option>
                  ) : null}
                  {choices.account.length ? (
                    <>
                      <optgroup label={t('ui.reports.plan.accountChannels')}>{choices.account.map(option)}</optgroup>
                      <optgroup label={t('ui.reports.plan.otherChannels')}>{choices.other.map(option)}</optgroup>
                    </>
                  ) : (
                    choices.other.map(option)
                  )}
                </select>
              </div>
              <CountInput
                id={countId}
                ariaLabel={t('ui.reports.plan.countFor', { channel: label, who })}
                value={line.count}
                errors={errors}
                disabled={!editable}
                messageElsewhere
                onValue={(count) => set(line, { count })}
              />
              {editable ? (
                <button
                  type="button"
                  class="c-btn c-btn--sm c-btn--basic"
                  aria-label={t('ui.reports.plan.removeChannelFor', { channel: label, who })}
                  onClick={() => props.onChange(target.channels.filter((l) => l !== line))}
                >
                  {t('ui.reports.plan.removeChannel')}
                </button>
              ) : null}
              {error || countError ? (
                <div class="c-field c-field--error qa-plan__line-errors">
                  {error ? <FieldError id={channelId} text={error} /> : null}
                  {countError ? <FieldError id={countId} text={countError} /> : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editable ? (
        <button
          type="button"
          class="c-btn c-btn--sm c-btn--basic"
          disabled={next === null}
          aria-label={t('ui.reports.plan.addChannelFor', { who })}
          onClick={() => {
            if (!next) return;
            props.onChange([...target.channels, next]);
            // the new line's channel is the likely next change: start there
            requestAnimationFrame(() => document.getElementById(ids.channel(target, next))?.focus());
          }}
        >
          {t('ui.reports.plan.addChannel')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** A target's weekly total (with what goes before and after it on its row) and its per-channel lines. */
function TargetFields(props: {
  target: TargetForm;
  who: string;
  accountChannels: readonly string[];
  errors: Errors;
  editable: boolean;
  head?: ComponentChildren;
  tail?: ComponentChildren;
  onChange: (patch: Partial<TargetForm>) => void;
}) {
  const { t } = useI18n();
  const { target, errors, editable } = props;
  return (
    <>
      <div class="qa-form-row">
        {props.head}
        <CountInput
          id={ids.overall(target)}
          label={t('ui.reports.plan.perWeek')}
          value={target.overall}
          errors={errors}
          disabled={!editable}
          onValue={(overall) => props.onChange({ overall })}
        />
        {props.tail}
      </div>
      <ChannelLines
        target={target}
        who={props.who}
        accountChannels={props.accountChannels}
        errors={errors}
        editable={editable}
        onChange={(channels) => props.onChange({ channels })}
      />
    </>
  );
}

export function PlanEditor({ state, people, editable, accountChannels, onSaved }: Props) {
  const { t } = useI18n();
  const api = useApi(createPlanApi);
  const [form, setForm] = useState<PlanForm>(() => toForm(state.plan));
  const [errors, setErrors] = useState<Errors>(new Map());
  const [message, setMessage] = useState<{ text: string; issues?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const setAgent = (row: TargetForm, patch: Partial<TargetForm>) =>
    setForm({ ...form, agents: form.agents.map((r) => (r === row ? { ...r, ...patch } : r)) });
  const whoOf = (row: TargetForm) => (row.agentId == null ? t('ui.reports.plan.newAgent') : people.personName(row.agentId));

  async function save(e: Event) {
    e.preventDefault();
    const read = fromForm(form);
    if (!read.plan) {
      setErrors(new Map(read.problems.map((p) => [p.id, problemText(p, t, people)])));
      setMessage({ text: t('ui.reports.plan.notSaved', { count: read.problems.length }) });
      document.getElementById(read.problems[0]!.id)?.focus();
      return;
    }
    setErrors(new Map());
    setBusy(true);
    const r = await api.savePlan(read.plan);
    setBusy(false);
    if (r.status === 'ok') {
      setMessage({ text: t('ui.reports.plan.saved') });
      onSaved();
    } else setMessage(r.error.issues ? { text: r.error.message, issues: r.error.issues } : { text: r.error.message });
  }

  const def = form.default;
  const shared = { accountChannels, errors, editable };
  return (
    <form class="qa-plan-form" onSubmit={(e) => void save(e)} aria-labelledby="qa-plan-title" noValidate>
      <p class="qa-muted" id="qa-plan-channels-hint">
        {t('ui.reports.plan.channelsHint')}
      </p>
      <fieldset class="qa-fieldset qa-plan__target">
        <legend>{t('ui.reports.plan.default')}</legend>
        <TargetFields
          target={def}
          who={t('ui.reports.plan.everyAgent')}
          {...shared}
          onChange={(patch) => setForm({ ...form, default: { ...def, ...patch } })}
        />
      </fieldset>
      <fieldset class="qa-fieldset">
        <legend>{t('ui.reports.plan.agents')}</legend>
        {form.agents.length === 0 ? <p class="qa-muted qa-small">{t('ui.reports.plan.noAgents')}</p> : null}
        {form.agents.map((row) => {
          const agentId = ids.agent(row);
          const error = errors.get(agentId);
          const who = whoOf(row);
          return (
            <div class="qa-plan__target qa-plan__agent" key={row.key} role="group" aria-label={who}>
              <TargetFields
                target={row}
                who={who}
                {...shared}
                onChange={(patch) => setAgent(row, patch)}
                head={
                  <div class={`c-field ${error ? 'c-field--error' : ''}`}>
                    <label class="c-field__label" for={agentId}>
                      {t('ui.reports.filters.agent')}
                    </label>
                    <select
                      id={agentId}
                      class="c-field__input c-field__input--select"
                      value={row.agentId ?? ''}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${agentId}-error` : undefined}
                      disabled={!editable}
                      onChange={(e) => setAgent(row, { agentId: Number(e.currentTarget.value) || null })}
                    >
                      <option value="">{t('ui.reports.filters.choose')}</option>
                      {people.staff.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                      {row.agentId != null && !people.staff.some((p) => p.id === row.agentId) ? (
                        <option value={row.agentId}>{people.personName(row.agentId)}</option>
                      ) : null}
                    </select>
                    {error ? <FieldError id={agentId} text={error} /> : null}
                  </div>
                }
                tail={
                  editable ? (
                    <button
                      type="button"
                      class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                      aria-label={t('ui.reports.plan.remove', { name: who })}
                      onClick={() => setForm({ ...form, agents: form.agents.filter((r) => r !== row) })}
                    >
                      {t('ui.reports.plan.removeAgent')}
                    </button>
                  ) : null
                }
              />
            </div>
          );
        })}
        {editable ? (
          <button
            type="button"
            class="c-btn c-btn--sm"
            onClick={() => {
              const row = newAgentRow(def.overall);
              setForm({ ...form, agents: [...form.agents, row] });
              requestAnimationFrame(() => document.getElementById(ids.agent(row))?.focus());
            }}
          >
            {t('ui.reports.plan.addAgent')}
          </button>
        ) : null}
      </fieldset>
      {editable ? (
        <button type="submit" class="c-btn c-btn--primary" disabled={busy}>
          {t('ui.reports.plan.save')}
        </button>
      ) : (
        <p class="qa-muted">{t('ui.reports.plan.readOnly')}</p>
      )}
      <FormMessage message={message} />
    </form>
  );
}
