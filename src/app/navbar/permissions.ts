import type { QaRole } from '../../core/evaluation.ts';

/**
 * Zendesk admins manage scorecards; the optional `scorecardManagerRoles` setting ("lead", comma-separated)
 * names other QA roles that may. The service enforces its own rule as well.
 */
export function canManageScorecards(role: QaRole, settings: Record<string, unknown>): boolean {
  if (role === 'admin') return true;
  const named = typeof settings.scorecardManagerRoles === 'string' ? settings.scorecardManagerRoles : '';
  return named
    .split(/[\s,;]+/)
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r && r !== 'agent')
    .includes(role);
}
