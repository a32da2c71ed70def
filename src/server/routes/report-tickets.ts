import { Hono } from 'hono';
import { instantRange, ReportFilters, summaryFromSums, type EvaluationSums } from '../../core/reports.ts';
import { meanFromSums, wilson } from '../../core/stats.ts';
import { TicketListQuery, type MetricFigures, type QaVsMetrics, type TicketRow } from '../../core/ticket-reports.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { scopeFilters } from '../reports/scope.ts';
import { evaluationConditions, Params } from '../reports/sql.ts';

interface Row {
  id: string;
  ticket_id: number;
  reviewee_id: number;
  reviewer_id: number;
  group_id: number | null;
  channel: string | null;
  scorecard_id: string;
  final_score: number | null;
  passed: boolean | null;
  csat: string | null;
  created_at: Date;
  fraction?: number | null;
  comment?: string | null;
  root_causes?: string[];
}

const TICKET_COLUMNS = 'e.id, e.ticket_id, e.reviewee_id, e.reviewer_id, e.group_id, e.channel, e.scorecard_id, e.final_score, e.passed, e.csat, e.created_at';

function ticketRow(r: Row): TicketRow {
  return {
    evaluationId: r.id,
    ticketId: r.ticket_id,
    revieweeId: r.reviewee_id,
    reviewerId: r.reviewer_id,
    groupId: r.group_id,
    channel: r.channel,
    scorecardId: r.scorecard_id,
    finalScore: r.final_score,
    passed: r.passed,
    csat: r.csat,
    createdAt: r.created_at.toISOString(),
    ...(r.fraction === undefined ? {} : { criterion: { fraction: r.fraction, comment: r.comment ?? null, rootCauses: r.root_causes ?? [] } }),
  };
}

/** `EvaluationSums` straight from `evaluations e` (for filters the rollups cannot answer). */
export const EVALUATION_SUMS = `count(*)::float8 AS count, count(e.final_score)::float8 AS scored,
  coalesce(sum(e.final_score), 0)::float8 AS "scoreSum", coalesce(sum(e.final_score * e.final_score), 0)::float8 AS "scoreSumSq",
  count(*) FILTER (WHERE e.passed)::float8 AS passes, count(*) FILTER (WHERE e.critical_failed)::float8 AS "criticalFails"`;

const CSAT_BUCKET = `CASE WHEN e.csat IN ('good', 'bad') THEN e.csat ELSE 'none' END`;

/** `/reports/tickets` and `/reports/qa-vs-metrics`: from a figure back to the tickets behind it. */
export function reportTicketsRouter({ db }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/tickets', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(TicketListQuery, c.req.query()));
      const p = new Params();
      const where = evaluationConditions(p, actor.account, q, instantRange(q));
      let join = '';
      let extra = '';
      if (q.criterionId !== undefined) {
        join = `JOIN evaluation_answers a ON a.account = e.account AND a.evaluation_id = e.id AND a.criterion_id = ${p.add(q.criterionId)}`;
        extra = ', a.fraction, a.comment, a.root_causes';
        if (q.failed === 'true') where.push('a.fraction < 0.5');
      } else if (q.failed === 'true') {
        where.push('e.passed = false');
      }
      const rows = await db.query<Row>(
        `SELECT ${TICKET_COLUMNS}${extra} FROM evaluations e ${join} WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id LIMIT ${p.add(q.limit)}`,
        p.values,
      );
      return c.json({ items: rows.map(ticketRow) });
    })
    .get('/qa-vs-metrics', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(ReportFilters, c.req.query()));
      const range = instantRange(q);
      const p = new Params();
      const where = evaluationConditions(p, actor.account, q, range).join(' AND ');
      const byCsat = await db.query<EvaluationSums & { csat: 'good' | 'bad' | 'none' }>(
        `SELECT ${CSAT_BUCKET} AS csat, ${EVALUATION_SUMS}
           FROM evaluations e WHERE ${where} GROUP BY 1 ORDER BY 1`,
        p.values,
      );
      const byResult = await db.query<Record<string, number> & { result: 'passed' | 'failed' }>(
        `SELECT CASE WHEN e.passed THEN 'passed' ELSE 'failed' END AS result,
                count(e.first_reply_minutes)::float8 AS frt_n, coalesce(sum(e.first_reply_minutes), 0)::float8 AS frt_sum,
                coalesce(sum(e.first_reply_minutes ^ 2), 0)::float8 AS frt_sq,
                count(e.full_resolution_minutes)::float8 AS res_n, coalesce(sum(e.full_resolution_minutes), 0)::float8 AS res_sum,
                coalesce(sum(e.full_resolution_minutes ^ 2), 0)::float8 AS res_sq,
                count(e.reopens)::float8 AS reopen_n, count(*) FILTER (WHERE e.reopens > 0)::float8 AS reopened,
                count(*) FILTER (WHERE e.csat IN ('good', 'bad'))::float8 AS csat_n, count(*) FILTER (WHERE e.csat = 'good')::float8 AS csat_good
           FROM evaluations e WHERE ${where} AND e.passed IS NOT NULL GROUP BY 1 ORDER BY 1 DESC`,
        p.values,
      );
      const disagreements = await db.query<Row & { kind: 'qa-pass-csat-bad' | 'qa-fail-csat-good' }>(
        `SELECT ${TICKET_COLUMNS}, CASE WHEN e.passed THEN 'qa-pass-csat-bad' ELSE 'qa-fail-csat-good' END AS kind
           FROM evaluations e WHERE ${where} AND ((e.passed AND e.csat = 'bad') OR (NOT e.passed AND e.csat = 'good'))
          ORDER BY e.created_at DESC, e.id LIMIT 100`,
        p.values,
      );
      const body: QaVsMetrics = {
        byCsat: byCsat.map(({ csat, ...sums }) => ({ csat, summary: summaryFromSums(sums) })),
        byResult: byResult.map((r): { result: 'passed' | 'failed'; metrics: MetricFigures } => ({
          result: r.result,
          metrics: {
            firstReplyMinutes: meanFromSums(r.frt_n!, r.frt_sum!, r.frt_sq!, { min: 0, max: Infinity }),
            fullResolutionMinutes: meanFromSums(r.res_n!, r.res_sum!, r.res_sq!, { min: 0, max: Infinity }),
            reopenRate: wilson(r.reopened!, r.reopen_n!),
            csatGoodRate: wilson(r.csat_good!, r.csat_n!),
          },
        })),
        disagreements: disagreements.map((r) => ({ ...ticketRow(r), kind: r.kind })),
      };
      return c.json(body);
    });
}
