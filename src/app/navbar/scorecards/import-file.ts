import { checkWith } from '../../../core/issues.ts';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import type { Translate } from '../../i18n/translate.ts';
import { slugify } from './editor-state.ts';
import { issueTexts } from './issue-text.ts';

export type ParsedImport = { ok: true; value: ScorecardDefinition } | { ok: false; errors: string[] };

/**
 * Reads an imported file: the import/export JSON (`ScorecardDefinition`, src/core/scorecard.ts), or its problems
 * in the admin's language, each naming its section and criterion (nothing is saved on error).
 */
export function parseImport(text: string, t: Translate): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [t('ui.admin.issues.notJson', { message: e instanceof Error ? e.message : String(e) })] };
  }
  const r = checkWith(ScorecardDefinition, json);
  return r.ok ? r : { ok: false, errors: issueTexts(r.issues, json, t).map((x) => x.line) };
}

/** The exported file: exactly the public format, pretty-printed so it diffs well. */
export function exportJson(def: ScorecardDefinition): string {
  return `${JSON.stringify(def, null, 2)}\n`;
}

export function exportFileName(name: string, version: number): string {
  return `scorecard-${slugify(name) || 'untitled'}-v${version}.json`;
}
