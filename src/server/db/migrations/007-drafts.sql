-- Drafts kept by the service (docs/decisions/019-nothing-typed-is-lost.md): a reviewer's work follows them to
-- another tab or device, and survives a browser that blocks storage. One per account, reviewer, ticket and slot
-- (scorecard or calibration session).
CREATE TABLE drafts (
  account        text        NOT NULL,
  user_id        bigint      NOT NULL,
  ticket_id      bigint      NOT NULL,
  slot           text        NOT NULL,
  -- +1 on every save: a save from an older revision (another tab) is refused, never overwrites
  revision       integer     NOT NULL,
  -- the evaluation it will create, or the one it amends: the submit deletes its draft in the same transaction
  evaluation_id  uuid        NOT NULL,
  amends         uuid,
  content        jsonb       NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (account, user_id, ticket_id, slot)
);
CREATE INDEX drafts_evaluation ON drafts (account, evaluation_id);
CREATE INDEX drafts_amends ON drafts (account, amends) WHERE amends IS NOT NULL;
CREATE INDEX drafts_updated ON drafts (updated_at);
