import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Answers } from '../../core/answers.ts';
import {
  calibrationHistory,
  CalibrationListQuery,
  calibrationReport,
  CalibrationSessionCreate,
  type CalibrationSession,
  type CalibrationSessionReport,
  type CalibrationSubmission,
} from '../../core/calibration.ts';
import type { EvaluationCreate } from '../../core/evaluation.ts';
import { ReportFilters, instantRange } from '../../core/reports.ts';
import { audit } from '../audit.ts';
import { LEADS, STAFF, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound, parseOrThrow, readJson, unprocessable } from '../errors.ts';
import { pathId } from '../edge.ts';
import { definitionOf, findScorecard, findVersion, iso } from '../store/scorecards.ts';

interface SessionRow {
  id: string;
  ticket_id: number;
  scorecard_id: string;
  scorecard_version: number;
  reviewer_ids: number[];
  baseline_reviewer_id: number;
  title: string;
  status: 'open' | 'closed';
  created_by: number;
  created_at: Date;
  closed_at: Date | null;
}

interface SubmissionRow {
  id: string;
  reviewer_id: number;
  answers: Answers;
  final_score: number | null;
}

/**
 * The session's evaluations that count: an invited reviewer's calibration evaluation of the session's
 * ticket and scorecard version, not withdrawn; the latest one when a reviewer sent several.
 */
// bigint[] arrives as strings from pg: read the ids as doubles (Zendesk ids fit below 2^53)
const SESSION_COLUMNS = `s.id, s.ticket_id, s.scorecard_id, s.scorecard_version, s.reviewer_ids::float8[] AS reviewer_ids, s.baseline_reviewer_id,
  s.title, s.status, s.created_by, s.created_at, s.closed_at`;

async function submissionsOf(q: Queryable, account: string, s: SessionRow): Promise<SubmissionRow[]> {
  return q.query<SubmissionRow>(
    `SELECT DISTINCT ON (reviewer_id) id, reviewer_id, answers, final_score FROM evaluations
      WHERE account = $1 AND calibration_session_id = $2 AND kind = 'calibration' AND status <> 'withdrawn'
        AND ticket_id = $3 AND scorecard_id = $4 AND scorecard_version = $5 AND reviewer_id = ANY($6::bigint[])
      ORDER BY reviewer_id, created_at DESC`,
    [account, s.id, s.ticket_id, s.scorecard_id, s.scorecard_version, s.reviewer_ids],
  );
}

