/**
 * The Hunspell dictionaries, built once per process on first use (English about 0.7 s each, German about 1.6 s) and
 * shared by every account; each word's verdict is cached, as support replies repeat the same few thousand words.
 * English accepts US (dictionary-en) and British (dictionary-en-gb) spelling. nspell misses parts of the German
 * dictionary's affix and compound rules, so German adds what Hunspell itself would accept: a lower-case word whose
 * form without its strip-only suffix is known ("bitte" of "bitten"), and a capitalised compound of two known words
 * of up to three known words of at least four letters each, with or without a linking s/es/n/en ("Rechnungsadresse",
 * "Kundennummer"), and a lower-case compound of a noun and a known lower-case word ("transaktionsbezogene").
 */
import de from 'dictionary-de';
import en from 'dictionary-en';
import enGb from 'dictionary-en-gb';
import nspell from 'nspell';
import type { Language } from './check.ts';

type Speller = ReturnType<typeof nspell>;

const load = (d: { aff: Uint8Array; dic: Uint8Array }): Speller => nspell({ aff: Buffer.from(d.aff), dic: Buffer.from(d.dic) });

let spellers: { en: Speller[]; de: Speller[] } | null = null;

function all(): { en: Speller[]; de: Speller[] } {
  spellers ??= { en: [load(en), load(enGb)], de: [load(de)] };
  return spellers;
}

/** Builds every dictionary now (at start-up or before a benchmark) rather than on the first check. */
export function preloadDictionaries(): void {
  all();
}

const CACHE_LIMIT = 200_000;
const cache: Record<Language, Map<string, boolean>> = { en: new Map(), de: new Map() };

const capitalised = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const LINKS = ['', 's', 'es', 'n', 'en'];
const MIN_PART = 4;
const MAX_PARTS = 3;

function known(spell: Speller[], word: string): boolean {
  for (const s of spell) {
    if (s.correct(word)) return true;
    const lower = word.toLowerCase();
    if (lower !== word && s.correct(lower)) return true;
  }
  return false;
}

function knownGerman(spell: Speller[], word: string, depth = 0): boolean {
  if (known(spell, word) || known(spell, capitalised(word))) return true;
  const lower = /^\p{Ll}/u.test(word);
  if (lower && known(spell, `${word}n`)) return true;
  if (depth >= MAX_PARTS - 1) return false;
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
    const tail = word.slice(i);
    // a noun's tail is a noun (capitalised); a lower-case word's tail keeps its case ("transaktionsbezogene")
    if (!knownGerman(spell, lower ? tail : capitalised(tail), depth + 1)) continue;
    for (const link of LINKS) {
      const head = word.slice(0, i - link.length);
      if (!word.slice(0, i).endsWith(link) || head.length < MIN_PART - 1) continue;
      // the head of a lower-case compound must be a noun (known only capitalised), so "vieleicht" is not viel + eicht
      if (lower ? !known(spell, head) && known(spell, capitalised(head)) : knownGerman(spell, head, depth + 1)) return true;
    }
  }
  return false;
}

/** Whether a word is spelled correctly in the language (apostrophes as typed: ’ and ' are the same). */
export function isKnownWord(language: Language, raw: string): boolean {
  const word = raw.replaceAll('’', "'").replace(/'s$/, '');
  const memo = cache[language];
  const hit = memo.get(word);
  if (hit !== undefined) return hit;
  const spell = all()[language];
  const ok = language === 'de' ? knownGerman(spell, word) : known(spell, word);
  if (memo.size >= CACHE_LIMIT) memo.clear();
  memo.set(word, ok);
  return ok;
}
