import { maySeeWorkOf, ownWorkOnly } from '../../core/permissions.ts';
import type { ReportFilters } from '../../core/reports.ts';
import type { Actor } from '../auth.ts';
import { forbidden } from '../errors.ts';

/**
 * Staff (admins, leads, reviewers) read every figure of their account; an agent reads only the
 * figures of their own work, so the reviewee filter is forced to them.
 */
export function scopeFilters<F extends ReportFilters>(actor: Actor, filters: F): F {
  if (filters.revieweeId !== undefined && !maySeeWorkOf(actor, filters.revieweeId)) {
    throw forbidden('an agent may only read reports on their own work');
  }
  const own = ownWorkOnly(actor);
  return own === null ? filters : { ...filters, revieweeId: own };
}
