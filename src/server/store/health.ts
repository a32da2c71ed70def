import type { Queryable } from '../db/db.ts';

/** The cheapest statement that shows the database answers: the /healthz check (limits/health.ts). */
export const pingDatabase = (q: Queryable): Promise<unknown> => q.query('SELECT 1');
