/**
 * Text helpers shared by the checks. Masking keeps every offset: what a check must not read (links, addresses, ticket
 * and order numbers, code, quoted lines) is overwritten with spaces of the same length, so a span found in the masked
 * text is the same span of the stored body (a body longer than MAX_CHARS is read up to there).
 */
import type { Language } from './check.ts';

/** Comments are read up to this many characters (a pasted log or a forwarded thread adds nothing a check reads). */
export const MAX_CHARS = 20_000;

const BLOCKS: readonly RegExp[] = [
  /```[^`]*```/g, // fenced code
  /`[^`\n]+`/g, // inline code
  /^>.*$/gm, // quoted lines of an e-mail reply
];

const blank = (m: string) => m.replace(/[^\n]/g, ' ');

/** What of one whitespace-free token is not prose: links, addresses, anything with a digit, file names, paths. */
function maskToken(token: string): string {
  if (/^[(<"'[]?(?:https?:\/\/|www\.)/i.test(token) || /^[/~][\w.-]*\//.test(token)) return blank(token);
  let out = token;
  if (out.includes('@')) out = out.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, blank);
  if (/\d/.test(out)) out = out.replace(/#?[\w-]+/g, (m) => (/\d/.test(m) ? blank(m) : m));
  if (out.includes('.')) out = out.replace(/[\w-]+\.(?:pdf|png|jpe?g|gif|csv|xlsx?|docx?|zip|txt|json|log)\b/gi, blank);
  return out;
}

/** The body with what no check reads blanked out, offsets kept; linear in the text (no backtracking across words). */
export function mask(body: string): string {
  let text = body.length > MAX_CHARS ? body.slice(0, MAX_CHARS) : body;
  for (const re of BLOCKS) text = text.replace(re, blank);
  return text.replace(/\S+/g, maskToken);
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(cache: Map<string, Intl.Segmenter>, language: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  let s = cache.get(language);
  if (!s) cache.set(language, (s = new Intl.Segmenter(language, { granularity })));
  return s;
}

/** The words of a text with their offsets (Unicode word boundaries; letters only, apostrophes kept inside words). */
export function words(text: string, language: Language | 'und' = 'en'): Span[] {
  const out: Span[] = [];
  for (const seg of segmenter(wordSegmenters, language === 'und' ? 'en' : language, 'word').segment(text)) {
    if (seg.isWordLike && /\p{L}/u.test(seg.segment))
      out.push({ start: seg.index, end: seg.index + seg.segment.length, text: seg.segment });
  }
  return out;
}

/** The sentences of a text with their offsets, trimmed; a line break also ends a sentence (salutations, lists). */
export function sentences(text: string, language: Language | 'und' = 'en'): Span[] {
  const out: Span[] = [];
  for (const seg of segmenter(sentenceSegmenters, language === 'und' ? 'en' : language, 'sentence').segment(text)) {
    let offset = seg.index;
    for (const line of seg.segment.split('\n')) {
      const lead = line.length - line.trimStart().length;
      const trimmed = line.trim();
      if (/\p{L}/u.test(trimmed)) out.push({ start: offset + lead, end: offset + lead + trimmed.length, text: trimmed });
      offset += line.length + 1;
    }
  }
  return out;
}

/** The first match of any pattern in text[from, to), as a span of the whole text. */
export function firstMatch(text: string, patterns: readonly RegExp[], from = 0, to = text.length): Span | null {
  const region = text.slice(from, to);
  let best: Span | null = null;
  for (const re of patterns) {
    const m = re.exec(region);
    if (m && (best === null || from + m.index < best.start)) {
      const start = from + m.index + (m[0].length - m[0].trimStart().length);
      best = { start, end: from + m.index + m[0].trimEnd().length, text: '' };
    }
  }
  if (best) best.text = text.slice(best.start, best.end);
  return best;
}
