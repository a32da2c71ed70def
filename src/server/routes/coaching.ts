import { z } from 'zod';
import { CoachingListQuery, CoachingNote, CoachingNoteCreate, CoachingNoteList } from '../../core/coaching.ts';
import { STAFF, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { pathId } from '../edge.ts';
import { ANYONE, declare, json, jsonBody, router } from '../openapi/declare.ts';
import { acknowledgeNote, notesFor, writeNote } from '../services/coaching.ts';

/** `/coaching-notes`: the evaluation's reviewer or a lead coaches; the agent reads and acknowledges. */
export function coachingRouter({ db, clock }: AppDeps) {
  const r = router();

  const write = declare({
    method: 'post',
    path: '/',
    tag: 'coaching',
    summary: 'Write a coaching note on an evaluation',
    roles: STAFF,
    action: 'write coaching notes',
    errors: [404],
    request: { body: jsonBody(CoachingNoteCreate) },
    responses: { 201: json(CoachingNote, 'Created') },
  });
  r.openapi(write, async (c) => c.json(await writeNote(db, actorOf(c), c.req.valid('json'), clock.now()), 201));

  const list = declare({
    method: 'get',
    path: '/',
    tag: 'coaching',
    summary: 'Coaching notes of an evaluation or an agent',
    roles: ANYONE,
    access: 'an agent reads only notes on their own work',
    request: { query: CoachingListQuery },
    responses: { 200: json(CoachingNoteList) },
  });
  r.openapi(list, async (c) => c.json({ items: await notesFor(db, actorOf(c), c.req.valid('query')) }, 200));

  const acknowledge = declare({
    method: 'post',
    path: '/{id}/acknowledge',
    tag: 'coaching',
    summary: 'Acknowledge a coaching note as the agent',
    roles: ANYONE,
    access: 'only the coached agent',
    responses: { 200: json(CoachingNote) },
  });
  r.openapi(acknowledge, async (c) => {
    const id = pathId(c);
    // a path that is no note id names no note
    if (!z.uuid().safeParse(id).success) throw notFound('coaching note');
    return c.json(await acknowledgeNote(db, actorOf(c), id, clock.now()), 200);
  });

  return r;
}
