-- The sync on a schedule (issue 15, docs/decisions/026-zendesk-sync.md): each account's settings as its admins set
-- them, and a lease per account so that one run at a time, on one instance, syncs it.

-- written with the defaults (on, conversation text on, 90 days) by the first scheduled run, so that a run's pages can
-- lock it against a change; updated_at/by say who changed it last (a Zendesk user id: erasure in store/people.ts)
CREATE TABLE sync_settings (
  account         text        PRIMARY KEY,
  enabled         boolean     NOT NULL,
  conversations   boolean     NOT NULL,
  retention_days  integer     NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
  updated_at      timestamptz,
  updated_by      bigint
);

-- who syncs the account now: taken when absent or expired, renewed while the run goes on, written only by its holder;
-- a holder that crashed leaves a lease that expires
CREATE TABLE sync_leases (
  account      text        PRIMARY KEY,
  holder       text        NOT NULL,
  acquired_at  timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);

-- when the last run ended, well or not: the next is due an interval after it, whichever instance ran it
ALTER TABLE sync_status ADD COLUMN last_run_at timestamptz;

-- retention deletes the text older than the account's limit on every scheduled run
CREATE INDEX synced_comments_created ON synced_comments (account, created_at);
