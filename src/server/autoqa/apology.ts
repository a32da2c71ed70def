/** Apology: any agent reply apologises (sorry for/about/that, apologies, we regret; "sorry to hear" is empathy). */
import { phraseCheck, whole } from './phrase-check.ts';
import { APOLOGIES } from './phrases.ts';

export const apologyCheck = phraseCheck({
  id: 'apology',
  version: 1,
  phrases: APOLOGIES,
  regions: (a) => a.agentReplies.map(whole),
  missing: 'no apology in the replies',
});
