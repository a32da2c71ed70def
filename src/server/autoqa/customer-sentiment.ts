/**
 * Customer sentiment at the start (the customer's first public message) and at the end (their last public message
 * after the agent's first reply): the AFINN-165 score of the message (sentiment-lexicon.ts), summed over its
 * sentences, below 0 negative and above 0 positive. Salutations, sign-offs and "thanks in advance" are politeness,
 * not sentiment, and are not read ("Kind regards" would score +5). The evidence is the sentence that weighs most in
 * the direction of the score, with its scored words.
 */
import { applicable, type Check, type Evidence, evidenceOf, type Language, notApplicable } from './check.ts';
import { type Analysed, analyse, type Conversation, type Message } from './conversation.ts';
import { isSupported } from './language.ts';
import { phrase } from './phrases.ts';
import { sentimentEngine } from './sentiment-lexicon.ts';
import { sentences } from './text.ts';

const POLITENESS: Record<Language, RegExp> = {
  en: phrase(
    '\\b(?:(?:best|kind|kindest|warm|warmest|many) )?regards\\b|\\bbest wishes\\b|\\ball the best\\b|^[ \\t]*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\\b|\\b(?:thanks|thank you)(?: so much)? in advance\\b|^[ \\t]*(?:thanks|thank you|cheers)[ \\t]*[,!.]?(?:[ \\t]+\\p{L}+){0,2}[ \\t]*$',
    'gm',
  ),
  de: phrase(
    '\\b(?:mit )?(?:freundlichen|besten|herzlichen|lieben|vielen|schönen) grü(?:ß|ss)en\\b|\\b(?:viele|beste|liebe|herzliche|freundliche|schöne) grü(?:ß|ss)e\\b|^[ \\t]*(?:liebe[rs]?|sehr geehrte[rs]?|hallo|hi|guten (?:tag|morgen|abend))\\b|\\b(?:(?:vielen )?dank(?:e)? (?:im voraus|vorab)|vorab (?:vielen )?dank)\\b|^[ \\t]*(?:lg|vg|mfg|gruß|danke|vielen dank)[ \\t]*[,!.]?(?:[ \\t]+\\p{L}+){0,2}[ \\t]*$',
    'gm',
  ),
};

const blank = (m: string) => ' '.repeat(m.length);

interface Scored {
  start: number;
  end: number;
  score: number;
  words: string[];
}

function score(message: Message, language: Language): { total: number; sentences: Scored[] } {
  const text = message.masked.replace(POLITENESS[language], blank);
  const engine = sentimentEngine();
  const scored: Scored[] = [];
  let total = 0;
  for (const s of sentences(text, language)) {
    const r = engine.analyze(s.text, { language: `qa-${language}` });
    total += r.score;
    if (r.score !== 0)
      scored.push({ start: s.start, end: s.end, score: r.score, words: r.calculation.map((c) => Object.keys(c)[0] ?? '') });
  }
  return { total, sentences: scored };
}

type Pick = (a: Analysed) => Message | null | undefined;

function sentimentCheck(id: string, pick: Pick, none: string): Check {
  const check: Check = {
    id,
    version: 1,
    run(conversation: Conversation) {
      const analysed = analyse(conversation);
      const message = pick(analysed);
      if (!message) return notApplicable(check, 'no-customer-message', none);
      if (analysed.language === 'und') return notApplicable(check, 'too-short', 'too little text to tell its language');
      if (!isSupported(analysed.language)) return notApplicable(check, 'language-not-supported', `language ${analysed.language}`);
      const language = analysed.language;
      const { total, sentences: scored } = score(message, language);
      const { id: commentId, body } = message.comment;
      const decisive = scored
        .filter((s) => Math.sign(s.score) === Math.sign(total))
        .sort((a, b) => Math.abs(b.score) - Math.abs(a.score))[0];
      const evidence: Evidence[] = decisive
        ? [
            evidenceOf(
              commentId,
              body,
              decisive.start,
              decisive.end,
              `${decisive.score > 0 ? '+' : ''}${decisive.score}: ${decisive.words.join(', ')}`,
            ),
          ]
        : [evidenceOf(commentId, body, 0, body.length, 'no word with a sentiment outweighs the others')];
      const scale = { unit: 'AFINN-165 score of the message (below 0 negative, above 0 positive)', better: 'higher' as const };
      return applicable(check, { type: 'number', value: total, scale }, evidence, { language });
    },
  };
  return check;
}

export const sentimentStartCheck = sentimentCheck('sentiment-start', (a) => a.customerMessages[0], 'no public message from the customer');

export const sentimentEndCheck = sentimentCheck(
  'sentiment-end',
  (a) => {
    const firstReply = a.agentReplies[0];
    if (!firstReply) return null;
    const last = a.customerMessages.at(-1);
    return last && last.index > firstReply.index ? last : null;
  },
  'no customer message after the first agent reply',
);
