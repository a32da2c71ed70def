import { Hono } from 'hono';
import { CalibrationListQuery, CalibrationSessionCreate } from '../../core/calibration.ts';
import { ReportFilters } from '../../core/reports.ts';
import { LEADS, STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { closeSession, historyFor, readSession, sessionReport, sessionsFor, startSession } from '../services/calibration.ts';

const HistoryQuery = ReportFilters.pick({ from: true, to: true, scorecardId: true });

/** `/calibration-sessions`: leads start sessions, invited reviewers score blind, then compare. */
export function calibrationRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'start calibration sessions');
    const body = parseOrThrow(CalibrationSessionCreate, await readJson(c.req));
    return c.json(await startSession(db, actor, body, clock.now()), 201);
  });

  r.get('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read calibration sessions');
    const query = parseOrThrow(CalibrationListQuery, c.req.query());
    return c.json({ items: await sessionsFor(db, actor, query) });
  });

  r.get('/history', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'read calibration history');
    const filters = parseOrThrow(HistoryQuery, c.req.query());
    return c.json(await historyFor(db, actor, filters));
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read calibration sessions');
    return c.json(await readSession(db, actor, pathId(c)));
  });

  r.get('/:id/report', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read calibration sessions');
    return c.json(await sessionReport(db, actor, pathId(c)));
  });

  r.post('/:id/close', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'close calibration sessions');
    return c.json(await closeSession(db, actor, pathId(c), clock.now()));
  });

  return r;
}
