/** Coaching notes on an evaluation: a lead or the reviewer writes, the agent reads and acknowledges. */
import { z } from 'zod';

export const CoachingNoteCreate = z.strictObject({
  evaluationId: z.uuid(),
  body: z.string().trim().min(1, 'must not be empty').max(5000),
});
export type CoachingNoteCreate = z.infer<typeof CoachingNoteCreate>;

export const CoachingListQuery = z
  .strictObject({
    evaluationId: z.uuid().optional(),
    agentId: z.coerce.number().int().positive().optional(),
  })
  .refine((q) => q.evaluationId !== undefined || q.agentId !== undefined, { message: 'give evaluationId or agentId' });
export type CoachingListQuery = z.infer<typeof CoachingListQuery>;

export interface CoachingNote {
  id: string;
  evaluationId: string;
  agentId: number;
  authorId: number;
  body: string;
  createdAt: string;
  acknowledgedAt: string | null;
}
