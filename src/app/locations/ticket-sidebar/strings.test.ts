/** The sidebar ships only some `ui` sections: every key its code uses must live in one of them. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickSections } from '../../i18n/sections.ts';
import type { Messages } from '../../i18n/translate.ts';
import { FIRST_LOAD_CUT, LATER_CUT, SIDEBAR_SECTIONS, sidebarStrings } from './strings.ts';

const app = join(import.meta.dirname, '../..');
const en = JSON.parse(readFileSync(join(app, '../../translations/en.json'), 'utf8')) as Messages;
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const at = (tree: Messages, key: string) =>
  key.split('.').reduce<Messages | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);

const sourcesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesIn(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\./.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('sidebar strings', () => {
  it('covers every ui section the sidebar, the page and the shared views use', () => {
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

  it('leaves out of the first load only strings that no module of the first load uses', () => {
    const source = readFileSync(join(import.meta.dirname, 'strings.ts'), 'utf8');
    expect(source).toContain(`'?ui-sections=${FIRST_LOAD_CUT}'`);
    expect(source).toContain(`'?ui-sections=${LATER_CUT}'`);
    // the first load: the entry and what it imports statically, transitively (an import() is fetched on first use)
    const eager = new Set<string>();
    const visit = (file: string) => {
      if (eager.has(file)) return;
      eager.add(file);
      const code = readFileSync(file, 'utf8').replace(/^import type .*$/gm, '');
      for (const [, spec] of code.matchAll(/^(?:import|export) [^;]*?from '(\.[^']+\.tsx?)';/gms)) visit(resolve(dirname(file), spec!));
    };
    visit(join(import.meta.dirname, 'main.tsx'));
    expect(eager.size).toBeGreaterThan(20);
    expect([...eager].some((f) => f.endsWith('agent-view.tsx'))).toBe(false);
    // every key they name is in the first load's English (a template: its fixed start)
    const first = pickSections(en, FIRST_LOAD_CUT);
    const missing = [...eager].flatMap((file) =>
      [...withoutComments(readFileSync(file, 'utf8')).matchAll(/['"`](ui\.[\w.-]+?)(\.\$\{|['"`])/g)]
        .map(([, key, end]) => ({ key: key!, template: end === '.${' }))
        .filter(({ key, template }) => (template ? typeof at(first, key) !== 'object' : typeof at(first, key) !== 'string'))
        .map(({ key }) => `${relative(app, file)}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('English strings left out of the first load arrive with the views fetched later', async () => {
    const strings = sidebarStrings();
    const { t } = await strings.load('en');
    expect(t('ui.sidebar.agent.dispute')).toBe('ui.sidebar.agent.dispute');
    expect(t('ui.sidebar.state.loading')).not.toBe('ui.sidebar.state.loading');
    await strings.later();
    expect(t('ui.sidebar.agent.dispute')).toBe('Dispute');
    expect(t('ui.sidebar.done.saved')).toBe('Evaluation saved');
  });
});
