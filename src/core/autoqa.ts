/**
 * What scorecards, the sidebar, reports and the service share about automatic checks (decision 029): the checks' ids
 * and kinds, and how a criterion maps a check's value to one of its options. The checks themselves run in the
 * service (src/server/autoqa).
 */
import { z } from 'zod';

/** Every check the service runs, with the kind of value it answers. */
export const CHECK_KINDS = {
  greeting: 'boolean',
  closing: 'boolean',
  apology: 'boolean',
  empathy: 'boolean',
  spelling: 'number',
  readability: 'number',
  'sentiment-start': 'number',
  'sentiment-end': 'number',
  'reply-time': 'number',
  'resolution-time': 'number',
} as const satisfies Record<string, 'boolean' | 'number'>;
export type CheckId = keyof typeof CHECK_KINDS;
export const CHECK_IDS = Object.keys(CHECK_KINDS) as CheckId[];
export const CheckId = z.enum(CHECK_IDS as [CheckId, ...CheckId[]]);

const OptionIndex = z.number().int().min(0).max(100);

/**
 * Format 2: the criterion is pre-rated by a check. A boolean check maps true and false to an option each; a number
 * check maps by bands: the first band (in the order given) whose `atLeast` the value reaches, or `atMost` it stays
 * within, else `otherwise`. Not applicable leaves the criterion for the reviewer.
 */
export const AutoScore = z.strictObject({
  check: CheckId,
  whenTrue: OptionIndex.optional(),
  whenFalse: OptionIndex.optional(),
  bands: z
    .array(
      z.union([z.strictObject({ atLeast: z.number(), option: OptionIndex }), z.strictObject({ atMost: z.number(), option: OptionIndex })]),
    )
    .min(1)
    .max(20)
    .optional(),
  otherwise: OptionIndex.optional(),
});
export type AutoScore = z.infer<typeof AutoScore>;

/** A check's value as the service stores it: true/false or a number; null when not applicable. */
export type CheckValueOf = boolean | number | null;

/** The option a check's value maps to, or null (not applicable, or no band and no `otherwise`). */
export function autoRating(auto: AutoScore, value: CheckValueOf): number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return (value ? auto.whenTrue : auto.whenFalse) ?? null;
  for (const band of auto.bands ?? []) {
    if ('atLeast' in band ? value >= band.atLeast : value <= band.atMost) return band.option;
  }
  return auto.otherwise ?? null;
}

/** Problems of a mapping against the check's kind and the criterion's option count, as path and message. */
export function autoScoreProblems(auto: AutoScore, options: number): Array<{ path: PropertyKey[]; message: string; code: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string; code: string }> = [];
  const kind = CHECK_KINDS[auto.check];
  if (kind === 'boolean') {
    if (auto.whenTrue === undefined || auto.whenFalse === undefined || auto.bands || auto.otherwise !== undefined)
      problems.push({
        path: [],
        message: `check "${auto.check}" answers yes or no: give whenTrue and whenFalse`,
        code: 'auto-needs-boolean-map',
      });
  } else if (!auto.bands || auto.whenTrue !== undefined || auto.whenFalse !== undefined) {
    problems.push({ path: [], message: `check "${auto.check}" answers a number: give bands (and otherwise)`, code: 'auto-needs-bands' });
  }
  const indices: Array<[PropertyKey[], number | undefined]> = [
    [['whenTrue'], auto.whenTrue],
    [['whenFalse'], auto.whenFalse],
    [['otherwise'], auto.otherwise],
    ...(auto.bands ?? []).map((b, i): [PropertyKey[], number] => [['bands', i, 'option'], b.option]),
  ];
  for (const [path, index] of indices) {
    if (index !== undefined && index >= options)
      problems.push({ path, message: `must be an option of the scale: 0 to ${options - 1}`, code: 'auto-option-out-of-scale' });
  }
  return problems;
}
