/** The account's policy the service keeps (app settings reach the browser and cannot be trusted). */
import { z } from 'zod';

/** Roles an admin may allow to manage scorecards; admins always may, agents never. */
export const ManagerRole = z.enum(['lead', 'reviewer']);
export type ManagerRole = z.infer<typeof ManagerRole>;

export const AccountPolicy = z.strictObject({
  scorecardManagerRoles: z
    .array(ManagerRole)
    .max(ManagerRole.options.length)
    .refine((roles) => new Set(roles).size === roles.length, 'must not name a role twice'),
});
export type AccountPolicy = z.infer<typeof AccountPolicy>;

export const DEFAULT_POLICY: AccountPolicy = { scorecardManagerRoles: [] };

export { canManageScorecards } from './policy-rule.ts';
