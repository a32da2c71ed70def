import {
  CalibrationHistory,
  CalibrationListQuery,
  CalibrationSession,
  CalibrationSessionCreate,
  CalibrationSessionList,
  CalibrationSessionReport,
} from '../../core/calibration.ts';
import { ReportFilters } from '../../core/reports.ts';
import { LEADS, STAFF, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { pathId } from '../edge.ts';
import { declare, json, jsonBody, router } from '../openapi/declare.ts';
import { closeSession, historyFor, readSession, sessionReport, sessionsFor, startSession } from '../services/calibration.ts';

const HistoryQuery = ReportFilters.pick({ from: true, to: true, scorecardId: true });

/** `/calibration-sessions`: leads start sessions, invited reviewers score blind, then compare. */
export function calibrationRouter({ db, clock }: AppDeps) {
  const r = router();
  const staff = { tag: 'calibration', roles: STAFF, action: 'read calibration sessions' };

  const start = declare({
    method: 'post',
    path: '/',
    tag: 'calibration',
    summary: 'Start a calibration session on a ticket and invite reviewers',
    roles: LEADS,
    action: 'start calibration sessions',
    errors: [404, 422],
    request: { body: jsonBody(CalibrationSessionCreate) },
    responses: { 201: json(CalibrationSession, 'Created') },
  });
  r.openapi(start, async (c) => c.json(await startSession(db, actorOf(c), c.req.valid('json'), clock.now()), 201));

  const list = declare({
    ...staff,
    method: 'get',
    path: '/',
    summary: 'List calibration sessions',
    request: { query: CalibrationListQuery },
    responses: { 200: json(CalibrationSessionList) },
  });
  r.openapi(list, async (c) => c.json({ items: await sessionsFor(db, actorOf(c), c.req.valid('query')) }, 200));

  const history = declare({
    method: 'get',
    path: '/history',
    tag: 'calibration',
    summary: 'Over time: which criteria reviewers disagree on most, and each reviewer against the baselines',
    roles: LEADS,
    action: 'read calibration history',
    heavy: true,
    request: { query: HistoryQuery },
    responses: { 200: json(CalibrationHistory) },
  });
  r.openapi(history, async (c) => c.json(await historyFor(db, actorOf(c), c.req.valid('query')), 200));

  const one = declare({
    ...staff,
    method: 'get',
    path: '/{id}',
    summary: 'One session and who has submitted (not what)',
    responses: { 200: json(CalibrationSession) },
  });
  r.openapi(one, async (c) => c.json(await readSession(db, actorOf(c), pathId(c)), 200));

  const report = declare({
    ...staff,
    method: 'get',
    path: '/{id}/report',
    summary: "Each reviewer against the baseline, and the agreement of all (Krippendorff's alpha, ordinal, N/A missing)",
    access: 'an invited reviewer after submitting, or a lead',
    errors: [422],
    responses: { 200: json(CalibrationSessionReport) },
  });
  r.openapi(report, async (c) => c.json(await sessionReport(db, actorOf(c), pathId(c)), 200));

  const close = declare({
    method: 'post',
    path: '/{id}/close',
    tag: 'calibration',
    summary: 'Close a session',
    roles: LEADS,
    action: 'close calibration sessions',
    errors: [422],
    responses: { 200: json(CalibrationSession) },
  });
  r.openapi(close, async (c) => c.json(await closeSession(db, actorOf(c), pathId(c), clock.now()), 200));

  return r;
}
