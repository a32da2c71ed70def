/**
 * Demo data for the QA service, written through its own API (so every rule, score and audit entry is real):
 * the starter scorecards published by the admin, then four weeks of evaluations by the reviewers, with
 * acknowledgements, disputes and their resolutions by the reviewees and the lead. Runs once per database.
 * Every evaluation is of a ticket the local Zendesk has: one its agents solved before (sample-history.ts), with its
 * assignee as the reviewee and its channel, group, brand and metrics; the QA fields the app would have written back
 * are left on the tickets that were not closed yet.
 * Each person acts through a real session: a load signed as Zendesk signs it, the session read from the page,
 * and the role the service resolved from the local Zendesk (never claimed by the seed).
 */
import { randomUUID } from 'node:crypto';
import { bootOf, signedLoad } from './app-token.ts';
import { scaleOptions, allCriteria, type ScorecardDefinition, type ScorecardDefinitionInput } from '../core/scorecard.ts';
import { TEMPLATES } from '../core/templates.ts';
import type { Answer } from '../core/answers.ts';
import { seededRandom } from './random.ts';
import { IDS } from './sample-data.ts';
import { HISTORY_FIRST_ID } from './sample-history.ts';
import type { ZendeskState } from './zendesk-state.ts';
import type { ZdTicket } from './zendesk-types.ts';

/** A service instance whose clock the seed moves, so evaluations land on past days. */
export type ServiceAt = (clock: { now(): Date }) => { request(path: string, init?: RequestInit): Response | Promise<Response> };

export interface SeedOptions {
  /**
   * Builds the service over the same database with the given clock (`createApp({ db, clock, authClock: systemClock,
   * accounts, appFiles })`): sessions keep real time while evaluations land on past days.
   */
  serviceAt: ServiceAt;
  /** A location load token for the user, signed as the local Zendesk signs it. */
  sign: (userId: number) => Promise<string>;
  state: ZendeskState;
  now: Date;
  /** Days of history (default 28) and evaluations per working day (default 12). */
  days?: number;
  perDay?: number;
  /** Deterministic demo data: same seed, same evaluations. */
  seed?: number;
}

export interface SeedResult {
  seeded: boolean;
  scorecards: number;
  evaluations: number;
  disputes: number;
}

