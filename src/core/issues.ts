import type { z } from 'zod';
import { SLUG_PATTERN } from './text.ts';

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

/** An issue where it happened: unions are reported by the branch that got furthest, re-rooted at the union's path. */
function flatten(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      return flatten(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
    }
    return [issue];
  });
}

/** A discriminated union whose discriminator matched no branch lists the allowed values. */
const unionOptions = (issue: Issue): unknown[] | null => {
  const options: unknown = issue.code === 'invalid_union' ? (issue as { options?: unknown }).options : undefined;
  return Array.isArray(options) && options.length > 0 ? options : null;
};

/** The service's English wording of one issue (without its path). */
function englishMessage(issue: Issue): string {
  const options = unionOptions(issue);
  if (options) return `must be ${oneOf(options)}`;
  const describe = MESSAGES[issue.code] as ((i: Issue) => string) | undefined;
  // a message the schema wrote itself ('must have at least one section') wins over our generic wording
  return issue.code === 'custom' || !describe || !ZOD_DEFAULT.test(issue.message) ? issue.message : describe(issue);
}

/** Human messages naming the path of each problem, e.g. `sections[1].criteria[0].weight: must be >= 0`. */
export function formatIssues(issues: readonly Issue[]): string[] {
  return flatten(issues).map((issue) => `${formatPath(issue.path) || '(root)'}: ${englishMessage(issue)}`);
}

/**
 * What can be wrong with a value, as a code a reader words in their own language (the app translates them; the
 * service keeps formatIssues's English). Custom checks name theirs in the issue's `params.code`.
 */
export const ISSUE_CODES = [
  'min',
  'min-exclusive',
  'max',
  'max-exclusive',
  'empty',
  'min-length',
  'max-length',
  'min-items',
  'max-items',
  'required',
  'type',
  'one-of',
  'unknown-keys',
  'slug',
  'pattern',
  'unsafe-text',
  'duplicate-section-id',
  'duplicate-criterion-id',
  'metric-needs-binary',
  'root-causes-unique',
  'root-cause-kind-unknown',
  'too-many-criteria',
  'no-criterion-weight',
  'no-section-weight',
  'non-scoring-weight',
  'non-scoring-critical',
  'non-scoring-metric',
  'choices-need-non-scoring',
  'bonus-na',
  'bonus-critical',
  'fail-below-needs-critical',
  'bonus-needs-max',
  'max-needs-bonus',
  'needs-format-2',
  'auto-on-metric',
  'auto-needs-boolean-map',
  'auto-needs-bands',
  'auto-option-out-of-scale',
  'other',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];
export type IssueParams = Record<string, string | number>;

/** One problem: where (the value's path), what (code and its values), and the service's English for it. */
export interface IssueInfo {
  path: PropertyKey[];
  code: IssueCode;
  params: IssueParams;
  message: string;
}

const isCode = (v: unknown): v is IssueCode => typeof v === 'string' && (ISSUE_CODES as readonly string[]).includes(v);
const values = (vs: readonly unknown[]) => vs.map((v) => JSON.stringify(v)).join(', ');
const bound = (n: number | bigint) => Number(n);

function codeOf(issue: Issue): { code: IssueCode; params: IssueParams } {
  const options = unionOptions(issue);
  if (options) return { code: 'one-of', params: { values: values(options) } };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'min-items', params: { count: bound(issue.minimum) } };
      if (issue.origin === 'string')
        return bound(issue.minimum) === 1 ? { code: 'empty', params: {} } : { code: 'min-length', params: { count: bound(issue.minimum) } };
      return { code: issue.inclusive === false ? 'min-exclusive' : 'min', params: { limit: bound(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'max-items', params: { count: bound(issue.maximum) } };
      if (issue.origin === 'string') return { code: 'max-length', params: { count: bound(issue.maximum) } };
      return { code: issue.inclusive === false ? 'max-exclusive' : 'max', params: { limit: bound(issue.maximum) } };
    case 'invalid_type':
      return isMissing(issue) ? { code: 'required', params: {} } : { code: 'type', params: { expected: issue.expected } };
    case 'invalid_value':
      return 'input' in issue && issue.input === undefined
        ? { code: 'required', params: {} }
        : { code: 'one-of', params: { values: values(issue.values) } };
    case 'unrecognized_keys':
      return { code: 'unknown-keys', params: { count: issue.keys.length, keys: values(issue.keys) } };
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern === String(SLUG_PATTERN)
        ? { code: 'slug', params: {} }
        : { code: 'pattern', params: {} };
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      const known = Object.fromEntries(
        Object.entries(params).filter((e): e is [string, string | number] => ['string', 'number'].includes(typeof e[1])),
      );
      return isCode(code) ? { code, params: known } : { code: 'other', params: {} };
    }
    default:
      return { code: 'other', params: {} };
  }
}

/** Each problem as a code with its values, for a reader to word in their language; `message` keeps the English. */
export function issueInfos(issues: readonly Issue[]): IssueInfo[] {
  return flatten(issues).map((issue) => ({ path: [...issue.path], ...codeOf(issue), message: englishMessage(issue) }));
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

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: IssueInfo[] };

/** Parse for a reader who words the problems themselves (the app, in the user's language): a value, or the issues' codes. */
export function checkWith<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issueInfos(r.error.issues) };
}
