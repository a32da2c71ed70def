/** The account's policy the service keeps (app settings reach the browser and cannot be trusted). */
import { z } from 'zod';

/** Roles an admin may allow to manage scorecards; admins always may, agents never. */
export const ManagerRole = z.enum(['lead', 'reviewer']);
export type ManagerRole = z.infer<typeof ManagerRole>;

/** Zendesk group ids: whole positive numbers, each once, at most 200. */
export const GroupIds = z
  .array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, 'must not name a group twice');

export const AccountPolicy = z
  .strictObject({
    scorecardManagerRoles: z
      .array(ManagerRole)
      .max(ManagerRole.options.length)
      .refine((roles) => new Set(roles).size === roles.length, 'must not name a role twice'),
    /** Members of these Zendesk groups review tickets. */
    reviewerGroupIds: GroupIds.default([]),
    /** Members of these Zendesk groups are QA leads (a lead group wins over a reviewer group). */
    leadGroupIds: GroupIds.default([]),
  })
  .meta({ id: 'AccountPolicy' });
export type AccountPolicy = z.output<typeof AccountPolicy>;

/** A change to the policy: the keys left out keep their value. */
export const PolicyChange = z.strictObject({
  scorecardManagerRoles: AccountPolicy.shape.scorecardManagerRoles.optional(),
  reviewerGroupIds: GroupIds.optional(),
  leadGroupIds: GroupIds.optional(),
});
export type PolicyChange = z.output<typeof PolicyChange>;

export const DEFAULT_POLICY: AccountPolicy = { scorecardManagerRoles: [], reviewerGroupIds: [], leadGroupIds: [] };

export { canManageScorecards } from './permissions.ts';
export { qaRoleOf } from './roles.ts';
