import { RetentionRequest, RetentionResult } from '../../core/api.ts';
import { ADMIN, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, json, jsonBody, router } from '../openapi/declare.ts';
import { applyRetention } from '../services/retention.ts';

/** `POST /retention`: deletes evaluations created before now − olderThanDays, with what hangs off them (decision 014), admins only. */
export function retentionRouter({ db, clock }: AppDeps) {
  const route = declare({
    method: 'post',
    path: '/',
    tag: 'people',
    summary: 'Delete evaluations older than olderThanDays, with their answers, history and coaching notes; reports are rebuilt',
    roles: ADMIN,
    action: 'apply data retention',
    request: { body: jsonBody(RetentionRequest) },
    responses: { 200: json(RetentionResult) },
  });
  return router().openapi(route, async (c) =>
    c.json(await applyRetention(db, actorOf(c), c.req.valid('json').olderThanDays, clock.now()), 200),
  );
}
