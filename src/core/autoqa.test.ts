import { describe, expect, it } from 'vitest';
import { autoRating, CHECK_IDS } from './autoqa.ts';
import { parseWith } from './issues.ts';
import { ScorecardDefinition } from './scorecard.ts';

const card = (auto: unknown, scale: unknown = { preset: 'binary' }) => ({
  formatVersion: 2,
  name: 'Auto',
  method: 'weighted-criteria',
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'c', weight: 1, scale, auto }] }],
});
const errors = (c: unknown) => {
  const r = parseWith(ScorecardDefinition, c);
  return r.ok ? [] : r.errors;
};

describe('a criterion pre-rated by a check', () => {
  it('maps a yes/no check to an option each', () => {
    const auto = { check: 'greeting' as const, whenTrue: 1, whenFalse: 0 };
    expect(errors(card(auto))).toEqual([]);
    expect([autoRating(auto, true), autoRating(auto, false), autoRating(auto, null)]).toEqual([1, 0, null]);
  });

  it('maps a number by the first band it falls in, else otherwise', () => {
    // spelling: 0 misspelled words is Excellent, 1-2 Good, more is Poor
    const auto = {
      check: 'spelling' as const,
      bands: [
        { atMost: 0, option: 3 },
        { atMost: 2, option: 2 },
      ],
      otherwise: 0,
    };
    expect(errors(card(auto, { preset: '4-point' }))).toEqual([]);
    expect([0, 1, 2, 3, 9].map((v) => autoRating(auto, v))).toEqual([3, 2, 2, 0, 0]);
    const ease = {
      check: 'readability' as const,
      bands: [
        { atLeast: 60, option: 2 },
        { atLeast: 40, option: 1 },
      ],
    };
    expect([75, 50, 10].map((v) => autoRating(ease, v))).toEqual([2, 1, null]);
  });

  it('refuses a map that does not fit the check or the scale, naming where', () => {
    expect(errors(card({ check: 'greeting', bands: [{ atLeast: 1, option: 1 }] }))).toEqual([
      'sections[0].criteria[0].auto: check "greeting" answers yes or no: give whenTrue and whenFalse',
    ]);
    expect(errors(card({ check: 'readability', whenTrue: 1, whenFalse: 0 }))).toContain(
      'sections[0].criteria[0].auto: check "readability" answers a number: give bands (and otherwise)',
    );
    expect(errors(card({ check: 'greeting', whenTrue: 2, whenFalse: 0 }))).toEqual([
      'sections[0].criteria[0].auto.whenTrue: must be an option of the scale: 0 to 1',
    ]);
    expect(errors(card({ check: 'mood', whenTrue: 1, whenFalse: 0 }))[0]).toMatch(
      /^sections\[0\]\.criteria\[0\]\.auto\.check: must be one of "greeting"/,
    );
  });

  it('is a format-2 feature', () => {
    const { formatVersion: _, ...v1 } = card({ check: 'closing', whenTrue: 1, whenFalse: 0 });
    expect(errors(v1)).toEqual([
      'sections[0].criteria[0].auto: criteria pre-rated by a check need "formatVersion": 2 (add it at the top of the scorecard)',
    ]);
  });

  it('knows every check the service runs', () => {
    expect(CHECK_IDS).toEqual(expect.arrayContaining(['greeting', 'closing', 'spelling', 'readability', 'sentiment-start', 'reply-time']));
  });
});
