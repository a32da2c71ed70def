import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The service's layers: a route declares its contract and checks permission, a service holds the domain step, SQL
// lives in store/ (db/ is the driver and the migrations). No router imports another router.
const SERVER = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** SQL in code: a statement keyword opening a string, or a query call on a connection. */
function hasSql(code: string): boolean {
  const body = stripComments(code);
  return (
    /['"`]\s*\(?\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS|CREATE\s+|ALTER\s+|LOCK\s+)/.test(body) ||
    /\.query(<[^>]*>)?\(\s*['"`]/.test(body) ||
    /\b(FROM|JOIN) [a-z_]+( [a-z]+)? (WHERE|ON|USING)\b/.test(body)
  );
}

/** `routes/a.ts -> routes/b.ts` for each import of one router file by another. */
function routerImports(file: string, code: string): string[] {
  if (!file.startsWith('routes/')) return [];
  return [...code.matchAll(/\bfrom\s*['"]\.\/([\w-]+\.ts)['"]/g)].map((m) => `${file} -> routes/${m[1]}`);
}

describe('server layers', () => {
  const files = sourceFiles(SERVER).map((f) => ({ name: relative(SERVER, f), code: readFileSync(f, 'utf8') }));
  const outsideStore = files.filter((f) => !f.name.startsWith('store/') && !f.name.startsWith('db/'));

  it('SQL lives in store/ (and the driver in db/)', () => {
    expect(outsideStore.filter((f) => hasSql(f.code)).map((f) => f.name)).toEqual([]);
  });

  it('no router imports another router', () => {
    expect(files.flatMap((f) => routerImports(f.name, f.code))).toEqual([]);
  });

  it('the scans catch what they must (so a pass means something)', () => {
    expect(hasSql("await db.query('SELECT 1')")).toBe(true);
    expect(hasSql('const q = `\n  WITH x AS (SELECT 1) SELECT * FROM x`;')).toBe(true);
    expect(hasSql('tx.query(`DELETE FROM drafts WHERE a = $1`, [a])')).toBe(true);
    expect(hasSql("// SELECT in a comment\nconst s = 'select a scorecard';")).toBe(false);
    expect(routerImports('routes/a.ts', "import { x } from './b.ts';\nimport { y } from '../store/c.ts';")).toEqual([
      'routes/a.ts -> routes/b.ts',
    ]);
    expect(routerImports('services/a.ts', "import { x } from './b.ts';")).toEqual([]);
  });
});
