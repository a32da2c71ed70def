import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Core runs in the sidebar and on the server: it may import only itself and zod, so the same rules run in both.
const CORE = dirname(fileURLToPath(import.meta.url));
const ALLOWED_PACKAGES = new Set(['zod']);
const DOM_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'fetch',
  'XMLHttpRequest',
  'process',
  'Buffer',
  'require',
  'ZAFClient',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier: static and dynamic imports, re-exports. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  // a side-effect import opens a statement (a path like '/scorecards/import' is no import)
  for (const m of code.matchAll(/(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function impurities(file: string, code: string): string[] {
  const name = relative(CORE, file);
  const problems: string[] = [];
  for (const spec of specifiers(code)) {
    // a relative import that stays inside core (src/core/contract/ imports ../api.ts)
    const inCore = spec.startsWith('.') && !relative(CORE, resolve(dirname(file), spec)).startsWith('..');
    if (!inCore && !ALLOWED_PACKAGES.has(spec)) problems.push(`${name}: imports "${spec}"`);
  }
  const body = stripComments(code).replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
  for (const g of DOM_GLOBALS) {
    if (new RegExp(`(?<![.\\w$])${g}\\s*[.([]`).test(body) || new RegExp(`\\btypeof\\s+${g}\\b`).test(body)) {
      problems.push(`${name}: uses the global "${g}"`);
    }
  }
  return problems;
}

describe('core purity', () => {
  const files = sourceFiles(CORE);

  it('finds the core sources', () => {
    expect(files.map((f) => relative(CORE, f))).toEqual(
      expect.arrayContaining(['scoring.ts', 'scorecard.ts', 'answers.ts', 'matching.ts']),
    );
  });

  it('no core source imports anything but core files and zod, nor touches DOM or Node globals', () => {
    expect(files.flatMap((f) => impurities(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the scan catches what it must (so a pass means something)', () => {
    const f = join(CORE, 'bad.ts');
    expect(impurities(f, `import { readFileSync } from 'node:fs';`)).toEqual(['bad.ts: imports "node:fs"']);
    expect(impurities(f, `import { h } from 'preact';\nexport * from '../app/x.ts';`)).toEqual([
      'bad.ts: imports "preact"',
      'bad.ts: imports "../app/x.ts"',
    ]);
    expect(impurities(f, `const m = await import('zendesk_app_framework_sdk');`)).toEqual(['bad.ts: imports "zendesk_app_framework_sdk"']);
    expect(impurities(f, `import 'node:process';`)).toEqual(['bad.ts: imports "node:process"']);
    expect(impurities(f, `const a = 1; import 'node:fs';\nconst path = '/scorecards/import';`)).toEqual(['bad.ts: imports "node:fs"']);
    const nested = join(CORE, 'contract', 'bad.ts');
    expect(
      impurities(nested, `import { z } from 'zod';\nimport { Evaluation } from '../evaluation.ts';\nimport { json } from './contract.ts';`),
    ).toEqual([]);
    expect(impurities(nested, `import { x } from '../../server/auth.ts';`)).toEqual(['contract/bad.ts: imports "../../server/auth.ts"']);
    expect(impurities(f, `const x = window.localStorage; localStorage.getItem('a');`)).toEqual([
      'bad.ts: uses the global "window"',
      'bad.ts: uses the global "localStorage"',
    ]);
    expect(impurities(f, `if (typeof document !== 'undefined') {}`)).toEqual(['bad.ts: uses the global "document"']);
    expect(
      impurities(
        f,
        `import { z } from 'zod';\nimport type { A } from './answers.ts';\n// window.x in a comment\nconst s = 'document.title';\nconst o = { window: 1 }; o.window;`,
      ),
    ).toEqual([]);
  });
});
