import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { EvaluationSums } from '../../core/reports.ts';
import { TargetCreate, TargetSubject, targetProgress, type Target } from '../../core/targets.ts';
import { ZendeskId } from '../../core/text.ts';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { LEADS, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound, parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { COUNTED } from '../reports/sql.ts';
import { EVALUATION_SUMS } from './report-tickets.ts';

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

const DAY = 86_400_000;
const SUBJECT_COLUMN: Record<TargetSubject, string> = { agent: 'e.reviewee_id', group: 'e.group_id' };

/** Report sums of the target's subject over [from, until). */
async function sumsOf(q: Queryable, account: string, t: TargetRow, from: Date, until: Date): Promise<EvaluationSums> {
  const params: unknown[] = [account, t.subject_id, from, until];
  const scorecard = t.scorecard_id === null ? '' : `AND e.scorecard_id = $${params.push(t.scorecard_id)}`;
  const [row] = await q.query<EvaluationSums>(
    `SELECT ${EVALUATION_SUMS}
       FROM evaluations e
      WHERE e.account = $1 AND ${COUNTED} AND ${SUBJECT_COLUMN[t.subject]} = $2 AND e.created_at >= $3 AND e.created_at < $4 ${scorecard}`,
    params,
  );
  return row!;
}

/** Progress so far (start to today, or to the due date once past) against an equally long period before. */
async function withProgress(q: Queryable, account: string, t: TargetRow, now: Date): Promise<Target> {
  const start = new Date(`${t.starts_on}T00:00:00Z`);
  const endOfDue = new Date(Date.parse(`${t.due_on}T00:00:00Z`) + DAY);
  const until = now < endOfDue ? now : endOfDue;
  const length = Math.max(DAY, until.getTime() - start.getTime());
  const [current, baseline] = await Promise.all([
    sumsOf(q, account, t, start, until),
    sumsOf(q, account, t, new Date(start.getTime() - length), start),
  ]);
  return {
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
    progress: targetProgress({ metric: t.metric, value: t.target_value }, current, baseline, now >= endOfDue),
  };
}

/** Agents see only their own targets; staff see all. */
const mayRead = (actor: Actor, t: Pick<TargetRow, 'subject' | 'subject_id'>) =>
  actor.role !== 'agent' || (t.subject === 'agent' && t.subject_id === actor.userId);

export const TargetListQuery = z.strictObject({ subject: TargetSubject.optional(), subjectId: z.coerce.number().pipe(ZendeskId).optional() });

/** `/targets`: SMART targets per agent or group; leads and admins set them. */
export function targetsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  async function find(q: Queryable, account: string, id: string): Promise<TargetRow | null> {
    if (!z.uuid().safeParse(id).success) return null;
    const [row] = await q.query<TargetRow>(`SELECT ${COLUMNS} FROM targets WHERE account = $1 AND id = $2 AND archived_at IS NULL`, [account, id]);
    return row ?? null;
  }

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const q = parseOrThrow(TargetListQuery, c.req.query());
    const params: unknown[] = [actor.account];
    const where = ['account = $1', 'archived_at IS NULL'];
    if (actor.role === 'agent') {
      if ((q.subject && q.subject !== 'agent') || (q.subjectId && q.subjectId !== actor.userId)) throw forbidden('an agent may only read their own targets');
      where.push(`subject = 'agent'`, `subject_id = $${params.push(actor.userId)}`);
    } else {
      if (q.subject) where.push(`subject = $${params.push(q.subject)}`);
      if (q.subjectId) where.push(`subject_id = $${params.push(q.subjectId)}`);
    }
    const rows = await db.query<TargetRow>(`SELECT ${COLUMNS} FROM targets WHERE ${where.join(' AND ')} ORDER BY due_on, created_at LIMIT 500`, params);
    const now = clock.now();
    return c.json({ items: await Promise.all(rows.map((t) => withProgress(db, actor.account, t, now))) });
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    const t = await find(db, actor.account, pathId(c));
    if (!t || !mayRead(actor, t)) throw notFound('target');
    return c.json(await withProgress(db, actor.account, t, clock.now()));
  });

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'set targets');
    const body = parseOrThrow(TargetCreate, await readJson(c.req));
    const now = clock.now();
    const id = randomUUID();
    const row = await db.transaction(async (tx) => {
      const [saved] = await tx.query<TargetRow>(
        `INSERT INTO targets (account, id, subject, subject_id, metric, target_value, scorecard_id, starts_on, due_on, note, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ${COLUMNS}`,
        [actor.account, id, body.subject, body.subjectId, body.metric, body.value, body.scorecardId, body.startsOn, body.dueOn, body.note, actor.userId, now],
      );
      await audit(tx, actor, now, 'target.create', 'target', id, { ...body });
      return saved!;
    });
    return c.json(await withProgress(db, actor.account, row, now), 201);
  });

  r.put('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'set targets');
    const body = parseOrThrow(TargetCreate, await readJson(c.req));
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      if (!(await find(tx, actor.account, pathId(c)))) throw notFound('target');
      const [saved] = await tx.query<TargetRow>(
        `UPDATE targets SET subject = $3, subject_id = $4, metric = $5, target_value = $6, scorecard_id = $7, starts_on = $8, due_on = $9,
                note = $10, updated_at = $11 WHERE account = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [actor.account, pathId(c), body.subject, body.subjectId, body.metric, body.value, body.scorecardId, body.startsOn, body.dueOn, body.note, now],
      );
      await audit(tx, actor, now, 'target.update', 'target', saved!.id, { ...body });
      return saved!;
    });
    return c.json(await withProgress(db, actor.account, row, now));
  });

  r.delete('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'remove targets');
    const now = clock.now();
    await db.transaction(async (tx) => {
      if (!(await find(tx, actor.account, pathId(c)))) throw notFound('target');
      await tx.query('UPDATE targets SET archived_at = $3 WHERE account = $1 AND id = $2', [actor.account, pathId(c), now]);
      await audit(tx, actor, now, 'target.archive', 'target', pathId(c));
    });
    return c.body(null, 204);
  });

  return r;
}
