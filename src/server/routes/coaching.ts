import { Hono } from 'hono';
import { z } from 'zod';
import { CoachingListQuery, CoachingNoteCreate } from '../../core/coaching.ts';
import { STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { notFound, parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { acknowledgeNote, notesFor, writeNote } from '../services/coaching.ts';

/** `/coaching-notes`: the evaluation's reviewer or a lead coaches; the agent reads and acknowledges. */
export function coachingRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'write coaching notes');
    const body = parseOrThrow(CoachingNoteCreate, await readJson(c.req));
    return c.json(await writeNote(db, actor, body, clock.now()), 201);
  });

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const query = parseOrThrow(CoachingListQuery, c.req.query());
    return c.json({ items: await notesFor(db, actor, query) });
  });

  r.post('/:id/acknowledge', async (c) => {
    const actor = actorOf(c);
    const id = pathId(c);
    // a path that is no note id names no note
    if (!z.uuid().safeParse(id).success) throw notFound('coaching note');
    return c.json(await acknowledgeNote(db, actor, id, clock.now()));
  });

  return r;
}
