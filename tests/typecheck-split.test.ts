import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The browser config has no Node types and the Node config no DOM (docs/architecture.md, "Type-checking"): a fixture
// compiled under each must fail on the other side's globals, and pass on its own.
const ROOT = resolve(import.meta.dirname, '..');
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
// inside the repository, so the fixtures' configs find node_modules as the real ones do
const dir = mkdtempSync(join(ROOT, '.tmp', 'typecheck-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function typecheck(config: string, code: string): { ok: boolean; output: string } {
  const name = `${config.replace(/\W/g, '-')}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, `${name}.ts`), code);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ extends: join(ROOT, config), files: [`${name}.ts`], include: [] }));
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, `${name}.json`), '--noEmit'], { encoding: 'utf8' });
  return { ok: run.status === 0, output: run.stdout + run.stderr };
}

describe('separate type configs for browser and Node code', () => {
  it('browser code may use the DOM but not Node', () => {
    expect(typecheck('tsconfig.browser.json', 'export const t = document.title + localStorage.length;\n').ok).toBe(true);
    const bad = typecheck(
      'tsconfig.browser.json',
      "import { readFileSync } from 'node:fs';\nexport const x = [process.env, Buffer.from(''), readFileSync];\n",
    );
    expect(bad.ok).toBe(false);
    for (const name of ['process', 'Buffer', 'node:fs']) expect(bad.output).toContain(`'${name}'`);
  });

  it('Node code may use Node but not the DOM', () => {
    expect(
      typecheck(
        'tsconfig.node.json',
        "import { readFileSync } from 'node:fs';\nexport const x = [process.env, Buffer.from(''), readFileSync];\n",
      ).ok,
    ).toBe(true);
    const bad = typecheck('tsconfig.node.json', 'export const x = [window, document.title, localStorage];\n');
    expect(bad.ok).toBe(false);
    for (const name of ['window', 'document', 'localStorage']) expect(bad.output).toContain(`'${name}'`);
  });
});
