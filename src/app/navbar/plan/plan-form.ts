/**
 * The monitoring plan as the editor holds it: numbers as typed, channels picked from a list, one line each. A plan is
 * made from it only when every line reads (fromForm): what cannot be read is marked, never dropped or read as 0.
 */
import { isZendeskChannel, ZENDESK_CHANNELS } from '../../../core/channels.ts';
import type { MonitoringPlan, PlanTarget } from '../../../core/coverage.ts';

export interface ChannelLine {
  key: string;
  channel: string;
  count: string;
}

/** The default (agentId undefined) or an agent's own targets (agentId null until one is chosen). */
export interface TargetForm {
  key: string;
  agentId?: number | null;
  overall: string;
  channels: ChannelLine[];
}

export interface PlanForm {
  default: TargetForm;
  agents: TargetForm[];
}

export type PlanProblemKind = 'count' | 'agent-missing' | 'agent-twice' | 'channel-unknown';

/** A line that cannot be read: its control's id, and what is wrong. */
export interface PlanProblem {
  id: string;
  kind: PlanProblemKind;
  agentId?: number;
  channel?: string;
}

export const MAX_COUNT = 1000;

let seq = 0;
const newKey = () => `p${++seq}`;

/** The ids of a target's controls, so problems, labels and focus agree. */
export const ids = {
  overall: (t: TargetForm) => `qa-plan-${t.key}-overall`,
  agent: (t: TargetForm) => `qa-plan-${t.key}-agent`,
  channel: (t: TargetForm, line: ChannelLine) => `qa-plan-${t.key}-${line.key}-channel`,
  count: (t: TargetForm, line: ChannelLine) => `qa-plan-${t.key}-${line.key}-count`,
};

const lines = (channels: Record<string, number>): ChannelLine[] =>
  Object.entries(channels).map(([channel, count]) => ({ key: newKey(), channel, count: String(count) }));

export function toForm(plan: MonitoringPlan): PlanForm {
  return {
    default: { key: 'default', overall: String(plan.default?.overall ?? 0), channels: lines(plan.default?.channels ?? {}) },
    agents: plan.agents.map((a) => ({ key: newKey(), agentId: a.agentId, overall: String(a.overall), channels: lines(a.channels) })),
  };
}

export const newAgentRow = (overall: string): TargetForm => ({ key: newKey(), agentId: null, overall, channels: [] });

/** A whole number from 0 to MAX_COUNT as typed ("2", " 3 "), or null ("", "1.5", "-1", "x", "2000"). */
export function readCount(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_COUNT ? n : null;
}

/** The channels a line may pick: this account's first (as its evaluations came through), then Zendesk's others. */
export function channelChoices(
  accountChannels: readonly string[],
  target: TargetForm,
  line: ChannelLine,
): { account: string[]; other: string[]; unknown: string | null } {
  const taken = new Set(target.channels.filter((l) => l !== line).map((l) => l.channel));
  const free = (c: string) => !taken.has(c);
  const account = accountChannels.filter((c) => isZendeskChannel(c) && free(c));
  return {
    account,
    other: ZENDESK_CHANNELS.filter((c) => free(c) && !account.includes(c)),
    unknown: isZendeskChannel(line.channel) ? null : line.channel,
  };
}

/** A new line on the first channel this target does not ask for yet (the account's channels first), or null. */
export function newChannelLine(accountChannels: readonly string[], target: TargetForm): ChannelLine | null {
  const taken = new Set(target.channels.map((l) => l.channel));
  const next = [...accountChannels.filter(isZendeskChannel), ...ZENDESK_CHANNELS].find((c) => !taken.has(c));
  return next ? { key: newKey(), channel: next, count: '1' } : null;
}

function readTarget(t: TargetForm, problems: PlanProblem[]): PlanTarget {
  const overall = readCount(t.overall);
  if (overall === null) problems.push({ id: ids.overall(t), kind: 'count' });
  const channels: Record<string, number> = {};
  for (const line of t.channels) {
    if (!isZendeskChannel(line.channel)) problems.push({ id: ids.channel(t, line), kind: 'channel-unknown', channel: line.channel });
    const count = readCount(line.count);
    if (count === null) problems.push({ id: ids.count(t, line), kind: 'count' });
    else channels[line.channel] = count;
  }
  return { overall: overall ?? 0, channels };
}

/** The plan the form says, or every line that cannot be read (then nothing is sent). */
export function fromForm(form: PlanForm): { plan: MonitoringPlan; problems: [] } | { plan: null; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const def = readTarget(form.default, problems);
  const seen = new Set<number>();
  const agents = form.agents.map((row) => {
    if (row.agentId == null) problems.push({ id: ids.agent(row), kind: 'agent-missing' });
    else if (seen.has(row.agentId)) problems.push({ id: ids.agent(row), kind: 'agent-twice', agentId: row.agentId });
    else seen.add(row.agentId);
    return { agentId: row.agentId ?? 0, ...readTarget(row, problems) };
  });
  if (problems.length) return { plan: null, problems };
  const hasDefault = def.overall > 0 || Object.keys(def.channels).length > 0;
  return { plan: { default: hasDefault ? def : null, agents }, problems: [] };
}
