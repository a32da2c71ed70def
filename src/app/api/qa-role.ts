import type { QaRole } from '../../core/evaluation.ts';

export interface ZendeskUser {
  id: number;
  name: string;
  role: string;
  locale?: string;
  groups: Array<{ id: number; name?: string }>;
}

/** Settings arrive as strings exactly as typed by the admin ("12, 34" or "12 34"); ids compare as numbers. */
export function parseIdList(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value !== 'string') return [];
  return value
    .split(/[\s,;]+/)
    .map((part) => Number(part))
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** Shared decision (BRIEF): admin by Zendesk role, then lead group, then reviewer group, else agent. */
export function qaRoleOf(user: Pick<ZendeskUser, 'role' | 'groups'>, settings: Record<string, unknown>): QaRole {
  if (user.role === 'admin') return 'admin';
  const groups = new Set(user.groups.map((g) => Number(g.id)));
  const inAny = (setting: unknown) => parseIdList(setting).some((id) => groups.has(id));
  if (inAny(settings.leadGroupIds)) return 'lead';
  if (inAny(settings.reviewerGroupIds)) return 'reviewer';
  return 'agent';
}

/** Who may score tickets in the sidebar. */
export const canReview = (role: QaRole): boolean => role !== 'agent';
