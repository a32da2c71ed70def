/** Greeting: the agent's first reply opens with a salutation or an opening thanks (its first 200 characters). */
import { GREETING_WINDOW, opening, phraseCheck } from './phrase-check.ts';
import { GREETINGS } from './phrases.ts';

export const greetingCheck = phraseCheck({
  id: 'greeting',
  version: 1,
  phrases: GREETINGS,
  regions: (a) => (a.agentReplies[0] ? [opening(a.agentReplies[0], GREETING_WINDOW)] : []),
  missing: 'no greeting at the start of the first reply',
});
