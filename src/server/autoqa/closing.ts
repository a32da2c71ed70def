/** Closing: the agent's last reply ends with a sign-off or an offer of further help (its last 350 characters). */
import { CLOSING_WINDOW, ending, phraseCheck } from './phrase-check.ts';
import { CLOSINGS } from './phrases.ts';

export const closingCheck = phraseCheck({
  id: 'closing',
  version: 1,
  phrases: CLOSINGS,
  regions: (a) => {
    const last = a.agentReplies.at(-1);
    return last ? [ending(last, CLOSING_WINDOW)] : [];
  },
  missing: 'no sign-off or offer of further help at the end of the last reply',
});
