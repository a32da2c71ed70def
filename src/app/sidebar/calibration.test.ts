import { describe, expect, it } from 'vitest';
import type { CalibrationSession, CalibrationSessionReport } from '../../core/calibration.ts';
import type { Evaluation } from '../../core/evaluation.ts';
import { calibrationFields, markSubmitted, signedPoints, standingReview, summarizeReport, waitingSession } from './calibration.ts';

const session = (over: Partial<CalibrationSession> = {}): CalibrationSession => ({
  id: 's1',
  ticketId: 7,
  scorecardId: 'email',
  version: 1,
  reviewerIds: [2, 3, 5],
  baselineReviewerId: 5,
  title: '',
  status: 'open',
  createdBy: 5,
  createdAt: '2025-01-01T00:00:00Z',
  closedAt: null,
  submitted: [],
  ...over,
});

const evaluation = (over: Partial<Evaluation>): Evaluation =>
  ({ id: 'e', kind: 'review', status: 'submitted', createdAt: '2025-01-01T00:00:00Z', ...over }) as Evaluation;

describe('calibration in the sidebar', () => {
  it('waits for a reviewer only on an open session they have not scored', () => {
    expect(waitingSession([session({ submitted: [2] }), session({ id: 's2' })], 2)?.id).toBe('s2');
    expect(waitingSession([session({ submitted: [2] })], 2)).toBeUndefined();
    expect(waitingSession([session({ status: 'closed' })], 2)).toBeUndefined();
  });

  it('counts a reviewer as submitted once, on that session only', () => {
    const after = markSubmitted([session({ submitted: [5] }), session({ id: 's2' })], 's1', 2);
    expect(after.map((s) => s.submitted)).toEqual([[2, 5], []]);
    expect(markSubmitted(after, 's1', 2)[0]!.submitted).toEqual([2, 5]);
  });

  it('sends kind and session id only for a calibration draft', () => {
    expect(calibrationFields({ calibrationSessionId: 's1' })).toEqual({ kind: 'calibration', calibrationSessionId: 's1' });
    expect(calibrationFields({})).toEqual({});
  });

  it('never lets a calibration score stand for the ticket fields', () => {
    const older = evaluation({ id: 'review', createdAt: '2025-01-01T00:00:00Z' });
    const newer = evaluation({ id: 'calibration', kind: 'calibration', createdAt: '2025-02-01T00:00:00Z' });
    expect(standingReview([older, newer])?.id).toBe('review');
    expect(standingReview([newer])).toBeNull();
  });

  it('summarises the report with the baseline first, then you, with signed deviations and alpha', () => {
    const report = {
      session: session({ submitted: [2, 3, 5] }),
      report: {
        baselineReviewerId: 5,
        baselineSubmitted: true,
        reviewers: [
          {
            reviewerId: 3,
            baseline: false,
            finalScore: 100,
            scoreDeviation: 10,
            criteria: [],
            compared: 1,
            matched: 1,
            meanAbsoluteDeviation: 10,
          },
          {
            reviewerId: 2,
            baseline: false,
            finalScore: 80,
            scoreDeviation: -10,
            criteria: [],
            compared: 1,
            matched: 0,
            meanAbsoluteDeviation: 10,
          },
          {
            reviewerId: 5,
            baseline: true,
            finalScore: 90,
            scoreDeviation: 0,
            criteria: [],
            compared: 1,
            matched: 1,
            meanAbsoluteDeviation: 0,
          },
        ],
        criteria: [],
        alpha: { alpha: 0.42, units: 3, values: 9 },
      },
      evaluations: [],
    } as CalibrationSessionReport;
    const s = summarizeReport(report, 2);
    expect(s).toMatchObject({ submitted: 3, invited: 3, alpha: 0.42 });
    expect(s.rows.map((r) => [r.reviewerId, r.you, r.baseline, r.deviation])).toEqual([
      [5, false, true, null],
      [2, true, false, -10],
      [3, false, false, 10],
    ]);
    expect([signedPoints(-10), signedPoints(2.46), signedPoints(0), signedPoints(null)]).toEqual(['−10', '+2.5', '0', '–']);
  });
});
