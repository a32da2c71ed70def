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
import type { Queryable } from '../db/db.ts';
import { reviewedTickets, reviewsDone } from '../store/coverage.ts';
import { planOf } from '../store/plans.ts';

/** The week's coverage against the plan, for any set of known agents. */
export async function weekCoverage(q: Queryable, account: string, week: IsoWeek, agentIds: readonly number[]): Promise<CoverageResponse> {
  const { from, to } = weekRange(week);
  const [{ plan }, done] = await Promise.all([planOf(q, account), reviewsDone(q, account, from, to)]);
  return { week, from: from.toISOString(), to: to.toISOString(), ...coverage(plan, done, agentIds) };
}

/**
 * Tickets to review that fill the week's gaps (the current week unless the request names one), leaving out tickets
 * already reviewed. The candidates come from the app, which reads them from Zendesk as the signed-in user; the picks
 * are seeded by the week, so a reload does not reshuffle them (docs/decisions/004-ticket-suggestions.md).
 */
export async function suggestReviews(q: Queryable, account: string, request: SuggestionsRequest, now: Date): Promise<SuggestionsResponse> {
  const week = request.week ?? isoWeekOf(now);
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
  return { week, suggestions, alreadyReviewed: exclude.size };
}
