import type { Answer } from './answers.ts';
import type { Criterion, MetricName } from './scorecard.ts';

/** The ticket's quantitative side, kept apart from judgement (minutes; CSAT as good/bad/offered/unoffered). */
export interface TicketMetrics {
  firstReplyMinutes: number | null;
  fullResolutionMinutes: number | null;
  reopens: number | null;
  csat: 'good' | 'bad' | 'offered' | 'unoffered' | null;
}

const READ: Record<MetricName, (m: TicketMetrics) => number | null> = {
  'first-reply-minutes': (m) => m.firstReplyMinutes,
  'full-resolution-minutes': (m) => m.fullResolutionMinutes,
  reopens: (m) => m.reopens,
  csat: (m) => (m.csat === 'good' ? 1 : m.csat === 'bad' ? 0 : null),
};

/** The answer a metric criterion gets from the ticket's numbers: Yes when met, No when missed, N/A when unknown. */
export function metricAnswer(criterion: Criterion, metrics: TicketMetrics): Answer | null {
  if (!criterion.metric) return null;
  const value = READ[criterion.metric.name](metrics);
  if (value === null) return { criterionId: criterion.id, na: true };
  const met = criterion.metric.direction === 'at-most' ? value <= criterion.metric.target : value >= criterion.metric.target;
  return { criterionId: criterion.id, rating: met ? 1 : 0 };
}
