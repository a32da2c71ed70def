import { z } from 'zod';
import { StoredDraft } from './draft.ts';
import { CalibrationSession } from './calibration.ts';
import { CoachingNote } from './coaching.ts';
import { Evaluation, EvaluationStatus, QaRole } from './evaluation.ts';
import { ScorecardDefinition, ScorecardStatus, ScorecardVersion } from './scorecard.ts';
import { IdText, PositiveInt32, safeText, ZendeskId } from './text.ts';

/**
 * The service's API contract beyond the domain schemas: request bodies, queries and response shapes. A response
 * schema with an `id` is a named component of the OpenAPI document (`#/components/schemas/<id>`); the service's
 * routes declare them (src/server/routes/), and the types here are what they infer.
 */

const PositiveInt = z.coerce.number().pipe(PositiveInt32);
const ZendeskIdParam = z.coerce.number().pipe(ZendeskId);
const Count = z.number().int().min(0);

/** Body of every error response; `issues` are path-named messages (`answers[2].rating: ...`). */
export const ErrorBody = z
  .object({
    error: z.string(),
    issues: z.array(z.string()).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A page of a list: `next` is the cursor of the following page, null on the last one. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().nullable() });
export type Page<T> = z.output<ReturnType<typeof pageOf<z.ZodType<T>>>>;

// ---------------------------------------------------------------------------------------------
// Service

export const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    storage: z.enum(['pglite', 'pg']),
    error: z.string().optional().describe('why it is unavailable'),
  })
  .meta({ id: 'Health' });

export const OpenApiDocument = z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument', description: 'OpenAPI 3.1 document' });

// ---------------------------------------------------------------------------------------------
// Scorecards

/** `PUT /scorecards/{id}/draft`: a stale `lockVersion` means someone else saved the draft meanwhile (409). */
export const ScorecardDraftUpdate = z.strictObject({
  definition: ScorecardDefinition,
  lockVersion: PositiveInt32,
});
export type ScorecardDraftUpdate = z.infer<typeof ScorecardDraftUpdate>;

export const ScorecardListQuery = z.strictObject({ status: ScorecardStatus.optional() });
export type ScorecardListQuery = z.infer<typeof ScorecardListQuery>;

export const ScorecardExportQuery = z.strictObject({ version: PositiveInt.optional() });
export type ScorecardExportQuery = z.infer<typeof ScorecardExportQuery>;

/** A version in the public JSON format, as exported (the same schema the import parses). */
export const ScorecardExport = ScorecardDefinition.meta({ id: 'ScorecardDefinition' });

const VersionStatus = z.enum(['draft', 'published']);

/** One stored version as the service returns it. */
export const ScorecardVersionView = ScorecardVersion.extend({
  name: z.string(),
  status: VersionStatus,
  lockVersion: z.number().int(),
}).meta({ id: 'ScorecardVersionView' });
export type ScorecardVersionView = z.infer<typeof ScorecardVersionView>;

export const ScorecardVersionInfo = ScorecardVersionView.pick({
  version: true,
  status: true,
  createdAt: true,
  publishedAt: true,
  lockVersion: true,
});
export type ScorecardVersionInfo = z.infer<typeof ScorecardVersionInfo>;

/** A scorecard with its versions; `draft` is shown to scorecard managers only. */
export const ScorecardSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    status: ScorecardStatus,
    currentVersion: z.number().int().nullable(),
    latestVersion: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
    evaluationCount: Count,
    versions: z.array(ScorecardVersionInfo),
    /** The current published version's definition. */
    current: ScorecardDefinition.nullable(),
    draft: z.object({ version: z.number().int(), lockVersion: z.number().int(), definition: ScorecardDefinition }).nullable().optional(),
  })
  .meta({ id: 'ScorecardSummary' });
export type ScorecardSummary = z.infer<typeof ScorecardSummary>;

export const ScorecardList = z.object({ items: z.array(ScorecardSummary) }).meta({ id: 'ScorecardList' });

export const WhatIfRequest = z.strictObject({ definition: ScorecardDefinition });
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;

/** A share of the re-scored evaluations as stored and under the draft, 0..1; null when none was re-scored. */
const WhatIfShare = z.object({ current: z.number().nullable(), whatIf: z.number().nullable() });

/**
 * The what-if re-scoring of recent evaluations under a draft (`POST /scorecards/:id/what-if`). Every figure covers
 * the same `n` evaluations, so a change is the draft's effect (decision 005): exact for them, not an estimate.
 */
export const WhatIfResult = z
  .object({
    days: z.number().int(),
    /** Mean stored final score of the evaluations that could be re-scored; null when none. */
    currentAverage: z.number().nullable(),
    /** Mean final score of the same evaluations under the draft; null when none. */
    whatIfAverage: z.number().nullable(),
    /** Share that passed, and would pass under the draft (its pass threshold and critical rules). */
    passRate: WhatIfShare,
    /** Share with at least one critical failure, and under the draft. */
    criticalFailRate: WhatIfShare,
    /** Evaluations that passed and would fail under the draft. */
    wouldFail: Count,
    /** Evaluations that failed and would pass under the draft. */
    wouldPass: Count,
    n: Count,
    /** Evaluations whose answers no longer fit the draft. */
    notRescored: Count,
  })
  .meta({ id: 'WhatIfResult' });
