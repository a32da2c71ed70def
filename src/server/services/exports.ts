/**
 * The CSV export of what the reports count: one row per answer, read and written a batch at a time (decision 018),
 * with the reviewee's and reviewer's names beside their ids (people-names.ts: never waits on Zendesk twice when it is down),
 * and the points behind each score (decision 027): each answer's and the evaluation's.
 */
import type { Answer } from '../../core/answers.ts';
import { csvCell, csvRow, type Cell } from '../../core/csv.ts';
import type { ReportFilters } from '../../core/reports.ts';
import { scoreEvaluation, type ScoreResult } from '../../core/scoring.ts';
import type { Db } from '../db/db.ts';
import { nextBatch, yieldToEventLoop, type AdaptiveBatch } from '../limits/batches.ts';
import { exportAnswers, exportEvaluations, type ExportAnswer, type ExportEvaluation } from '../store/exports.ts';
import type { Cursor } from '../store/reports/pages.ts';
import { versionDefinitions } from './evaluation-scoring.ts';
import { storedNames, type NameSource } from './people-names.ts';

/**
 * An evaluation as the CSV writes it: the row, the names its people had (empty when unknown), and its points as its
 * scorecard version scores its stored answers (null when that version is gone).
 */
type Row = ExportEvaluation & { reviewee_name: string | undefined; reviewer_name: string | undefined; points: ScoreResult | null };

/** An answer's points: earned = weight x fraction, possible = weight (0 for bonus); none for N/A or a non-scoring answer. */
const counts = (a: ExportAnswer | undefined): a is ExportAnswer => a?.scoring === true && !a.na;
const earned = (a: ExportAnswer | undefined) => (counts(a) && a.fraction !== null ? a.weight * a.fraction : null);
const possible = (a: ExportAnswer | undefined) => (counts(a) ? (a.bonus ? 0 : a.weight) : null);

/**
 * The export's columns in order: one row per answer, the evaluation's facts repeated on each (`answer`: the cell
 * depends on the answer). New columns go at the end, so files read by column position keep reading.
 */
const COLUMNS: Array<{ name: string; answer?: true; cell: (e: Row, a: ExportAnswer | undefined) => Cell }> = [
  { name: 'evaluation_id', cell: (e) => e.id },
  { name: 'created_at', cell: (e) => e.created_at },
  { name: 'ticket_id', cell: (e) => e.ticket_id },
  { name: 'reviewee_id', cell: (e) => e.reviewee_id },
  { name: 'reviewee_name', cell: (e) => e.reviewee_name },
  { name: 'reviewer_id', cell: (e) => e.reviewer_id },
  { name: 'reviewer_name', cell: (e) => e.reviewer_name },
  { name: 'scorecard_id', cell: (e) => e.scorecard_id },
  { name: 'scorecard_version', cell: (e) => e.scorecard_version },
  { name: 'kind', cell: (e) => e.kind },
  { name: 'status', cell: (e) => e.status },
  { name: 'channel', cell: (e) => e.channel },
  { name: 'group_id', cell: (e) => e.group_id },
  { name: 'brand_id', cell: (e) => e.brand_id },
  { name: 'raw_score', cell: (e) => e.raw_score },
  { name: 'final_score', cell: (e) => e.final_score },
  { name: 'passed', cell: (e) => e.passed },
  { name: 'critical_failures', cell: (e) => e.critical_failures.join(';') },
  { name: 'section_id', answer: true, cell: (_e, a) => a?.section_id },
  { name: 'criterion_id', answer: true, cell: (_e, a) => a?.criterion_id },
  { name: 'rating', answer: true, cell: (_e, a) => a?.rating },
  { name: 'fraction', answer: true, cell: (_e, a) => a?.fraction },
  { name: 'na', answer: true, cell: (_e, a) => a?.na },
  { name: 'weight', answer: true, cell: (_e, a) => a?.weight },
  { name: 'critical_failed', answer: true, cell: (_e, a) => a?.critical_failed },
  { name: 'root_causes', answer: true, cell: (_e, a) => a?.root_causes.join(';') },
  { name: 'comment', answer: true, cell: (_e, a) => a?.comment },
  { name: 'overall_comment', cell: (e) => e.overall_comment },
  // format 2 (decision 027)
  { name: 'points_earned', answer: true, cell: (_e, a) => earned(a) },
  { name: 'points_possible', answer: true, cell: (_e, a) => possible(a) },
  { name: 'failed', answer: true, cell: (_e, a) => a?.failed },
  { name: 'scoring', answer: true, cell: (_e, a) => a?.scoring },
  { name: 'bonus', answer: true, cell: (_e, a) => a?.bonus },
  { name: 'evaluation_points_earned', cell: (e) => e.points?.earned },
  { name: 'evaluation_points_possible', cell: (e) => e.points?.possible },
  { name: 'evaluation_bonus_possible', cell: (e) => e.points?.bonusPossible },
  { name: 'max_score', cell: (e) => e.points?.maxScore },
];

