import { z } from 'zod';
import type { Page, ScorecardSummary, ScorecardVersionView } from '../../core/api.ts';
import { Evaluation } from '../../core/evaluation.ts';
import { ScorecardDefinition, ScorecardStatus } from '../../core/scorecard.ts';
import type { EvaluationView, HistoryEntry, StoredDispute } from '../store/evaluations.ts';

/**
 * Zod twins of the response types that are TypeScript interfaces, for the OpenAPI document.
 * Each is checked against its interface at compile time (`Same` below), so they cannot drift.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Same<A, B>) => proof;

/** Body of every error response; `issues` are path-named messages (`answers[2].rating: ...`). */
export const ErrorBody = z.object({
  error: z.string(),
  issues: z.array(z.string()).optional(),
  requestId: z.string().optional(),
});

const StoredDisputeSchema = z.object({
  reason: z.string(),
  criterionIds: z.array(z.string()),
  raisedBy: z.number(),
  raisedAt: z.string(),
  outcome: z.enum(['upheld', 'rejected']).nullable(),
  note: z.string().nullable(),
  resolvedBy: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionId: z.string().optional(),
});
same<z.output<typeof StoredDisputeSchema>, StoredDispute>(true);

export const EvaluationViewSchema = Evaluation.extend({
  calibrationSessionId: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  dispute: StoredDisputeSchema.nullable(),
  lockVersion: z.number().describe('optimistic lock, +1 on every change: send it back as `lockVersion` with PUT (required) and with withdraw, acknowledge, dispute and resolve (optional); a stale one is refused with 409'),
  changedSinceAcknowledgement: z.boolean().describe('amended after the reviewee acknowledged it: the status went back to submitted, to be acknowledged again'),
  acknowledgedVersion: z.number().nullable().describe('the lockVersion the reviewee last acknowledged'),
});
same<z.output<typeof EvaluationViewSchema>, EvaluationView>(true);

const HistoryEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.number(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).describe('why, beyond the action: { resolutionId, criterionIds } on the amendment of an upheld dispute'),
  snapshot: EvaluationViewSchema,
});
same<z.output<typeof HistoryEntrySchema>, HistoryEntry>(true);

export const EvaluationDetail = EvaluationViewSchema.extend({ history: z.array(HistoryEntrySchema) });

export const EvaluationPage = z.object({ items: z.array(EvaluationViewSchema), next: z.string().nullable() });
same<z.output<typeof EvaluationPage>, Page<EvaluationView>>(true);

export const ScorecardVersionViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'published']),
  lockVersion: z.number(),
  definition: ScorecardDefinition,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
same<z.output<typeof ScorecardVersionViewSchema>, ScorecardVersionView>(true);

const VersionInfo = ScorecardVersionViewSchema.pick({ version: true, status: true, createdAt: true, publishedAt: true, lockVersion: true });

export const ScorecardSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: ScorecardStatus,
  currentVersion: z.number().nullable(),
  latestVersion: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  evaluationCount: z.number(),
  versions: z.array(VersionInfo),
  current: ScorecardDefinition.nullable(),
  draft: z.object({ version: z.number(), lockVersion: z.number(), definition: ScorecardDefinition }).nullable().optional(),
});
same<z.output<typeof ScorecardSummarySchema>, ScorecardSummary>(true);

export const ScorecardList = z.object({ items: z.array(ScorecardSummarySchema) });

export const Health = z.object({ status: z.literal('ok'), storage: z.enum(['pglite', 'pg']) });

/** A response whose shape is a TypeScript interface without a zod twin yet: named, not detailed. */
export const described = (name: string) => z.object({}).loose().describe(`${name} (see its TypeScript type)`);
