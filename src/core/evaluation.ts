import { z } from 'zod';
import { Answers } from './answers.ts';
import { IdText, PositiveInt32, safeText, Uuid, ZendeskId } from './text.ts';

export const EvaluationKind = z.enum(['review', 'self-review', 'calibration']);
export type EvaluationKind = z.infer<typeof EvaluationKind>;

export const EvaluationStatus = z.enum(['submitted', 'acknowledged', 'disputed', 'dispute-resolved', 'withdrawn']);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;

export const QaRole = z.enum(['admin', 'lead', 'reviewer', 'agent']);
export type QaRole = z.infer<typeof QaRole>;

/** Minutes as a ticket could have them (a century is far more than any). */
const Minutes = z
  .number()
  .min(0)
  .max(60 * 24 * 366 * 100);

/** Snapshot of the ticket's numbers at review time, for side-by-side reporting. */
export const MetricsSnapshot = z.strictObject({
  firstReplyMinutes: Minutes.nullable().default(null),
  fullResolutionMinutes: Minutes.nullable().default(null),
  reopens: z.number().int().min(0).max(100_000).nullable().default(null),
  csat: z.enum(['good', 'bad', 'offered', 'unoffered']).nullable().default(null),
});
export type MetricsSnapshot = z.infer<typeof MetricsSnapshot>;

/** What a client sends to create an evaluation; any client-sent score is ignored (the server scores). */
export const EvaluationCreate = z.strictObject({
  /** Made by the client, so a retry never duplicates; compared in lower case, as PostgreSQL prints a uuid. */
  id: Uuid,
  ticketId: ZendeskId,
  revieweeId: ZendeskId,
  scorecardId: IdText,
  scorecardVersion: PositiveInt32,
  answers: Answers,
  overallComment: safeText(10000).default(''),
  kind: EvaluationKind.default('review'),
  channel: safeText(64).nullable().default(null),
  groupId: ZendeskId.nullable().default(null),
  brandId: ZendeskId.nullable().default(null),
  metrics: MetricsSnapshot.optional(),
  calibrationSessionId: IdText.optional(),
  /** Accepted for convenience and ignored: the server computes scores. */
  rawScore: z.unknown().optional(),
  finalScore: z.unknown().optional(),
  passed: z.unknown().optional(),
  criticalFailures: z.unknown().optional(),
});
export type EvaluationCreate = z.infer<typeof EvaluationCreate>;

/** The evaluation's `lockVersion` as the client read it: a write on a changed evaluation is refused (409). */
export const LockVersion = PositiveInt32.describe(
  'the evaluation’s `lockVersion` as read (GET or the last write’s response); 409 when it has changed since',
);

export const EvaluationAmend = z.strictObject({
  answers: Answers,
  overallComment: safeText(10000).optional(),
  revieweeId: ZendeskId.optional(),
  lockVersion: LockVersion,
});
export type EvaluationAmend = z.infer<typeof EvaluationAmend>;

/** Body of withdraw and acknowledge: optional, and when `lockVersion` is sent it must be current (409 otherwise). */
export const StatusChange = z.strictObject({ lockVersion: LockVersion.optional() });
export type StatusChange = z.infer<typeof StatusChange>;

export const Dispute = z.strictObject({
  reason: safeText(5000).trim().min(1, 'must say why'),
  /** Criteria of the evaluation's scorecard version (422 for others), each once; none disputes the whole evaluation. */
  criterionIds: z
    .array(safeText(64).min(1))
    .max(500)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  lockVersion: LockVersion.optional(),
});
export type Dispute = z.infer<typeof Dispute>;

/**
 * Upheld: `answers` are the new answers of exactly the disputed criteria (every criterion when the dispute named
 * none), scored with the evaluation's scorecard version; the evaluation is amended with them. Rejected: no answers.
 */
export const DisputeResolution = z.strictObject({
  outcome: z.enum(['upheld', 'rejected']),
  note: safeText(5000).default(''),
  answers: Answers.optional(),
  lockVersion: LockVersion.optional(),
});
export type DisputeResolution = z.infer<typeof DisputeResolution>;

/** An evaluation as the service returns it. */
export const Evaluation = z.object({
  id: z.string(),
  ticketId: z.number(),
  revieweeId: z.number(),
  reviewerId: z.number(),
  scorecardId: z.string(),
  scorecardVersion: z.number(),
  kind: EvaluationKind,
  status: EvaluationStatus,
  channel: z.string().nullable(),
  groupId: z.number().nullable(),
  brandId: z.number().nullable(),
  answers: Answers,
  overallComment: z.string(),
  rawScore: z.number().nullable(),
  finalScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  criticalFailures: z.array(z.string()),
  metrics: MetricsSnapshot.nullable(),
  dispute: z
    .object({ reason: z.string(), criterionIds: z.array(z.string()), outcome: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Optimistic lock: send it back with an amend (required), withdraw, acknowledge, dispute or resolve. Optional here for older services. */
  lockVersion: z.number().optional(),
  /** Amended after the reviewee acknowledged it: the status is back to `submitted`, to acknowledge again. */
  changedSinceAcknowledgement: z.boolean().optional(),
  /** The lockVersion the reviewee last acknowledged; null when never acknowledged. */
  acknowledgedVersion: z.number().nullable().optional(),
});
export type Evaluation = z.infer<typeof Evaluation>;
