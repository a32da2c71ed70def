-- AutoQA results (issue 16, docs/decisions/030-autoqa-results-and-trust.md): each synced ticket's automatic check
-- results, computed incrementally after each sync run (src/server/autoqa/runner.ts) and on demand; the suggested
-- rating stored beside each human rating of a pre-rated criterion; the account's trust thresholds.

-- one row per checked ticket: what the results were computed from, so the runner finds new or changed tickets (the
-- ticket's generated_at moved), tickets checked before their text arrived, and checks whose version was bumped
-- (checks_key: 'greeting:1,closing:1,...' of the checks that ran)
CREATE TABLE autoqa_tickets (
  account       text        NOT NULL,
  ticket_id     bigint      NOT NULL,
  generated_at  bigint      NOT NULL,
  updated_at    timestamptz NOT NULL,
  with_text     boolean     NOT NULL,
  checks_key    text        NOT NULL,
  computed_at   timestamptz NOT NULL,
  PRIMARY KEY (account, ticket_id)
);

-- one row per ticket and check. Evidence keeps the comment id and span, not the text: the text is read from
-- synced_comments when shown, so retention and erasure of the conversation reach it too
CREATE TABLE autoqa_results (
  account        text             NOT NULL,
  ticket_id      bigint           NOT NULL,
  check_id       text             NOT NULL,
  check_version  integer          NOT NULL,
  applicable     boolean          NOT NULL,
  value_bool     boolean,
  value_num      double precision,
  scale          jsonb,
  reason         text,
  detail         text,
  evidence       jsonb            NOT NULL,
  details        jsonb,
  language       text,
  generated_at   bigint           NOT NULL,
  updated_at     timestamptz      NOT NULL,
  computed_at    timestamptz      NOT NULL,
  PRIMARY KEY (account, ticket_id, check_id),
  CHECK (NOT applicable OR value_bool IS NOT NULL OR value_num IS NOT NULL)
);
CREATE INDEX autoqa_results_check ON autoqa_results (account, check_id);

-- the least agreement with reviewers a check needs to count in automatic figures
CREATE TABLE autoqa_settings (
  account     text             PRIMARY KEY,
  min_kappa   double precision NOT NULL CHECK (min_kappa BETWEEN -1 AND 1),
  min_n       integer          NOT NULL CHECK (min_n >= 1),
  updated_at  timestamptz,
  updated_by  bigint
);

-- the check a pre-rated criterion's suggestion came from and the option it suggested, worked out by the service for
-- the ticket when the evaluation was stored (null: no check, not applicable, or the ticket not synced); a rating
-- different from auto_rating is an override
ALTER TABLE evaluation_answers ADD COLUMN auto_check text;
ALTER TABLE evaluation_answers ADD COLUMN auto_rating integer;
