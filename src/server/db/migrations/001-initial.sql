-- Every table starts with `account` (the Zendesk subdomain): no query crosses accounts.

CREATE TABLE scorecards (
  account          text        NOT NULL,
  id               text        NOT NULL,
  name             text        NOT NULL,
  -- draft: never published; published: has a current version; archived: no new evaluations
  status           text        NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  current_version  integer,                -- the latest published version, null before the first publish
  latest_version   integer     NOT NULL,   -- the newest version, draft or published
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  archived_at      timestamptz,
  PRIMARY KEY (account, id)
);
CREATE INDEX scorecards_account_status ON scorecards (account, status);

CREATE TABLE scorecard_versions (
  account       text        NOT NULL,
  scorecard_id  text        NOT NULL,
  version       integer     NOT NULL CHECK (version > 0),
  status        text        NOT NULL CHECK (status IN ('draft', 'published')),
  definition    jsonb       NOT NULL,     -- ScorecardDefinition (src/core/scorecard.ts), defaults applied
  created_at    timestamptz NOT NULL,
  published_at  timestamptz,
  lock_version  integer     NOT NULL DEFAULT 1,  -- optimistic lock for draft edits
  PRIMARY KEY (account, scorecard_id, version),
  FOREIGN KEY (account, scorecard_id) REFERENCES scorecards (account, id) ON DELETE CASCADE
);
-- at most one draft per scorecard
CREATE UNIQUE INDEX scorecard_versions_one_draft ON scorecard_versions (account, scorecard_id) WHERE status = 'draft';

CREATE TABLE evaluations (
  account                  text             NOT NULL,
  id                       uuid             NOT NULL,   -- made by the client: retries never duplicate
  ticket_id                bigint           NOT NULL,
  reviewee_id              bigint           NOT NULL,
  reviewer_id              bigint           NOT NULL,
  scorecard_id             text             NOT NULL,
  scorecard_version        integer          NOT NULL,
  kind                     text             NOT NULL CHECK (kind IN ('review', 'self-review', 'calibration')),
  status                   text             NOT NULL
                             CHECK (status IN ('submitted', 'acknowledged', 'disputed', 'dispute-resolved', 'withdrawn')),
  channel                  text,
  group_id                 bigint,
  brand_id                 bigint,
  raw_score                double precision,
  final_score              double precision,
  passed                   boolean,
  critical_failures        text[]           NOT NULL DEFAULT '{}',
  critical_failed          boolean          NOT NULL DEFAULT false,  -- cardinality(critical_failures) > 0, for cheap reports
  answers                  jsonb            NOT NULL,   -- as submitted (after server-side metric answers)
  overall_comment          text             NOT NULL DEFAULT '',
  first_reply_minutes      double precision,
  full_resolution_minutes  double precision,
  reopens                  integer,
  csat                     text,
  calibration_session_id   text,
  request_hash             text             NOT NULL,   -- sha-256 of the canonical create body (idempotency)
  dispute                  jsonb,
  created_at               timestamptz      NOT NULL,
  updated_at               timestamptz      NOT NULL,
  withdrawn_at             timestamptz,
  PRIMARY KEY (account, id),
  FOREIGN KEY (account, scorecard_id, scorecard_version) REFERENCES scorecard_versions (account, scorecard_id, version)
);
-- keyset paging on (created_at, id) within each filter, and date-range reports
CREATE INDEX evaluations_account_created ON evaluations (account, created_at, id);
CREATE INDEX evaluations_reviewee ON evaluations (account, reviewee_id, created_at, id);
CREATE INDEX evaluations_reviewer ON evaluations (account, reviewer_id, created_at, id);
CREATE INDEX evaluations_scorecard ON evaluations (account, scorecard_id, created_at, id);
CREATE INDEX evaluations_ticket ON evaluations (account, ticket_id, created_at, id);
CREATE INDEX evaluations_group ON evaluations (account, group_id, created_at);

-- one row per answer: reports by criterion and the CSV export read these
CREATE TABLE evaluation_answers (
  account        text             NOT NULL,
  evaluation_id  uuid             NOT NULL,
  position       integer          NOT NULL,   -- order in the scorecard
  criterion_id   text             NOT NULL,
  section_id     text             NOT NULL,
  rating         integer,                     -- index into the scale's options, null when N/A
  fraction       double precision,            -- the option's score fraction, null when N/A
  na             boolean          NOT NULL,
  weight         double precision NOT NULL,
  critical       boolean          NOT NULL DEFAULT false,  -- a critical criterion
  critical_failed boolean         NOT NULL DEFAULT false,  -- ... that failed in this evaluation
  root_causes    text[]           NOT NULL DEFAULT '{}',
  comment        text,
  created_at     timestamptz      NOT NULL,   -- the evaluation's, copied so criterion reports need no join to filter by date
  PRIMARY KEY (account, evaluation_id, criterion_id),
  FOREIGN KEY (account, evaluation_id) REFERENCES evaluations (account, id) ON DELETE CASCADE
);
CREATE INDEX evaluation_answers_criterion ON evaluation_answers (account, criterion_id, created_at);

-- append-only: one row per change, with the evaluation as it was after the change
CREATE TABLE evaluation_history (
  account        text        NOT NULL,
  evaluation_id  uuid        NOT NULL,
  seq            integer     NOT NULL,
  at             timestamptz NOT NULL,
  actor_id       bigint      NOT NULL,
  action         text        NOT NULL,
  snapshot       jsonb       NOT NULL,
  PRIMARY KEY (account, evaluation_id, seq),
  FOREIGN KEY (account, evaluation_id) REFERENCES evaluations (account, id) ON DELETE CASCADE
);

-- every write: who, what, when (written in the same transaction as the write)
CREATE TABLE audit_log (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account     text        NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    bigint      NOT NULL,
  actor_role  text        NOT NULL,
  action      text        NOT NULL,
  entity      text        NOT NULL,
  entity_id   text        NOT NULL,
  detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_account_at ON audit_log (account, at);
CREATE INDEX audit_log_entity ON audit_log (account, entity, entity_id);
