import type { Answers } from '../../core/answers.ts';
import type { CalibrationSession, CalibrationSessionStatus, CalibrationSubmission } from '../../core/calibration.ts';
import { isLead, isStaff } from '../../core/permissions.ts';
import type { Actor } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from './scorecards.ts';

export interface SessionRow {
  id: string;
  ticket_id: number;
  scorecard_id: string;
  scorecard_version: number;
  reviewer_ids: number[];
  baseline_reviewer_id: number;
  title: string;
  status: CalibrationSessionStatus;
  created_by: number;
  created_at: Date;
  closed_at: Date | null;
}

/** A calibration evaluation that counts in its session (submissionsOf). */
export interface SubmissionRow {
  id: string;
  reviewer_id: number;
  answers: Answers;
  final_score: number | null;
}

// bigint[] arrives as strings from pg: read the ids as doubles (Zendesk ids fit below 2^53)
const SESSION_COLUMNS = `s.id, s.ticket_id, s.scorecard_id, s.scorecard_version, s.reviewer_ids::float8[] AS reviewer_ids, s.baseline_reviewer_id,
  s.title, s.status, s.created_by, s.created_at, s.closed_at`;

export function sessionView(s: SessionRow, submitted: readonly number[]): CalibrationSession {
  return {
    id: s.id,
    ticketId: s.ticket_id,
    scorecardId: s.scorecard_id,
    version: s.scorecard_version,
    reviewerIds: s.reviewer_ids,
    baselineReviewerId: s.baseline_reviewer_id,
    title: s.title,
    status: s.status,
    createdBy: s.created_by,
    createdAt: s.created_at.toISOString(),
    closedAt: iso(s.closed_at),
    submitted: [...submitted].sort((a, b) => a - b),
  };
}

export const toSubmission = (e: SubmissionRow): CalibrationSubmission => ({
  reviewerId: e.reviewer_id,
  answers: e.answers,
  finalScore: e.final_score,
});

/**
 * The session's evaluations that count: an invited reviewer's calibration evaluation of the session's
 * ticket and scorecard version, not withdrawn; the latest one when a reviewer sent several.
 */
export async function submissionsOf(q: Queryable, account: string, s: SessionRow): Promise<SubmissionRow[]> {
  return q.query<SubmissionRow>(
    `SELECT DISTINCT ON (reviewer_id) id, reviewer_id, answers, final_score FROM evaluations
      WHERE account = $1 AND calibration_session_id = $2 AND kind = 'calibration' AND status <> 'withdrawn'
        AND ticket_id = $3 AND scorecard_id = $4 AND scorecard_version = $5 AND reviewer_id = ANY($6::bigint[])
      ORDER BY reviewer_id, created_at DESC`,
    [account, s.id, s.ticket_id, s.scorecard_id, s.scorecard_version, s.reviewer_ids],
  );
}

/** Which sessions a list asks for: each field given narrows it. */
export interface SessionFilter {
  ticketId?: number | undefined;
  status?: CalibrationSessionStatus | undefined;
  /** Only the sessions this user is invited to. */
  invited?: number | undefined;
}

/** The account's sessions matching `filter`, newest first (at most 200), with who has submitted. */
export async function listSessions(q: Queryable, account: string, filter: SessionFilter): Promise<CalibrationSession[]> {
  const where = ['s.account = $1'];
  const params: unknown[] = [account];
  if (filter.ticketId !== undefined) where.push(`s.ticket_id = $${params.push(filter.ticketId)}`);
  if (filter.status !== undefined) where.push(`s.status = $${params.push(filter.status)}`);
  if (filter.invited !== undefined) where.push(`$${params.push(filter.invited)} = ANY(s.reviewer_ids)`);
  const rows = await q.query<SessionRow & { submitted: number[] }>(
    `SELECT ${SESSION_COLUMNS}, coalesce((SELECT array_agg(DISTINCT e.reviewer_id::float8) FROM evaluations e
         WHERE e.account = s.account AND e.calibration_session_id = s.id AND e.kind = 'calibration' AND e.status <> 'withdrawn'
           AND e.ticket_id = s.ticket_id AND e.scorecard_id = s.scorecard_id AND e.scorecard_version = s.scorecard_version
           AND e.reviewer_id = ANY(s.reviewer_ids)), '{}') AS submitted
       FROM calibration_sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC LIMIT 200`,
    params,
  );
  return rows.map((row) => sessionView(row, row.submitted));
}

