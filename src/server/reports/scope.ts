import type { ReportFilters } from '../../core/reports.ts';
import type { Actor } from '../auth.ts';
import { forbidden } from '../errors.ts';

/**
 * Staff (admins, leads, reviewers) read every figure of their account; an agent reads only the
 * figures of their own work, so the reviewee filter is forced to them.
 */
export function scopeFilters<F extends ReportFilters>(actor: Actor, filters: F): F {
  if (actor.role !== 'agent') return filters;
  if (filters.revieweeId !== undefined && filters.revieweeId !== actor.userId) {
    throw forbidden('an agent may only read reports on their own work');
  }
  return { ...filters, revieweeId: actor.userId };
}
