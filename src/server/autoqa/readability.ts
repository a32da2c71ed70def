/**
 * Readability of the agent's public replies together. English: Flesch reading ease (package flesch; syllables by the
 * syllable package). German: Flesch's formula adapted by Amstad (180 - words per sentence - 58.5 x syllables per
 * word; no package on the registry computes it) on the same 0-100 scale, and the first Wiener Sachtextformel (a
 * school grade, 4 to 15) as a detail. Higher reading ease is easier; below 50 reads as difficult. The evidence is the
 * hardest sentence (lowest reading ease among sentences of at least 5 words). The greeting and the signature are not
 * prose and are not read.
 */
import { flesch } from 'flesch';
import { applicable, type Check, evidenceOf, type Language, notApplicable } from './check.ts';
import type { Conversation, Message } from './conversation.ts';
import { nonProse, readReplies } from './phrase-check.ts';
import { syllables } from './syllables.ts';
import { sentences, words } from './text.ts';

const MIN_WORDS = 12;
const MIN_SENTENCE_WORDS = 5;

interface Counts {
  sentence: number;
  word: number;
  syllable: number;
  /** words of three or more syllables, of one syllable, and of more than six letters (for the Wiener Sachtextformel) */
  poly: number;
  mono: number;
  long: number;
}

function count(language: Language, text: string): Counts {
  const c: Counts = { sentence: 1, word: 0, syllable: 0, poly: 0, mono: 0, long: 0 };
  for (const w of words(text, language)) {
    const n = syllables(language, w.text);
    c.word++;
    c.syllable += n;
    if (n >= 3) c.poly++;
    if (n === 1) c.mono++;
    if (w.text.length > 6) c.long++;
  }
  return c;
}

function readingEase(language: Language, c: Counts): number {
  if (language === 'en') return flesch({ sentence: c.sentence, word: c.word, syllable: c.syllable });
  return 180 - c.word / c.sentence - 58.5 * (c.syllable / c.word);
}

function wienerSachtextformel(c: Counts): number {
  const pct = (n: number) => (100 * n) / c.word;
  return 0.1935 * pct(c.poly) + 0.1672 * (c.word / c.sentence) + 0.1297 * pct(c.long) - 0.0327 * pct(c.mono) - 0.875;
}

const round = (n: number) => Math.round(n * 10) / 10;

export const readabilityCheck: Check = {
  id: 'readability',
  version: 1,
  run(conversation: Conversation) {
    const read = readReplies(readabilityCheck, conversation);
    if ('applicable' in read) return read;
    const { analysed, language } = read;
    const total: Counts = { sentence: 0, word: 0, syllable: 0, poly: 0, mono: 0, long: 0 };
    let hardest: { message: Message; start: number; end: number; ease: number } | null = null;
    for (const message of analysed.agentReplies) {
      let prose = message.masked;
      for (const [start, end] of nonProse(message, language)) prose = prose.slice(0, start) + ' '.repeat(end - start) + prose.slice(end);
      for (const s of sentences(prose, language)) {
        const c = count(language, s.text);
        if (c.word === 0) continue;
        for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
        const ease = readingEase(language, c);
        if (c.word >= MIN_SENTENCE_WORDS && (hardest === null || ease < hardest.ease))
          hardest = { message, start: s.start, end: s.end, ease };
      }
    }
    if (total.word < MIN_WORDS) return notApplicable(readabilityCheck, 'too-short', `${total.word} words in the replies`);
    const ease = round(Math.max(0, Math.min(100, readingEase(language, total))));
    const evidence = hardest
      ? [
          evidenceOf(
            hardest.message.comment.id,
            hardest.message.comment.body,
            hardest.start,
            hardest.end,
            `hardest sentence: ${round(hardest.ease)}`,
          ),
        ]
      : [];
    const details: Record<string, number> = {
      words: total.word,
      sentences: total.sentence,
      wordsPerSentence: round(total.word / total.sentence),
      syllablesPerWord: round(total.syllable / total.word),
    };
    if (language === 'de') details.wienerSachtextformel = round(wienerSachtextformel(total));
    const scale = {
      unit: language === 'en' ? 'Flesch reading ease' : 'Flesch reading ease (Amstad)',
      min: 0,
      max: 100,
      better: 'higher' as const,
    };
    return applicable(readabilityCheck, { type: 'number', value: ease, scale }, evidence, { language, details });
  },
};
