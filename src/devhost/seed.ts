/**
 * Demo data for the QA service, written through its own API (so every rule, score and audit entry is real):
 * the starter scorecards published by the admin, then four weeks of evaluations by the reviewers, with
 * acknowledgements, disputes and their resolutions by the reviewees and the lead. Runs once per database.
 * Each person acts through a real session: a load signed as Zendesk signs it, the session read from the page,
 * and the role the service resolved from the local Zendesk (never claimed by the seed).
 */
import { randomUUID } from 'node:crypto';
import { bootOf, signedLoad } from './app-token.ts';
import { scaleOptions, allCriteria, type ScorecardDefinition, type ScorecardDefinitionInput } from '../core/scorecard.ts';
import { TEMPLATES } from '../core/templates.ts';
import type { Answer } from '../core/answers.ts';
import { IDS } from './sample-data.ts';
import type { ZendeskState } from './zendesk-state.ts';

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

/** mulberry32: small, fast, reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// how good each agent usually is: the chance a criterion gets the top rating, and of a critical slip
const AGENTS = [
  { id: IDS.users.alex, skill: 0.82, slip: 0.02, groups: [IDS.groups.support, IDS.groups.escalations] },
  { id: IDS.users.sam, skill: 0.7, slip: 0.05, groups: [IDS.groups.billing, IDS.groups.support] },
  { id: IDS.moreAgents.jordan, skill: 0.88, slip: 0.01, groups: [IDS.groups.support] },
  { id: IDS.moreAgents.mia, skill: 0.62, slip: 0.06, groups: [IDS.groups.billing] },
  { id: IDS.moreAgents.omar, skill: 0.76, slip: 0.03, groups: [IDS.groups.escalations, IDS.groups.support] },
];
const REVIEWERS = [
  { id: IDS.users.rita, share: 0.75 },
  { id: IDS.users.lee, share: 0.25 },
] as const;
const TEMPLATE_CHANNELS: Record<string, string[]> = { email: ['email', 'web'], chat: ['chat'], voice: ['voice'], complaint: ['email', 'web'] };
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
  const rnd = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  let at = new Date(options.now);
  const service = options.serviceAt({ now: () => at });
  const sessions = new Map<number, Promise<string>>();
  const sessionOf = (userId: number) => {
    let session = sessions.get(userId);
    if (!session) {
      session = (async () => {
        const res = await signedLoad(service, await options.sign(userId), 'ticket-sidebar.html', {}, `https://${options.state.subdomain}.zendesk.com`);
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
  let ticketId = 1000;
  const perDay = options.perDay ?? 12;
  const sampleEvaluated = options.state.tickets().filter((t) => t.status === 'solved' || t.status === 'closed');
  for (let d = 0; d < days; d++) {
    const day = new Date(start.getTime() + (d + 1) * 86_400_000);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue; // QA happens on working days
    const count = Math.max(1, Math.round(perDay * (0.7 + rnd() * 0.6)));
    for (let n = 0; n < count; n++) {
      at = new Date(day.getTime() + (8 + rnd() * 9) * 3_600_000);
      const agent = pick(AGENTS);
      const reviewer = rnd() < REVIEWERS[0].share ? REVIEWERS[0] : REVIEWERS[1];
      const card = rnd() < 0.08 ? cards.find((c) => c.key === 'complaint')! : pick(cards.filter((c) => c.key !== 'complaint'));
      // the agents improve a little over the month: coaching works
      const skill = Math.min(0.97, agent.skill + (d / days) * 0.06);
      const answers = answer(card.definition, skill, agent.slip, rnd, pick);
      const csat = rnd() < 0.55 ? (rnd() < skill ? 'good' : 'bad') : rnd() < 0.5 ? 'offered' : null;
      const evaluation = (await call('/evaluations', reviewer, {
        id: randomUUID(),
        ticketId: ticketId++,
        revieweeId: agent.id,
        scorecardId: card.id,
        scorecardVersion: card.version,
        answers,
        overallComment: rnd() < 0.3 ? pick(['Solid work overall.', 'Good empathy, watch the accuracy.', 'Clear and friendly.']) : '',
        channel: pick(TEMPLATE_CHANNELS[card.key] ?? ['email']),
        groupId: pick(agent.groups),
        brandId: rnd() < 0.75 ? IDS.brands.acme : IDS.brands.acmePro,
        metrics: {
          firstReplyMinutes: Math.round(5 + rnd() * 300 * (1.2 - skill)),
          fullResolutionMinutes: Math.round(30 + rnd() * 3000 * (1.2 - skill)),
          reopens: rnd() < 0.1 ? 1 : 0,
          csat,
        },
      })) as { id: string; passed: boolean | null };
      evaluations++;
      const reviewee = { id: agent.id };
      at = new Date(at.getTime() + rnd() * 86_400_000);
      if (evaluation.passed === false && rnd() < 0.25) {
        // the agent disputes one criterion that was not given full marks
        const contested = answers.find((a) => 'rating' in a && a.rating !== bestRating(card.definition, a.criterionId));
        await call(`/evaluations/${evaluation.id}/dispute`, reviewee, { reason: pick(DISPUTE_REASONS), criterionIds: contested ? [contested.criterionId] : [] });
        disputes++;
        if (rnd() < 0.6 && d < days - 2) {
          at = new Date(at.getTime() + rnd() * 86_400_000);
          const upheld = rnd() < 0.4 && contested !== undefined;
          // no one judges their own case: when the lead scored it, the admin resolves it
          await call(`/evaluations/${evaluation.id}/resolve`, { id: reviewer.id === IDS.users.lee ? IDS.users.ada : IDS.users.lee }, {
            outcome: upheld ? 'upheld' : 'rejected',
            note: 'Discussed in the weekly calibration.',
            // an upheld dispute amends the disputed criterion
            ...(upheld ? { answers: [{ criterionId: contested.criterionId, rating: bestRating(card.definition, contested.criterionId) }] } : {}),
          });
        }
      } else if (rnd() < 0.55) {
        await call(`/evaluations/${evaluation.id}/acknowledge`, reviewee, {});
      }
    }
  }

  // a few evaluations of the local tickets themselves, so their sidebars show history
  for (const t of sampleEvaluated.slice(0, 4)) {
    const card = cards.find((c) => t.tags.includes('complaint') ? c.key === 'complaint' : TEMPLATE_CHANNELS[c.key]?.includes(t.channel) && c.key !== 'complaint');
    if (!card || t.assignee_id === null) continue;
    at = new Date(Date.parse(t.updated_at) + 3_600_000);
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
      metrics: {
        firstReplyMinutes: t.metrics.reply_time_in_minutes?.calendar ?? null,
        fullResolutionMinutes: t.metrics.full_resolution_time_in_minutes?.calendar ?? null,
        reopens: t.metrics.reopens,
        csat: t.satisfaction?.score ?? null,
      },
    });
    evaluations++;
  }
  return { seeded: true, scorecards: cards.length, evaluations, disputes };
}

/** The index of a criterion's top rating. */
function bestRating(card: ScorecardDefinition, criterionId: string): number {
  const found = allCriteria(card).find(({ criterion }) => criterion.id === criterionId);
  if (!found) return 0;
  const options = scaleOptions(found.criterion.scale);
  return options.reduce((best, o, i) => (o.fraction > options[best]!.fraction ? i : best), 0);
}

/** A plausible reviewer's answers: mostly the top rating, some middling ones with comments, rare critical slips. */
function answer(
  card: ScorecardDefinition,
  skill: number,
  slip: number,
  rnd: () => number,
  pick: <T>(items: readonly T[]) => T,
): Answer[] {
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
