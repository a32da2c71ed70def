/** Loads the UI strings of one locale on demand, so the sidebar bundle carries no translation files. */
import { DEFAULT_LOCALE, createTranslator, pickLocale, type Messages, type Translate } from './translate.ts';

// Only the `ui` section is shipped to the browser; `app.*` is for Zendesk's admin pages.
const loaders = import.meta.glob<Messages>('../../../translations/*.json', { import: 'ui' });

const byLocale = new Map(
  Object.entries(loaders).map(([path, load]) => [path.replace(/^.*\/([^/]+)\.json$/, '$1'), load]),
);

export const availableLocales = (): string[] => [...byLocale.keys()];

export interface LoadedTranslations {
  locale: string;
  t: Translate;
}

export async function loadTranslations(requested: string | undefined): Promise<LoadedTranslations> {
  const locale = pickLocale(requested, availableLocales());
  const load = async (name: string): Promise<Messages> => ({ ui: (await byLocale.get(name)?.()) ?? {} });
  const [messages, fallback] = await Promise.all([
    load(locale),
    locale === DEFAULT_LOCALE ? Promise.resolve({}) : load(DEFAULT_LOCALE),
  ]);
  return { locale, t: createTranslator(messages, fallback) };
}
