-- The account's policy (docs/decisions/014-account-policy-and-erasure.md): which QA roles besides admins may manage
-- scorecards. Kept by the service, not in app settings, because settings reach the browser and the service must
-- enforce the rule.
CREATE TABLE account_policies (
  account                  text        PRIMARY KEY,
  scorecard_manager_roles  text[]      NOT NULL DEFAULT '{}' CHECK (scorecard_manager_roles <@ ARRAY['lead', 'reviewer']),
  updated_at               timestamptz NOT NULL,
  updated_by               bigint      NOT NULL
);
