import { randomUUID } from 'node:crypto';
import {
  calibrationHistory,
  calibrationReport,
  type CalibrationHistoryEntry,
  type CalibrationListQuery,
  type CalibrationSession,
  type CalibrationSessionCreate,
  type CalibrationSessionReport,
} from '../../core/calibration.ts';
import type { EvaluationCreate } from '../../core/evaluation.ts';
import { blindToSession, isInvited, isLead, isStaff, maySeeSession } from '../../core/permissions.ts';
import { instantRange, type ReportFilters } from '../../core/reports.ts';
import type { ScorecardDefinition } from '../../core/scorecard.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { forbidden, notFound, unprocessable } from '../errors.ts';
import {
  closeSession as storeClose,
  findSession,
  insertSession,
  listSessions,
  sessionsStartedIn,
  sessionView,
  submissionsOf,
  toSubmission,
  type SessionRow,
  type SubmissionRow,
} from '../store/calibration.ts';
import { audit } from '../store/journal.ts';
import { definitionOf, findScorecard, findVersion } from '../store/scorecards.ts';

/*
 * Calibration sessions: leads start them, invited reviewers score the session's ticket blind, then compare
 * (decision 016: calibration stays blind until the participant has submitted their own).
 */

/** What the role rules (src/core/permissions.ts) read of a stored session. */
const asSession = (s: SessionRow) => ({ reviewerIds: s.reviewer_ids, status: s.status });
/** A participant of an open session who has not submitted yet sees no one else's scores (whatever their role). */
const blindTo = (actor: Actor, s: SessionRow, submissions: readonly SubmissionRow[]) =>
  blindToSession(
    actor,
    asSession(s),
    submissions.map((e) => e.reviewer_id),
  );

async function definitionAt(q: Queryable, account: string, scorecardId: string, version: number): Promise<ScorecardDefinition> {
  return definitionOf((await findVersion(q, account, scorecardId, version))!.definition);
}

/** Starts an open session on a published scorecard version, audited in the same transaction. */
export async function startSession(db: Db, actor: Actor, body: CalibrationSessionCreate, now: Date): Promise<CalibrationSession> {
  const card = await findScorecard(db, actor.account, body.scorecardId);
  const version = card && (await findVersion(db, actor.account, card.id, body.version));
  if (!card || !version) throw notFound('scorecard version');
  if (version.status !== 'published') throw unprocessable(`version ${body.version} of this scorecard is not published`);
  const id = randomUUID();
  const row = await db.transaction(async (tx) => {
    await insertSession(tx, {
      account: actor.account,
      id,
      ticketId: body.ticketId,
      scorecardId: card.id,
      version: body.version,
      reviewerIds: body.reviewerIds,
      baselineReviewerId: body.baselineReviewerId,
      title: body.title,
      createdBy: actor.userId,
      at: now,
    });
    await audit(tx, actor, now, 'calibration.start', 'calibration-session', id, { ticketId: body.ticketId, reviewerIds: body.reviewerIds });
    return (await findSession(tx, actor.account, id))!;
  });
  return sessionView(row, []);
}

/** The sessions the actor asked for; reviewers only ever see the sessions they are invited to. */
export function sessionsFor(q: Queryable, actor: Actor, query: CalibrationListQuery): Promise<CalibrationSession[]> {
  return listSessions(q, actor.account, {
    ticketId: query.ticketId,
    status: query.status,
    invited: query.mine === 'true' || !isLead(actor.role) ? actor.userId : undefined,
  });
}

/** The open sessions on a ticket the actor is invited to (agents are never invited: calibration is for staff). */
export async function openSessionsOn(q: Queryable, actor: Actor, ticketId: number): Promise<CalibrationSession[]> {
  if (!isStaff(actor.role)) return [];
  return listSessions(q, actor.account, { ticketId, status: 'open', invited: actor.userId });
}