function sessionView(s: SessionRow, submitted: readonly number[]): CalibrationSession {
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

const invited = (actor: Actor, s: SessionRow) => s.reviewer_ids.includes(actor.userId);
/** A participant of an open session who has not submitted yet sees no one else's scores (whatever their role). */
const blindTo = (actor: Actor, s: SessionRow, submissions: readonly SubmissionRow[]) =>
  invited(actor, s) && s.status === 'open' && !submissions.some((e) => e.reviewer_id === actor.userId);
const isLead = (actor: Actor) => LEADS.includes(actor.role);

/** Staff see a session when invited; leads and admins see every session. */
function mayRead(actor: Actor, s: SessionRow): boolean {
  return isLead(actor) || (STAFF.includes(actor.role) && invited(actor, s));
}

/** Sessions matching `where` (over `calibration_sessions s`), newest first, with who has submitted; the list route and the sidebar load share it. */
export async function listSessions(q: Queryable, where: readonly string[], params: readonly unknown[]): Promise<CalibrationSession[]> {
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

async function findSession(q: Queryable, account: string, id: string): Promise<SessionRow | null> {
  const [row] = await q.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM calibration_sessions s WHERE s.account = $1 AND s.id = $2`, [account, id]);
  return row ?? null;
}

/** `/calibration-sessions`: leads start sessions, invited reviewers score blind, then compare. */
export function calibrationRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'start calibration sessions');
    const body = parseOrThrow(CalibrationSessionCreate, await readJson(c.req));
    const card = await findScorecard(db, actor.account, body.scorecardId);
    const version = card && (await findVersion(db, actor.account, card.id, body.version));
    if (!card || !version) throw notFound('scorecard version');
    if (version.status !== 'published') throw unprocessable(`version ${body.version} of this scorecard is not published`);
    const now = clock.now();
    const id = randomUUID();
    const row = await db.transaction(async (tx) => {
      const [saved] = await tx.query<{ id: string }>(
        `INSERT INTO calibration_sessions (account, id, ticket_id, scorecard_id, scorecard_version, reviewer_ids,
           baseline_reviewer_id, title, status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::bigint[], $7, $8, 'open', $9, $10) RETURNING id`,
        [actor.account, id, body.ticketId, card.id, body.version, body.reviewerIds, body.baselineReviewerId, body.title, actor.userId, now],
      );
      if (!saved) throw new Error('calibration session insert returned nothing');
      await audit(tx, actor, now, 'calibration.start', 'calibration-session', id, { ticketId: body.ticketId, reviewerIds: body.reviewerIds });
      return (await findSession(tx, actor.account, id))!;
    });
    return c.json(sessionView(row, []), 201);
  });

  r.get('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read calibration sessions');
    const q = parseOrThrow(CalibrationListQuery, c.req.query());
    const where = ['s.account = $1'];
    const params: unknown[] = [actor.account];
    if (q.ticketId !== undefined) where.push(`s.ticket_id = $${params.push(q.ticketId)}`);
    if (q.status !== undefined) where.push(`s.status = $${params.push(q.status)}`);
    // reviewers only ever see the sessions they are invited to
    if (q.mine === 'true' || !isLead(actor)) where.push(`$${params.push(actor.userId)} = ANY(s.reviewer_ids)`);
    return c.json({ items: await listSessions(db, where, params) });
  });

  // over time: the criteria reviewers disagree on most, and each reviewer's lean against the baseline
  r.get('/history', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'read calibration history');
    const f = parseOrThrow(ReportFilters.pick({ from: true, to: true, scorecardId: true }), c.req.query());
    const range = instantRange(f);
    const params: unknown[] = [actor.account];
    const where = ['account = $1'];
    if (range.from) where.push(`created_at >= $${params.push(range.from)}`);
    if (range.until) where.push(`created_at < $${params.push(range.until)}`);
    if (f.scorecardId) where.push(`scorecard_id = $${params.push(f.scorecardId)}`);
    const sessions = await db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM calibration_sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at LIMIT 500`, params);
    const entries = [];
    const cards = new Map<string, ReturnType<typeof definitionOf>>();
    for (const s of sessions) {
      const submissions = await submissionsOf(db, actor.account, s);
      if (submissions.length < 2) continue;
      // a lead scoring an open session is blind to it here too until they have submitted
      if (blindTo(actor, s, submissions)) continue;
      const key = `${s.scorecard_id}@${s.scorecard_version}`;
      if (!cards.has(key)) cards.set(key, definitionOf((await findVersion(db, actor.account, s.scorecard_id, s.scorecard_version))!.definition));
      entries.push({ card: cards.get(key)!, baselineReviewerId: s.baseline_reviewer_id, submissions: submissions.map(toSubmission) });
    }
    return c.json({ sessions: entries.length, ...calibrationHistory(entries) });
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read calibration sessions');
    const s = await findSession(db, actor.account, pathId(c));
    if (!s || !mayRead(actor, s)) throw notFound('calibration session');
    const submitted = (await submissionsOf(db, actor.account, s)).map((e) => e.reviewer_id);
    return c.json(sessionView(s, submitted));
  });

  r.get('/:id/report', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read calibration sessions');
    const s = await findSession(db, actor.account, pathId(c));
    if (!s || !mayRead(actor, s)) throw notFound('calibration session');
    const submissions = await submissionsOf(db, actor.account, s);
    // blind: an invited reviewer sees the others only after scoring the ticket themselves
    if (blindTo(actor, s, submissions)) {
      throw forbidden('submit your own calibration evaluation first');
    }
    const version = await findVersion(db, actor.account, s.scorecard_id, s.scorecard_version);
    const card = definitionOf(version!.definition);
    const body: CalibrationSessionReport = {
      session: sessionView(s, submissions.map((e) => e.reviewer_id)),
      report: calibrationReport(card, s.baseline_reviewer_id, submissions.map(toSubmission)),
      evaluations: submissions.map((e) => ({ reviewerId: e.reviewer_id, evaluationId: e.id, finalScore: e.final_score })),
    };
    return c.json(body);
  });

  r.post('/:id/close', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'close calibration sessions');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const [closed] = await tx.query<{ id: string }>(
        `UPDATE calibration_sessions SET status = 'closed', closed_at = coalesce(closed_at, $3) WHERE account = $1 AND id = $2 RETURNING id`,
        [actor.account, pathId(c), now],
      );
      if (!closed) throw notFound('calibration session');
      await audit(tx, actor, now, 'calibration.close', 'calibration-session', closed.id);
      return (await findSession(tx, actor.account, closed.id))!;
    });
    const submitted = (await submissionsOf(db, actor.account, row)).map((e) => e.reviewer_id);
    return c.json(sessionView(row, submitted));
  });

  return r;
}

