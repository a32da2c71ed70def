/**
 * Agent spelling: the words of the agent's public replies that no Hunspell dictionary of the language knows. Not read:
 * links, addresses, ticket and order numbers, code, quoted lines (masked); the customer's and agents' names, the name
 * after a greeting and the signature after a sign-off; words of the account's allow-list (product jargon); acronyms
 * and words with inner capitals (SLA, iOS); in English, capitalised words inside a sentence (names of people, places
 * and products). German replies borrow English words (App, Dashboard, sorry): a word the English dictionaries know
 * is not a German misspelling (so "Packet" for "Paket" goes unseen).
 */
import { applicable, type Check, type Evidence, evidenceOf, type Language, notApplicable } from './check.ts';
import type { Conversation } from './conversation.ts';
import { isKnownWord } from './dictionaries.ts';
import { nonProse, readReplies } from './phrase-check.ts';
import { words } from './text.ts';

export interface SpellingOptions {
  /** the account's own words: product names, features, jargon (any case) */
  allowList?: readonly string[];
}

const MIN_WORDS = 3;
const MAX_EVIDENCE = 20;

const SENTENCE_START = /(?:^|[.!?\n]["')\]]?)\s*$/;

function skipped(word: string, before: string, language: Language, names: ReadonlySet<string>, allow: ReadonlySet<string>): boolean {
  if (word.length < 2) return true;
  const lower = word.toLowerCase();
  if (allow.has(lower) || names.has(lower)) return true;
  if (/\p{Lu}/u.test(word.slice(1))) return true; // acronyms, inner capitals
  if (language === 'en' && /^\p{Lu}/u.test(word) && !SENTENCE_START.test(before)) return true;
  return false;
}

export function createSpellingCheck(options: SpellingOptions = {}): Check {
  const allow = new Set((options.allowList ?? []).map((w) => w.toLowerCase()));
  const check: Check = {
    id: 'spelling',
    version: 1,
    run(conversation: Conversation) {
      const read = readReplies(check, conversation);
      if ('applicable' in read) return read;
      const { analysed, language } = read;
      const names = new Set((conversation.names ?? []).flatMap((n) => n.toLowerCase().split(/[\s\-.,]+/u)).filter(Boolean));
      const evidence: Evidence[] = [];
      let checked = 0;
      let misspelled = 0;
      for (const message of analysed.agentReplies) {
        const skip = nonProse(message, language);
        for (const w of words(message.masked, language)) {
          if (skip.some(([s, e]) => w.start >= s && w.end <= e)) continue;
          if (skipped(w.text, message.masked.slice(Math.max(0, w.start - 3), w.start), language, names, allow)) continue;
          checked++;
          if (isKnownWord(language, w.text) || (language === 'de' && isKnownWord('en', w.text))) continue;
          misspelled++;
          if (evidence.length < MAX_EVIDENCE) {
            evidence.push(evidenceOf(message.comment.id, message.comment.body, w.start, w.end, `not in the ${language} dictionary`));
          }
        }
      }
      if (checked < MIN_WORDS) return notApplicable(check, 'too-short', `${checked} words to check`);
      const value = { type: 'number' as const, value: misspelled, scale: { unit: 'misspelled words', min: 0, better: 'lower' as const } };
      return applicable(check, value, evidence, {
        language,
        details: { wordsChecked: checked, misspelledPer100Words: Math.round((misspelled / checked) * 1000) / 10 },
      });
    },
  };
  return check;
}
