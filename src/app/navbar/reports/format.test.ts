import { describe, expect, it } from 'vitest';
import { changeOf, formatDelta, formatInterval, formatValue } from './format.ts';

const fig = (value: number | null, low: number | null, high: number | null, n = 10) => ({ value, low, high, n });

describe('format', () => {
  it('prints scores, rates and minutes in the user locale', () => {
    expect(formatValue('score', 84.25, 'en')).toBe('84.3');
    expect(formatValue('score', 84.25, 'de')).toBe('84,3');
    expect(formatValue('rate', 0.8125, 'en')).toBe('81.3%');
    expect(formatValue('rate', 0.8125, 'de')).toBe('81,3\u00a0%');
    expect(formatValue('minutes', 1234.4, 'en')).toBe('1,234');
    expect(formatValue('score', null, 'en')).toBe('–');
  });

  it('prints an interval only when there is one', () => {
    expect(formatInterval('score', fig(80, 75.04, 84.96), 'en')).toBe('75.0–85.0');
    expect(formatInterval('score', fig(80, null, null, 1), 'en')).toBeNull();
  });

  it('says whether a change is more than chance', () => {
    expect(changeOf(fig(90, 88, 92), fig(80, 78, 82))).toEqual({ delta: 10, direction: 'up', distinguishable: true });
    expect(changeOf(fig(81, 70, 92), fig(80, 70, 90))).toEqual({ delta: 1, direction: 'up', distinguishable: false });
    expect(changeOf(fig(null, null, null, 0), fig(80, 70, 90)).delta).toBeNull();
    expect(formatDelta('rate', -0.031, 'en')).toBe('−3.1 pp');
    expect(formatDelta('score', 2.44, 'en')).toBe('+2.4');
  });
});
