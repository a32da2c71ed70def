-- Identity verified by Zendesk (docs/decisions/015-identity-from-zendesk.md): sessions handed out by a signed
-- location load, API keys for machines, failed-authentication counters, and the groups that make reviewers and
-- leads (account policy).
-- Everything lives here, not in a process, so several service instances can share one database.

CREATE TABLE sessions (
  token_hash       bytea       PRIMARY KEY,            -- sha-256 of the secret; the secret is never stored
  id               uuid        NOT NULL UNIQUE,
  account          text        NOT NULL,
  installation_id  bigint      NOT NULL,
  user_id          bigint      NOT NULL,
  location         text        NOT NULL,
  user_name        text        NOT NULL,
  role             text        NOT NULL CHECK (role IN ('admin', 'lead', 'reviewer', 'agent')),
  role_checked_at  timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL,
  idle_expires_at  timestamptz NOT NULL,
  hard_expires_at  timestamptz NOT NULL,
  revoked_at       timestamptz
);
CREATE INDEX sessions_by_user ON sessions (account, user_id);
CREATE INDEX sessions_by_expiry ON sessions (hard_expires_at);

CREATE TABLE api_keys (
  id            uuid        PRIMARY KEY,
  account       text        NOT NULL,
  name          text        NOT NULL,
  role          text        NOT NULL CHECK (role IN ('admin', 'lead')),
  secret_hash   bytea       NOT NULL UNIQUE,
  prefix        text        NOT NULL,
  created_by    bigint      NOT NULL,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    bigint
);
CREATE INDEX api_keys_by_account ON api_keys (account, created_at);

-- fixed one-minute windows per key ("client:<address>", "account:<subdomain>")
CREATE TABLE auth_failures (
  key           text        NOT NULL,
  window_start  timestamptz NOT NULL,
  failures      integer     NOT NULL,
  PRIMARY KEY (key, window_start)
);

ALTER TABLE account_policies
  ADD COLUMN reviewer_group_ids bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN lead_group_ids     bigint[] NOT NULL DEFAULT '{}';
