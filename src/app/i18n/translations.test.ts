/** Every locale file carries exactly the keys of en.json, none empty, with the same {{vars}}. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenKeys, lookup, type Messages } from './translate.ts';

const dir = join(import.meta.dirname, '../../../translations');
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Messages;
const en = read('en.json');
const enKeys = flattenKeys(en).sort();
const others = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json');
const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has at least one locale besides en', () => {
    expect(others.length).toBeGreaterThan(0);
  });

  it('en has no empty value', () => {
    expect(enKeys.filter((k) => !lookup(en, k)?.trim())).toEqual([]);
  });

  it('en labels every manifest parameter', () => {
    const manifest = JSON.parse(readFileSync(join(dir, '../manifest.json'), 'utf8')) as {
      parameters: { name: string }[];
    };
    const missing = manifest.parameters
      .flatMap((p) => [`app.parameters.${p.name}.label`, `app.parameters.${p.name}.helpText`])
      .filter((k) => !lookup(en, k));
    expect(missing).toEqual([]);
  });

  it.each(others)('%s has the same keys as en.json, none empty, same variables', (file) => {
    const messages = read(file);
    const keys = flattenKeys(messages).sort();
    expect({ missing: enKeys.filter((k) => !keys.includes(k)), extra: keys.filter((k) => !enKeys.includes(k)) }).toEqual({
      missing: [],
      extra: [],
    });
    expect(keys.filter((k) => !lookup(messages, k)?.trim())).toEqual([]);
    expect(keys.filter((k) => vars(lookup(messages, k) ?? '').join() !== vars(lookup(en, k) ?? '').join())).toEqual([]);
  });
});
