/** Sums of tickets' own numbers and the figures made from them, shared by QA-beside-metrics and the synced population. */
import { meanFromSums, wilson } from './stats.ts';
import type { MetricFigures } from './ticket-reports.ts';

const MINUTES = { min: 0, max: Infinity };

/** Sums of tickets' reply and resolution times, reopens and ratings, from which their figures are made. */
export interface MetricSums {
  frtN: number;
  frtSum: number;
  frtSq: number;
  resN: number;
  resSum: number;
  resSq: number;
  reopenN: number;
  reopened: number;
  csatN: number;
  csatGood: number;
}

/** The figures of metric sums: mean times, reopen rate, CSAT good rate, each with its n. */
export function metricFigures(s: MetricSums): MetricFigures {
  return {
    firstReplyMinutes: meanFromSums(s.frtN, s.frtSum, s.frtSq, MINUTES),
    fullResolutionMinutes: meanFromSums(s.resN, s.resSum, s.resSq, MINUTES),
    reopenRate: wilson(s.reopened, s.reopenN),
    csatGoodRate: wilson(s.csatGood, s.csatN),
  };
}
