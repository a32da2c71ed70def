import { parseWith, type Parsed } from '../../../core/issues.ts';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { slugify } from './editor-state.ts';

/**
 * Reads an imported file: the import/export JSON (`ScorecardDefinition`, src/core/scorecard.ts), or path-named errors
 * (nothing is saved on error).
 */
export function parseImport(text: string): Parsed<ScorecardDefinition> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`(root): not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  return parseWith(ScorecardDefinition, json);
}

/** The exported file: exactly the public format, pretty-printed so it diffs well. */
export function exportJson(def: ScorecardDefinition): string {
  return `${JSON.stringify(def, null, 2)}\n`;
}

export function exportFileName(name: string, version: number): string {
  return `scorecard-${slugify(name) || 'untitled'}-v${version}.json`;
}
