import { z } from 'zod';
import { EvaluationListQuery, ScorecardDraftUpdate, ScorecardExportQuery, ScorecardListQuery, WhatIfRequest } from '../../core/api.ts';
import { CalibrationListQuery, CalibrationSessionCreate } from '../../core/calibration.ts';
import { CoachingListQuery, CoachingNoteCreate } from '../../core/coaching.ts';
import { AccountPolicy, PolicyChange } from '../../core/policy.ts';
import { CoverageQuery, MonitoringPlan, SuggestionsRequest } from '../../core/coverage.ts';
import { DraftListQuery, DraftSave } from '../../core/draft.ts';
import { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, StatusChange, type QaRole } from '../../core/evaluation.ts';
import { Breakdown, BreakdownQuery, ReportFilters, RootCauseQuery, RootCauses, Summary, Trend, TrendQuery } from '../../core/reports.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { TargetCreate } from '../../core/targets.ts';
import { TicketListQuery } from '../../core/ticket-reports.ts';
import { ADMIN, LEADS, STAFF } from '../auth.ts';
import { RetentionRequest, RetentionResult } from '../routes/retention.ts';
import { ApiKeyCreate } from '../routes/api-keys.ts';
import { SidebarQuery } from '../routes/sidebar.ts';
import { TargetListQuery } from '../routes/targets.ts';
import {
  described,
  EvaluationDetail,
  EvaluationPage,
  EvaluationViewSchema,
  Health,
  ScorecardList,
  ScorecardSummarySchema,
  ScorecardVersionViewSchema,
} from './views.ts';

/** One documented route. Paths use Hono's `:param` syntax, as mounted by createApp. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  /** Who may call it; `public` needs no token. */
  roles: readonly QaRole[] | 'public';
  /** Extra words on permissions (an agent's scope, owner rules). */
  access?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out (withdraw, acknowledge: only an optional `lockVersion`). */
  bodyOptional?: true;
  /** Named schemas become components; the success status defaults to 200. */
  response: { name: string; schema: z.ZodType; status?: 200 | 201 } | { csv: string } | { noContent: true } | { html: string };
  /** An HTML form body (the signed location load), described in words. */
  form?: string;
  /** Domain errors beyond the ones every authenticated route has (400, 401, 403, 500). */
  errors?: Array<404 | 409 | 422>;
}

const ANYONE: readonly QaRole[] = ['admin', 'lead', 'reviewer', 'agent'];
const V1 = '/api/v1';
// the account policy widens who manages scorecards; the roles column names the fixed minimum
const MANAGERS = 'admins, and the QA roles the account policy (GET /api/v1/policy) names';

