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
  invalid_type: (i: z.core.$ZodIssueInvalidType) => (isMissing(i) ? `is required (${i.expected})` : `must be ${typeName(i.expected)}`),
  invalid_value: (i: z.core.$ZodIssueInvalidValue) =>
    'input' in i && i.input === undefined ? `is required (${oneOf(i.values)})` : `must be ${oneOf(i.values)}`,
  unrecognized_keys: (i: z.core.$ZodIssueUnrecognizedKeys) =>
    `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`,
};

// zod drops `input` from issues unless asked (parseWith asks); its English message still says what it received
function isMissing(i: z.core.$ZodIssueInvalidType): boolean {
  return 'input' in i ? i.input === undefined : /received undefined$/.test(i.message);
}

function typeName(expected: string): string {
  if (expected === 'int') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** zod's own English messages; anything else was written in a schema on purpose. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Unrecognized)/;

const oneOf = (values: readonly unknown[]) =>
  values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/** Human messages naming the path of each problem, e.g. `sections[1].criteria[0].weight: must be >= 0`. */
export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // report the branch that got furthest, re-rooted at the union's path
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      return formatIssues(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
    }
    const where = formatPath(issue.path) || '(root)';
    // a discriminated union whose discriminator matched no branch lists the allowed values
    const options: unknown = issue.code === 'invalid_union' ? (issue as { options?: unknown }).options : undefined;
    if (Array.isArray(options) && options.length > 0) return [`${where}: must be ${oneOf(options)}`];
    const describe = MESSAGES[issue.code] as ((i: Issue) => string) | undefined;
    // a message the schema wrote itself ('must have at least one section') wins over our generic wording
    const message = issue.code === 'custom' || !describe || !ZOD_DEFAULT.test(issue.message) ? issue.message : describe(issue);
    return [`${where}: ${message}`];
  });
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length)) - issues.length / 100;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Parse at an edge: a typed value, or path-named messages; never throws on bad input. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatIssues(r.error.issues) };
}
