import { Hono } from 'hono';
import { CoverageQuery, isoWeekOf } from '../../core/coverage.ts';
import { STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { weekCoverage } from '../services/coverage.ts';

/** `GET /reports/coverage?week=`: evaluations per agent against the monitoring plan (staff only; the current week by default). */
export function coverageRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read coverage');
    const q = parseOrThrow(CoverageQuery, c.req.query());
    return c.json(await weekCoverage(db, actor.account, q.week ?? isoWeekOf(clock.now()), q.agentIds ?? []));
  });
}
