import * as api from '../../core/contract/planning.ts';
import type { TargetListQuery } from '../../core/targets.ts';
import { actorOf, type Actor } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import { pathId } from '../edge.ts';
import { declare, router } from '../openapi/declare.ts';
import {
  changeTarget,
  createTarget,
  removeTarget,
  targetById,
  targetsWithProgress,
  withProgress,
  type StoredTarget,
  type TargetFilter,
} from '../services/targets.ts';

/** Agents see only their own targets; staff see all. */
const mayRead = (actor: Actor, t: Pick<StoredTarget, 'subject' | 'subjectId'>) =>
  actor.role !== 'agent' || (t.subject === 'agent' && t.subjectId === actor.userId);

/** The list an actor may ask for: an agent's is their own targets (asking for anyone else's is refused). */
function listFor(actor: Actor, q: TargetListQuery): TargetFilter {
  if (actor.role !== 'agent') return q;
  if ((q.subject && q.subject !== 'agent') || (q.subjectId && q.subjectId !== actor.userId))
    throw forbidden('an agent may only read their own targets');
  return { subject: 'agent', subjectId: actor.userId };
}

/** `/targets`: SMART targets per agent or group; leads and admins set them. */
export function targetsRouter({ db, clock }: AppDeps) {
  const r = router();
  const setters = { action: 'set targets' };
  r.openapi(declare(api.listTargets, { heavy: true }), async (c) => {
    const actor = actorOf(c);
    return c.json({ items: await targetsWithProgress(db, actor.account, listFor(actor, c.req.valid('query')), clock.now()) }, 200);
  });

  r.openapi(declare(api.readTarget), async (c) => {
    const actor = actorOf(c);
    const t = await targetById(db, actor.account, pathId(c));
    if (!t || !mayRead(actor, t)) throw notFound('target');
    return c.json(await withProgress(db, actor.account, t, clock.now()), 200);
  });

  r.openapi(declare(api.createTarget, setters), async (c) =>
    c.json(await createTarget(db, actorOf(c), c.req.valid('json'), clock.now()), 201),
  );

  r.openapi(declare(api.changeTarget, setters), async (c) =>
    c.json(await changeTarget(db, actorOf(c), pathId(c), c.req.valid('json'), clock.now()), 200),
  );

  r.openapi(declare(api.removeTarget, { action: 'remove targets' }), async (c) => {
    await removeTarget(db, actorOf(c), pathId(c), clock.now());
    return c.body(null, 204);
  });

  return r;
}
