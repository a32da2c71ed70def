import { describe, expect, it } from 'vitest';
import { csatOutcome, NO_TICKETS, populationCoverage, populationRows, type TicketSums } from './synced-population.ts';

const tickets = (key: string, over: Partial<TicketSums> = {}): TicketSums => ({ key, tickets: 0, ...NO_TICKETS, ...over });
const qa = (key: string, count: number, passes: number, scoreSum: number) => ({
  key,
  count,
  scored: count,
  scoreSum,
  scoreSumSq: (scoreSum * scoreSum) / count,
  passes,
  criticalFails: 0,
});

describe('csatOutcome', () => {
  it('reads Zendesk scores with and without a comment, and nothing else', () => {
    expect(['good', 'good_with_comment', 'bad', 'bad_with_comment', 'offered', 'unoffered', 'other', null].map(csatOutcome)).toEqual([
      'good',
      'good',
      'bad',
      'bad',
      'offered',
      'unoffered',
      null,
      null,
    ]);
  });
});

describe('populationCoverage', () => {
  it('adds up the agents in id order, with the reviewed share; none solved has no ratio', () => {
    const c = populationCoverage('2026-03-10T12:00:00.000Z', [
      { agentId: 7, solved: 10, reviewed: 1 },
      { agentId: 3, solved: 30, reviewed: 3 },
    ]);
    expect(c).toEqual({
      lastSyncAt: '2026-03-10T12:00:00.000Z',
      solved: 40,
      reviewed: 4,
      ratio: 0.1,
      agents: [
        { agentId: 3, solved: 30, reviewed: 3 },
        { agentId: 7, solved: 10, reviewed: 1 },
      ],
    });
    expect(populationCoverage(null, []).ratio).toBeNull();
  });
});

describe('populationRows', () => {
  it('keeps the tickets’ figures and the evaluations’ apart, each with its own n', () => {
    const [row] = populationRows(
      [tickets('5', { tickets: 40, frtN: 30, frtSum: 300, frtSq: 3600, csatN: 20, csatGood: 15, reopenN: 40, reopened: 4 })],
      [qa('5', 2, 1, 160)],
    );
    expect(row!.tickets).toBe(40);
    expect(row!.firstReplyMinutes).toMatchObject({ value: 10, n: 30 });
    expect(row!.csatGoodRate).toMatchObject({ value: 0.75, n: 20 });
    expect(row!.reopenRate).toMatchObject({ value: 0.1, n: 40 });
    expect(row!.fullResolutionMinutes).toEqual({ value: null, n: 0, low: null, high: null });
    expect(row!.qa).toMatchObject({ count: 2, averageScore: { value: 80, n: 2 }, passRate: { value: 0.5, n: 2 } });
  });

  it('shows a key with tickets and no evaluation, and one with evaluations and no synced ticket, most tickets first', () => {
    const rows = populationRows([tickets('1', { tickets: 3 }), tickets('2', { tickets: 9 })], [qa('1', 1, 1, 90), qa('9', 4, 2, 280)]);
    expect(rows.map((r) => [r.key, r.tickets, r.qa.count])).toEqual([
      ['2', 9, 0],
      ['1', 3, 1],
      ['9', 0, 4],
    ]);
    expect(rows[0]!.qa.averageScore.value).toBeNull();
    expect(rows[2]!.csatGoodRate.n).toBe(0);
  });
});
