-- Names of the account's people as Zendesk last gave them, for the CSV export's name columns beside the ids
-- (services/people-names.ts): filled when someone signs in and by users/show_many for the ids an export meets,
-- asked again once stale. A null name: Zendesk did not know the id when asked (a deleted user). Erased with the
-- person (services/people.ts).
CREATE TABLE people (
  account     text        NOT NULL,
  user_id     bigint      NOT NULL,
  name        text,
  fetched_at  timestamptz NOT NULL,
  PRIMARY KEY (account, user_id)
);
