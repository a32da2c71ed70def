/** Where a draft is kept: per scorecard, or per calibration session, so a calibration never overwrites a review. */
export const draftSlot = (d: { scorecardId: string; calibrationSessionId?: string | undefined }): string =>
  d.calibrationSessionId ? `calibration-${d.calibrationSessionId}` : d.scorecardId;
