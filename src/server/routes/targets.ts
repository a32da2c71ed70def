import { Hono } from 'hono';
import { z } from 'zod';
import { TargetCreate, TargetSubject } from '../../core/targets.ts';
import { ZendeskId } from '../../core/text.ts';
import { LEADS, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound, parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
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

export const TargetListQuery = z.strictObject({ subject: TargetSubject.optional(), subjectId: z.coerce.number().pipe(ZendeskId).optional() });

/** Agents see only their own targets; staff see all. */
const mayRead = (actor: Actor, t: Pick<StoredTarget, 'subject' | 'subjectId'>) =>
  actor.role !== 'agent' || (t.subject === 'agent' && t.subjectId === actor.userId);

/** The list an actor may ask for: an agent's is their own targets (asking for anyone else's is refused). */
function listFor(actor: Actor, q: z.infer<typeof TargetListQuery>): TargetFilter {
  if (actor.role !== 'agent') return q;
  if ((q.subject && q.subject !== 'agent') || (q.subjectId && q.subjectId !== actor.userId)) throw forbidden('an agent may only read their own targets');
  return { subject: 'agent', subjectId: actor.userId };
}

/** `/targets`: SMART targets per agent or group; leads and admins set them. */
export function targetsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const filter = listFor(actor, parseOrThrow(TargetListQuery, c.req.query()));
    return c.json({ items: await targetsWithProgress(db, actor.account, filter, clock.now()) });
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    const t = await targetById(db, actor.account, pathId(c));
    if (!t || !mayRead(actor, t)) throw notFound('target');
    return c.json(await withProgress(db, actor.account, t, clock.now()));
  });

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'set targets');
    const body = parseOrThrow(TargetCreate, await readJson(c.req));
    return c.json(await createTarget(db, actor, body, clock.now()), 201);
  });

  r.put('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'set targets');
    const body = parseOrThrow(TargetCreate, await readJson(c.req));
    return c.json(await changeTarget(db, actor, pathId(c), body, clock.now()));
  });

  r.delete('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, LEADS, 'remove targets');
    await removeTarget(db, actor, pathId(c), clock.now());
    return c.body(null, 204);
  });

  return r;
}
