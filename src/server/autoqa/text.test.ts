import { describe, expect, it } from 'vitest';
import { MAX_CHARS, mask, sentences, words } from './text.ts';

describe('masking and segmenting', () => {
  it('blanks links, addresses, numbers, code, file names, paths and quoted lines, keeping every offset', () => {
    const body =
      'See https://shop.example/o/1?x=2, write to ops@example.com about #48213 or order A-1234.\n> quoted reply\nRun `npm ci`, open report.pdf or /var/log/app now.';
    const masked = mask(body);
    expect(masked.length).toBe(body.length);
    expect(words(masked).map((w) => w.text)).toEqual(['See', 'write', 'to', 'about', 'or', 'order', 'Run', 'open', 'or', 'now']);
    for (const w of words(masked)) expect(body.slice(w.start, w.end)).toBe(w.text);
  });

  it('reads a long body up to its limit, in time linear in its length (a pasted log without spaces)', () => {
    const masked = mask(`Hello ${'x'.repeat(100_000)}@ 123`);
    expect(masked.length).toBe(MAX_CHARS);
    expect(masked.startsWith('Hello x')).toBe(true);
  });

  it('cuts sentences at their ends and at line breaks, with their offsets', () => {
    const text = 'Hi Jonas,\nyour jacket ships today. It arrives Friday!\n\nBest,\nPriya';
    expect(sentences(text).map((s) => s.text)).toEqual(['Hi Jonas,', 'your jacket ships today.', 'It arrives Friday!', 'Best,', 'Priya']);
    for (const s of sentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
