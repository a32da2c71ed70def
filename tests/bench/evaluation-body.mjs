// One evaluation as the benchmarks submit it (plain JS: the load generators run without the tsx loader).

/**
 * A fresh evaluation: its own id and ticket, a random agent among 400 from `firstReviewee` (the reviewer must not be
 * one of them), `criteria` answers on a 3-point scale, mostly at the top mark.
 */
export function evaluationBody(id, scorecardId, criteria, firstReviewee = 1) {
  const reviewee = firstReviewee + Math.floor(Math.random() * 400);
  return JSON.stringify({
    id,
    ticketId: 1 + Math.floor(Math.random() * 1e7),
    revieweeId: reviewee,
    scorecardId,
    scorecardVersion: 1,
    channel: ['email', 'chat', 'voice', 'web'][reviewee % 4],
    groupId: 100 + (reviewee % 20),
    answers: Array.from({ length: criteria }, (_, i) => ({
      criterionId: `c${i}`,
      rating: Math.random() < 0.9 ? 2 : Math.floor(Math.random() * 2),
    })),
  });
}
