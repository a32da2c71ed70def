/** axe-core run inside a page's frame: the serious or critical violations, short enough to read in a failed assertion. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string;
  /** The first three offending nodes' selectors. */
  nodes: string[];
}

let source: string | undefined;

export async function axeViolations(frame: Frame): Promise<AxeViolation[]> {
  // read once, on first use: 650 kB of script no test file should pay for at import
  source ??= readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
  await frame.evaluate(source);
  const violations = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
