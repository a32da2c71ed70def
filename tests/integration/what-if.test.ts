import { describe, expect, it } from 'vitest';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, tenant } from '../support/db-client.ts';

const DAY = 86_400_000;

/** Two equally weighted criteria: `a` binary, `b` 3-point with N/A allowed. */
function card(
  over: { aWeight?: number; bAllowNA?: boolean; bScale?: ScorecardDefinitionInput['sections'][number]['criteria'][number]['scale'] } = {},
): ScorecardDefinitionInput {
  return {
    name: 'What-if card',
    method: 'weighted-criteria',
    sections: [
      {
        id: 's',
        name: 'S',
        criteria: [
          { id: 'a', label: 'A', weight: over.aWeight ?? 1, scale: { preset: 'binary' } },
          { id: 'b', label: 'B', weight: 1, scale: over.bScale ?? { preset: '3-point' }, allowNA: over.bAllowNA ?? true },
        ],
      },
    ],
  };
}

describe.each(backends())('POST /scorecards/{id}/what-if on $name', (backend) => {
  const db = useDb(backend);

  async function setup() {
    let now = Date.parse('2026-06-01T12:00:00Z');
    const t = tenant(db(), { clock: { now: () => new Date(now) } });
    const id = await publishedScorecard(t, card());
    const reviewer = t.as('reviewer', 2);
    const evaluate = async (answers: object[], at: number) => {
      now = at;
      const res = await reviewer.post('/evaluations', evaluationBody(id, { answers }));
      expect(res.status).toBe(201);
    };
    const today = Date.parse('2026-06-01T12:00:00Z');
    await evaluate(
      [
        { criterionId: 'a', rating: 0 },
        { criterionId: 'b', rating: 0 },
      ],
      today - 100 * DAY,
    ); // 0, outside 90 days
    await evaluate(
      [
        { criterionId: 'a', rating: 1 },
        { criterionId: 'b', rating: 2 },
      ],
      today - 30 * DAY,
    ); // 100
    await evaluate(
      [
        { criterionId: 'a', rating: 0 },
        { criterionId: 'b', rating: 1 },
      ],
      today - 20 * DAY,
    ); // 25
    await evaluate(
      [
        { criterionId: 'a', rating: 1 },
        { criterionId: 'b', na: true },
      ],
      today - 10 * DAY,
    ); // 100
    now = today;
    return { t, id, admin: t.as('admin', 1) };
  }

  it('re-scores the last 90 days with the draft: weights move the average', async () => {
    const { id, admin } = await setup();
    const same = await admin.post(`/scorecards/${id}/what-if`, { definition: card() });
    expect(same.status).toBe(200);
    expect(same.body).toEqual({
      days: 90,
      currentAverage: 75,
      whatIfAverage: 75,
      passRate: { current: 2 / 3, whatIf: 2 / 3 },
      criticalFailRate: { current: 0, whatIf: 0 },
      wouldFail: 0,
      wouldPass: 0,
      n: 3,
      notRescored: 0,
    });

    // a weighs 3: 100, (0 + 0.5) / 4 = 12.5, 100
    const heavier = await admin.post(`/scorecards/${id}/what-if`, { definition: card({ aWeight: 3 }) });
    expect(heavier.body.currentAverage).toBe(75);
    expect(heavier.body.whatIfAverage).toBeCloseTo((100 + 12.5 + 100) / 3, 10);
    expect(heavier.body.n).toBe(3);
  });

  it('counts evaluations whose answers no longer fit, and compares the rest like for like', async () => {
    const { id, admin } = await setup();
    // N/A no longer allowed: the N/A evaluation cannot be re-scored; both averages cover the other two
    const noNA = await admin.post(`/scorecards/${id}/what-if`, { definition: card({ aWeight: 3, bAllowNA: false }) });
    expect(noNA.body).toMatchObject({ days: 90, currentAverage: 62.5, whatIfAverage: 56.25, n: 2, notRescored: 1 });
    expect(noNA.body.passRate).toEqual({ current: 0.5, whatIf: 0.5 });
    // b becomes binary: rating 2 is beyond the new scale
    const binary = await admin.post(`/scorecards/${id}/what-if`, { definition: card({ bScale: { preset: 'binary' } }) });
    expect(binary.body).toMatchObject({ n: 2, notRescored: 1 });
  });

  it('drops answers to removed criteria and leaves new criteria unanswered', async () => {
    const { id, admin } = await setup();
    const draft = card();
    draft.sections[0]!.criteria = [draft.sections[0]!.criteria[0]!, { id: 'new', label: 'New', weight: 5, scale: { preset: 'binary' } }];
    const r = await admin.post(`/scorecards/${id}/what-if`, { definition: draft });
    // only `a` is left: 100, 0, 100
    expect(r.body).toMatchObject({ currentAverage: 75, n: 3, notRescored: 0 });
    expect(r.body.whatIfAverage).toBeCloseTo(200 / 3, 10);
  });

  it('shows what a stricter pass threshold and a new critical rule do to the pass and critical-fail rates', async () => {
    // a weighs 4, b 1: scores 80 (passes at 80), 100 and 20
    const strict = (over: { passThreshold?: number; bCritical?: boolean } = {}): ScorecardDefinitionInput => ({
      name: 'Threshold card',
      method: 'weighted-criteria',
      passThreshold: over.passThreshold ?? 80,
      sections: [
        {
          id: 's',
          name: 'S',
          criteria: [
            { id: 'a', label: 'A', weight: 4, scale: { preset: 'binary' } },
            { id: 'b', label: 'B', weight: 1, scale: { preset: 'binary' }, ...(over.bCritical ? { critical: { effect: 'zero' } } : {}) },
          ],
        },
      ],
    });
    const t = tenant(db());
    const id = await publishedScorecard(t, strict());
    for (const [a, b] of [
      [1, 0],
      [1, 1],
      [0, 1],
    ]) {
      const answers = [
        { criterionId: 'a', rating: a },
        { criterionId: 'b', rating: b },
      ];
      expect((await t.as('reviewer', 2).post('/evaluations', evaluationBody(id, { answers }))).status).toBe(201);
    }
    const admin = t.as('admin', 1);
    // 80 -> 85: the average stays, the 80 fails
    const raised = await admin.post(`/scorecards/${id}/what-if`, { definition: strict({ passThreshold: 85 }) });
    expect(raised.body).toMatchObject({ n: 3, wouldFail: 1, wouldPass: 0, criticalFailRate: { current: 0, whatIf: 0 } });
    expect(raised.body.whatIfAverage).toBeCloseTo(raised.body.currentAverage, 10);
    expect(raised.body.passRate).toEqual({ current: 2 / 3, whatIf: 1 / 3 });
    // 80 -> 75 passes nothing new (20 stays below); b critical zeroes the 80
    expect((await admin.post(`/scorecards/${id}/what-if`, { definition: strict({ passThreshold: 75 }) })).body).toMatchObject({
      wouldFail: 0,
      wouldPass: 0,
    });
    const critical = await admin.post(`/scorecards/${id}/what-if`, { definition: strict({ bCritical: true }) });
    expect(critical.body).toMatchObject({ wouldFail: 1, criticalFailRate: { current: 0, whatIf: 1 / 3 }, passRate: { whatIf: 1 / 3 } });
    expect(critical.body.whatIfAverage).toBeCloseTo(40, 10);
    // the other way round: an easier threshold passes the 20
    expect((await admin.post(`/scorecards/${id}/what-if`, { definition: strict({ passThreshold: 20 }) })).body).toMatchObject({
      wouldPass: 1,
      passRate: { current: 2 / 3, whatIf: 1 },
    });
  });

  it('re-scores history with a format-2 candidate: points carried by fraction, bonus up to maxScore, treat-as-fail', async () => {
    const { id, admin } = await setup();
    // a becomes a 10-point bonus (Yes = 10 points); b keeps its 3 answers, worth 20, Meets now treated as a fail
    const candidate: ScorecardDefinitionInput = {
      formatVersion: 2,
      name: 'What-if card',
      method: 'total-points',
      maxScore: 120,
      sections: [
        {
          id: 's',
          name: 'S',
          criteria: [
            { id: 'a', label: 'A', weight: 10, bonus: true, scale: { points: 10 } },
            {
              id: 'b',
              label: 'B',
              weight: 20,
              allowNA: true,
              critical: { effect: 'fail' },
              scale: {
                options: [
                  { label: 'Below', fraction: 0 },
                  { label: 'Meets', fraction: 0.5, countsAsFail: true },
                  { label: 'Exceeds', fraction: 1 },
                ],
              },
            },
          ],
        },
      ],
    };
    const r = await admin.post(`/scorecards/${id}/what-if`, { definition: candidate });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // (10 + 20) / 20 = 150, capped at 120; (0 + 10) / 20 = 50, failed by Meets and kept; bonus alone (b N/A) has no score
    expect(r.body).toEqual({
      days: 90,
      currentAverage: 62.5,
      whatIfAverage: 85,
      passRate: { current: 0.5, whatIf: 0.5 },
      criticalFailRate: { current: 0, whatIf: 0.5 },
      wouldFail: 0,
      wouldPass: 0,
      n: 2,
      notRescored: 1,
    });
    // a points scale carried over by fraction: Yes (1) is 4 of 4 points, Meets (0.5) 2 of 4
    const points = card({ bScale: { points: 4 } });
    const byPoints = await admin.post(`/scorecards/${id}/what-if`, { definition: { ...points, formatVersion: 2 } });
    expect(byPoints.body).toMatchObject({ currentAverage: 75, whatIfAverage: 75, n: 3, notRescored: 0 });
  });

  it('is for admins, names bad drafts by path, and 404s an unknown scorecard', async () => {
    const { id, t, admin } = await setup();
    expect((await t.as('lead', 3).post(`/scorecards/${id}/what-if`, { definition: card() })).status).toBe(403);
    const bad = await admin.post(`/scorecards/${id}/what-if`, { definition: card({ aWeight: -1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toContain('definition.sections[0].criteria[0].weight: must be >= 0');
    expect((await admin.post('/scorecards/nope/what-if', { definition: card() })).status).toBe(404);
  });

  it('never reads another account', async () => {
    const { id } = await setup();
    const other = tenant(db());
    expect((await other.as('admin', 1).post(`/scorecards/${id}/what-if`, { definition: card() })).status).toBe(404);
  });
});
