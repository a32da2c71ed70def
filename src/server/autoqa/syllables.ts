/// <reference path="./hyphen.d.ts" />
/**
 * Syllables per word. English: the syllable package (rules and exceptions for English). German: the larger of two
 * counts, the hyphenation points of the German TeX patterns (package hyphen) plus one, and the vowel groups (ei, au,
 * ie... count once); hyphenation leaves out a lone vowel at a word's edge ("oder", "aber"), vowel groups merge vowels
 * that hyphenation parts ("Si-tu-a-ti-on"). Counts are cached per word.
 */
import hyphenDe from 'hyphen/de/index.js';
import { syllable } from 'syllable';
import type { Language } from './check.ts';

const cache: Record<Language, Map<string, number>> = { en: new Map(), de: new Map() };
const CACHE_LIMIT = 100_000;
const SOFT_HYPHEN = '\u00ad';

function german(word: string): number {
  const hyphenated = hyphenDe.hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: 3 }).split(SOFT_HYPHEN).length;
  const vowelGroups = word.toLowerCase().match(/[aeiouyäöü]+/g)?.length ?? 0;
  return Math.max(1, hyphenated, vowelGroups);
}

export function syllables(language: Language, word: string): number {
  const memo = cache[language];
  let n = memo.get(word);
  if (n === undefined) {
    n = language === 'de' ? german(word) : Math.max(1, syllable(word));
    if (memo.size >= CACHE_LIMIT) memo.clear();
    memo.set(word, n);
  }
  return n;
}