/** The account's sessions started in [from, until) (each bound optional), of one scorecard when given, oldest first (at most 500). */
export async function sessionsStartedIn(
  q: Queryable,
  account: string,
  range: { from: Date | null; until: Date | null; scorecardId?: string | undefined },
): Promise<SessionRow[]> {
  const params: unknown[] = [account];
  const where = ['account = $1'];
  if (range.from) where.push(`created_at >= $${params.push(range.from)}`);
  if (range.until) where.push(`created_at < $${params.push(range.until)}`);
  if (range.scorecardId) where.push(`scorecard_id = $${params.push(range.scorecardId)}`);
  return q.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM calibration_sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at LIMIT 500`,
    params,
  );
}

export async function findSession(q: Queryable, account: string, id: string): Promise<SessionRow | null> {
  const [row] = await q.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM calibration_sessions s WHERE s.account = $1 AND s.id = $2`, [
    account,
    id,
  ]);
  return row ?? null;
}

export interface NewSession {
  account: string;
  id: string;
  ticketId: number;
  scorecardId: string;
  version: number;
  reviewerIds: readonly number[];
  baselineReviewerId: number;
  title: string;
  createdBy: number;
  at: Date;
}

/** Stores an open session. */
export async function insertSession(tx: Queryable, s: NewSession): Promise<void> {
  const [saved] = await tx.query<{ id: string }>(
    `INSERT INTO calibration_sessions (account, id, ticket_id, scorecard_id, scorecard_version, reviewer_ids,
       baseline_reviewer_id, title, status, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::bigint[], $7, $8, 'open', $9, $10) RETURNING id`,
    [s.account, s.id, s.ticketId, s.scorecardId, s.version, s.reviewerIds, s.baselineReviewerId, s.title, s.createdBy, s.at],
  );
  if (!saved) throw new Error('calibration session insert returned nothing');
}

/** Closes the session (closing twice keeps the first time); its id, null when there is no such session. */
export async function closeSession(tx: Queryable, account: string, id: string, at: Date): Promise<string | null> {
  const [closed] = await tx.query<{ id: string }>(
    `UPDATE calibration_sessions SET status = 'closed', closed_at = coalesce(closed_at, $3) WHERE account = $1 AND id = $2 RETURNING id`,
    [account, id, at],
  );
  return closed?.id ?? null;
}

/**
 * SQL condition on `evaluations` (unaliased) that keeps calibration blind (decision 016): an agent never sees
 * calibration evaluations (they are not reviews of their work); a reviewer sees others' only after scoring that
 * session; leads and admins see all, except in an open session they are invited to and have not scored yet (the
 * session report's rule: a participant is blind until they have submitted). `userIdParam` is the `$n` holding
 * the actor's user id. Every read of evaluations applies it (reports and exports never count calibration
 * evaluations at all: COUNTED in reports/sql.ts).
 */
export function calibrationVisible(actor: Actor, userIdParam: string): string {
  if (!isStaff(actor.role)) return `(kind <> 'calibration' OR reviewer_id = ${userIdParam})`;
  const submitted = `EXISTS (SELECT 1 FROM evaluations mine
    WHERE mine.account = evaluations.account AND mine.kind = 'calibration' AND mine.status <> 'withdrawn'
      AND mine.calibration_session_id = evaluations.calibration_session_id AND mine.reviewer_id = ${userIdParam})`;
  if (!isLead(actor.role)) return `(kind <> 'calibration' OR reviewer_id = ${userIdParam} OR ${submitted})`;
  const participant = `EXISTS (SELECT 1 FROM calibration_sessions cs
    WHERE cs.account = evaluations.account AND cs.id = evaluations.calibration_session_id AND cs.status = 'open'
      AND ${userIdParam}::bigint = ANY(cs.reviewer_ids))`;
  return `(kind <> 'calibration' OR reviewer_id = ${userIdParam} OR NOT ${participant} OR ${submitted})`;
}

/** Whether the evaluation `id` passes calibrationVisible for the actor (for reads of one evaluation). */
export async function calibrationVisibleTo(q: Queryable, actor: Actor, id: string): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM evaluations WHERE account = $1 AND id = $2 AND ${calibrationVisible(actor, '$3')}`, [
    actor.account,
    id,
    actor.userId,
  ]);
  return rows.length > 0;
}
