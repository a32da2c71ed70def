/** Coaching notes on an evaluation: a lead or the reviewer writes, the agent reads and acknowledges. */
import { z } from 'zod';
import { safeText, Uuid, ZendeskId } from './text.ts';

export const CoachingNoteCreate = z.strictObject({
  evaluationId: Uuid,
  body: safeText(5000).trim().min(1, 'must not be empty'),
});
export type CoachingNoteCreate = z.infer<typeof CoachingNoteCreate>;

export const CoachingListQuery = z
  .strictObject({
    evaluationId: Uuid.optional(),
    agentId: z.coerce.number().pipe(ZendeskId).optional(),
  })
  .refine((q) => q.evaluationId !== undefined || q.agentId !== undefined, { message: 'give evaluationId or agentId' });
export type CoachingListQuery = z.infer<typeof CoachingListQuery>;

export const CoachingNote = z
  .object({
    id: z.string(),
    evaluationId: z.string(),
    agentId: z.number(),
    authorId: z.number(),
    body: z.string(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
  })
  .meta({ id: 'CoachingNote' });
export type CoachingNote = z.infer<typeof CoachingNote>;

export const CoachingNoteList = z.object({ items: z.array(CoachingNote) }).meta({ id: 'CoachingNoteList' });
