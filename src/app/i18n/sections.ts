/**
 * Which `ui` sections of a translations file a location ships. translations/<locale>.json stays the one source
 * (Zendesk's format, shipped whole in dist/translations); the build cuts each location's share out of it.
 */
import type { Messages } from './translate.ts';

/**
 * The import query that asks the build for a cut: `?ui-sections=common,zaf,sidebar` or `?ui-sections=!sidebar`. A
 * dotted item takes a part of a section (`sidebar.agent`), or with `-` leaves it out of what is kept (`-sidebar.agent`).
 */
export const SECTIONS_QUERY = 'ui-sections';

const at = (tree: Messages, path: readonly string[]): Messages | string | undefined =>
  path.reduce<Messages | string | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), tree);

/** `{ ui: { <kept sections> } }` from a whole translations file; `!a,b` keeps every section but a and b. */
export function pickSections(file: Messages, spec: string): Messages {
  const ui = typeof file.ui === 'object' ? file.ui : {};
  const omit = spec.startsWith('!');
  const items = spec
    .replace(/^!/, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const named = new Set(items.filter((s) => !s.includes('.')));
  const kept: Messages = structuredClone(Object.fromEntries(Object.entries(ui).filter(([name]) => named.has(name) !== omit)));
  for (const item of items.filter((s) => s.includes('.'))) {
    const path = item.replace(/^-/, '').split('.');
    const parent = path.slice(0, -1);
    const last = path.at(-1)!;
    if (item.startsWith('-')) {
      const node = at(kept, parent);
      if (typeof node === 'object') delete node[last];
      continue;
    }
    const part = at(ui, path);
    if (part === undefined) continue;
    let node = kept;
    for (const key of parent) node = typeof node[key] === 'object' ? node[key] : (node[key] = {});
    node[last] = structuredClone(part);
  }
  return { ui: kept };
}

/** The spec in an import id such as `/x/translations/de.json?ui-sections=common,sidebar`, or null for other ids. */
export function sectionsSpec(id: string): string | null {
  const [path, query = ''] = id.split('?');
  if (!/[\\/]translations[\\/][^\\/]+\.json$/.test(path ?? '')) return null;
  return new URLSearchParams(query).get(SECTIONS_QUERY);
}
