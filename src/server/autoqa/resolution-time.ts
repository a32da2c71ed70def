/** Resolution time: Zendesk's minutes to the ticket's last solve (the metric criterion full-resolution-minutes). */
import { metricCheck } from './metric-check.ts';

export const resolutionTimeCheck = metricCheck({
  id: 'resolution-time',
  read: (m) => m.fullResolutionMinutes,
  reply: (a) => a.agentReplies.at(-1),
  note: 'full resolution time',
});
