import { describe, expect, it } from 'vitest';
import { pruneVariables, usedVariables } from './prune-garden-variables.ts';

const GARDEN =
  ':root{--zd-color-white:#fff;--zd-color-red-700:#cd3642;--zd-color-blue-700:#1f5f95;--zd-shadow:0 0 0 1px var(--zd-color-blue-700);--zd-unused:#000}';

describe('unused Garden variables are left out of the build', () => {
  it('keeps what CSS, scripts or kept variables use, and drops the rest', () => {
    const app = '.qa-x{color:var(--zd-color-red-700)}';
    const script = 'h("div",{style:"box-shadow:var(--zd-shadow)"})';
    const used = usedVariables([GARDEN, app, script]);
    expect([...used].sort()).toEqual(['--zd-color-blue-700', '--zd-color-red-700', '--zd-shadow']);
    expect(pruneVariables(GARDEN, used)).toBe(
      ':root{--zd-color-red-700:#cd3642;--zd-color-blue-700:#1f5f95;--zd-shadow:0 0 0 1px var(--zd-color-blue-700);}',
    );
  });

  it("does not count a dropped variable's own value as a use", () => {
    const used = usedVariables([':root{--zd-a:var(--zd-b);--zd-b:#fff}']);
    expect(used.size).toBe(0);
    expect(pruneVariables(':root{--zd-a:var(--zd-b);--zd-b:#fff}', used)).toBe(':root{}');
  });
});
