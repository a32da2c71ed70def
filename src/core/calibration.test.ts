import { describe, expect, it } from 'vitest';
import { calibrationHistory, calibrationReport } from './calibration.ts';
import { krippendorffAlpha } from './stats.ts';
import { card, criterion, na, rate, section } from './test-kit.ts';

// four binary criteria (c4 allows N/A) and a metric criterion that must not count
const scorecard = card([
  section('s', [
    criterion('c1'),
    criterion('c2', { label: 'Empathy' }),
    criterion('c3'),
    criterion('c4', { allowNA: true }),
    criterion('frt', { metric: { name: 'first-reply-minutes', direction: 'at-most', target: 60 } }),
  ]),
]);

// baseline R1: 1 1 0 1 (75); R2: 1 0 0 1 (50); R3: 1 1 0 N/A (66.67)
const submissions = [
  { reviewerId: 2, finalScore: 50, answers: [rate('c1', 1), rate('c2', 0), rate('c3', 0), rate('c4', 1), rate('frt', 1)] },
  { reviewerId: 1, finalScore: 75, answers: [rate('c1', 1), rate('c2', 1), rate('c3', 0), rate('c4', 1), rate('frt', 1)] },
  { reviewerId: 3, finalScore: 200 / 3, answers: [rate('c1', 1), rate('c2', 1), rate('c3', 0), na('c4'), rate('frt', 0)] },
];

