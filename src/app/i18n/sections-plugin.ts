/** Vite plugin (build and tests): `translations/<locale>.json?ui-sections=...` is a module of only those sections. */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { pickSections, sectionsSpec } from './sections.ts';

export function uiSections(): Plugin {
  return {
    name: 'ticket-qa:ui-sections',
    enforce: 'pre',
    load(id) {
      const spec = sectionsSpec(id);
      if (spec === null) return null;
      const file = id.split('?')[0]!;
      this.addWatchFile(file);
      // JS, not JSON: Vite's JSON plugin leaves ids with a query alone
      return `export default ${JSON.stringify(pickSections(JSON.parse(readFileSync(file, 'utf8')), spec))};\n`;
    },
  };
}
