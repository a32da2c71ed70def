import {
  coverage,
  isoWeekOf,
  suggestTickets,
  weekRange,
  weekSeed,
  type CoverageResponse,
  type IsoWeek,
  type SuggestionsRequest,
  type SuggestionsResponse,
} from '../../core/coverage.ts';
import { csatOutcome, populationCoverage } from '../../core/synced-population.ts';
import type { Queryable } from '../db/db.ts';
import { reviewedTickets, reviewsDone } from '../store/coverage.ts';
import { planOf } from '../store/plans.ts';
import { solvedPerAgent, solvedTickets, syncedState } from '../store/synced-population.ts';
import { spotlightIds } from './autoqa.ts';

/** How far back before the plan's week a solved ticket is still a candidate: on a Monday the week alone has none. */
export const CANDIDATE_WEEKS_BEFORE = 1;
const candidatesFrom = (from: Date) => new Date(from.getTime() - CANDIDATE_WEEKS_BEFORE * 7 * 86_400_000);

/**
 * The week's coverage against the plan, for any set of known agents; with synced tickets, every agent who solved one
 * in the week or the one before (the suggestions' candidates) is known, and the population says how many each solved
 * in the week and how many of those were reviewed.
 */
export async function weekCoverage(q: Queryable, account: string, week: IsoWeek, agentIds: readonly number[]): Promise<CoverageResponse> {
  const { from, to } = weekRange(week);
  const [{ plan }, done, synced] = await Promise.all([
    planOf(q, account),
    reviewsDone(q, account, from, to),
    weekPopulation(q, account, from, to),
  ]);
  const known = [...agentIds, ...(synced?.recent ?? [])];
  return { week, from: from.toISOString(), to: to.toISOString(), ...coverage(plan, done, known), population: synced?.population ?? null };
}

async function weekPopulation(q: Queryable, account: string, from: Date, to: Date) {
  const synced = await syncedState(q, account);
  if (!synced) return null;
  const [week, recent] = await Promise.all([solvedPerAgent(q, account, from, to), solvedPerAgent(q, account, candidatesFrom(from), from)]);
  return {
    population: populationCoverage(synced.lastSyncAt?.toISOString() ?? null, week),
    recent: recent.map((a) => a.agentId),
  };
}

/**
 * Tickets to review that fill the week's gaps (the current week unless the request names one), leaving out tickets
 * already reviewed. With synced tickets and the sync on, the candidates are every ticket solved in the week or the one
 * before (decision 028); else those the app read from Zendesk as the signed-in user. The picks are seeded by the week, so a reload does not
 * reshuffle them (docs/decisions/004-ticket-suggestions.md).
 */
export async function suggestReviews(q: Queryable, account: string, request: SuggestionsRequest, now: Date): Promise<SuggestionsResponse> {
  const week = request.week ?? isoWeekOf(now);
  // a sync turned off leaves tickets that stop at that day: this week's would be missing, so the browser reads them
  if ((await syncedState(q, account))?.on) return suggestFromSynced(q, account, week, request);
  if (request.candidates.length === 0) return { week, suggestions: [], alreadyReviewed: 0, source: 'none', candidates: 0 };
  const agents = [...new Set([...request.agentIds, ...request.candidates.map((t) => t.assigneeId)])];
  const report = await weekCoverage(q, account, week, agents);
  const exclude = new Set(
    await reviewedTickets(
      q,
      account,
      request.candidates.map((t) => t.ticketId),
    ),
  );
  const suggestions = suggestTickets(report.agents, request.candidates, {
    seed: request.seed ?? weekSeed(week),
    favour: request.favour,
    exclude,
  });
  return { week, suggestions, alreadyReviewed: exclude.size, source: 'browser', candidates: request.candidates.length };
}

/** Random within each agent's tickets solved in the week or the week before, from the synced population. */
async function suggestFromSynced(q: Queryable, account: string, week: IsoWeek, request: SuggestionsRequest): Promise<SuggestionsResponse> {
  const { from, to } = weekRange(week);
  const rows = await solvedTickets(q, account, candidatesFrom(from), to);
  // marked only when favoured: the AutoQA spotlight of the same tickets (decision 030)
  const spotlight = request.favour.spotlight
    ? await spotlightIds(q, account, { from: candidatesFrom(from), until: to })
    : new Set<number>();
  const candidates = rows.map((r) => ({
    ticketId: r.ticketId,
    assigneeId: r.assigneeId,
    channel: r.channel,
    subject: r.subject.slice(0, 500),
    solvedAt: r.solvedAt.toISOString(),
    reopens: r.reopens,
    csat: csatOutcome(r.csatScore),
    fullResolutionMinutes: r.fullResolutionMinutes,
    spotlight: spotlight.has(r.ticketId),
  }));
  const exclude = new Set(rows.filter((r) => r.reviewed).map((r) => r.ticketId));
  const report = await weekCoverage(q, account, week, request.agentIds);
  const suggestions = suggestTickets(report.agents, candidates, { seed: request.seed ?? weekSeed(week), favour: request.favour, exclude });
  return { week, suggestions, alreadyReviewed: exclude.size, source: 'synced', candidates: candidates.length };
}