describe('calibrationReport', () => {
  const report = calibrationReport(scorecard, 1, submissions);

  it('puts the baseline first and measures each reviewer against it', () => {
    expect(report.baselineSubmitted).toBe(true);
    expect(
      report.reviewers.map((r) => [r.reviewerId, r.baseline, r.scoreDeviation, r.compared, r.matched, r.meanAbsoluteDeviation]),
    ).toEqual([
      [1, true, 0, 4, 4, 0],
      [2, false, -25, 4, 3, 25], // c2: 0 vs 1 -> -100 points, mean |dev| 100 / 4
      [3, false, -8.3333, 3, 3, 0], // c4 N/A is not compared
    ]);
    expect(report.reviewers[1]!.criteria.map((c) => c.deviation)).toEqual([0, -100, 0, 0]);
    expect(report.reviewers[2]!.criteria.map((c) => c.deviation)).toEqual([0, 0, 0, null]);
  });

  it('leaves metric criteria out: they come from the ticket, not a judgement', () => {
    expect(report.criteria.map((c) => c.criterionId)).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('gives per-criterion spread and pairwise disagreement', () => {
    const c2 = report.criteria[1]!;
    expect(c2).toMatchObject({ label: 'Empathy', spread: 100, pairs: 3 });
    expect(c2.disagreement).toBeCloseTo(2 / 3, 12); // R1-R2 and R2-R3 differ, R1-R3 agree
    expect(report.criteria[3]).toMatchObject({ spread: 0, disagreement: 0, pairs: 1 }); // only R1 and R2 answered c4
  });

  it('computes ordinal alpha with N/A as missing: 1 - (n-1) Do / De = 9/14', () => {
    // coincidences: o00 = 3, o01 = o10 = 1, o11 = 6; n0 = 4, n1 = 7, n = 11
    // binary: alpha = 1 - (n - 1)(o01 + o10) / (2 n0 n1) = 1 - 10 * 2 / 56
    expect(report.alpha.alpha).toBeCloseTo(9 / 14, 12);
    expect(report.alpha.units).toBe(4);
    expect(report.alpha.values).toBe(11);
  });

  it('says when the baseline has not submitted and leaves deviations empty', () => {
    const r = calibrationReport(scorecard, 9, submissions);
    expect(r.baselineSubmitted).toBe(false);
    expect(r.reviewers.every((x) => x.scoreDeviation === null && x.compared === 0)).toBe(true);
    expect(r.alpha.alpha).toBeCloseTo(9 / 14, 12); // agreement does not need a baseline
  });

  it('uses the scale fractions: a 3-point middle against the top is 50 points', () => {
    const three = card([section('s', [criterion('tone', { scale: { preset: '3-point' } })])]);
    const r = calibrationReport(three, 1, [
      { reviewerId: 1, finalScore: 100, answers: [rate('tone', 2)] },
      { reviewerId: 2, finalScore: 50, answers: [rate('tone', 1)] },
    ]);
    expect(r.reviewers[1]!.criteria[0]).toEqual({ criterionId: 'tone', fraction: 0.5, deviation: -50 });
    // one unit: its disagreement is all the expected disagreement there is, so the formula gives 0 whatever the answers
    expect(r.alpha).toEqual({ alpha: null, units: 1, values: 2, undefinedBecause: 'too-few-units' });
  });
});

describe('calibrationHistory', () => {
  // session B: R1 c2 = 0, R2 c2 = 0, R3 c2 = 1, everything else agreed
  const sessionB = [
    { reviewerId: 1, finalScore: 50, answers: [rate('c1', 1), rate('c2', 0), rate('c3', 0), rate('c4', 1), rate('frt', 1)] },
    { reviewerId: 2, finalScore: 50, answers: [rate('c1', 1), rate('c2', 0), rate('c3', 0), rate('c4', 1), rate('frt', 1)] },
    { reviewerId: 3, finalScore: 75, answers: [rate('c1', 1), rate('c2', 1), rate('c3', 0), rate('c4', 1), rate('frt', 1)] },
  ];
  const history = calibrationHistory([
    { card: scorecard, baselineReviewerId: 1, submissions },
    { card: scorecard, baselineReviewerId: 1, submissions: sessionB },
  ]);

  it('lists the criteria reviewers disagree on most first', () => {
    expect(history.criteria[0]).toMatchObject({ criterionId: 'c2', sessions: 2, pairs: 6 });
    expect(history.criteria[0]!.disagreement).toBeCloseTo(4 / 6, 12);
    expect(history.criteria.slice(1).map((c) => c.disagreement)).toEqual([0, 0, 0]);
    // c2's units [1,0,1] and [0,0,1]: o01 = o10 = 2, o00 = 1, o11 = 1; n0 = n1 = 3 -> 1 - 5 * 4 / 18
    expect(history.criteria[0]!.alpha.alpha).toBeCloseTo(1 - 20 / 18, 12);
  });

  it('gives each reviewer a lean against the baseline', () => {
    expect(history.reviewers).toEqual([
      { reviewerId: 2, sessions: 2, meanScoreDeviation: -12.5, meanAbsoluteDeviation: 12.5 }, // -25 and 0; 25 and 0
      { reviewerId: 3, sessions: 2, meanScoreDeviation: expect.closeTo(25 / 3, 3), meanAbsoluteDeviation: 12.5 }, // (-8.33 + 25) / 2; (0 + 25) / 2
    ]);
  });
});

describe('format-2 scales in calibration', () => {
  // three 10-point criteria and a non-scoring question (choices)
  const points = card(
    [
      section('s', [
        criterion('p1', { weight: 10, scale: { points: 10 } }),
        criterion('p2', { weight: 10, scale: { points: 10 } }),
        criterion('p3', { weight: 10, scale: { points: 10 } }),
        criterion('refund', { weight: 0, scoring: false, scale: { choices: ['Yes', 'No', 'Partial'] } }),
      ]),
    ],
    { formatVersion: 2, method: 'total-points' },
  );
  const session = [
    { reviewerId: 1, finalScore: 50, answers: [rate('p1', 10), rate('p2', 5), rate('p3', 0), rate('refund', 0)] },
    { reviewerId: 2, finalScore: 53.3, answers: [rate('p1', 9), rate('p2', 6), rate('p3', 1), rate('refund', 1)] },
    { reviewerId: 3, finalScore: 53.3, answers: [rate('p1', 10), rate('p2', 4), rate('p3', 2), rate('refund', 0)] },
  ];
  const report = calibrationReport(points, 1, session);

  it('compares points at the interval level: units [10, 9, 10], [5, 6, 4], [0, 1, 2] give 1 - Do / De = 0.947', () => {
    // Do = 14 / 9, De = 1058 / 36 (squared differences of the points; the same on fractions)
    expect(report.agreement).toMatchObject({ level: 'interval', units: 3 });
    expect(report.agreement!.alpha).toBeCloseTo(1 - 14 / 9 / (1058 / 36), 12);
    expect(report.criteria.find((c) => c.criterionId === 'p2')!.agreement).toMatchObject({ level: 'interval' });
  });

  it('compares a choices question on its own, at the nominal level, and never in a deviation', () => {
    const refund = report.criteria.find((c) => c.criterionId === 'refund')!;
    expect(refund).toMatchObject({ spread: null, pairs: 3, agreement: { level: 'nominal' } });
    expect(refund.disagreement).toBeCloseTo(2 / 3, 12);
    expect(report.reviewers[1]!.criteria.map((c) => c.criterionId)).toEqual(['p1', 'p2', 'p3']);
    expect(report.reviewers[1]!.meanAbsoluteDeviation).toBe(10);
  });

  it("gives Fleiss' kappa with a bootstrap interval over the criteria", () => {
    expect(report.fleiss!.kappa).not.toBeNull();
    expect(report.fleiss!.n).toBe(3);
  });

  it('chooses the history alpha from the scale: interval for points', () => {
    // a second session where reviewer 2 gives p2 9 points, far from the others
    const later = session.map((x) =>
      x.reviewerId === 2 ? { ...x, answers: x.answers.map((a) => (a.criterionId === 'p2' ? rate('p2', 9) : a)) } : x,
    );
    const history = calibrationHistory([
      { card: points, baselineReviewerId: 1, submissions: session },
      { card: points, baselineReviewerId: 1, submissions: later },
    ]);
    const p2 = history.criteria.find((c) => c.criterionId === 'p2')!;
    const units = [
      [0.5, 0.6, 0.4],
      [0.5, 0.9, 0.4],
    ];
    expect(p2.alpha.alpha).toBeCloseTo(krippendorffAlpha(units, 'interval').alpha!, 12);
    expect(p2.alpha.alpha).not.toBeCloseTo(krippendorffAlpha(units, 'ordinal').alpha!, 3);
    // the choices question: nominal, both sessions disagreeing alike
    const refund = history.criteria.find((c) => c.criterionId === 'refund')!;
    expect(refund.alpha.alpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [0, 0.5, 0],
          [0, 0.5, 0],
        ],
        'nominal',
      ).alpha!,
      12,
    );
  });
});
