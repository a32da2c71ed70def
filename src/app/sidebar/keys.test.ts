/** Every `ui.sidebar.*` key the sidebar's views name literally exists in en.json (parity with other locales is tested in i18n). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceErrorKind } from '../api/result.ts';
import { lookup, type Messages } from '../i18n/translate.ts';
import type { LoadProblem } from './load.ts';

const dir = import.meta.dirname;
const en = JSON.parse(readFileSync(join(dir, '../../../translations/en.json'), 'utf8')) as Messages;
const sources = readdirSync(dir).filter((f) => f.endsWith('.tsx') || (f.endsWith('.ts') && !f.endsWith('.test.ts')));

describe('sidebar strings', () => {
  it('names only keys that exist', () => {
    const missing: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const [, key] of text.matchAll(/t\(\s*'(ui\.[\w.-]+)'/g)) if (!lookup(en, key!)) missing.push(`${file}: ${key}`);
      // keys built from a template: every value the template can take
      for (const [, prefix] of text.matchAll(/t\(\s*`(ui\.sidebar\.[\w.-]+)\.\$\{/g)) {
        if (typeof lookup(en, prefix!) === 'string' || lookup(en, prefix!) === undefined) {
          const node = prefix!.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], en);
          if (!node) missing.push(`${file}: ${prefix}.*`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a title and a next step for every load problem and error kind', () => {
    const kinds: ServiceErrorKind[] = ['unreachable', 'session-ended', 'throttled', 'forbidden', 'invalid', 'conflict', 'not-found', 'rule', 'server'];
    const problems: LoadProblem[] = [...kinds, 'outside-zendesk', 'no-ticket'];
    for (const p of problems) {
      expect(lookup(en, `ui.sidebar.state.${p}.title`), p).toBeTruthy();
      expect(lookup(en, `ui.sidebar.state.${p}.next`), p).toBeTruthy();
    }
    for (const k of kinds) expect(lookup(en, `ui.sidebar.error.${k}`), k).toBeTruthy();
    expect(lookup(en, 'ui.sidebar.state.throttled.wait')).toContain('{{seconds}}');
  });
});
