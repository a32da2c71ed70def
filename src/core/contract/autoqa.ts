/**
 * `/autoqa`: the automatic checks' stored results (issue 16, decision 030): one ticket's results with their evidence
 * and the suggested rating of each pre-rated criterion, the checks' agreement with reviewers (trust) and its
 * thresholds, AutoQA figures over every synced ticket (kept apart from the human QA figures) and the spotlight of
 * tickets most worth a human look. Agents get none of it: an automatic result is a reviewer's starting point, not a
 * verdict on the agent's work (decision 030).
 */
import { z } from 'zod';
import { CheckId } from '../autoqa.ts';
import { Kappa } from '../kappa.ts';
import { ADMIN, LEADS, STAFF } from '../permissions.ts';
import { Figure } from '../reports.ts';
import { CalendarDate, IdText, Instant, safeText, ZendeskId } from '../text.ts';
import { contract, json, jsonBody } from './contract.ts';

const QueryId = z.coerce.number().pipe(ZendeskId);
const QueryDate = z.union([CalendarDate, Instant]);
const QueryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A span of one comment's stored body that decided a result: [start, end) in UTF-16 code units. */
export const AutoQaEvidence = z.object({
  commentId: z.number(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  note: z.string().optional(),
});
export type AutoQaEvidence = z.infer<typeof AutoQaEvidence>;

/** What a number means: unit, range where it has one, which way is better. */
export const AutoQaScale = z.object({
  unit: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  better: z.enum(['higher', 'lower', 'none']),
});

export const NotApplicableReason = z.enum([
  'too-short',
  'language-not-supported',
  'no-agent-reply',
  'no-customer-message',
  'no-metric',
  'no-text',
]);

/** One check's stored result for a ticket. `value` is null exactly when not applicable (then `reason` says why). */
export const AutoQaResult = z.object({
  checkId: CheckId,
  version: z.number().int(),
  applicable: z.boolean(),
  value: z.union([z.boolean(), z.number()]).nullable(),
  /** For number checks. */
  scale: AutoQaScale.nullable(),
  reason: NotApplicableReason.nullable(),
  detail: z.string().nullable(),
  language: z.string().nullable(),
  evidence: z.array(AutoQaEvidence),
  details: z.record(z.string(), z.number()).nullable(),
  computedAt: Instant,
  /** Whether the check agrees with reviewers enough to count (GET /autoqa/trust); shown either way on a ticket. */
  trusted: z.boolean(),
});
export type AutoQaResult = z.infer<typeof AutoQaResult>;

/** A pre-rated criterion of the asked scorecard version: the option its check's value maps to (core autoRating). */
export const AutoQaSuggestedRating = z.object({
  criterionId: z.string(),
  checkId: CheckId,
  /** The option index, null when the check is not applicable or no band matches: the reviewer rates it. */
  rating: z.number().int().nullable(),
  trusted: z.boolean(),
});
export type AutoQaSuggestedRating = z.infer<typeof AutoQaSuggestedRating>;

export const TicketAutoQaQuery = z.strictObject({
  /** With `version`: the scorecard version whose pre-rated criteria to rate; without, no `ratings`. */
  scorecardId: IdText.optional(),
  version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type TicketAutoQaQuery = z.infer<typeof TicketAutoQaQuery>;

export const TicketAutoQa = z.object({
  ticketId: z.number(),
  /** False when the ticket is not (yet) synced: no results. */
  synced: z.boolean(),
  /** False when the account's conversation text is off or the text is gone: only the metric checks ran. */
  text: z.boolean(),
  /** The synced ticket's updated time the results were computed from. */
  ticketUpdatedAt: Instant.nullable(),
  results: z.array(AutoQaResult),
  /** Present when a scorecard version was asked for (empty when it has no pre-rated criterion). */
  ratings: z.array(AutoQaSuggestedRating).nullable(),
});
export type TicketAutoQa = z.infer<typeof TicketAutoQa>;

// ---------------------------------------------------------------------------------------------
// Trust

export const AutoQaSettings = z.object({
  /** The least Cohen's kappa (its point estimate) a check needs to count in automatic figures. */
  minKappa: z.number().min(-1).max(1),
  /** The least number of ratings both the check and a reviewer gave before a check can be trusted. */
  minN: z.number().int().min(1).max(100_000),
  /** The account's own words (product names, jargon) the spelling check accepts, in any case. */
  spellingAllowList: z.array(z.string()),
  updatedAt: Instant.nullable(),
  updatedBy: z.number().nullable(),
});
export type AutoQaSettings = z.infer<typeof AutoQaSettings>;

/** At most this many words in an account's spelling allow-list, each at most `SPELLING_WORD_MAX` characters. */
export const SPELLING_ALLOW_MAX = 2000;
export const SPELLING_WORD_MAX = 64;

export const AutoQaSettingsChange = z.strictObject({
  minKappa: z.number().min(-1).max(1).optional(),
  minN: z.number().int().min(1).max(100_000).optional(),
  /** The whole allow-list (replaces the stored one): each word trimmed, not empty; duplicates in any case kept once. */
  spellingAllowList: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'a word of the spelling allow-list is empty')
        .max(SPELLING_WORD_MAX, `a word of the spelling allow-list has more than ${SPELLING_WORD_MAX} characters`),
    )
    .max(SPELLING_ALLOW_MAX, `the spelling allow-list has more than ${SPELLING_ALLOW_MAX} words`)
    .optional(),
});
export type AutoQaSettingsChange = z.infer<typeof AutoQaSettingsChange>;

/** Why a check is (not) trusted: agreement reaches the threshold, too few paired ratings, or kappa below it / undefined. */
export const TrustStatus = z.enum(['trusted', 'too-few', 'below-threshold']);
export type TrustStatus = z.infer<typeof TrustStatus>;

export const CriterionAgreement = z.object({
  scorecardId: z.string(),
  criterionId: z.string(),
  label: z.string(),
  /** Weighted (quadratic) over ordered scales with more than two options, unweighted otherwise. */
  weights: z.enum(['unweighted', 'linear', 'quadratic']),
  kappa: Kappa,
  /** Answers where the reviewer's rating differs from the suggested one. */
  overrides: z.number().int(),
});
export type CriterionAgreement = z.infer<typeof CriterionAgreement>;

export const CheckTrust = z.object({
  checkId: CheckId,
  /** Pooled over the criteria using the check (each answer one pair of the check's and the reviewer's rating). */
  kappa: Kappa,
  overrides: z.number().int(),
  status: TrustStatus,
  trusted: z.boolean(),
  criteria: z.array(CriterionAgreement),
});
export type CheckTrust = z.infer<typeof CheckTrust>;

export const AutoQaTrust = z.object({ settings: AutoQaSettings, checks: z.array(CheckTrust) });
export type AutoQaTrust = z.infer<typeof AutoQaTrust>;

// ---------------------------------------------------------------------------------------------
// Figures over the synced population

/** The report filters that say something about a synced ticket (solve time in the period), and untrusted checks on request. */
export const AutoQaFilters = z.strictObject({
  from: QueryDate.optional(),
  to: QueryDate.optional(),
  groupId: QueryId.optional(),
  channel: safeText(64).min(1).optional(),
  revieweeId: QueryId.optional(),
  /** 'true': untrusted checks are included too (each row says whether it is trusted). */
  includeUntrusted: QueryFlag.optional(),
});
export type AutoQaFilters = z.infer<typeof AutoQaFilters>;

/** One check's figures over a set of tickets: `pass` for yes/no checks (share yes), `mean` for number checks. */
export const AutoQaFigures = z.object({
  /** Tickets with a result that was applicable. */
  applicable: z.number().int(),
  /** Tickets with a result that was not applicable. */
  notApplicable: z.number().int(),
  pass: Figure.nullable(),
  mean: Figure.nullable(),
});
export type AutoQaFigures = z.infer<typeof AutoQaFigures>;

export const AutoQaRow = AutoQaFigures.extend({ key: z.string().nullable() });
export type AutoQaRow = z.infer<typeof AutoQaRow>;

export const AutoQaCheckSummary = z.object({
  checkId: CheckId,
  kind: z.enum(['boolean', 'number']),
  trusted: z.boolean(),
  all: AutoQaFigures,
  byAgent: z.array(AutoQaRow),
  byGroup: z.array(AutoQaRow),
  byChannel: z.array(AutoQaRow),
});
export type AutoQaCheckSummary = z.infer<typeof AutoQaCheckSummary>;

export const AutoQaSummary = z.object({
  /** 'none': nothing synced, no figures. */
  source: z.enum(['synced', 'none']),
  /** Synced tickets solved in the period (the filters applied): the 100% the figures are of. */
  tickets: z.number().int(),
  /** Of them, tickets with stored results. */
  checked: z.number().int(),
  checks: z.array(AutoQaCheckSummary),
});
export type AutoQaSummary = z.infer<typeof AutoQaSummary>;

export const SpotlightReason = z.enum(['low-auto', 'sentiment-drop', 'reopened', 'long-resolution']);
export type SpotlightReason = z.infer<typeof SpotlightReason>;

export const SpotlightQuery = AutoQaFilters.extend({ limit: z.coerce.number().int().min(1).max(200).optional() });
export type SpotlightQuery = z.infer<typeof SpotlightQuery>;

export const SpotlightTicket = z.object({
  ticketId: z.number(),
  agentId: z.number().nullable(),
  groupId: z.number().nullable(),
  channel: z.string(),
  subject: z.string().nullable(),
  solvedAt: Instant.nullable(),
  /** Higher: more worth a look. The sum of the reasons' weights. */
  score: z.number(),
  reasons: z.array(SpotlightReason),
  /** The reasons in words, with the figures behind them ("sentiment 3 → -4", "resolution 4,310 min"). */
  why: z.array(z.string()),
  /** Already reviewed (a review not withdrawn). */
  reviewed: z.boolean(),
});
export type SpotlightTicket = z.infer<typeof SpotlightTicket>;

export const Spotlight = z.object({ source: z.enum(['synced', 'none']), tickets: z.array(SpotlightTicket) });
export type Spotlight = z.infer<typeof Spotlight>;

// ---------------------------------------------------------------------------------------------
// Routes

export const ticketAutoQa = contract({
  method: 'get',
  path: '/autoqa/tickets/{ticketId}',
  tag: 'autoqa',
  summary:
    "One synced ticket's automatic results with their evidence (computed now when missing or stale), and for a scorecard version the suggested rating of each pre-rated criterion",
  roles: STAFF,
  access: 'agents get none: automatic results are for reviewers',
  request: { params: z.object({ ticketId: z.coerce.number().pipe(ZendeskId) }), query: TicketAutoQaQuery },
  responses: { 200: json(TicketAutoQa) },
});

export const autoQaTrust = contract({
  method: 'get',
  path: '/autoqa/trust',
  tag: 'autoqa',
  summary:
    "Each check's agreement with reviewers where both rated a criterion (Cohen's kappa with its 95% interval and n, per check and per criterion) and whether it is trusted under the account's thresholds",
  roles: LEADS,
  responses: { 200: json(AutoQaTrust) },
});

export const changeAutoQaSettings = contract({
  method: 'put',
  path: '/autoqa/settings',
  tag: 'autoqa',
  summary:
    "Change the least kappa and n a check needs to be trusted and the account's spelling allow-list (audited); keys left out keep their value",
  roles: ADMIN,
  request: { body: jsonBody(AutoQaSettingsChange) },
  responses: { 200: json(AutoQaTrust) },
});

export const autoQaSummary = contract({
  method: 'get',
  path: '/autoqa/summary',
  tag: 'autoqa',
  summary:
    'AutoQA figures over every synced ticket solved in the period, per check: applicable n, share passing or mean value, by agent, group and channel; trusted checks only unless includeUntrusted. Never mixed with human QA figures',
  roles: STAFF,
  request: { query: AutoQaFilters },
  responses: { 200: json(AutoQaSummary) },
});

export const autoQaSpotlight = contract({
  method: 'get',
  path: '/autoqa/spotlight',
  tag: 'autoqa',
  summary:
    'Synced tickets solved in the period most worth a human look (low automatic results, a customer sentiment drop, reopens, long resolution), highest first, with why',
  roles: STAFF,
  request: { query: SpotlightQuery },
  responses: { 200: json(Spotlight) },
});
