import type { EvaluationSums } from '../../core/reports.ts';
import type { Target, TargetCreate, TargetSubject } from '../../core/targets.ts';
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { COUNTED } from './reports/sql.ts';
import { EVALUATION_SUMS } from './tickets.ts';

/** A target as stored: everything but its progress, which is read from the evaluations each time. */
export type StoredTarget = Omit<Target, 'progress'>;

/** Which targets to list: any subject, or one kind, or one agent or group. */
export interface TargetFilter {
  subject?: TargetSubject | undefined;
  subjectId?: number | undefined;
}

interface TargetRow {
  id: string;
  subject: TargetSubject;
  subject_id: number;
  metric: TargetCreate['metric'];
  target_value: number;
  scorecard_id: string | null;
  starts_on: string;
  due_on: string;
  note: string;
  created_by: number;
  created_at: Date;
}

// dates as text: no time zone shifts between PGlite, pg and the client
const COLUMNS = `id, subject, subject_id, metric, target_value, scorecard_id, starts_on::text AS starts_on, due_on::text AS due_on,
  note, created_by, created_at`;

const view = (t: TargetRow): StoredTarget => ({
  id: t.id,
  subject: t.subject,
  subjectId: t.subject_id,
  metric: t.metric,
  value: t.target_value,
  scorecardId: t.scorecard_id,
  startsOn: t.starts_on,
  dueOn: t.due_on,
  note: t.note,
  createdBy: t.created_by,
  createdAt: t.created_at.toISOString(),
});

/** A live (not archived) target; an id that is not a UUID names none. */
export async function findTarget(q: Queryable, account: string, id: string): Promise<StoredTarget | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await q.query<TargetRow>(`SELECT ${COLUMNS} FROM targets WHERE account = $1 AND id = $2 AND archived_at IS NULL`, [
    account,
    id,
  ]);
  return row ? view(row) : null;
}

/** Live targets matching the filter, soonest due first, at most 500. */
export async function targetsOf(q: Queryable, account: string, f: TargetFilter): Promise<StoredTarget[]> {
  const params: unknown[] = [account];
  const where = ['account = $1', 'archived_at IS NULL'];
  if (f.subject) where.push(`subject = $${params.push(f.subject)}`);
  if (f.subjectId) where.push(`subject_id = $${params.push(f.subjectId)}`);
  const rows = await q.query<TargetRow>(
    `SELECT ${COLUMNS} FROM targets WHERE ${where.join(' AND ')} ORDER BY due_on, created_at LIMIT 500`,
    params,
  );
  return rows.map(view);
}

export async function insertTarget(
  q: Queryable,
  account: string,
  id: string,
  t: TargetCreate,
  by: number,
  at: Date,
): Promise<StoredTarget> {
  const [row] = await q.query<TargetRow>(
    `INSERT INTO targets (account, id, subject, subject_id, metric, target_value, scorecard_id, starts_on, due_on, note, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ${COLUMNS}`,
    [account, id, t.subject, t.subjectId, t.metric, t.value, t.scorecardId, t.startsOn, t.dueOn, t.note, by, at],
  );
  return view(row!);
}

export async function updateTarget(q: Queryable, account: string, id: string, t: TargetCreate, at: Date): Promise<StoredTarget> {
  const [row] = await q.query<TargetRow>(
    `UPDATE targets SET subject = $3, subject_id = $4, metric = $5, target_value = $6, scorecard_id = $7, starts_on = $8, due_on = $9,
            note = $10, updated_at = $11 WHERE account = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [account, id, t.subject, t.subjectId, t.metric, t.value, t.scorecardId, t.startsOn, t.dueOn, t.note, at],
  );
  return view(row!);
}

export async function archiveTarget(q: Queryable, account: string, id: string, at: Date): Promise<void> {
  await q.query('UPDATE targets SET archived_at = $3 WHERE account = $1 AND id = $2', [account, id, at]);
}

const SUBJECT_COLUMN: Record<TargetSubject, string> = { agent: 'e.reviewee_id', group: 'e.group_id' };

/** Report sums of the target's subject (on its scorecard, if it names one) over [from, until). */
export async function subjectSums(
  q: Queryable,
  account: string,
  t: Pick<StoredTarget, 'subject' | 'subjectId' | 'scorecardId'>,
  from: Date,
  until: Date,
): Promise<EvaluationSums> {
  const params: unknown[] = [account, t.subjectId, from, until];
  const scorecard = t.scorecardId === null ? '' : `AND e.scorecard_id = $${params.push(t.scorecardId)}`;
  const [row] = await q.query<EvaluationSums>(
    `SELECT ${EVALUATION_SUMS}
       FROM evaluations e
      WHERE e.account = $1 AND ${COUNTED} AND ${SUBJECT_COLUMN[t.subject]} = $2 AND e.created_at >= $3 AND e.created_at < $4 ${scorecard}`,
    params,
  );
  return row!;
}
