import type { z } from 'zod';

/** `sections[1].criteria[0].weight` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

type Issue = z.core.$ZodIssue;

const MESSAGES: Partial<Record<Issue['code'], (issue: never) => string>> = {
  too_small: (i: z.core.$ZodIssueTooSmall) =>
    i.origin === 'array'
      ? `must have at least ${String(i.minimum)} item${i.minimum === 1 ? '' : 's'}`
      : i.origin === 'string'
        ? `must be at least ${String(i.minimum)} character${i.minimum === 1 ? '' : 's'}`
        : `must be ${i.inclusive === false ? '>' : '>='} ${String(i.minimum)}`,
  too_big: (i: z.core.$ZodIssueTooBig) =>
    i.origin === 'array'
      ? `must have at most ${String(i.maximum)} items`
      : i.origin === 'string'
        ? `must be at most ${String(i.maximum)} characters`
        : `must be ${i.inclusive === false ? '<' : '<='} ${String(i.maximum)}`,
  invalid_type: (i: z.core.$ZodIssueInvalidType) =>
    i.input === undefined ? `is required (${i.expected})` : `must be ${i.expected === 'int' ? 'a whole number' : `a ${i.expected}`}`,
  invalid_value: (i: z.core.$ZodIssueInvalidValue) =>
    `must be ${i.values.length === 1 ? JSON.stringify(i.values[0]) : `one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`}`,
  unrecognized_keys: (i: z.core.$ZodIssueUnrecognizedKeys) =>
    `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`,
};

/** Human messages naming the path of each problem, e.g. `sections[1].criteria[0].weight: must be >= 0`. */
export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // report the branch that got furthest, re-rooted at the union's path
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      return formatIssues(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
    }
    const where = formatPath(issue.path) || '(root)';
    const describe = MESSAGES[issue.code] as ((i: Issue) => string) | undefined;
    const message = issue.code === 'custom' || !describe ? issue.message : describe(issue);
    return [`${where}: ${message}`];
  });
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length)) - issues.length / 100;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Parse at an edge: a typed value, or path-named messages; never throws on bad input. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatIssues(r.error.issues) };
}