// how good each agent usually is: the chance a criterion gets the top rating, and of a critical slip
const AGENTS = [
  { id: IDS.users.alex, skill: 0.82, slip: 0.02 },
  { id: IDS.users.sam, skill: 0.7, slip: 0.05 },
  { id: IDS.moreAgents.jordan, skill: 0.88, slip: 0.01 },
  { id: IDS.moreAgents.mia, skill: 0.62, slip: 0.06 },
  { id: IDS.moreAgents.omar, skill: 0.76, slip: 0.03 },
];
const REVIEWERS = [
  { id: IDS.users.rita, share: 0.75 },
  { id: IDS.users.lee, share: 0.25 },
] as const;
const TEMPLATE_CHANNELS: Record<string, string[]> = {
  email: ['email', 'web'],
  chat: ['chat'],
  voice: ['voice'],
  complaint: ['email', 'web'],
};
const DISPUTE_REASONS = [
  'The customer asked for this wording; see the internal note.',
  'The policy changed last week; I followed the new one.',
  'The delay was caused by the payment provider outage, not by me.',
  'I did verify the identity, on the call before the ticket was created.',
];
const COMMENTS = [
  'Missed the chance to set expectations on timing.',
  'Tone was a bit abrupt here.',
  'Should have checked the order history first.',
  'Macro used without adapting it to the question.',
  'Good recovery, but the first answer was incomplete.',
];

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const rnd = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  let at = new Date(options.now);
  const service = options.serviceAt({ now: () => at });
  const sessions = new Map<number, Promise<string>>();
  const sessionOf = (userId: number) => {
    let session = sessions.get(userId);
    if (!session) {
      session = (async () => {
        const res = await signedLoad(
          service,
          await options.sign(userId),
          'ticket-sidebar.html',
          {},
          `https://${options.state.subdomain}.zendesk.com`,
        );
        const text = await res.text();
        if (res.status !== 200) throw new Error(`seed: the signed load of user ${userId} answered ${res.status}: ${text.slice(0, 500)}`);
        return bootOf(text).session;
      })();
      sessions.set(userId, session);
    }
    return session;
  };
  const call = async (path: string, actor: { id: number }, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const res = await service.request(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await sessionOf(actor.id)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seed: ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  // a Zendesk admin is an admin of Ticket QA without any policy
  const admin = { id: IDS.users.ada };

  const { items: list } = (await call('/scorecards', admin)) as { items: unknown[] };
  if (list.length > 0) return { seeded: false, scorecards: list.length, evaluations: 0, disputes: 0 };
  // which Zendesk groups review and lead, as the admin sets it in the nav bar: Rita reviews, Lee leads
  await call('/policy', admin, { reviewerGroupIds: [IDS.groups.qaReviewers], leadGroupIds: [IDS.groups.qaLeads] }, 'PUT');

  const days = options.days ?? 28;
  const start = new Date(options.now.getTime() - (days + 1) * 86_400_000);
  at = start;
  const cards: Array<{ key: string; id: string; version: number; definition: ScorecardDefinition }> = [];
  for (const [key, template] of Object.entries(TEMPLATES) as Array<[string, ScorecardDefinitionInput]>) {
    const created = (await call('/scorecards', admin, template)) as { id: string; version: number; definition: ScorecardDefinition };
    await call(`/scorecards/${created.id}/publish`, admin, {});
    cards.push({ key, id: created.id, version: created.version, definition: created.definition });
  }

  let evaluations = 0;
  let disputes = 0;
  const perDay = options.perDay ?? 12;
  const sampleEvaluated = options.state
    .tickets()
    .filter((t) => t.id < HISTORY_FIRST_ID && (t.status === 'solved' || t.status === 'closed'));
  const cardOf = (t: ZdTicket) =>
    t.tags.includes('complaint')
      ? cards.find((c) => c.key === 'complaint')
      : cards.find((c) => c.key !== 'complaint' && TEMPLATE_CHANNELS[c.key]?.includes(t.channel));
  const agentOf = (t: ZdTicket) => AGENTS.find((a) => a.id === t.assignee_id);
  // what the reviewers sample from: the account's solved tickets of the agents, on a channel a scorecard covers
  const solved = options.state.tickets().filter((t) => t.id >= HISTORY_FIRST_ID && t.metrics.solved_at !== null && agentOf(t) && cardOf(t));
  const reviewed = new Set<number>();
  const fieldsSet = new Set<number>();
  for (let d = 0; d < days; d++) {
    const day = new Date(start.getTime() + (d + 1) * 86_400_000);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue; // QA happens on working days
    const count = Math.max(1, Math.round(perDay * (0.7 + rnd() * 0.6)));
    for (let n = 0; n < count; n++) {
      at = new Date(day.getTime() + (8 + rnd() * 9) * 3_600_000);
      // a ticket solved before now and not reviewed yet, from the last week when there is one
      const open = solved.filter((t) => !reviewed.has(t.id) && Date.parse(t.metrics.solved_at!) < at.getTime());
      const lastWeek = open.filter((t) => at.getTime() - Date.parse(t.metrics.solved_at!) < 7 * 86_400_000);
      if (open.length === 0) break;
      const ticket = pick(lastWeek.length > 0 ? lastWeek : open);
      reviewed.add(ticket.id);
      const agent = agentOf(ticket)!;
      const card = cardOf(ticket)!;
      const reviewer = rnd() < REVIEWERS[0].share ? REVIEWERS[0] : REVIEWERS[1];
      // the agents improve a little over the month: coaching works
      const skill = Math.min(0.97, agent.skill + (d / days) * 0.06);
      const answers = answer(card.definition, skill, agent.slip, rnd, pick);
      const evaluation = (await call('/evaluations', reviewer, {
        id: randomUUID(),
        ticketId: ticket.id,
        revieweeId: agent.id,
        scorecardId: card.id,
        scorecardVersion: card.version,
        answers,
        overallComment: rnd() < 0.3 ? pick(['Solid work overall.', 'Good empathy, watch the accuracy.', 'Clear and friendly.']) : '',
        channel: ticket.channel,
        groupId: ticket.group_id,
        brandId: ticket.brand_id,
        metrics: metricsOf(ticket),
      })) as Scored & { id: string };
      evaluations++;
      if (writeBack(options.state, ticket, evaluation, at)) fieldsSet.add(ticket.id);
      const reviewee = { id: agent.id };
      at = new Date(at.getTime() + rnd() * 86_400_000);
      if (evaluation.passed === false && rnd() < 0.25) {
        // the agent disputes one criterion that was not given full marks
        const contested = answers.find((a) => 'rating' in a && a.rating !== bestRating(card.definition, a.criterionId));
        await call(`/evaluations/${evaluation.id}/dispute`, reviewee, {
          reason: pick(DISPUTE_REASONS),
          criterionIds: contested ? [contested.criterionId] : [],
        });
        disputes++;
        if (rnd() < 0.6 && d < days - 2) {
          at = new Date(at.getTime() + rnd() * 86_400_000);
          const upheld = rnd() < 0.4 && contested !== undefined;
          // no one judges their own case: when the lead scored it, the admin resolves it
          const resolved = await call(
            `/evaluations/${evaluation.id}/resolve`,
            { id: reviewer.id === IDS.users.lee ? IDS.users.ada : IDS.users.lee },
            {
              outcome: upheld ? 'upheld' : 'rejected',
              note: 'Discussed in the weekly calibration.',
              // an upheld dispute amends the disputed criterion
              ...(upheld
                ? { answers: [{ criterionId: contested.criterionId, rating: bestRating(card.definition, contested.criterionId) }] }
                : {}),
            },
          );
          // an amended score is written back again
          if (upheld && isScored(resolved) && writeBack(options.state, ticket, resolved, at)) fieldsSet.add(ticket.id);
        }
      } else if (rnd() < 0.55) {
        await call(`/evaluations/${evaluation.id}/acknowledge`, reviewee, {});
      }
    }
  }

  // a few evaluations of the local tickets themselves, so their sidebars show history
  for (const t of sampleEvaluated.slice(0, 4)) {
    const card = cards.find((c) =>
      t.tags.includes('complaint') ? c.key === 'complaint' : TEMPLATE_CHANNELS[c.key]?.includes(t.channel) && c.key !== 'complaint',
    );
    if (!card || t.assignee_id === null) continue;
    // an hour after its last change or its solving, whichever was later
    at = new Date(Math.max(Date.parse(t.updated_at), Date.parse(t.metrics.solved_at ?? t.updated_at)) + 3_600_000);
    if (at > options.now) at = new Date(options.now);
    await call('/evaluations', REVIEWERS[0], {
      id: randomUUID(),
      ticketId: t.id,
      revieweeId: t.assignee_id,
      scorecardId: card.id,
      scorecardVersion: card.version,
      answers: answer(card.definition, 0.75, 0.03, rnd, pick),
      overallComment: 'Reviewed in the weekly sample.',
      channel: t.channel,
      groupId: t.group_id,
      brandId: t.brand_id,
      metrics: metricsOf(t),
    });
    evaluations++;
  }
  if (fieldsSet.size > 0) options.state.changed();
  return { seeded: true, scorecards: cards.length, evaluations, disputes };
}

/** The ticket's numbers, as the sidebar sends them with an evaluation. */
function metricsOf(t: ZdTicket) {
  return {
    firstReplyMinutes: t.metrics.reply_time_in_minutes?.calendar ?? null,
    fullResolutionMinutes: t.metrics.full_resolution_time_in_minutes?.calendar ?? null,
    reopens: t.metrics.reopens,
    csat: t.satisfaction?.score ?? null,
  };
}

type Scored = { finalScore: number | null; passed: boolean | null; criticalFailures: string[] };
const isScored = (v: unknown): v is Scored => typeof v === 'object' && v !== null && Array.isArray((v as Scored).criticalFailures);

// Zendesk's automation closes a solved ticket after 4 days; a closed ticket takes no more updates
const CLOSES_AFTER_MS = 4 * 86_400_000;

/**
 * The QA fields the app writes back after a submit (as src/app/sidebar/write-back.ts does: the score to two decimals,
 * the result as critical fail, pass or fail), set on the ticket directly since the submit lies in the past; nothing
 * when the ticket was already closed then. Says whether it wrote.
 */
function writeBack(state: ZendeskState, t: ZdTicket, e: Scored, at: Date): boolean {
  if (t.status === 'closed' && at.getTime() >= Date.parse(t.metrics.solved_at ?? t.updated_at) + CLOSES_AFTER_MS) return false;
  const score = state.data.fields.find((f) => f.requirement === 'qa_score');
  const result = state.data.fields.find((f) => f.requirement === 'qa_result');
  if (score) state.setFieldValue(t, score, e.finalScore === null ? null : Math.round(e.finalScore * 100) / 100);
  if (result) state.setFieldValue(t, result, e.criticalFailures.length > 0 ? 'qa_critical_fail' : e.passed ? 'qa_pass' : 'qa_fail');
  return true;
}

/** The index of a criterion's top rating. */
function bestRating(card: ScorecardDefinition, criterionId: string): number {
  const found = allCriteria(card).find(({ criterion }) => criterion.id === criterionId);
  if (!found) return 0;
  const options = scaleOptions(found.criterion.scale);
  return options.reduce((best, o, i) => (o.fraction > options[best]!.fraction ? i : best), 0);
}

/** A plausible reviewer's answers: mostly the top rating, some middling ones with comments, rare critical slips. */
function answer(card: ScorecardDefinition, skill: number, slip: number, rnd: () => number, pick: <T>(items: readonly T[]) => T): Answer[] {
  return allCriteria(card)
    .filter(({ criterion }) => !criterion.metric)
    .map(({ criterion }): Answer => {
      if (criterion.allowNA && rnd() < 0.06) return { criterionId: criterion.id, na: true };
      const options = scaleOptions(criterion.scale);
      const byFraction = options.map((o, i) => ({ i, f: o.fraction })).sort((a, b) => a.f - b.f);
      const worst = byFraction[0]!.i;
      const best = byFraction.at(-1)!.i;
      let rating: number;
      if (criterion.critical) rating = rnd() < slip ? worst : best;
      else if (rnd() < skill) rating = best;
      else rating = byFraction[Math.floor(rnd() * (byFraction.length - 1))]!.i;
      const fraction = options[rating]!.fraction;
      const low = fraction < 1;
      const needsComment = criterion.commentRequiredAtOrBelow !== undefined && fraction <= criterion.commentRequiredAtOrBelow;
      return {
        criterionId: criterion.id,
        rating,
        ...(needsComment || (low && rnd() < 0.5) ? { comment: pick(COMMENTS) } : {}),
        ...(low && criterion.rootCauses.length > 0 && rnd() < 0.7 ? { rootCauses: [pick(criterion.rootCauses)] } : {}),
      };
    });
}
