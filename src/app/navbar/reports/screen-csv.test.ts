import { describe, expect, it } from 'vitest';
import { summaryFromSums } from '../../../core/reports.ts';
import { screenCsv } from './screen-csv.ts';
import { choicesRow } from './test-rows.ts';

describe('screenCsv', () => {
  it('writes every figure with n and interval, and defuses formula-like labels', () => {
    const summary = summaryFromSums({ count: 4, scored: 4, scoreSum: 320, scoreSumSq: 25800, passes: 3, criticalFails: 1 });
    const csv = screenCsv({
      filters: { from: '2026-03-01', to: '2026-03-18', groupId: 7, period: 'week' },
      summary,
      breakdowns: [{ dimension: 'reviewee', rows: [{ key: '50', ...summary }], label: () => '=Alex' }],
      rootCauses: [{ cause: 'Knowledge gap', kind: 'agent-skill', count: 3 }],
    });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,key,label,measure,value,low,high,n,note');
    expect(lines[1]).toBe('filters,,,filters,,,,,from=2026-03-01&to=2026-03-18&groupId=7');
    expect(lines[2]).toBe('summary,2026-03-01..2026-03-18,current,count,4,,,4,');
    // pass rate 3 of 4 with its Wilson interval
    expect(lines[4]).toMatch(/^summary,2026-03-01\.\.2026-03-18,current,pass_rate,0\.75,0\.3006\d*,0\.9544\d*,4,$/);
    expect(csv).toContain("by_reviewee,50,'=Alex,average_score,80,");
    expect(csv).toContain('root_causes,Knowledge gap,Knowledge gap,count,3,,,3,agent-skill');
  });

  it('says beside a figure that includes bonus how it counts, and gives a non-scoring question per choice', () => {
    const summary = summaryFromSums({
      count: 2,
      scored: 2,
      scoreSum: 202,
      scoreSumSq: 97 * 97 + 105 * 105,
      passes: 1,
      criticalFails: 1,
      bonusCount: 2,
    });
    const refund = choicesRow('chat', 'refund', 'Refund?', { Yes: 1, No: 1 });
    const csv = screenCsv({
      filters: { from: '2026-03-01', to: '2026-03-18', period: 'week' },
      summary,
      breakdowns: [],
      criteria: [refund],
    });
    expect(csv).toMatch(
      /current,average_score,101,[^\r]*,2,includes 2 evaluations of bonus scorecards: a score above 100 counts as it is\r\n/,
    );
    expect(csv).toContain('current,pass_rate,0.5,');
    expect(csv).toContain('final score against the pass threshold, bonus included');
    expect(csv).toContain('by_criterion,chat:refund,Refund?,choice:Yes,1,,,2,not scored\r\n');
    expect(csv).toContain('by_criterion,chat:refund,Refund?,choice:No,1,,,2,not scored\r\n');
    expect(csv).not.toContain('average_fraction');
  });
});
