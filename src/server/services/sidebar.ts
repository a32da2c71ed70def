import type { CalibrationSession } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { StoredDraft } from '../../core/draft.ts';
import { isStaff, ownWorkOnly } from '../../core/permissions.ts';
import type { ScorecardDefinition } from '../../core/scorecard.ts';
import type { Actor } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import { draftsOf } from '../store/drafts.ts';
import { evaluationView, evaluationsOnTicket, type EvaluationView } from '../store/evaluations.ts';
import { definitionOf, publishedScorecards, scorecardVersions } from '../store/scorecards.ts';
import { openSessionsOn } from './calibration.ts';
import { coachingNotesOf } from './coaching.ts';

/** Evaluations of one ticket are few; the cap only guards against a runaway ticket. */
const MAX_EVALUATIONS = 100;

interface Version {
  id: string;
  version: number;
  definition: ScorecardDefinition;
}

export interface SidebarLoad {
  scorecards: Version[];
  versions: Version[];
  evaluations: EvaluationView[];
  calibrationSessions: CalibrationSession[];
  coachingNotes: CoachingNote[];
  drafts: StoredDraft[];
}

const parsed = (v: { id: string; version: number; definition: unknown }): Version => ({
  id: v.id,
  version: v.version,
  definition: definitionOf(v.definition),
});

/**
 * Everything the ticket sidebar needs on load, for its one service request (decision 009's load budget): the
 * published scorecards (the app matches them against the ticket, whose facts only Zendesk knows), this ticket's
 * evaluations the actor may see (agents: only their own work), the open calibration sessions on this ticket the
 * actor is invited to, the coaching notes on those evaluations the actor may read (agents: their own; reviewers:
 * on evaluations they made; leads: all), the versions those evaluations and sessions were scored with, and the
 * actor's own drafts on the ticket (decision 019).
 */
export async function sidebarLoad(q: Queryable, actor: Actor, ticketId: number): Promise<SidebarLoad> {
  const staff = isStaff(actor.role);
  const [cards, rows, sessions, drafts] = await Promise.all([
    publishedScorecards(q, actor.account),
    evaluationsOnTicket(q, actor, ticketId, ownWorkOnly(actor), MAX_EVALUATIONS),
    openSessionsOn(q, actor, ticketId),
    // the reviewer's own unsent work on this ticket, so it follows them to another tab or device
    staff ? draftsOf(q, actor.account, actor.userId, ticketId) : [],
  ]);
  const scorecards = cards.map(parsed);
  const current = new Set(scorecards.map((s) => `${s.id}@${s.version}`));
  const used = [...rows.map((e) => `${e.scorecard_id}@${e.scorecard_version}`), ...sessions.map((s) => `${s.scorecardId}@${s.version}`)];
  const wanted = [...new Set(used)].filter((k) => !current.has(k));
  const coached = rows.filter((e) => actor.role !== 'reviewer' || e.reviewer_id === actor.userId).map((e) => e.id);
  const [older, notes] = await Promise.all([scorecardVersions(q, actor.account, wanted), coachingNotesOf(q, actor, coached)]);
  return {
    scorecards,
    versions: older.map(parsed),
    evaluations: rows.map(evaluationView),
    calibrationSessions: sessions,
    coachingNotes: notes,
    drafts,
  };
}
