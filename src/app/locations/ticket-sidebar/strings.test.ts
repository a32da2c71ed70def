/** The sidebar ships only some `ui` sections: every key its code uses must live in one of them. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIDEBAR_SECTIONS, sidebarStrings } from './strings.ts';

const sourcesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesIn(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\./.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('sidebar strings', () => {
  it('covers every ui section the sidebar, the page and the shared views use', () => {
    const app = join(import.meta.dirname, '../..');
    const files = [
      ...sourcesIn(join(app, 'sidebar')),
      ...sourcesIn(join(app, 'ui')),
      ...sourcesIn(join(app, 'zaf')),
      join(app, 'locations/mount.tsx'),
    ];
    const used = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/['"`]ui\.(\w+)\./g)].map((m) => m[1]!)));
    expect([...used].filter((section) => !SIDEBAR_SECTIONS.includes(section))).toEqual([]);
    expect(used.has('sidebar')).toBe(true);
  });

  it('loads the user locale with English fallback', async () => {
    const { locale, t } = await sidebarStrings().load('de-CH');
    expect(locale).toBe('de');
    expect(t('ui.common.retry')).toBe('Erneut versuchen');
    const en = await sidebarStrings().load('xx');
    expect(en.locale).toBe('en');
    expect(en.t('ui.sidebar.state.loading')).not.toBe('ui.sidebar.state.loading');
  });
});
