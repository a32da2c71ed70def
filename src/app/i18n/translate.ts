/** Tiny i18n: pick the user's locale with fallback (de-CH -> de -> en) and translate dotted keys with {{var}}. */

export type Messages = { [key: string]: string | Messages };
export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

export const DEFAULT_LOCALE = 'en';

/** The best available locale for a requested one: exact (any case), then its base language, then `en`. */
export function pickLocale(requested: string | undefined, available: readonly string[], fallback = DEFAULT_LOCALE): string {
  const byLower = new Map(available.map((l) => [l.toLowerCase(), l]));
  const wanted = (requested ?? '').trim().replace('_', '-').toLowerCase();
  return byLower.get(wanted) ?? byLower.get(wanted.split('-')[0] ?? '') ?? fallback;
}

export function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(template: string, vars: Vars = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Translator over the user's messages, then the fallback's; a missing key shows itself (visible, never blank).
 * A numeric `count` picks the key's plural form for the locale (`key_one`, `key_other`; Intl.PluralRules' names),
 * then `key_other`, then the key itself.
 */
export function createTranslator(messages: Messages, fallback: Messages = {}, locale: string = DEFAULT_LOCALE): Translate {
  const find = (key: string) => lookup(messages, key) ?? lookup(fallback, key);
  let rules: Intl.PluralRules | undefined;
  const plural = (key: string, count: number) => {
    rules ??= new Intl.PluralRules(locale);
    return find(`${key}_${rules.select(count)}`) ?? find(`${key}_other`);
  };
  return (key, vars) => {
    const count = vars?.count;
    return interpolate((typeof count === 'number' ? plural(key, count) : undefined) ?? find(key) ?? key, vars);
  };
}

/** Every leaf key of a messages tree, dotted. */
export function flattenKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flattenKeys(v, `${prefix}${k}.`)));
}
