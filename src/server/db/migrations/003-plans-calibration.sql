-- Monitoring plan, calibration sessions, SMART targets and coaching notes (their shapes: src/core/coverage.ts,
-- calibration.ts, targets.ts, coaching.ts; docs/decisions/010-report-tabs.md and 011-sidebar-calibration-and-coaching.md).
-- Every table starts with `account`: no query crosses accounts.

-- one plan per account: a default weekly target and per-agent targets (src/core/coverage.ts MonitoringPlan)
CREATE TABLE monitoring_plans (
  account     text        PRIMARY KEY,
  plan        jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  bigint      NOT NULL
);

CREATE TABLE calibration_sessions (
  account               text        NOT NULL,
  id                    text        NOT NULL,   -- evaluations.calibration_session_id points here
  ticket_id             bigint      NOT NULL,
  scorecard_id          text        NOT NULL,
  scorecard_version     integer     NOT NULL,
  reviewer_ids          bigint[]    NOT NULL,   -- invited; includes the baseline reviewer
  baseline_reviewer_id  bigint      NOT NULL,
  title                 text        NOT NULL DEFAULT '',
  status                text        NOT NULL CHECK (status IN ('open', 'closed')),
  created_by            bigint      NOT NULL,
  created_at            timestamptz NOT NULL,
  closed_at             timestamptz,
  PRIMARY KEY (account, id),
  FOREIGN KEY (account, scorecard_id, scorecard_version) REFERENCES scorecard_versions (account, scorecard_id, version)
);
CREATE INDEX calibration_sessions_created ON calibration_sessions (account, created_at);
-- a session's evaluations, read by its report
CREATE INDEX evaluations_calibration_session ON evaluations (account, calibration_session_id) WHERE calibration_session_id IS NOT NULL;

-- SMART targets: a person or a group, a measurable figure, a value, a period ending on a due date
CREATE TABLE targets (
  account       text             NOT NULL,
  id            uuid             NOT NULL,
  subject       text             NOT NULL CHECK (subject IN ('agent', 'group')),
  subject_id    bigint           NOT NULL,
  metric        text             NOT NULL CHECK (metric IN ('average-score', 'pass-rate')),
  target_value  double precision NOT NULL,
  scorecard_id  text,
  starts_on     date             NOT NULL,
  due_on        date             NOT NULL CHECK (due_on >= starts_on),
  note          text             NOT NULL DEFAULT '',
  created_by    bigint           NOT NULL,
  created_at    timestamptz      NOT NULL,
  updated_at    timestamptz      NOT NULL,
  archived_at   timestamptz,
  PRIMARY KEY (account, id)
);
CREATE INDEX targets_subject ON targets (account, subject, subject_id);

CREATE TABLE coaching_notes (
  account          text        NOT NULL,
  id               uuid        NOT NULL,
  evaluation_id    uuid        NOT NULL,
  agent_id         bigint      NOT NULL,   -- the evaluation's reviewee when the note was written
  author_id        bigint      NOT NULL,
  body             text        NOT NULL,
  created_at       timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  PRIMARY KEY (account, id),
  FOREIGN KEY (account, evaluation_id) REFERENCES evaluations (account, id) ON DELETE CASCADE
);
CREATE INDEX coaching_notes_evaluation ON coaching_notes (account, evaluation_id, created_at);
CREATE INDEX coaching_notes_agent ON coaching_notes (account, agent_id, created_at);
