-- Report rollups (docs/decisions/008-report-rollups.md). Daily sums per account x day x scorecard x group x
-- channel, so a summary or trend over a million evaluations reads a few thousand rows.
-- A trigger on evaluations appends signed deltas in the writing transaction (no hot rows under
-- concurrent ingest); reports fold the deltas into report_daily and read both, so figures are exact.
-- Calibration and withdrawn evaluations never count.

CREATE TABLE report_daily (
  account         text             NOT NULL,
  day             date             NOT NULL,   -- created_at's UTC date
  scorecard_id    text             NOT NULL,
  group_id        bigint           NOT NULL,   -- 0 when the evaluation has no group
  channel         text             NOT NULL,   -- '' when the evaluation has no channel
  evaluations     bigint           NOT NULL,
  scored          bigint           NOT NULL,   -- with a final score
  score_sum       double precision NOT NULL,
  score_sumsq     double precision NOT NULL,
  passes          bigint           NOT NULL,
  critical_fails  bigint           NOT NULL,
  PRIMARY KEY (account, day, scorecard_id, group_id, channel)
);

-- append-only between folds; no keys, so concurrent writers never wait on each other
CREATE TABLE report_daily_delta (
  account         text             NOT NULL,
  day             date             NOT NULL,
  scorecard_id    text             NOT NULL,
  group_id        bigint           NOT NULL,
  channel         text             NOT NULL,
  evaluations     integer          NOT NULL,
  scored          integer          NOT NULL,
  score_sum       double precision NOT NULL,
  score_sumsq     double precision NOT NULL,
  passes          integer          NOT NULL,
  critical_fails  integer          NOT NULL
);

CREATE FUNCTION report_daily_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := TG_OP <> 'INSERT' AND OLD.kind <> 'calibration' AND OLD.status <> 'withdrawn';
  new_counts boolean := TG_OP <> 'DELETE' AND NEW.kind <> 'calibration' AND NEW.status <> 'withdrawn';
BEGIN
  -- acknowledge, dispute, comments: nothing a report sums changed
  IF TG_OP = 'UPDATE' AND old_counts = new_counts
     AND (OLD.account, OLD.created_at, OLD.scorecard_id, OLD.group_id, OLD.channel, OLD.final_score, OLD.passed, OLD.critical_failed)
         IS NOT DISTINCT FROM
         (NEW.account, NEW.created_at, NEW.scorecard_id, NEW.group_id, NEW.channel, NEW.final_score, NEW.passed, NEW.critical_failed) THEN
    RETURN NULL;
  END IF;
  IF old_counts THEN
    INSERT INTO report_daily_delta VALUES (
      OLD.account, (OLD.created_at AT TIME ZONE 'UTC')::date, OLD.scorecard_id, coalesce(OLD.group_id, 0), coalesce(OLD.channel, ''),
      -1, -(OLD.final_score IS NOT NULL)::int, -coalesce(OLD.final_score, 0), -coalesce(OLD.final_score * OLD.final_score, 0),
      -(coalesce(OLD.passed, false))::int, -(OLD.critical_failed)::int);
  END IF;
  IF new_counts THEN
    INSERT INTO report_daily_delta VALUES (
      NEW.account, (NEW.created_at AT TIME ZONE 'UTC')::date, NEW.scorecard_id, coalesce(NEW.group_id, 0), coalesce(NEW.channel, ''),
      1, (NEW.final_score IS NOT NULL)::int, coalesce(NEW.final_score, 0), coalesce(NEW.final_score * NEW.final_score, 0),
      (coalesce(NEW.passed, false))::int, (NEW.critical_failed)::int);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER evaluations_report_daily
  AFTER INSERT OR UPDATE OR DELETE ON evaluations
  FOR EACH ROW EXECUTE FUNCTION report_daily_track();

