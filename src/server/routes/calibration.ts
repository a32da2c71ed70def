import * as api from '../../core/contract/calibration.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { pathId } from '../edge.ts';
import { declare, router } from '../openapi/declare.ts';
import { closeSession, historyFor, readSession, sessionReport, sessionsFor, startSession } from '../services/calibration.ts';

/** `/calibration-sessions`: leads start sessions, invited reviewers score blind, then compare. */
export function calibrationRouter({ db, clock }: AppDeps) {
  const r = router();
  const read = { action: 'read calibration sessions' };
  r.openapi(declare(api.startCalibration, { action: 'start calibration sessions' }), async (c) =>
    c.json(await startSession(db, actorOf(c), c.req.valid('json'), clock.now()), 201),
  );
  r.openapi(declare(api.listCalibrations, read), async (c) =>
    c.json({ items: await sessionsFor(db, actorOf(c), c.req.valid('query')) }, 200),
  );
  r.openapi(declare(api.calibrationHistory, { action: 'read calibration history', heavy: true }), async (c) =>
    c.json(await historyFor(db, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(declare(api.readCalibration, read), async (c) => c.json(await readSession(db, actorOf(c), pathId(c)), 200));
  r.openapi(declare(api.calibrationReport, read), async (c) => c.json(await sessionReport(db, actorOf(c), pathId(c)), 200));
  r.openapi(declare(api.closeCalibration, { action: 'close calibration sessions' }), async (c) =>
    c.json(await closeSession(db, actorOf(c), pathId(c), clock.now()), 200),
  );
  return r;
}