// same table shape for every resource; a route missing here fails openapi's test
export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', tag: 'service', summary: 'Liveness and storage kind', roles: 'public', response: { name: 'Health', schema: Health } },
  {
    method: 'get',
    path: `${V1}/openapi.json`,
    tag: 'service',
    summary: 'This document',
    roles: 'public',
    response: { name: 'OpenApiDocument', schema: described('OpenAPI 3.1 document') },
  },

  // scorecards
  {
    method: 'post',
    path: `${V1}/scorecards`,
    tag: 'scorecards',
    summary: 'Create a scorecard; version 1 is a draft',
    roles: ADMIN,
    access: MANAGERS,
    body: ScorecardDefinition,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema, status: 201 },
  },
  {
    method: 'post',
    path: `${V1}/scorecards/import`,
    tag: 'scorecards',
    summary: 'Import a scorecard in the public JSON format (DESIGN.md §3.4) as a new draft',
    roles: ADMIN,
    access: MANAGERS,
    body: ScorecardDefinition,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema, status: 201 },
  },
  {
    method: 'get',
    path: `${V1}/scorecards`,
    tag: 'scorecards',
    summary: 'List scorecards with their versions',
    roles: ANYONE,
    access: 'drafts are shown to scorecard managers only',
    query: ScorecardListQuery,
    response: { name: 'ScorecardList', schema: ScorecardList },
  },
  {
    method: 'get',
    path: `${V1}/scorecards/:id`,
    tag: 'scorecards',
    summary: 'One scorecard with its versions',
    roles: ANYONE,
    response: { name: 'ScorecardSummary', schema: ScorecardSummarySchema },
    errors: [404],
  },
  {
    method: 'get',
    path: `${V1}/scorecards/:id/versions/:version`,
    tag: 'scorecards',
    summary: 'One version of a scorecard',
    roles: ANYONE,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: `${V1}/scorecards/:id/export`,
    tag: 'scorecards',
    summary: 'Export a version in the public JSON format (the current published one by default)',
    roles: ANYONE,
    query: ScorecardExportQuery,
    response: { name: 'ScorecardDefinition', schema: ScorecardDefinition },
    errors: [404],
  },
  {
    method: 'put',
    path: `${V1}/scorecards/:id/draft`,
    tag: 'scorecards',
    summary: 'Save the draft; a stale lockVersion is a conflict',
    roles: ADMIN,
    access: MANAGERS,
    body: ScorecardDraftUpdate,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema },
    errors: [404, 409, 422],
  },
  {
    method: 'post',
    path: `${V1}/scorecards/:id/draft`,
    tag: 'scorecards',
    summary: 'Start a draft of the next version from the current one',
    roles: ADMIN,
    access: MANAGERS,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema, status: 201 },
    errors: [404, 409, 422],
  },
  {
    method: 'post',
    path: `${V1}/scorecards/:id/publish`,
    tag: 'scorecards',
    summary: 'Publish the draft; published versions never change',
    roles: ADMIN,
    access: MANAGERS,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema },
    errors: [404, 409, 422],
  },
  {
    method: 'post',
    path: `${V1}/scorecards/:id/archive`,
    tag: 'scorecards',
    summary: 'Archive: no new evaluations; existing ones stay',
    roles: ADMIN,
    access: MANAGERS,
    response: { name: 'ScorecardSummary', schema: ScorecardSummarySchema },
    errors: [404, 422],
  },
  {
    method: 'post',
    path: `${V1}/scorecards/:id/duplicate`,
    tag: 'scorecards',
    summary: 'Copy a scorecard into a new draft scorecard',
    roles: ADMIN,
    access: MANAGERS,
    response: { name: 'ScorecardVersionView', schema: ScorecardVersionViewSchema, status: 201 },
    errors: [404],
  },
  {
    method: 'post',
    path: `${V1}/scorecards/:id/what-if`,
    tag: 'scorecards',
    summary: 'Rescore recent evaluations with an edited definition, without storing anything',
    roles: ADMIN,
    access: MANAGERS,
    body: WhatIfRequest,
    response: { name: 'WhatIfResult', schema: described('WhatIfResult') },
    errors: [404],
  },

  // evaluations
  {
    method: 'post',
    path: `${V1}/evaluations`,
    tag: 'evaluations',
    summary:
      'Store an evaluation; the server scores it. 201 when new, 200 on an identical replay of the same id; 422 for a review ' +
      'whose revieweeId is the caller (no one reviews themselves: kind self-review is for that)',
    roles: STAFF,
    body: EvaluationCreate,
    response: { name: 'EvaluationView', schema: EvaluationViewSchema, status: 201 },
    errors: [404, 409, 422],
  },
  {
    method: 'get',
    path: `${V1}/evaluations`,
    tag: 'evaluations',
    summary: 'List evaluations, newest first, one page at a time',
    roles: ANYONE,
    access: 'an agent lists only evaluations of their own work',
    query: EvaluationListQuery,
    response: { name: 'EvaluationPage', schema: EvaluationPage },
  },
  {
    method: 'get',
    path: `${V1}/evaluations/:id`,
    tag: 'evaluations',
    summary: 'One evaluation with its history',
    roles: ANYONE,
    access:
      'an agent reads only evaluations of their own work; another reviewer’s calibration evaluation is 404 until the caller has ' +
      'submitted theirs in that session (agents: always)',
    response: { name: 'EvaluationDetail', schema: EvaluationDetail },
    errors: [404],
  },
  {
    method: 'put',
    path: `${V1}/evaluations/:id`,
    tag: 'evaluations',
    summary:
      'Amend the answers (history is kept); rescored by the server. Optimistic lock: the body carries `lockVersion`, the ' +
      "evaluation's `lockVersion` as read; 409 when it changed since (reload, apply the change again). An acknowledged " +
      'evaluation goes back to `submitted` with `changedSinceAcknowledgement: true`, for the agent to acknowledge again. ' +
      '422 when a review would name its reviewer as reviewee (no one reviews themselves)',
    roles: STAFF,
    access: 'its reviewer, a lead or an admin; never the reviewee of a review (403)',
    body: EvaluationAmend,
    response: { name: 'EvaluationView', schema: EvaluationViewSchema },
    errors: [404, 409, 422],
  },
  ...(
    [
      ['withdraw', 'Withdraw (final; no longer counted in reports). Optional body `{ lockVersion }`: 409 when stale', StatusChange, 'its reviewer, a lead or an admin'],
      ['acknowledge', 'Acknowledge as the reviewee (again after a change: `changedSinceAcknowledgement`). Optional body `{ lockVersion }`: 409 when stale', StatusChange, 'the reviewee'],
      ['dispute', 'Dispute as the reviewee, with a reason and the disputed criteria (none: the whole evaluation). Optional `lockVersion`: 409 when stale', Dispute, 'the reviewee'],
      [
        'resolve',
        'Resolve a dispute. Rejected: the score stays (no answers). Upheld: `answers` holds new answers for exactly the disputed ' +
          'criteria (every criterion when the dispute named none), scored with the evaluation’s scorecard version; in one ' +
          'transaction the evaluation is amended and rescored, the history gets an `amend` entry with `detail.resolutionId` ' +
          '(= `dispute.resolutionId`) and a `resolve` entry, and both are audited. Optional `lockVersion`: 409 when stale',
        DisputeResolution,
        'a lead or an admin who is neither its reviewer nor its reviewee',
      ],
    ] as const
  ).map(
    ([action, summary, body, access]): Operation => ({
      method: 'post',
      path: `${V1}/evaluations/:id/${action}`,
      tag: 'evaluations',
      summary,
      roles: action === 'resolve' ? LEADS : ANYONE,
      access,
      body,
      ...(body === StatusChange ? { bodyOptional: true as const } : {}),
      response: { name: 'EvaluationView', schema: EvaluationViewSchema },
      errors: [404, 409, 422],
    }),
  ),
  {
    method: 'get',
    path: `${V1}/sidebar`,
    tag: 'evaluations',
    summary: "Everything the ticket sidebar shows for a ticket in one call",
    roles: ANYONE,
    query: SidebarQuery,
    response: { name: 'SidebarBundle', schema: described('sidebar bundle: scorecards, versions, evaluations, the calibration sessions the user is invited to on the ticket, coaching notes') },
  },

  // people
  {
    method: 'delete',
    path: `${V1}/people/:userId`,
    tag: 'people',
    summary: "Erase one person's data in every table, in one transaction: their evaluations as reviewee, coaching notes and targets on them and their plan targets are deleted; what they did is kept under one pseudonym",
    roles: ADMIN,
    response: {
      name: 'Erasure',
      schema: z.object({
        erasedEvaluations: z.number(),
        pseudonymisedEvaluations: z.number(),
        erasedCoachingNotes: z.number(),
        erasedTargets: z.number(),
        erasedPlanTargets: z.number(),
        pseudonym: z.number(),
      }),
    },
  },
  {
    method: 'post',
    path: `${V1}/retention`,
    tag: 'people',
    summary: 'Delete evaluations older than olderThanDays, with their answers, history and coaching notes; reports are rebuilt',
    roles: ADMIN,
    body: RetentionRequest,
    response: { name: 'RetentionResult', schema: RetentionResult },
  },

  // account policy
  {
    method: 'get',
    path: `${V1}/policy`,
    tag: 'policy',
    summary: 'The account policy: which QA roles besides admins manage scorecards, which Zendesk groups are reviewers and QA leads',
    roles: ANYONE,
    response: { name: 'AccountPolicy', schema: AccountPolicy },
  },
  {
    method: 'put',
    path: `${V1}/policy`,
    tag: 'policy',
    summary: 'Change the account policy (audited); keys left out keep their value; admins always manage scorecards, agents never',
    roles: ADMIN,
    body: PolicyChange,
    response: { name: 'AccountPolicy', schema: AccountPolicy },
  },

  // reports
  {
    method: 'get',
    path: `${V1}/reports/summary`,
    tag: 'reports',
    summary: 'Count, average score, pass rate and critical-fail rate, each with n and a 95% interval',
    roles: ANYONE,
    access: 'an agent gets the figures of their own work only',
    query: ReportFilters,
    response: { name: 'Summary', schema: Summary },
  },
  {
    method: 'get',
    path: `${V1}/reports/trend`,
    tag: 'reports',
    summary: 'The summary figures per week (from Monday, UTC) or month, empty periods included',
    roles: ANYONE,
    access: 'an agent gets the figures of their own work only',
    query: TrendQuery,
    response: { name: 'Trend', schema: Trend },
  },
  {
    method: 'get',
    path: `${V1}/reports/breakdown`,
    tag: 'reports',
    summary: 'The figures by reviewee, group, channel, scorecard or criterion, weakest first',
    roles: ANYONE,
    access: 'an agent gets the figures of their own work only',
    query: BreakdownQuery,
    response: { name: 'Breakdown', schema: Breakdown },
  },
  {
    method: 'get',
    path: `${V1}/reports/root-causes`,
    tag: 'reports',
    summary: 'Root-cause counts with their kinds, most frequent first',
    roles: ANYONE,
    access: 'an agent gets the figures of their own work only',
    query: RootCauseQuery,
    response: { name: 'RootCauses', schema: RootCauses },
  },
  {
    method: 'get',
    path: `${V1}/reports/coverage`,
    tag: 'reports',
    summary: 'Evaluations per agent in an ISO week against the monitoring plan',
    roles: STAFF,
    query: CoverageQuery,
    response: { name: 'CoverageResponse', schema: described('CoverageResponse') },
  },
  {
    method: 'get',
    path: `${V1}/reports/tickets`,
    tag: 'reports',
    summary: 'The evaluated tickets behind a figure, with their QA scores and ticket metrics',
    roles: ANYONE,
    access: 'an agent gets their own work only',
    query: TicketListQuery,
    response: { name: 'TicketList', schema: described('{ items: TicketRow[] }') },
  },
  {
    method: 'get',
    path: `${V1}/reports/qa-vs-metrics`,
    tag: 'reports',
    summary: 'QA scores beside reply and resolution times, reopens and CSAT, and where QA and CSAT disagree',
    roles: ANYONE,
    access: 'an agent gets their own work only',
    query: ReportFilters,
    response: { name: 'QaVsMetrics', schema: described('QaVsMetrics') },
  },
  {
    method: 'get',
    path: `${V1}/exports/evaluations.csv`,
    tag: 'reports',
    summary: 'CSV (RFC 4180), one row per answer, streamed; cells a spreadsheet would run as formulas get a leading quote',
    roles: ANYONE,
    access: 'an agent exports their own work only',
    query: ReportFilters,
    response: { csv: 'evaluation_id, created_at, ticket_id, reviewee_id, reviewer_id, scorecard_id, ..., criterion_id, rating, fraction, na, ...' },
  },

  // monitoring plan, suggestions
  {
    method: 'get',
    path: `${V1}/plan`,
    tag: 'planning',
    summary: 'The monitoring plan: evaluations per agent per week, overall and per channel',
    roles: STAFF,
    response: { name: 'MonitoringPlanView', schema: described('{ plan: MonitoringPlan, updatedAt, updatedBy }') },
  },
  {
    method: 'put',
    path: `${V1}/plan`,
    tag: 'planning',
    summary: 'Set the monitoring plan',
    roles: LEADS,
    body: MonitoringPlan,
    response: { name: 'MonitoringPlanView', schema: described('{ plan: MonitoringPlan, updatedAt, updatedBy }') },
  },
  {
    method: 'post',
    path: `${V1}/suggestions`,
    tag: 'planning',
    summary: 'Tickets to review that fill coverage gaps (random per agent, optionally favouring reopens, low CSAT, long resolution)',
    roles: STAFF,
    body: SuggestionsRequest,
    response: { name: 'SuggestionsResponse', schema: described('SuggestionsResponse') },
  },

  // calibration
  {
    method: 'post',
    path: `${V1}/calibration-sessions`,
    tag: 'calibration',
    summary: 'Start a calibration session on a ticket and invite reviewers',
    roles: LEADS,
    body: CalibrationSessionCreate,
    response: { name: 'CalibrationSession', schema: described('CalibrationSession'), status: 201 },
    errors: [404, 422],
  },
  {
    method: 'get',
    path: `${V1}/calibration-sessions`,
    tag: 'calibration',
    summary: 'List calibration sessions',
    roles: STAFF,
    query: CalibrationListQuery,
    response: { name: 'CalibrationSessionList', schema: described('{ items: CalibrationSession[] }') },
  },
  {
    method: 'get',
    path: `${V1}/calibration-sessions/history`,
    tag: 'calibration',
    summary: 'Over time: which criteria reviewers disagree on most, and each reviewer against the baselines',
    roles: LEADS,
    query: ReportFilters.pick({ from: true, to: true, scorecardId: true }),
    response: { name: 'CalibrationHistory', schema: described('{ sessions, ...CalibrationHistory }') },
  },
  {
    method: 'get',
    path: `${V1}/calibration-sessions/:id`,
    tag: 'calibration',
    summary: 'One session and who has submitted (not what)',
    roles: STAFF,
    response: { name: 'CalibrationSession', schema: described('CalibrationSession') },
    errors: [404],
  },
  {
    method: 'get',
    path: `${V1}/calibration-sessions/:id/report`,
    tag: 'calibration',
    summary: "Each reviewer against the baseline, and the agreement of all (Krippendorff's alpha, ordinal, N/A missing)",
    roles: STAFF,
    access: 'an invited reviewer after submitting, or a lead',
    response: { name: 'CalibrationSessionReport', schema: described('CalibrationSessionReport') },
    errors: [404, 422],
  },
  {
    method: 'post',
    path: `${V1}/calibration-sessions/:id/close`,
    tag: 'calibration',
    summary: 'Close a session',
    roles: LEADS,
    response: { name: 'CalibrationSession', schema: described('CalibrationSession') },
    errors: [404, 422],
  },

  // targets
  {
    method: 'get',
    path: `${V1}/targets`,
    tag: 'targets',
    summary: 'SMART targets with progress',
    roles: ANYONE,
    access: "an agent sees their own targets only",
    query: TargetListQuery,
    response: { name: 'TargetList', schema: described('{ items: Target[] }') },
  },
  {
    method: 'get',
    path: `${V1}/targets/:id`,
    tag: 'targets',
    summary: 'One target with its progress',
    roles: ANYONE,
    response: { name: 'Target', schema: described('Target') },
    errors: [404],
  },
  {
    method: 'post',
    path: `${V1}/targets`,
    tag: 'targets',
    summary: 'Set a target for an agent or a group',
    roles: LEADS,
    body: TargetCreate,
    response: { name: 'Target', schema: described('Target'), status: 201 },
  },
  {
    method: 'put',
    path: `${V1}/targets/:id`,
    tag: 'targets',
    summary: 'Change a target',
    roles: LEADS,
    body: TargetCreate,
    response: { name: 'Target', schema: described('Target') },
    errors: [404],
  },
  {
    method: 'delete',
    path: `${V1}/targets/:id`,
    tag: 'targets',
    summary: 'Remove (archive) a target',
    roles: LEADS,
    response: { noContent: true },
    errors: [404],
  },

  // coaching
  {
    method: 'post',
    path: `${V1}/coaching-notes`,
    tag: 'coaching',
    summary: 'Write a coaching note on an evaluation',
    roles: STAFF,
    body: CoachingNoteCreate,
    response: { name: 'CoachingNote', schema: described('CoachingNote'), status: 201 },
    errors: [404],
  },
  {
    method: 'get',
    path: `${V1}/coaching-notes`,
    tag: 'coaching',
    summary: 'Coaching notes of an evaluation or an agent',
    roles: ANYONE,
    access: 'an agent reads only notes on their own work',
    query: CoachingListQuery,
    response: { name: 'CoachingNoteList', schema: described('{ items: CoachingNote[] }') },
  },
  {
    method: 'post',
    path: `${V1}/coaching-notes/:id/acknowledge`,
    tag: 'coaching',
    summary: 'Acknowledge a coaching note as the agent',
    roles: ANYONE,
    access: 'only the coached agent',
    response: { name: 'CoachingNote', schema: described('CoachingNote') },
    errors: [404],
  },

  // drafts: a reviewer's unsent work, saved as they score
  {
    method: 'get',
    path: `${V1}/drafts`,
    tag: 'drafts',
    summary: "The caller's own drafts on a ticket, newest first",
    roles: STAFF,
    query: DraftListQuery,
    response: { name: 'DraftList', schema: described('{ items: StoredDraft[] }') },
  },
  {
    method: 'put',
    path: `${V1}/drafts/:ticketId/:slot`,
    tag: 'drafts',
    summary: 'Saves a draft from the revision it started at (null: new); slot is the scorecard id or calibration-<session id>',
    roles: STAFF,
    body: DraftSave,
    response: { name: 'SavedDraft', schema: described('{ draft: StoredDraft }') },
    errors: [409, 422],
  },
  {
    method: 'delete',
    path: `${V1}/drafts/:ticketId/:slot`,
    tag: 'drafts',
    summary: 'Discards a draft (idempotent); a stored evaluation deletes its own draft',
    roles: STAFF,
    response: { noContent: true },
  },

  // identity: signed location loads, sessions, API keys
  {
    method: 'post',
    path: '/app/:page',
    tag: 'identity',
    summary: 'A location page (ticket-sidebar.html, nav-bar.html) as Zendesk loads it with signed URLs',
    roles: 'public',
    form: 'application/x-www-form-urlencoded with `token`: the JWT Zendesk signed (RS256) for this user, installation and location',
    response: { html: 'the page with a new session in `#ticket-qa-boot`; 401 refused token, 403 no QA role, 429 throttled, 503 Zendesk unreachable' },
  },
  {
    method: 'get',
    path: '/app/:path',
    tag: 'identity',
    summary: 'The app’s scripts and styles (public); a page asked for by GET answers 401: it opens only through Zendesk',
    roles: 'public',
    response: { html: 'a file of the built app' },
  },
  {
    method: 'get',
    path: `${V1}/me`,
    tag: 'identity',
    summary: 'Who the service says you are: the verified user, their QA role (from Zendesk and the account policy) and how you signed in',
    roles: ANYONE,
    response: { name: 'Me', schema: described('Me') },
  },
  {
    method: 'delete',
    path: `${V1}/sessions/current`,
    tag: 'identity',
    summary: 'Sign out: ends the session this request carries',
    roles: ANYONE,
    response: { noContent: true },
  },
  {
    method: 'delete',
    path: `${V1}/sessions/users/:userId`,
    tag: 'identity',
    summary: 'Ends every session of a user (audited)',
    roles: ADMIN,
    response: { name: 'RevokedSessions', schema: described('RevokedSessions') },
  },
  {
    method: 'get',
    path: `${V1}/api-keys`,
    tag: 'identity',
    summary: 'API keys for machines (BI tools, scripts): name, role, prefix, created, last used, revoked; never the secret',
    roles: ADMIN,
    response: { name: 'ApiKeyList', schema: described('ApiKeyList') },
  },
  {
    method: 'post',
    path: `${V1}/api-keys`,
    tag: 'identity',
    summary: 'Creates an API key (audited); the secret is in this answer only. Keys may only read (GET)',
    roles: ADMIN,
    body: ApiKeyCreate,
    response: { name: 'CreatedApiKey', schema: described('CreatedApiKey'), status: 201 },
  },
  {
    method: 'delete',
    path: `${V1}/api-keys/:id`,
    tag: 'identity',
    summary: 'Revokes an API key (audited)',
    roles: ADMIN,
    response: { name: 'RevokedApiKey', schema: described('RevokedApiKey') },
    errors: [404],
  },
];
