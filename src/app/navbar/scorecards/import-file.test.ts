import { describe, expect, it } from 'vitest';
import { exportFileName, exportJson, parseImport } from './import-file.ts';

const good = {
  name: 'Chat',
  method: 'total-points',
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: '5-point' }, weight: 5 }] }],
};

describe('parseImport', () => {
  it('accepts the public format and fills defaults', () => {
    const r = parseImport(JSON.stringify(good));
    expect(r.ok && r.value).toMatchObject({ passThreshold: 80, naPolicy: 'exclude', description: '' });
  });

  it('refuses a file that is not JSON', () => {
    const r = parseImport('{ nope');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^\(root\): not valid JSON/);
  });

  it('names every problem by its path, unknown keys included', () => {
    const bad = structuredClone(good) as Record<string, unknown> & typeof good;
    (bad.sections[0]!.criteria[0] as Record<string, unknown>).weight = -2;
    (bad.sections[0]!.criteria[0] as Record<string, unknown>).colour = 'red';
    bad.passThreshold = 120 as never;
    const r = parseImport(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual(
      expect.arrayContaining([
        'passThreshold: must be <= 100',
        'sections[0].criteria[0].weight: must be >= 0',
        'sections[0].criteria[0]: unknown key "colour"',
      ]),
    );
  });

  it('exports what it imports', () => {
    const r = parseImport(JSON.stringify(good));
    if (!r.ok) throw new Error('expected ok');
    const again = parseImport(exportJson(r.value));
    expect(again).toEqual(r);
    expect(exportFileName('Chat support!', 3)).toBe('scorecard-chat-support-v3.json');
  });
});
