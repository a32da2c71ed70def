/**
 * Which `ui` sections of a translations file a location ships. translations/<locale>.json stays the one source
 * (Zendesk's format, shipped whole in dist/translations); the build cuts each location's share out of it.
 */
import type { Messages } from './translate.ts';

/** The import query that asks the build for a cut: `?ui-sections=common,zaf,sidebar` or `?ui-sections=!sidebar`. */
export const SECTIONS_QUERY = 'ui-sections';

/** `{ ui: { <kept sections> } }` from a whole translations file; `!a,b` keeps every section but a and b. */
export function pickSections(file: Messages, spec: string): Messages {
  const ui = typeof file.ui === 'object' ? file.ui : {};
  const omit = spec.startsWith('!');
  const named = new Set(
    spec
      .replace(/^!/, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return { ui: Object.fromEntries(Object.entries(ui).filter(([name]) => named.has(name) !== omit)) };
}

/** The spec in an import id such as `/x/translations/de.json?ui-sections=common,sidebar`, or null for other ids. */
export function sectionsSpec(id: string): string | null {
  const [path, query = ''] = id.split('?');
  if (!/[\\/]translations[\\/][^\\/]+\.json$/.test(path ?? '')) return null;
  return new URLSearchParams(query).get(SECTIONS_QUERY);
}
