/**
 * The criterion breakdown's systemic-or-individual pattern (decision 022) read through the service: each reviewee's
 * answers are summed in SQL and the rule in core decides. One binary criterion, five agents, six evaluations each.
 */
import { describe, expect, it } from 'vitest';
import type { Breakdown, CriterionRow } from '../../src/core/reports.ts';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import { wilson } from '../../src/core/stats.ts';
import { evaluationBody, publishedScorecard, tenant } from '../support/db-client.ts';
import { backends, useDb } from '../support/db.ts';

const CARD: ScorecardDefinitionInput = {
  name: 'Pattern card',
  method: 'weighted-criteria',
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'kb', label: 'Used the help centre', weight: 1, scale: { preset: 'binary' } }] }],
};

describe.each(backends())('the criterion pattern on $name', (backend) => {
  const db = useDb(backend);

  /** Evaluations of each agent (ids 101...), failing the criterion `fails[i]` times out of `each`. */
  async function criterionRowOf(fails: number[], each = 6): Promise<CriterionRow> {
    const t = tenant(db());
    const id = await publishedScorecard(t, CARD);
    const reviewer = t.as('reviewer', 2);
    for (const [i, failed] of fails.entries()) {
      for (let k = 0; k < each; k++) {
        const answers = [{ criterionId: 'kb', rating: k < failed ? 0 : 1 }];
        const res = await reviewer.post('/evaluations', evaluationBody(id, { revieweeId: 101 + i, ticketId: 1000 + i * 100 + k, answers }));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    const res = await t.as('lead', 3).get('/reports/breakdown?dimension=criterion');
    expect(res.status).toBe(200);
    const rows = (res.body as Breakdown).rows as CriterionRow[];
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  it('flags a criterion every agent fails often as systemic', async () => {
    const row = await criterionRowOf([3, 2, 3, 2, 3]);
    expect(row).toMatchObject({ count: 30, reviewees: 5, revieweesFailing: 5, pattern: 'systemic', outliers: 0, systemic: true });
    expect(row.commonFailRate).toEqual(wilson(13, 30));
  });

  it('calls it individual when one agent fails it far more often than the rest', async () => {
    const row = await criterionRowOf([6, 1, 0, 1, 0]);
    expect(row).toMatchObject({
      reviewees: 5,
      revieweesFailing: 3,
      pattern: 'individual',
      outliers: 1,
      outlierIds: [101],
      systemic: false,
    });
    expect(row.commonFailRate).toEqual(wilson(2, 24));
  });

  it('says there is not enough data below five agents', async () => {
    const row = await criterionRowOf([6, 6, 6, 6], 8);
    expect(row).toMatchObject({ count: 32, reviewees: 4, pattern: 'too-few', systemic: false });
  });
});
