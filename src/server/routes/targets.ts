import { Target, TargetCreate, TargetList, TargetListQuery } from '../../core/targets.ts';
import { LEADS, actorOf, type Actor } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import { pathId } from '../edge.ts';
import { ANYONE, declare, json, jsonBody, noContent, router } from '../openapi/declare.ts';
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
  const setters = { tag: 'targets', roles: LEADS, action: 'set targets' };

  const list = declare({
    method: 'get',
    path: '/',
    tag: 'targets',
    summary: 'SMART targets with progress',
    roles: ANYONE,
    access: 'an agent sees their own targets only',
    heavy: true,
    request: { query: TargetListQuery },
    responses: { 200: json(TargetList) },
  });
  r.openapi(list, async (c) => {
    const actor = actorOf(c);
    return c.json({ items: await targetsWithProgress(db, actor.account, listFor(actor, c.req.valid('query')), clock.now()) }, 200);
  });

  const one = declare({
    method: 'get',
    path: '/{id}',
    tag: 'targets',
    summary: 'One target with its progress',
    roles: ANYONE,
    responses: { 200: json(Target) },
  });
  r.openapi(one, async (c) => {
    const actor = actorOf(c);
    const t = await targetById(db, actor.account, pathId(c));
    if (!t || !mayRead(actor, t)) throw notFound('target');
    return c.json(await withProgress(db, actor.account, t, clock.now()), 200);
  });

  const create = declare({
    ...setters,
    method: 'post',
    path: '/',
    summary: 'Set a target for an agent or a group',
    request: { body: jsonBody(TargetCreate) },
    responses: { 201: json(Target, 'Created') },
  });
  r.openapi(create, async (c) => c.json(await createTarget(db, actorOf(c), c.req.valid('json'), clock.now()), 201));

  const change = declare({
    ...setters,
    method: 'put',
    path: '/{id}',
    summary: 'Change a target',
    request: { body: jsonBody(TargetCreate) },
    responses: { 200: json(Target) },
  });
  r.openapi(change, async (c) => c.json(await changeTarget(db, actorOf(c), pathId(c), c.req.valid('json'), clock.now()), 200));

  const remove = declare({
    ...setters,
    action: 'remove targets',
    method: 'delete',
    path: '/{id}',
    summary: 'Remove (archive) a target',
    responses: { 204: noContent },
  });
  r.openapi(remove, async (c) => {
    await removeTarget(db, actorOf(c), pathId(c), clock.now());
    return c.body(null, 204);
  });

  return r;
}
