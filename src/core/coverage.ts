/**
 * The monitoring plan (how many evaluations per agent per week, overall and per channel), coverage against it, and
 * ticket suggestions that fill the gaps (docs/decisions/004-ticket-suggestions.md). Weeks are ISO weeks in UTC.
 */
import { z } from 'zod';
import { isZendeskChannel, ZENDESK_CHANNELS } from './channels.ts';
import { PopulationCoverage } from './synced-population.ts';
import { safeText, textRecord, ZendeskId } from './text.ts';

const Count = z.number().int().min(0).max(1000);
const Channel = safeText(64).min(1);

/**
 * Evaluations wanted per channel: at most 50 channels named, each one Zendesk has (a plan for "phone" would count
 * nothing forever). `known: false` reads plans saved before channels were checked, so they can be shown and fixed.
 */
const channelCounts = (known: boolean) =>
  textRecord(Channel, Count).superRefine((counts, ctx) => {
    const names = Object.keys(counts);
    if (names.length > 50) ctx.addIssue({ code: 'custom', message: 'must name at most 50 channels' });
    if (known)
      for (const name of names.filter((n) => !isZendeskChannel(n)))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" is not a Zendesk channel (one of ${ZENDESK_CHANNELS.join(', ')})`,
          params: { code: 'unknown-channel', channel: name },
        });
  });

/** ISO 8601 week, e.g. `2025-W07`. */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be an ISO week like 2025-W07');
export type IsoWeek = z.infer<typeof IsoWeek>;

function planSchemas(known: boolean) {
  /** Evaluations wanted per week: overall, and at least this many on each named channel. */
  const PlanTarget = z.strictObject({ overall: Count, channels: channelCounts(known).default({}) });
  const AgentPlan = z.strictObject({ agentId: ZendeskId, overall: Count, channels: channelCounts(known).default({}) });
  /** The account's plan: a default for every agent, and agents with their own targets. */
  const MonitoringPlan = z
    .strictObject({
      default: PlanTarget.nullable().default(null),
      agents: z.array(AgentPlan).max(5000).default([]),
    })
    .superRefine((plan, ctx) => {
      const seen = new Set<number>();
      plan.agents.forEach((a, i) => {
        if (seen.has(a.agentId))
          ctx.addIssue({ code: 'custom', path: ['agents', i, 'agentId'], message: `agent ${a.agentId} is listed twice` });
        seen.add(a.agentId);
      });
    });
  return { PlanTarget, AgentPlan, MonitoringPlan };
}

const checked = planSchemas(true);
export const PlanTarget = checked.PlanTarget;
export type PlanTarget = z.infer<typeof PlanTarget>;
export const AgentPlan = checked.AgentPlan;
export type AgentPlan = z.infer<typeof AgentPlan>;
/** The plan as it is set: a channel Zendesk does not have is refused, never dropped. */
export const MonitoringPlan = checked.MonitoringPlan;
export type MonitoringPlan = z.infer<typeof MonitoringPlan>;
/** A plan as it was stored, even with a channel set before channels were checked. */
export const StoredMonitoringPlan = planSchemas(false).MonitoringPlan;
export type MonitoringPlanInput = z.input<typeof MonitoringPlan>;

// ---------------------------------------------------------------------------------------------
// ISO weeks

const DAY = 86_400_000;

