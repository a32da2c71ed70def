/**
 * The synced population (issue 15, decision 028): every ticket the service synced from Zendesk, reviewed or not. Here
 * the pure parts: a synced ticket as a review candidate, coverage of each agent's solved tickets, and the tickets' own
 * figures (CSAT, reply and resolution times) beside the QA figures of the reviewed ones, each with its own n. The two
 * populations are never mixed: a row's `tickets` figures count synced tickets, its `qa` figures count evaluations.
 */
import { z } from 'zod';
import type { CandidateTicket } from './coverage.ts';
import { Figure, Summary, summaryFromSums, type EvaluationSums } from './reports.ts';
import { metricFigures, type MetricSums } from './metric-sums.ts';

/** Zendesk's satisfaction score as the suggestions read it: `bad_with_comment` is bad, `good_with_comment` good. */
export function csatOutcome(score: string | null): CandidateTicket['csat'] {
  if (score === null) return null;
  if (score.startsWith('good')) return 'good';
  if (score.startsWith('bad')) return 'bad';
  return score === 'offered' || score === 'unoffered' ? score : null;
}

/** One agent's solved synced tickets in a period, and how many of them have a review. */
export const AgentPopulation = z.object({
  agentId: z.number(),
  solved: z.number().int(),
  reviewed: z.number().int(),
});
export type AgentPopulation = z.infer<typeof AgentPopulation>;

/** Coverage against the synced population of the week: solved tickets per agent vs those reviewed. */
export const PopulationCoverage = z.object({
  /** When the last sync run ended well (null: none has yet; what is stored is from runs that stopped). */
  lastSyncAt: z.string().nullable(),
  solved: z.number().int(),
  reviewed: z.number().int(),
  /** reviewed / solved; null when nothing was solved. */
  ratio: z.number().nullable(),
  agents: z.array(AgentPopulation),
});
export type PopulationCoverage = z.infer<typeof PopulationCoverage>;

/** Totals and ratio of the agents' counts. */
export function populationCoverage(lastSyncAt: string | null, agents: readonly AgentPopulation[]): PopulationCoverage {
  const sorted = [...agents].sort((a, b) => a.agentId - b.agentId);
  const solved = sorted.reduce((s, a) => s + a.solved, 0);
  const reviewed = sorted.reduce((s, a) => s + a.reviewed, 0);
  return { lastSyncAt, solved, reviewed, ratio: solved > 0 ? reviewed / solved : null, agents: sorted };
}

// ---------------------------------------------------------------------------------------------
// QA beside the synced tickets' own figures

/** Sums of the synced tickets of one key (an agent, a group, a channel, or '' for all), as one grouped scan returns them. */
export interface TicketSums extends MetricSums {
  key: string;
  tickets: number;
}

export const PopulationDimension = z.enum(['reviewee', 'group', 'channel']);
export type PopulationDimension = z.infer<typeof PopulationDimension>;

export const PopulationRow = z.object({
  /** The agent's or group's id as text ('0': no group), the channel, or '' for all. */
  key: z.string(),
  /** Synced tickets solved in the period. */
  tickets: z.number().int(),
  /** Share of good ratings among good and bad ones (n: rated tickets). */
  csatGoodRate: Figure,
  firstReplyMinutes: Figure,
  fullResolutionMinutes: Figure,
  reopenRate: Figure,
  /** The QA figures of the evaluations with the same key (n: evaluations), from the reviewed tickets only. */
  qa: Summary,
});
export type PopulationRow = z.infer<typeof PopulationRow>;

export const PopulationMetrics = z.object({
  /** `synced`: figures over the synced tickets; `none`: nothing is synced, and no figure is given. */
  source: z.enum(['synced', 'none']),
  lastSyncAt: z.string().nullable(),
  total: PopulationRow.nullable(),
  by: z.object({ reviewee: z.array(PopulationRow), group: z.array(PopulationRow), channel: z.array(PopulationRow) }),
});
export type PopulationMetrics = z.infer<typeof PopulationMetrics>;

export const NOTHING_SYNCED: PopulationMetrics = {
  source: 'none',
  lastSyncAt: null,
  total: null,
  by: { reviewee: [], group: [], channel: [] },
};

/** Sums of no ticket. */
export const NO_TICKETS: MetricSums = {
  frtN: 0,
  frtSum: 0,
  frtSq: 0,
  resN: 0,
  resSum: 0,
  resSq: 0,
  reopenN: 0,
  reopened: 0,
  csatN: 0,
  csatGood: 0,
};
const NO_EVALUATIONS: EvaluationSums = { count: 0, scored: 0, scoreSum: 0, scoreSumSq: 0, passes: 0, criticalFails: 0 };

/**
 * Rows for every key that has synced tickets or evaluations (a key with evaluations but no synced ticket in the period
 * shows 0 tickets: it is not hidden), most tickets first.
 */
export function populationRows(tickets: readonly TicketSums[], qa: ReadonlyArray<EvaluationSums & { key: string }>): PopulationRow[] {
  const byKey = new Map(tickets.map((t) => [t.key, t]));
  const qaByKey = new Map(qa.map((s) => [s.key, s]));
  const keys = [...new Set([...byKey.keys(), ...qaByKey.keys()])];
  return keys
    .map((key): PopulationRow => {
      const t = byKey.get(key);
      return { key, tickets: t?.tickets ?? 0, ...metricFigures(t ?? NO_TICKETS), qa: summaryFromSums(qaByKey.get(key) ?? NO_EVALUATIONS) };
    })
    .sort((a, b) => b.tickets - a.tickets || b.qa.count - a.qa.count || a.key.localeCompare(b.key));
}

/** Staff as the service knows them from the synced users (`GET /people/directory`). */
export const SyncedPerson = z.object({ id: z.number(), name: z.string(), role: z.string(), active: z.boolean() });
export const PeopleDirectory = z
  .object({
    /** `synced`: from the synced users and groups; `none`: nothing synced, ask Zendesk. */
    source: z.enum(['synced', 'none']),
    /** Agents and admins, active or not (former agents still name old evaluations), by name. */
    staff: z.array(SyncedPerson),
    groups: z.array(z.object({ id: z.number(), name: z.string() })),
  })
  .meta({ id: 'PeopleDirectory' });
export type PeopleDirectory = z.infer<typeof PeopleDirectory>;