/** Evaluations read per query when the caller fixes it (tests); memory stays flat however long the range. */
export const EXPORT_BATCH = 500;

/**
 * Batches sized by time (decision 018): each batch (its two statements and its CSV text) should take about
 * `targetMs`, so on PGlite, where a statement holds the only connection and this thread, health checks and submits
 * get their turn between batches whatever the scorecard's size or the machine's speed.
 */
export const ADAPTIVE_BATCH: AdaptiveBatch = { first: 100, min: 50, max: 2000, targetMs: 20 };

/** An evaluation's rows: its own cells written once, each answer's cells per answer (one row without answers). */
function evaluationRows(e: Row, answers: readonly ExportAnswer[] | undefined): string {
  const own = COLUMNS.map((c) => (c.answer ? '' : csvCell(c.cell(e, undefined))));
  let out = '';
  for (const a of answers ?? [undefined]) out += `${COLUMNS.map((c, i) => (c.answer ? csvCell(c.cell(e, a)) : own[i])).join(',')}\r\n`;
  return out;
}

/** The stored answers as core's answers: what the evaluation was scored from (metric answers included). */
const asAnswers = (answers: readonly ExportAnswer[]): Answer[] =>
  answers.map((a) => (a.na ? { criterionId: a.criterion_id, na: true } : { criterionId: a.criterion_id, rating: a.rating ?? undefined }));

export interface ExportOptions {
  /** Evaluations per batch; by default batches are sized by time (`ADAPTIVE_BATCH`). The text does not depend on it. */
  batch?: number | AdaptiveBatch;
  /** Where the names come from (default: the people table alone; `zendeskNames` also asks Zendesk for missing ones). */
  names?: NameSource;
}

/**
 * The names of the batch's people not met in an earlier batch, added to `known` (an id without a name maps to
 * undefined, so it is not asked again).
 */
async function learnNames(
  db: Db,
  account: string,
  source: NameSource,
  evaluations: readonly ExportEvaluation[],
  known: Map<number, string | undefined>,
): Promise<void> {
  const ids = [...new Set(evaluations.flatMap((e) => [e.reviewee_id, e.reviewer_id]))].filter((id) => !known.has(id));
  if (ids.length === 0) return;
  const names = await source.namesOf(db, account, ids);
  for (const id of ids) known.set(id, names.get(id));
}

/** The CSV text of the matching evaluations, one keyset-paged batch at a time, in (created_at, id) order. */
export async function* exportCsv(db: Db, account: string, filters: ReportFilters, options: ExportOptions = {}): AsyncGenerator<string> {
  const { batch = ADAPTIVE_BATCH, names = storedNames } = options;
  yield csvRow(COLUMNS.map((c) => c.name));
  let after: Cursor | null = null;
  let size = typeof batch === 'number' ? batch : batch.first;
  const known = new Map<number, string | undefined>();
  const definitionFor = versionDefinitions(db, account);
  for (;;) {
    if (after) await yieldToEventLoop();
    let started = performance.now();
    const evaluations = await exportEvaluations(db, account, filters, after, size);
    if (evaluations.length === 0) return;
    // time spent waiting on Zendesk for names is not the database's: it does not shrink the batches
    const asking = performance.now();
    await learnNames(db, account, names, evaluations, known);
    started += performance.now() - asking;
    const answers = await exportAnswers(
      db,
      account,
      evaluations.map((e) => e.id),
    );
    const byEvaluation = new Map<string, ExportAnswer[]>();
    for (const a of answers) {
      const list = byEvaluation.get(a.evaluation_id);
      if (list) list.push(a);
      else byEvaluation.set(a.evaluation_id, [a]);
    }
    let chunk = '';
    for (const evaluation of evaluations) {
      const answers = byEvaluation.get(evaluation.id);
      const definition = await definitionFor(evaluation.scorecard_id, evaluation.scorecard_version);
      const e: Row = {
        ...evaluation,
        reviewee_name: known.get(evaluation.reviewee_id),
        reviewer_name: known.get(evaluation.reviewer_id),
        points: definition ? scoreEvaluation(definition, asAnswers(answers ?? [])) : null,
      };
      // an evaluation without answers still gets its row
      chunk += evaluationRows(e, answers);
    }
    yield chunk;
    if (evaluations.length < size) return;
    const last = evaluations.at(-1)!;
    after = { cursor: last.cursor, id: last.id };
    if (typeof batch !== 'number') size = nextBatch(size, performance.now() - started, batch);
  }
}
