/** First reply time: Zendesk's minutes to the first public agent reply (the metric criterion first-reply-minutes). */
import { metricCheck } from './metric-check.ts';

export const replyTimeCheck = metricCheck({
  id: 'reply-time',
  read: (m) => m.firstReplyMinutes,
  reply: (a) => a.agentReplies[0],
  note: 'first reply time',
});
