import { z } from 'zod';
import { EvaluationStatus } from './evaluation.ts';
import { ScorecardDefinition, ScorecardStatus } from './scorecard.ts';
import { IdText, PositiveInt32, safeText, ZendeskId } from './text.ts';

/** The service's API contract beyond the domain schemas: request bodies, queries and response shapes. */

const PositiveInt = z.coerce.number().pipe(PositiveInt32);
const ZendeskIdParam = z.coerce.number().pipe(ZendeskId);

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

/** One stored version as the service returns it. */
export interface ScorecardVersionView {
  id: string;
  name: string;
  version: number;
  status: 'draft' | 'published';
  lockVersion: number;
  definition: ScorecardDefinition;
  createdAt: string;
  publishedAt: string | null;
}

export interface ScorecardVersionInfo {
  version: number;
  status: 'draft' | 'published';
  createdAt: string;
  publishedAt: string | null;
  lockVersion: number;
}

/** A scorecard with its versions; `draft` is shown to admins only. */
export interface ScorecardSummary {
  id: string;
  name: string;
  status: ScorecardStatus;
  currentVersion: number | null;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  evaluationCount: number;
  versions: ScorecardVersionInfo[];
  /** The current published version's definition. */
  current: ScorecardDefinition | null;
  draft?: { version: number; lockVersion: number; definition: ScorecardDefinition } | null;
}

export const WhatIfRequest = z.strictObject({ definition: ScorecardDefinition });
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;

/** The what-if re-scoring of recent evaluations under a draft (`POST /scorecards/:id/what-if`). */
export interface WhatIfResult {
  days: number;
  /** Mean stored final score of the evaluations that could be re-scored; null when none. */
  currentAverage: number | null;
  /** Mean final score of the same evaluations under the draft; null when none. */
  whatIfAverage: number | null;
  n: number;
  /** Evaluations whose answers no longer fit the draft. */
  notRescored: number;
}

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

/** A page of a list: `next` is the cursor of the following page, null on the last one. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Body of every error response; `issues` are path-named messages (`answers[2].rating: ...`). */
export interface ApiErrorBody {
  error: string;
  issues?: string[];
  requestId?: string;
}