export type WhatIfResult = z.infer<typeof WhatIfResult>;

// ---------------------------------------------------------------------------------------------
// Evaluations

export const EvaluationListQuery = z.strictObject({
  ticketId: ZendeskIdParam.optional(),
  revieweeId: ZendeskIdParam.optional(),
  reviewerId: ZendeskIdParam.optional(),
  scorecardId: IdText.optional(),
  status: EvaluationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `next` of the previous page. */
  cursor: safeText(200).min(1).optional(),
});
export type EvaluationListQuery = z.infer<typeof EvaluationListQuery>;

export const StoredDispute = z.object({
  reason: z.string(),
  criterionIds: z.array(z.string()),
  raisedBy: z.number(),
  raisedAt: z.string(),
  outcome: z.enum(['upheld', 'rejected']).nullable(),
  note: z.string().nullable(),
  resolvedBy: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  /** Set on resolve; an upheld dispute's amendment names it in the history (`detail.resolutionId`). */
  resolutionId: z.string().optional(),
});
export type StoredDispute = z.infer<typeof StoredDispute>;

export const EvaluationView = Evaluation.extend({
  calibrationSessionId: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  dispute: StoredDispute.nullable(),
  lockVersion: z
    .number()
    .describe(
      'optimistic lock, +1 on every change: send it back as `lockVersion` with PUT (required) and with withdraw, acknowledge, dispute and resolve (optional); a stale one is refused with 409',
    ),
  changedSinceAcknowledgement: z
    .boolean()
    .describe('amended after the reviewee acknowledged it: the status went back to submitted, to be acknowledged again'),
  acknowledgedVersion: z.number().nullable().describe('the lockVersion the reviewee last acknowledged'),
}).meta({ id: 'EvaluationView' });
export type EvaluationView = z.infer<typeof EvaluationView>;

export const HistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number(),
  action: z.string(),
  detail: z
    .record(z.string(), z.unknown())
    .describe('why, beyond the action: { resolutionId, criterionIds } on the amendment of an upheld dispute'),
  snapshot: EvaluationView,
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const EvaluationDetail = EvaluationView.extend({ history: z.array(HistoryEntry) }).meta({ id: 'EvaluationDetail' });

export const EvaluationPage = pageOf(EvaluationView).meta({ id: 'EvaluationPage' });

/** `GET /sidebar?ticketId=`: the route's query (unknown parameters are refused like everywhere else). */
export const SidebarQuery = z.strictObject({ ticketId: z.coerce.number().pipe(ZendeskId) });

const SidebarVersion = z.object({ id: z.string(), version: z.number().int(), definition: ScorecardDefinition });

/** Everything the ticket sidebar shows for a ticket, in one answer (decision 009). */
export const SidebarBundle = z
  .object({
    scorecards: z.array(SidebarVersion).describe('the published scorecards; the app matches them against the ticket'),
    versions: z.array(SidebarVersion).describe('the versions the evaluations and sessions below were scored with'),
    evaluations: z.array(EvaluationView),
    calibrationSessions: z.array(CalibrationSession).describe('the open sessions on this ticket the user is invited to'),
    coachingNotes: z.array(CoachingNote),
    drafts: z.array(StoredDraft).describe("the user's own drafts on the ticket"),
  })
  .meta({ id: 'SidebarBundle' });

// ---------------------------------------------------------------------------------------------
// People, identity

export const Erasure = z
  .object({
    erasedEvaluations: Count,
    pseudonymisedEvaluations: Count,
    erasedCoachingNotes: Count,
    erasedTargets: Count,
    erasedPlanTargets: Count,
    /** Synced from Zendesk: comments they wrote or on tickets they asked for, and their user row (0 or 1). */
    erasedSyncedComments: Count,
    erasedSyncedUsers: Count,
    pseudonym: z.number().int(),
  })
  .meta({ id: 'Erasure' });

export const RetentionRequest = z.strictObject({
  olderThanDays: z.number().int().min(1).max(36_500),
});
export type RetentionRequest = z.infer<typeof RetentionRequest>;

export const RetentionResult = z.object({ deletedEvaluations: Count, before: z.string() }).meta({ id: 'RetentionResult' });
export type RetentionResult = z.infer<typeof RetentionResult>;

export const Me = z
  .object({
    account: z.string(),
    via: z.enum(['session', 'api-key']),
    user: z.object({ id: z.number().int(), name: z.string(), role: QaRole }),
  })
  .meta({ id: 'Me' });

export const RevokedSessions = z.object({ revoked: Count.describe('sessions ended') }).meta({ id: 'RevokedSessions' });

export const ApiKeyCreate = z.strictObject({
  name: safeText(80).trim().min(1),
  /** What the key may read: everything a lead or an admin reads. Keys never write. */
  role: z.enum(['lead', 'admin']),
});

const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['lead', 'admin']),
  prefix: z.string().describe('the start of the key, to recognise it; never the secret'),
  createdBy: z.number(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const ApiKeyList = z.object({ keys: z.array(ApiKeyView) }).meta({ id: 'ApiKeyList' });
export const CreatedApiKey = z
  .object({ key: ApiKeyView, secret: z.string().describe('shown in this answer only') })
  .meta({ id: 'CreatedApiKey' });
export const RevokedApiKey = z.object({ key: ApiKeyView }).meta({ id: 'RevokedApiKey' });
