/**
 * The conversation's language, by franc-min (trigram profiles of the 82 most spoken languages). Trigrams decide
 * short texts poorly ("Great, thank you so much, that fixed it!" reads as German to them), so below 200 letters the
 * Hunspell dictionaries the spelling check loads anyway have the last word between English and German: the one that
 * knows clearly more of the words wins. A text with fewer than 12 letters is 'und' (undetermined).
 */
import { franc } from 'franc-min';
import type { Language } from './check.ts';
import { isKnownWord } from './dictionaries.ts';
import { words } from './text.ts';

const SUPPORTED: Record<string, Language> = { eng: 'en', deu: 'de' };
const SAMPLE = 2000;
const SHORT = 200;
const MAX_WORDS = 40;
const CLEARLY = 0.7;
const MARGIN = 0.15;

function byDictionary(text: string): Language | null {
  const sample = words(text).slice(0, MAX_WORDS);
  if (sample.length === 0) return null;
  const share = (language: Language) => sample.filter((w) => isKnownWord(language, w.text)).length / sample.length;
  const en = share('en');
  const de = share('de');
  if (Math.max(en, de) < CLEARLY || Math.abs(en - de) < MARGIN) return null;
  return en > de ? 'en' : 'de';
}

export function detectLanguage(text: string): Language | string {
  const sample = text.slice(0, SAMPLE);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 12) return 'und';
  const code = franc(sample, { minLength: 12 });
  if (letters < SHORT) return byDictionary(sample) ?? SUPPORTED[code] ?? code;
  return SUPPORTED[code] ?? code;
}

export function isSupported(language: string): language is Language {
  return language === 'en' || language === 'de';
}