/** Over time: the criteria reviewers disagree on most, and each reviewer's lean against the baseline. */
export async function historyFor(
  q: Queryable,
  actor: Actor,
  filters: Pick<ReportFilters, 'from' | 'to' | 'scorecardId'>,
): Promise<{ sessions: number } & ReturnType<typeof calibrationHistory>> {
  const sessions = await sessionsStartedIn(q, actor.account, { ...instantRange(filters), scorecardId: filters.scorecardId });
  const entries: CalibrationHistoryEntry[] = [];
  const cards = new Map<string, ScorecardDefinition>();
  for (const s of sessions) {
    const submissions = await submissionsOf(q, actor.account, s);
    if (submissions.length < 2) continue;
    // a lead scoring an open session is blind to it here too until they have submitted
    if (blindTo(actor, s, submissions)) continue;
    const key = `${s.scorecard_id}@${s.scorecard_version}`;
    if (!cards.has(key)) cards.set(key, await definitionAt(q, actor.account, s.scorecard_id, s.scorecard_version));
    entries.push({ card: cards.get(key)!, baselineReviewerId: s.baseline_reviewer_id, submissions: submissions.map(toSubmission) });
  }
  return { sessions: entries.length, ...calibrationHistory(entries) };
}

/** The session, 404 when unknown or not the actor's to read. */
async function readable(q: Queryable, actor: Actor, id: string): Promise<SessionRow> {
  const s = await findSession(q, actor.account, id);
  if (!s || !maySeeSession(actor, asSession(s))) throw notFound('calibration session');
  return s;
}

export async function readSession(q: Queryable, actor: Actor, id: string): Promise<CalibrationSession> {
  const s = await readable(q, actor, id);
  const submitted = (await submissionsOf(q, actor.account, s)).map((e) => e.reviewer_id);
  return sessionView(s, submitted);
}

/** The session's comparison; an invited reviewer sees the others only after scoring the ticket themselves. */
export async function sessionReport(q: Queryable, actor: Actor, id: string): Promise<CalibrationSessionReport> {
  const s = await readable(q, actor, id);
  const submissions = await submissionsOf(q, actor.account, s);
  if (blindTo(actor, s, submissions)) throw forbidden('submit your own calibration evaluation first');
  const card = await definitionAt(q, actor.account, s.scorecard_id, s.scorecard_version);
  return {
    session: sessionView(
      s,
      submissions.map((e) => e.reviewer_id),
    ),
    report: calibrationReport(card, s.baseline_reviewer_id, submissions.map(toSubmission)),
    evaluations: submissions.map((e) => ({ reviewerId: e.reviewer_id, evaluationId: e.id, finalScore: e.final_score })),
  };
}

/** Closes the session (again: no change), audited in the same transaction. */
export async function closeSession(db: Db, actor: Actor, id: string, now: Date): Promise<CalibrationSession> {
  const row = await db.transaction(async (tx) => {
    const closed = await storeClose(tx, actor.account, id, now);
    if (!closed) throw notFound('calibration session');
    await audit(tx, actor, now, 'calibration.close', 'calibration-session', closed);
    return (await findSession(tx, actor.account, closed))!;
  });
  const submitted = (await submissionsOf(db, actor.account, row)).map((e) => e.reviewer_id);
  return sessionView(row, submitted);
}

/**
 * A calibration evaluation names an open session the reviewer is invited to, and scores that session's
 * ticket with its scorecard version; checked before an evaluation that names a session is stored.
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
  if (!isInvited(actor, asSession(s))) throw forbidden('you are not invited to this calibration session');
  if (s.status !== 'open') throw unprocessable('this calibration session is closed');
  if (s.ticket_id !== body.ticketId || s.scorecard_id !== body.scorecardId || s.scorecard_version !== body.scorecardVersion) {
    throw unprocessable(
      `a calibration evaluation of this session scores ticket ${s.ticket_id} with version ${s.scorecard_version} of its scorecard`,
    );
  }
}
