-- What the service reads from Zendesk itself (issue 15, docs/decisions/026-zendesk-sync.md): tickets with their
-- metrics and CSAT, their conversations, users and groups, synced incrementally by src/server/sync/. Each page of an
-- export is written in one transaction with the position it reached (sync_positions), so a sync stopped at any point
-- resumes from there; rows are keyed by Zendesk's ids and a ticket is never replaced by an older version of itself,
-- so a page read twice changes nothing.

-- where each export of an account goes on from: the cursor of a cursor export (tickets, users), or the start_time of
-- the time-based ticket events
CREATE TABLE sync_positions (
  account     text        NOT NULL,
  stream      text        NOT NULL CHECK (stream IN ('tickets', 'users', 'ticket_events')),
  cursor      text,
  start_time  bigint,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (account, stream)
);

-- one row per account: how the last runs went, in words an admin can read, and what they spent
CREATE TABLE sync_status (
  account            text        PRIMARY KEY,
  last_success_at    timestamptz,
  last_error         text,
  last_error_at      timestamptz,
  requests_spent     bigint      NOT NULL DEFAULT 0,
  rate_limited       bigint      NOT NULL DEFAULT 0
);

CREATE TABLE synced_tickets (
  account                   text        NOT NULL,
  ticket_id                 bigint      NOT NULL,
  subject                   text,
  channel                   text        NOT NULL,
  status                    text        NOT NULL,
  group_id                  bigint,
  brand_id                  bigint,
  form_id                   bigint,
  assignee_id               bigint,
  requester_id              bigint,
  tags                      text[]      NOT NULL,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL,
  -- Zendesk's generated_timestamp: moves with every change, system ones too; a row only moves forward
  generated_at              bigint      NOT NULL,
  csat_score                text,
  csat_comment              text,
  reopens                   integer,
  replies                   integer,
  reply_minutes             integer,
  first_resolution_minutes  integer,
  full_resolution_minutes   integer,
  solved_at                 timestamptz,
  PRIMARY KEY (account, ticket_id)
);
CREATE INDEX synced_tickets_assignee ON synced_tickets (account, assignee_id, solved_at);

-- conversation text: personal data, deleted past the account's retention (derived results may stay)
CREATE TABLE synced_comments (
  account     text        NOT NULL,
  comment_id  bigint      NOT NULL,
  ticket_id   bigint      NOT NULL,
  author_id   bigint      NOT NULL,
  public      boolean     NOT NULL,
  body        text        NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (account, comment_id)
);
CREATE INDEX synced_comments_ticket ON synced_comments (account, ticket_id);
CREATE INDEX synced_comments_author ON synced_comments (account, author_id);

CREATE TABLE synced_users (
  account     text        NOT NULL,
  user_id     bigint      NOT NULL,
  name        text        NOT NULL,
  role        text        NOT NULL,
  active      boolean     NOT NULL,
  updated_at  timestamptz,
  PRIMARY KEY (account, user_id)
);

CREATE TABLE synced_groups (
  account   text    NOT NULL,
  group_id  bigint  NOT NULL,
  name      text    NOT NULL,
  deleted   boolean NOT NULL,
  PRIMARY KEY (account, group_id)
);
