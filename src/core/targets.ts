/**
 * SMART targets: specific (an agent or a group, one figure), measurable (average score or
 * pass rate, with n and interval), time-bound (a start and a due date); progress from report sums.
 */
import { z } from 'zod';
import { Figure, summaryFromSums, type EvaluationSums } from './reports.ts';
import { CalendarDate, IdText, safeText, ZendeskId } from './text.ts';

export const TargetMetric = z.enum(['average-score', 'pass-rate']);
export type TargetMetric = z.infer<typeof TargetMetric>;

export const TargetSubject = z.enum(['agent', 'group']);
export type TargetSubject = z.infer<typeof TargetSubject>;

const TargetFields = z.strictObject({
  subject: TargetSubject,
  subjectId: ZendeskId,
  metric: TargetMetric,
  /** Average score 0..100, or pass rate 0..1: the same unit as the report figure. */
  value: z.number().min(0).max(100),
  scorecardId: IdText.nullable().default(null),
  startsOn: CalendarDate,
  dueOn: CalendarDate,
  note: safeText(2000).default(''),
});

const targetRules = (t: { metric: TargetMetric; value: number; startsOn: string; dueOn: string }, ctx: z.RefinementCtx) => {
  if (t.metric === 'pass-rate' && t.value > 1)
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'a pass rate is a share from 0 to 1' });
  if (t.dueOn < t.startsOn) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'must not be before startsOn' });
};

export const TargetCreate = TargetFields.superRefine(targetRules);
export type TargetCreate = z.infer<typeof TargetCreate>;
export type TargetCreateInput = z.input<typeof TargetCreate>;

/**
 * Where a target stands before its due date: `behind` only when the whole interval is below the target (the shortfall
 * is not down to chance), `unclear` while the figure is below it but the interval still reaches it; after the due
 * date `achieved` or `missed` by the figure, with `certain` saying whether the interval agrees.
 */
export const TargetState = z.enum(['no-data', 'on-track', 'unclear', 'behind', 'achieved', 'missed']);
export type TargetState = z.infer<typeof TargetState>;

export const TargetProgress = z.object({
  /** The figure from startsOn to today (or the due date, when past). */
  current: Figure,
  /** The same figure over an equally long period before startsOn: where the subject started from. */
  baseline: Figure,
  /** Share of the way from baseline to target (0..1); null without both figures or when the baseline already met it. */
  progress: z.number().nullable(),
  state: TargetState,
  /** The interval lies wholly above (or below) the target: the verdict is not down to chance. */
  certain: z.boolean(),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const Target = TargetFields.extend({
  id: z.string(),
  createdBy: z.number(),
  createdAt: z.string(),
  progress: TargetProgress,
}).meta({ id: 'Target' });
export type Target = z.infer<typeof Target>;

export const TargetList = z.object({ items: z.array(Target) }).meta({ id: 'TargetList' });

/** `GET /targets`: an agent may ask only for their own. */
export const TargetListQuery = z.strictObject({
  subject: TargetSubject.optional(),
  subjectId: z.coerce.number().pipe(ZendeskId).optional(),
});
export type TargetListQuery = z.infer<typeof TargetListQuery>;

const FIGURE: Record<TargetMetric, (s: EvaluationSums) => Figure> = {
  'average-score': (s) => summaryFromSums(s).averageScore,
  'pass-rate': (s) => summaryFromSums(s).passRate,
};

/** Progress of a target from the sums of its period so far and of the period before it. */
export function targetProgress(
  target: Pick<TargetCreate, 'metric' | 'value'>,
  current: EvaluationSums,
  baseline: EvaluationSums,
  duePassed: boolean,
): TargetProgress {
  const now = FIGURE[target.metric](current);
  const before = FIGURE[target.metric](baseline);
  const met = now.value !== null && now.value >= target.value;
  const certain = met ? now.low !== null && now.low >= target.value : now.high !== null && now.high < target.value;
  const state: TargetState =
    now.value === null ? 'no-data' : duePassed ? (met ? 'achieved' : 'missed') : met ? 'on-track' : certain ? 'behind' : 'unclear';
  let progress: number | null = null;
  if (now.value !== null && before.value !== null && before.value < target.value) {
    progress = Math.min(1, Math.max(0, (now.value - before.value) / (target.value - before.value)));
  }
  return { current: now, baseline: before, progress, state, certain };
}
