import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { exportFileName, exportJson, parseImport } from './import-file.ts';

const messages = (locale: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../../translations/${locale}.json`), 'utf8')) as Messages;
const t = createTranslator(messages('en'));

const good = {
  name: 'Chat',
  method: 'total-points',
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: '5-point' }, weight: 5 }] }],
};

describe('parseImport', () => {
  it('accepts the public format and fills defaults', () => {
    const r = parseImport(JSON.stringify(good), t);
    expect(r.ok && r.value).toMatchObject({ passThreshold: 80, naPolicy: 'exclude', description: '' });
  });

  it('refuses a file that is not JSON', () => {
    const r = parseImport('{ nope', t);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^The file is not valid JSON \(/);
  });

  it("names every problem by the section and criterion it is in, unknown keys included, in the admin's language", () => {
    const bad = structuredClone(good) as Record<string, unknown> & typeof good;
    (bad.sections[0]!.criteria[0] as Record<string, unknown>).weight = -2;
    (bad.sections[0]!.criteria[0] as Record<string, unknown>).colour = 'red';
    bad.passThreshold = 120 as never;
    const r = parseImport(JSON.stringify(bad), t);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'Scorecard: pass threshold must be 100 or less',
      'Section ‘S’, criterion ‘C’: weight must be 0 or more',
      'Section ‘S’, criterion ‘C’: has an unknown field: "colour"',
    ]);
    const de = parseImport(JSON.stringify(bad), createTranslator(messages('de'), messages('en'), 'de'));
    expect(!de.ok && de.errors).toEqual([
      'Scorecard: Bestehensgrenze muss 100 oder weniger sein',
      'Abschnitt ‚S‘, Kriterium ‚C‘: Gewicht muss 0 oder mehr sein',
      'Abschnitt ‚S‘, Kriterium ‚C‘: hat ein unbekanntes Feld: "colour"',
    ]);
  });

  it('exports what it imports', () => {
    const r = parseImport(JSON.stringify(good), t);
    if (!r.ok) throw new Error('expected ok');
    const again = parseImport(exportJson(r.value), t);
    expect(again).toEqual(r);
    expect(exportFileName('Chat support!', 3)).toBe('scorecard-chat-support-v3.json');
  });

  it('round-trips a format-2 card: exported, it re-imports equal, formatVersion first', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../../examples/points-and-bonus-scorecard.json'), 'utf8');
    const r = parseImport(text, t);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const exported = exportJson(r.value);
    expect(JSON.parse(exported)).toMatchObject({ formatVersion: 2, maxScore: 120 });
    expect(exported.indexOf('"formatVersion"')).toBeLessThan(exported.indexOf('"name"'));
    expect(parseImport(exported, t)).toEqual(r);
  });

  it('exports a format-1 card without formatVersion, so older readers take it as before', () => {
    const r = parseImport(JSON.stringify(good), t);
    if (!r.ok) throw new Error('expected ok');
    expect(JSON.parse(exportJson(r.value))).not.toHaveProperty('formatVersion');
  });

  it('names a format-2 feature used without formatVersion 2, in the admin’s words', () => {
    const bad = structuredClone(good);
    bad.sections[0]!.criteria[0]!.scale = { points: 5 } as never;
    const r = parseImport(JSON.stringify(bad), t);
    expect(!r.ok && r.errors).toEqual([
      'Section ‘S’, criterion ‘C’: scale needs scorecard format 2: add “formatVersion”: 2 at the top of the scorecard',
    ]);
  });
});
