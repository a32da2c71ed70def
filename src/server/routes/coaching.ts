import { z } from 'zod';
import * as api from '../../core/contract/coaching.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { pathId } from '../edge.ts';
import { declare, router } from '../openapi/declare.ts';
import { acknowledgeNote, notesFor, writeNote } from '../services/coaching.ts';

/** `/coaching-notes`: the evaluation's reviewer or a lead coaches; the agent reads and acknowledges. */
export function coachingRouter({ db, clock }: AppDeps) {
  const r = router();

  r.openapi(declare(api.writeCoachingNote, { action: 'write coaching notes' }), async (c) =>
    c.json(await writeNote(db, actorOf(c), c.req.valid('json'), clock.now()), 201),
  );
  r.openapi(declare(api.listCoachingNotes), async (c) => c.json({ items: await notesFor(db, actorOf(c), c.req.valid('query')) }, 200));
  r.openapi(declare(api.acknowledgeCoachingNote), async (c) => {
    const id = pathId(c);
    // a path that is no note id names no note
    if (!z.uuid().safeParse(id).success) throw notFound('coaching note');
    return c.json(await acknowledgeNote(db, actorOf(c), id, clock.now()), 200);
  });
  return r;
}