/** The ISO week a moment falls in (UTC). */
export function isoWeekOf(date: Date): IsoWeek {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // the Thursday of this week decides the year
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of the week, and the next Monday (exclusive end). */
export function weekRange(week: IsoWeek): { from: Date; to: Date } {
  const [year, w] = week.split('-W').map(Number) as [number, number];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY;
  const from = new Date(mondayOfWeek1 + (w - 1) * 7 * DAY);
  return { from, to: new Date(from.getTime() + 7 * DAY) };
}

// ---------------------------------------------------------------------------------------------
// Coverage

/** Evaluations done in the week for one agent on one channel (null = channel unknown). */
export interface DoneCount {
  agentId: number;
  channel: string | null;
  count: number;
}

export const ChannelCoverage = z.object({
  channel: z.string(),
  planned: z.number().int(),
  done: z.number().int(),
  gap: z.number().int(),
});
export type ChannelCoverage = z.infer<typeof ChannelCoverage>;

export const AgentCoverage = z.object({
  agentId: z.number(),
  /** Whether the agent has their own targets or follows the default. */
  source: z.enum(['agent', 'default', 'none']),
  planned: z.number().int(),
  done: z.number().int(),
  /** done / planned; null when nothing is planned. */
  ratio: z.number().nullable(),
  /** Evaluations still to do overall (0 when met). */
  gap: z.number().int(),
  channels: z.array(ChannelCoverage),
  /** Evaluations still to do to meet both the overall and every channel target. */
  toDo: z.number().int(),
});
export type AgentCoverage = z.infer<typeof AgentCoverage>;

export const CoverageReport = z.object({
  agents: z.array(AgentCoverage),
  planned: z.number().int(),
  done: z.number().int(),
  /** Covered share of the plan; over-reviewing one agent does not hide another's gap. */
  ratio: z.number().nullable(),
  gap: z.number().int(),
  agentsBehind: z.number().int(),
});
export type CoverageReport = z.infer<typeof CoverageReport>;

/**
 * Coverage of a week: every agent with a plan (their own, or the default for agents seen in
 * `done` or listed in `knownAgents`) against what was done.
 */
export function coverage(plan: MonitoringPlan, done: readonly DoneCount[], knownAgents: readonly number[] = []): CoverageReport {
  const own = new Map(plan.agents.map((a) => [a.agentId, a]));
  const doneBy = new Map<number, Map<string | null, number>>();
  for (const d of done) {
    const byChannel = doneBy.get(d.agentId) ?? new Map<string | null, number>();
    byChannel.set(d.channel, (byChannel.get(d.channel) ?? 0) + d.count);
    doneBy.set(d.agentId, byChannel);
  }
  const ids = [...new Set([...own.keys(), ...doneBy.keys(), ...knownAgents])].sort((a, b) => a - b);
  const agents = ids.map((agentId): AgentCoverage => {
    const target = own.get(agentId) ?? plan.default;
    const source = own.has(agentId) ? 'agent' : plan.default ? 'default' : 'none';
    const byChannel = doneBy.get(agentId) ?? new Map<string | null, number>();
    const total = [...byChannel.values()].reduce((s, n) => s + n, 0);
    const planned = target?.overall ?? 0;
    const channels = Object.entries(target?.channels ?? {})
      .map(([channel, want]) => {
        const got = byChannel.get(channel) ?? 0;
        return { channel, planned: want, done: got, gap: Math.max(0, want - got) };
      })
      .sort((a, b) => a.channel.localeCompare(b.channel));
    const gap = Math.max(0, planned - total);
    const channelGaps = channels.reduce((s, c) => s + c.gap, 0);
    return {
      agentId,
      source,
      planned,
      done: total,
      ratio: planned > 0 ? total / planned : null,
      gap,
      channels,
      toDo: Math.max(gap, channelGaps),
    };
  });
  const planned = agents.reduce((s, a) => s + a.planned, 0);
  const covered = agents.reduce((s, a) => s + Math.min(a.done, a.planned), 0);
  return {
    agents,
    planned,
    done: agents.reduce((s, a) => s + a.done, 0),
    ratio: planned > 0 ? covered / planned : null,
    gap: agents.reduce((s, a) => s + a.gap, 0),
    agentsBehind: agents.filter((a) => a.toDo > 0).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

/** A recently solved ticket the app read from Zendesk, as a candidate for review. */
export const CandidateTicket = z.strictObject({
  ticketId: ZendeskId,
  assigneeId: ZendeskId,
  channel: safeText(64).nullable().default(null),
  subject: safeText(500).default(''),
  solvedAt: safeText(40).nullable().default(null),
  reopens: z.number().int().min(0).max(100_000).nullable().default(null),
  csat: z.enum(['good', 'bad', 'offered', 'unoffered']).nullable().default(null),
  fullResolutionMinutes: z.number().min(0).nullable().default(null),
  /** In the AutoQA spotlight (the service marks synced candidates when the spotlight is favoured; decision 030). */
  spotlight: z.boolean().optional(),
});
export type CandidateTicket = z.infer<typeof CandidateTicket>;
export type CandidateTicketInput = z.input<typeof CandidateTicket>;

export const SuggestionReason = z.enum(['reopened', 'low-csat', 'long-resolution', 'spotlight']);
export type SuggestionReason = z.infer<typeof SuggestionReason>;

export const Favour = z.strictObject({
  reopens: z.boolean().default(false),
  lowCsat: z.boolean().default(false),
  longResolution: z.boolean().default(false),
});
export type Favour = z.infer<typeof Favour>;

/** What a suggestions request may favour: the traits above, and the tickets the AutoQA spotlight points to (synced only; decision 030). */
export const SuggestFavour = Favour.extend({ spotlight: z.boolean().optional() });
export type SuggestFavour = z.infer<typeof SuggestFavour>;

export const Suggestion = z.object({
  ticketId: z.number(),
  agentId: z.number(),
  channel: z.string().nullable(),
  subject: z.string(),
  /** What makes the ticket worth a look, whether or not it was favoured. */
  reasons: z.array(SuggestionReason),
  /** Which gap it fills: a channel target, or the overall one. */
  fills: z.string().nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export interface SuggestOptions {
  seed: number;
  favour: SuggestFavour;
  /** Tickets already evaluated: never suggested again. */
  exclude?: ReadonlySet<number>;
  /** How much more likely a favoured trait makes a ticket (each trait multiplies). */
  boost?: number;
}

/** Each reason's test; "long" is above the 75th percentile of the candidates' resolution times. */
const REASONS: Record<
  SuggestionReason,
  { favoured: (f: SuggestFavour) => boolean; has: (t: CandidateTicket, longAbove: number | null) => boolean }
> = {
  reopened: { favoured: (f) => f.reopens, has: (t) => (t.reopens ?? 0) > 0 },
  'low-csat': { favoured: (f) => f.lowCsat, has: (t) => t.csat === 'bad' },
  'long-resolution': {
    favoured: (f) => f.longResolution,
    has: (t, longAbove) => longAbove !== null && t.fullResolutionMinutes !== null && t.fullResolutionMinutes > longAbove,
  },
  spotlight: { favoured: (f) => f.spotlight === true, has: (t) => t.spotlight === true },
};

/** Uniform in (0, 1) from (seed, ticket id): the same seed picks the same tickets whatever the input order. */
export function hashUniform(seed: number, id: number): number {
  let h = (seed ^ Math.imul(id, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return (h + 0.5) / 4294967296;
}

/** The q-quantile (0..1) of numbers, by linear interpolation; null for none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function reasonsOf(ticket: CandidateTicket, longAbove: number | null): SuggestionReason[] {
  return SuggestionReason.options.filter((r) => REASONS[r].has(ticket, longAbove));
}

/**
 * Picks tickets to fill each agent's gaps: first each channel gap from that channel's tickets, then
 * the rest of the overall gap from any. A weighted random sample without replacement
 * (Efraimidis–Spirakis: key = u^(1/w), highest keys win); weight 1, times `boost` per favoured trait.
 */
export function suggestTickets(
  gaps: readonly AgentCoverage[],
  candidates: readonly CandidateTicket[],
  options: SuggestOptions,
): Suggestion[] {
  const boost = options.boost ?? 3;
  const exclude = options.exclude ?? new Set<number>();
  const resolution = candidates.flatMap((t) => (t.fullResolutionMinutes === null ? [] : [t.fullResolutionMinutes]));
  const longAbove = resolution.length >= 4 ? quantile(resolution, 0.75) : null;
  const keyed = candidates
    .filter((t) => !exclude.has(t.ticketId))
    .map((ticket) => {
      const reasons = reasonsOf(ticket, longAbove);
      const weight = reasons.reduce((w, r) => (REASONS[r].favoured(options.favour) ? w * boost : w), 1);
      return { ticket, reasons, key: hashUniform(options.seed, ticket.ticketId) ** (1 / weight) };
    })
    .sort((a, b) => b.key - a.key || a.ticket.ticketId - b.ticket.ticketId);
  const out: Suggestion[] = [];
  const taken = new Set<number>();
  for (const agent of gaps) {
    if (agent.toDo <= 0) continue;
    const mine = keyed.filter((k) => k.ticket.assigneeId === agent.agentId);
    const take = (k: (typeof mine)[number], fills: string | null) => {
      taken.add(k.ticket.ticketId);
      const { ticketId, channel, subject } = k.ticket;
      out.push({ ticketId, agentId: agent.agentId, channel, subject, reasons: k.reasons, fills });
    };
    let picked = 0;
    for (const c of agent.channels) {
      for (const k of mine.filter((k) => k.ticket.channel === c.channel && !taken.has(k.ticket.ticketId)).slice(0, c.gap)) {
        take(k, c.channel);
        picked++;
      }
    }
    for (const k of mine.filter((k) => !taken.has(k.ticket.ticketId)).slice(0, Math.max(0, agent.gap - picked))) take(k, null);
  }
  return out;
}

/** A seed that stays the same all week, so suggestions do not reshuffle on every reload. */
export function weekSeed(week: IsoWeek): number {
  let h = 0x811c9dc5;
  for (const ch of week) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

// ---------------------------------------------------------------------------------------------
// API contract

const IdList = z
  .string()
  .max(8000)
  .regex(/^\d+(,\d+)*$/, 'must be comma-separated ids')
  .transform((s) => s.split(',').map(Number))
  .pipe(z.array(ZendeskId).max(5000));

export const CoverageQuery = z.strictObject({
  week: IsoWeek.optional(),
  /** Agents to include even without evaluations (the app knows them from Zendesk). */
  agentIds: IdList.optional(),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

/** `GET /reports/coverage`. */
export const CoverageResponse = CoverageReport.extend({
  week: IsoWeek,
  from: z.string(),
  to: z.string(),
  /** The week's solved tickets per agent from the synced population, and how many were reviewed; null when nothing is synced. */
  population: PopulationCoverage.nullable(),
}).meta({ id: 'CoverageResponse' });
export type CoverageResponse = z.infer<typeof CoverageResponse>;

/** `GET /plan`: the plan with who saved it last (null: never saved, the empty plan). */
export const MonitoringPlanView = z
  .object({ plan: MonitoringPlan, updatedAt: z.string().nullable(), updatedBy: z.number().nullable() })
  .meta({ id: 'MonitoringPlanView' });

/**
 * `POST /suggestions`: when the account has synced tickets, the service draws from them and ignores `candidates`;
 * otherwise from the candidates the app read from Zendesk, and with none sent it answers `source: 'none'` so the app
 * reads them (decisions 004 and 028).
 */
export const SuggestionsRequest = z.strictObject({
  week: IsoWeek.optional(),
  favour: SuggestFavour.default({ reopens: false, lowCsat: false, longResolution: false }),
  candidates: z.array(CandidateTicket).max(3000).default([]),
  agentIds: z.array(ZendeskId).max(5000).default([]),
  seed: z.number().int().min(0).optional(),
});
export type SuggestionsRequest = z.infer<typeof SuggestionsRequest>;
export type SuggestionsRequestInput = z.input<typeof SuggestionsRequest>;

export const SuggestionsResponse = z
  .object({
    week: IsoWeek,
    suggestions: z.array(Suggestion),
    /** Candidates left out because they were already reviewed. */
    alreadyReviewed: z.number().int(),
    /**
     * Where the candidates came from: `synced`, every ticket solved in the week from the synced population; `browser`,
     * the candidates the app sent; `none`, nothing synced and nothing sent (the app should read candidates and ask again).
     */
    source: z.enum(['synced', 'browser', 'none']),
    /** How many candidates were drawn from (already reviewed ones included). */
    candidates: z.number().int(),
  })
  .meta({ id: 'SuggestionsResponse' });
export type SuggestionsResponse = z.infer<typeof SuggestionsResponse>;
