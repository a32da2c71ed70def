import { Hono } from 'hono';
import { z } from 'zod';
import { ZendeskId } from '../../core/text.ts';
import { STAFF, actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { evaluationView, type EvaluationRow } from '../store/evaluations.ts';
import { openSessionsOn } from '../services/calibration.ts';
import { coachingNotesOf } from '../services/coaching.ts';
import { calibrationVisible } from '../store/calibration.ts';
import { draftsOf } from '../store/drafts.ts';
import { definitionOf } from '../store/scorecards.ts';

/** The route's query, as documented (unknown parameters are refused like everywhere else). */
export const SidebarQuery = z.strictObject({ ticketId: z.coerce.number().pipe(ZendeskId) });

/** Evaluations of one ticket are few; the cap only guards against a runaway ticket. */
const MAX_EVALUATIONS = 100;

/**
 * Everything the ticket sidebar needs on load in one request (issue 5 budget): the published scorecards
 * (the app matches them against the ticket, whose facts only Zendesk knows), this ticket's evaluations the
 * actor may see (agents: only their own work), the open calibration sessions on this ticket the actor is
 * invited to, the coaching notes on those evaluations the actor may read (agents: their own; reviewers: on
 * evaluations they made; leads: all), the versions those evaluations and sessions were scored with, and the
 * actor's own drafts on the ticket.
 */
export function sidebarRouter({ db }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const { ticketId } = parseOrThrow(SidebarQuery, c.req.query());
    const staff = STAFF.includes(actor.role);
    const [cards, rows, sessions, drafts] = await Promise.all([
      db.query<{ id: string; version: number; definition: unknown }>(
        `SELECT s.id, v.version, v.definition
           FROM scorecards s JOIN scorecard_versions v
             ON v.account = s.account AND v.scorecard_id = s.id AND v.version = s.current_version
          WHERE s.account = $1 AND s.status = 'published'
          ORDER BY s.id`,
        [actor.account],
      ),
      db.query<EvaluationRow>(
        `SELECT * FROM evaluations
          WHERE account = $1 AND ticket_id = $2 AND status <> 'withdrawn' AND ($3 OR reviewee_id = $4) AND ${calibrationVisible(actor, '$4')}
          ORDER BY created_at DESC, id DESC LIMIT ${MAX_EVALUATIONS}`,
        [actor.account, ticketId, staff, actor.userId],
      ),
      openSessionsOn(db, actor, ticketId),
      // the reviewer's own unsent work on this ticket, so it follows them to another tab or device
      staff ? draftsOf(db, actor.account, actor.userId, ticketId) : [],
    ]);
    const scorecards = cards.map((v) => ({ id: v.id, version: v.version, definition: definitionOf(v.definition) }));
    const current = new Set(scorecards.map((s) => `${s.id}@${s.version}`));
    const used = [...rows.map((e) => `${e.scorecard_id}@${e.scorecard_version}`), ...sessions.map((s) => `${s.scorecardId}@${s.version}`)];
    const wanted = [...new Set(used)].filter((k) => !current.has(k));
    const coached = rows.filter((e) => actor.role !== 'reviewer' || e.reviewer_id === actor.userId).map((e) => e.id);
    const [older, notes] = await Promise.all([
      wanted.length
        ? db.query<{ scorecard_id: string; version: number; definition: unknown }>(
            `SELECT scorecard_id, version, definition FROM scorecard_versions
              WHERE account = $1 AND (scorecard_id || '@' || version) = ANY($2::text[])`,
            [actor.account, wanted],
          )
        : [],
      coachingNotesOf(db, actor, coached),
    ]);
    return c.json({
      scorecards,
      versions: older.map((v) => ({ id: v.scorecard_id, version: v.version, definition: definitionOf(v.definition) })),
      evaluations: rows.map(evaluationView),
      calibrationSessions: sessions,
      coachingNotes: notes,
      drafts,
    });
  });

  return r;
}
