/**
 * A location's UI strings: English (every locale's fallback) bundled with the page, so an English user fetches
 * nothing and the others fetch one small chunk with only their location's sections (see sections.ts).
 */
import { DEFAULT_LOCALE, createTranslator, pickLocale, type Messages, type Translate } from './translate.ts';

export interface LoadedTranslations {
  locale: string;
  t: Translate;
}

export interface LocationStrings {
  locales(): string[];
  /** The user's strings; English at once (no fetch), other locales after their chunk has arrived. */
  load(requested: string | undefined): Promise<LoadedTranslations>;
  /**
   * English strings left out of the first load (views fetched on first use need them): fetched once and added to the
   * bundled English, which every translator reads at call time (English users' own, the others' fallback).
   */
  later(): Promise<void>;
}

/** Adds `more` into `into`, in place. */
function mergeInto(into: Messages, more: Messages): void {
  for (const [key, value] of Object.entries(more)) {
    const here = into[key];
    if (typeof value === 'object' && typeof here === 'object') mergeInto(here, value);
    else into[key] = value;
  }
}

const localeOf = (path: string) => path.replace(/^.*\/([^/]+)\.json(?:\?.*)?$/, '$1');

/**
 * From two `import.meta.glob` maps over translations/*.json: `bundled` eager (English), `lazy` the others.
 * The globs live in each location's strings.ts because their patterns and queries must be literals.
 */
export function createStrings(
  bundled: Record<string, Messages>,
  lazy: Record<string, () => Promise<Messages>>,
  later: Record<string, () => Promise<Messages>> = {},
): LocationStrings {
  const ready = new Map(Object.entries(bundled).map(([path, messages]) => [localeOf(path), messages]));
  const loaders = new Map(Object.entries(lazy).map(([path, load]) => [localeOf(path), load]));
  const fallback = ready.get(DEFAULT_LOCALE) ?? {};
  const locales = () => [...new Set([...ready.keys(), ...loaders.keys()])];
  let added: Promise<void> | null = null;
  return {
    later: () =>
      (added ??= Promise.all(Object.values(later).map((load) => load())).then(
        (parts) => {
          for (const part of parts) mergeInto(fallback, part);
        },
        (error: unknown) => {
          added = null; // the next view fetched tries again
          throw error;
        },
      )),
    locales,
    async load(requested) {
      const locale = pickLocale(requested, locales());
      const messages = ready.get(locale) ?? (await loaders.get(locale)?.()) ?? {};
      return { locale, t: createTranslator(messages, locale === DEFAULT_LOCALE ? {} : fallback, locale) };
    },
  };
}
