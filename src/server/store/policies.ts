import { AccountPolicy, DEFAULT_POLICY } from '../../core/policy.ts';
import type { Queryable } from '../db/db.ts';

/** The account's policy; the default until an admin saves one. */
export async function policyOf(q: Queryable, account: string): Promise<AccountPolicy> {
  const [row] = await q.query<{ roles: string[]; reviewers: Array<number | string>; leads: Array<number | string> }>(
    `SELECT scorecard_manager_roles AS roles, reviewer_group_ids AS reviewers, lead_group_ids AS leads
     FROM account_policies WHERE account = $1`,
    [account],
  );
  return row
    ? AccountPolicy.parse({
        scorecardManagerRoles: row.roles,
        reviewerGroupIds: row.reviewers.map(Number),
        leadGroupIds: row.leads.map(Number),
      })
    : DEFAULT_POLICY;
}

export async function savePolicy(q: Queryable, account: string, policy: AccountPolicy, at: Date, by: number): Promise<void> {
  await q.query(
    `INSERT INTO account_policies (account, scorecard_manager_roles, reviewer_group_ids, lead_group_ids, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (account) DO UPDATE SET scorecard_manager_roles = $2, reviewer_group_ids = $3, lead_group_ids = $4, updated_at = $5, updated_by = $6`,
    [account, policy.scorecardManagerRoles, policy.reviewerGroupIds, policy.leadGroupIds, at, by],
  );
}
