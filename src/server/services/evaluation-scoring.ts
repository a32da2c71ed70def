/**
 * What an evaluation's score is made of: the server scores what reviewers send (decision 002), answering metric
 * criteria from the ticket's numbers, and keeps one row per answer for the reports; and the request hash that tells
 * a retry from another request reusing an id (decision 013).
 */
import { createHash } from 'node:crypto';
import { checkAnswers, type Answer, type Answers } from '../../core/answers.ts';
import type { MetricsSnapshot } from '../../core/evaluation.ts';
import { metricAnswer } from '../../core/metrics.ts';
import { optionFails } from '../../core/scale.ts';
import { allCriteria, scaleOptions, type ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation, type ScoreResult } from '../../core/scoring.ts';
import type { Queryable } from '../db/db.ts';
import { unprocessable } from '../errors.ts';
import type { AnswerRow, EvaluationRow } from '../store/evaluations.ts';
import { definitionOf, findVersion } from '../store/scorecards.ts';

/** JSON with sorted keys, so equal values hash equally whatever the key order the client sent. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What tells a retry (same hash: answered with the stored evaluation) from another request reusing the id (409). */
export const requestHash = (request: unknown) => createHash('sha256').update(canonicalJson(request)).digest('hex');

/** Metric criteria are answered from the ticket's numbers when the snapshot is given: the client's rating is not trusted. */
export function withMetricAnswers(card: ScorecardDefinition, answers: Answers, metrics: MetricsSnapshot | null): Answers {
  if (!metrics) return answers;
  const out = [...answers];
  for (const { criterion } of allCriteria(card)) {
    const computed = metricAnswer(criterion, metrics);
    if (!computed) continue;
    const i = out.findIndex((a) => a.criterionId === criterion.id);
    const client: Answer | undefined = i >= 0 ? out[i] : undefined;
    const merged: Answer = { ...computed, ...(client?.comment ? { comment: client.comment } : {}) };
    if (i >= 0) out[i] = merged;
    else out.push(merged);
  }
  return out;
}

/** The scored answers, or a 422 naming each problem by its path in `answers` (`pathOf` renames a path, e.g. to the request's index). */
export function score(card: ScorecardDefinition, answers: Answers, pathOf: (path: string) => string = (p) => `answers${p}`): ScoreResult {
  const problems = checkAnswers(card, answers, { requireComments: true });
  if (problems.length > 0) {
    throw unprocessable(
      'the answers do not fit the scorecard',
      problems.map((p) => `${pathOf(p.path)}: ${p.message}`),
    );
  }
  return scoreEvaluation(card, answers);
}

/**
 * One row per answered criterion, for reports by criterion and the CSV export. `auto`: the service's own suggestion
 * for each pre-rated criterion (services/autoqa.ts suggestedRatings), stored beside the reviewer's rating; left out,
 * rows keep what was stored before (store/evaluations.ts replaceAnswerRows).
 */
export function answerRows(
  card: ScorecardDefinition,
  answers: Answers,
  result: ScoreResult,
  auto?: ReadonlyMap<string, { check: string; rating: number | null }>,
): AnswerRow[] {
  const byId = new Map(answers.map((a) => [a.criterionId, a]));
  const failed = new Set(result.criticalFailures);
  const rows: AnswerRow[] = [];
  allCriteria(card).forEach(({ section, criterion }, position) => {
    const a = byId.get(criterion.id);
    if (!a) return;
    const option = a.rating === undefined ? undefined : scaleOptions(criterion.scale)[a.rating];
    const scoring = criterion.scoring !== false;
    rows.push({
      position,
      criterion_id: criterion.id,
      section_id: section.id,
      rating: a.na ? null : (a.rating ?? null),
      fraction: a.na ? null : (option?.fraction ?? null),
      na: a.na === true,
      weight: criterion.weight,
      critical: criterion.critical !== null,
      critical_failed: failed.has(criterion.id),
      root_causes: a.rootCauses ?? [],
      comment: a.comment ?? null,
      // the same rule as the critical check (decision 027); nothing to judge on N/A or a question that never counts
      failed: a.na || !scoring || !option ? null : optionFails(criterion, option),
      scoring,
      bonus: section.bonus === true || criterion.bonus === true,
      ...(auto ? { auto_check: auto.get(criterion.id)?.check ?? null, auto_rating: auto.get(criterion.id)?.rating ?? null } : {}),
    });
  });
  return rows;
}

/** The scorecard version the evaluation was scored with. */
export async function definitionFor(q: Queryable, row: EvaluationRow): Promise<ScorecardDefinition> {
  const version = await findVersion(q, row.account, row.scorecard_id, row.scorecard_version);
  return definitionOf(version!.definition);
}

/**
 * Scorecard versions by (id, version), each read once: for work over many evaluations (the CSV export, what-if).
 * null when the version is gone.
 */
export function versionDefinitions(q: Queryable, account: string): (id: string, version: number) => Promise<ScorecardDefinition | null> {
  const known = new Map<string, Promise<ScorecardDefinition | null>>();
  return (id, version) => {
    const key = `${id}\u0000${version}`;
    let found = known.get(key);
    if (!found) {
      found = findVersion(q, account, id, version).then((v) => (v ? definitionOf(v.definition) : null));
      known.set(key, found);
    }
    return found;
  };
}
