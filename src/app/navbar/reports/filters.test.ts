import { describe, expect, it } from 'vitest';
import { defaultFilters, filtersHash, parseFilters, presetOf, presetRange, previousRange } from './filters.ts';

const today = new Date('2026-03-18T15:00:00Z');

describe('filters in the URL', () => {
  it('round-trips every filter through the hash', () => {
    const f = {
      from: '2026-02-01',
      to: '2026-02-28',
      scorecardId: 'abc',
      groupId: 7,
      channel: 'chat',
      revieweeId: 50,
      reviewerId: 2,
      period: 'month' as const,
    };
    const hash = filtersHash(f);
    expect(hash.startsWith('#reports?')).toBe(true);
    expect(parseFilters(hash, today)).toEqual(f);
  });

  it('falls back to the last 4 full weeks for a missing or malformed hash, and orders a reversed range', () => {
    // 2026-03-18 is a Wednesday: the weeks of 16 Feb to 15 Mar (Monday to Sunday)
    expect(parseFilters('', today)).toEqual({ from: '2026-02-16', to: '2026-03-15', period: 'week' });
    expect(parseFilters('#reports?from=yesterday&groupId=-3&revieweeId=x', today)).toEqual(defaultFilters(today));
    expect(parseFilters('#reports?from=2026-03-10&to=2026-03-01', today)).toMatchObject({ from: '2026-03-01', to: '2026-03-10' });
  });
});

describe('the default range', () => {
  it('is the last 4 full weeks, Monday to Sunday, whatever day today is', () => {
    // the day: Monday 7 December 2026 ("this month" gave 1-7 December, a two-point trend)
    expect(defaultFilters(new Date('2026-12-07T09:00:00Z'))).toEqual({ from: '2026-11-09', to: '2026-12-06', period: 'week' });
    // a Sunday's own week is not over yet
    expect(defaultFilters(new Date('2026-12-06T23:59:00Z'))).toMatchObject({ from: '2026-11-02', to: '2026-11-29' });
    expect(defaultFilters(new Date('2026-12-08T00:00:00Z'))).toMatchObject({ from: '2026-11-09', to: '2026-12-06' });
    // across a year end
    expect(defaultFilters(new Date('2027-01-01T12:00:00Z'))).toMatchObject({ from: '2026-11-30', to: '2026-12-27' });
  });

  it('is named in the range picker, as is any other quick range; a range of your own is none', () => {
    expect(presetOf(defaultFilters(today), today)).toBe('last-4-weeks');
    expect(presetOf({ from: '2026-03-01', to: '2026-03-18' }, today)).toBe('this-month');
    expect(presetOf({ from: '2026-03-02', to: '2026-03-18' }, today)).toBeNull();
  });
});

describe('periods', () => {
  it('gives the equally long period before', () => {
    expect(previousRange({ from: '2026-03-01', to: '2026-03-18' })).toEqual({ from: '2026-02-11', to: '2026-02-28' }); // 18 days
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('has presets', () => {
    expect(presetRange('last-month', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last-30', today)).toEqual({ from: '2026-02-17', to: '2026-03-18' });
    expect(presetRange('this-year', today)).toEqual({ from: '2026-01-01', to: '2026-03-18' });
  });
});
