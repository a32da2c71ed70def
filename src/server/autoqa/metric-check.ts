/**
 * A check that reads one of the ticket's metrics as Zendesk computed them (the figures the scorecards' metric criteria
 * read, core/metrics.ts): the value in minutes, or not applicable while Zendesk has none. The evidence is the reply
 * the time ends at.
 */
import type { TicketMetrics } from '../../core/metrics.ts';
import { applicable, type Check, evidenceOf, notApplicable } from './check.ts';
import { type Analysed, analyse, type Conversation, type Message } from './conversation.ts';

export interface MetricCheckSpec {
  id: string;
  read: (m: TicketMetrics) => number | null;
  /** the reply the time ends at */
  reply: (a: Analysed) => Message | undefined;
  note: string;
}

const EVIDENCE_CHARS = 120;

export function metricCheck(spec: MetricCheckSpec): Check {
  const check: Check = {
    id: spec.id,
    version: 1,
    run(conversation: Conversation) {
      const minutes = spec.read(conversation.metrics);
      if (minutes === null) return notApplicable(check, 'no-metric', `Zendesk has no ${spec.note} for this ticket yet`);
      const reply = spec.reply(analyse(conversation));
      const evidence = reply
        ? [
            evidenceOf(
              reply.comment.id,
              reply.comment.body,
              0,
              Math.min(reply.comment.body.length, EVIDENCE_CHARS),
              `${spec.note}: ${minutes} min`,
            ),
          ]
        : [];
      return applicable(check, { type: 'number', value: minutes, scale: { unit: 'minutes', min: 0, better: 'lower' } }, evidence);
    },
  };
  return check;
}