const toSubmission = (e: SubmissionRow): CalibrationSubmission => ({ reviewerId: e.reviewer_id, answers: e.answers, finalScore: e.final_score });

/**
 * SQL condition on `evaluations` (unaliased) that keeps calibration blind: an agent never sees calibration
 * evaluations (they are not reviews of their work); a reviewer sees others' only after scoring that session;
 * leads and admins see all, except in an open session they are invited to and have not scored yet (the
 * session report's rule: a participant is blind until they have submitted). `userIdParam` is the `$n`
 * holding the actor's user id. Every route returning evaluations applies it (reports and exports never
 * count calibration evaluations at all: COUNTED in reports/sql.ts).
 */
export function calibrationVisible(actor: Actor, userIdParam: string): string {
  if (!STAFF.includes(actor.role)) return `(kind <> 'calibration' OR reviewer_id = ${userIdParam})`;
  const submitted = `EXISTS (SELECT 1 FROM evaluations mine
    WHERE mine.account = evaluations.account AND mine.kind = 'calibration' AND mine.status <> 'withdrawn'
      AND mine.calibration_session_id = evaluations.calibration_session_id AND mine.reviewer_id = ${userIdParam})`;
  if (!isLead(actor)) return `(kind <> 'calibration' OR reviewer_id = ${userIdParam} OR ${submitted})`;
  const participant = `EXISTS (SELECT 1 FROM calibration_sessions cs
    WHERE cs.account = evaluations.account AND cs.id = evaluations.calibration_session_id AND cs.status = 'open'
      AND ${userIdParam}::bigint = ANY(cs.reviewer_ids))`;
  return `(kind <> 'calibration' OR reviewer_id = ${userIdParam} OR NOT ${participant} OR ${submitted})`;
}

/** Whether the evaluation `id` passes calibrationVisible for the actor (for routes reading one evaluation). */
export async function calibrationVisibleTo(q: Queryable, actor: Actor, id: string): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM evaluations WHERE account = $1 AND id = $2 AND ${calibrationVisible(actor, '$3')}`, [
    actor.account,
    id,
    actor.userId,
  ]);
  return rows.length > 0;
}

/**
 * A calibration evaluation names an open session the reviewer is invited to, and scores that session's
 * ticket with its scorecard version; called by the evaluations route before it stores one.
 */
export async function checkCalibrationSubmission(
  q: Queryable,
  actor: Actor,
  body: Pick<EvaluationCreate, 'kind' | 'calibrationSessionId' | 'ticketId' | 'scorecardId' | 'scorecardVersion'>,
): Promise<void> {
  if (body.calibrationSessionId === undefined) return;
  if (body.kind !== 'calibration') throw unprocessable('calibrationSessionId is for calibration evaluations: set kind to "calibration"');
  const s = await findSession(q, actor.account, body.calibrationSessionId);
  if (!s) throw unprocessable('there is no such calibration session');
  if (!invited(actor, s)) throw forbidden('you are not invited to this calibration session');
  if (s.status !== 'open') throw unprocessable('this calibration session is closed');
  if (s.ticket_id !== body.ticketId || s.scorecard_id !== body.scorecardId || s.scorecard_version !== body.scorecardVersion) {
    throw unprocessable(`a calibration evaluation of this session scores ticket ${s.ticket_id} with version ${s.scorecard_version} of its scorecard`);
  }
}
