import { describe, expect, it } from 'vitest';
import { defaultFilters, filtersHash, parseFilters, presetRange, previousRange } from './filters.ts';

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

  it('falls back to this month for a missing or malformed hash, and orders a reversed range', () => {
    expect(parseFilters('', today)).toEqual({ from: '2026-03-01', to: '2026-03-18', period: 'week' });
    expect(parseFilters('#reports?from=yesterday&groupId=-3&revieweeId=x', today)).toEqual(defaultFilters(today));
    expect(parseFilters('#reports?from=2026-03-10&to=2026-03-01', today)).toMatchObject({ from: '2026-03-01', to: '2026-03-10' });
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
