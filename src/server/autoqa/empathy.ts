/** Empathy: any agent reply acknowledges the customer's feelings or view (sorry to hear, I understand how...). */
import { phraseCheck, whole } from './phrase-check.ts';
import { EMPATHY } from './phrases.ts';

export const empathyCheck = phraseCheck({
  id: 'empathy',
  version: 1,
  phrases: EMPATHY,
  regions: (a) => a.agentReplies.map(whole),
  missing: "no acknowledgement of the customer's feelings in the replies",
});
