/**
 * Garden's css-variables declares some 250 colours and sizes on :root (2.2 kB gzip); the app reads a few dozen. The
 * build keeps only the `--zd-*` variables something in the output uses (a `var(--zd-...)` in any CSS, script or page,
 * or in a variable kept), so each page's up-front CSS carries no unused declarations. Nothing else changes: the look
 * is Garden's, and a variable used anywhere later is kept by the next build.
 */
import type { Plugin } from 'vite';

const DECLARATION = /(--zd-[\w-]+)\s*:\s*([^;}]*);?/g;
const REFERENCE = /var\(\s*(--zd-[\w-]+)/g;

const references = (text: string): string[] => [...text.matchAll(REFERENCE)].map((m) => m[1]!);

/** The `--zd-*` variables the texts use, directly or through the values of other used variables. */
export function usedVariables(texts: readonly string[]): Set<string> {
  const values = new Map<string, string[]>();
  const used = new Set<string>();
  for (const text of texts) {
    for (const [, name, value] of text.matchAll(DECLARATION)) values.set(name!, [...(values.get(name!) ?? []), value!]);
    // a declaration's own value uses something only if the declaration is kept: counted below
    for (const name of references(text.replace(DECLARATION, ''))) used.add(name);
  }
  const todo = [...used];
  while (todo.length > 0) {
    for (const value of values.get(todo.pop()!) ?? []) {
      for (const name of references(value)) {
        if (!used.has(name)) {
          used.add(name);
          todo.push(name);
        }
      }
    }
  }
  return used;
}

/** The CSS without the declarations of `--zd-*` variables not in `used`. */
export function pruneVariables(css: string, used: ReadonlySet<string>): string {
  return css.replace(DECLARATION, (whole, name: string) => (used.has(name) ? whole : ''));
}

export function pruneGardenVariables(): Plugin {
  return {
    name: 'ticket-qa:prune-garden-variables',
    apply: 'build',
    enforce: 'post',
    generateBundle(_, bundle) {
      const items = Object.values(bundle);
      const used = usedVariables(items.map((item) => (item.type === 'chunk' ? item.code : String(item.source))));
      for (const item of items) {
        if (item.type === 'asset' && item.fileName.endsWith('.css')) item.source = pruneVariables(String(item.source), used);
      }
    },
  };
}
