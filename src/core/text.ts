/**
 * Input rules shared by every schema that takes text or dates from outside (decision 017). PostgreSQL's text cannot
 * hold NUL, jsonb refuses a lone UTF-16 surrogate and text columns silently turn one into U+FFFD: such strings are
 * refused where they come in, naming the field, instead of failing (or changing) in the database.
 */
import { z } from 'zod';

// with the `u` flag a surrogate pair is one code point, so only lone surrogates match the class
const UNSAFE = /\u0000|[\ud800-\udfff]/u;

/** Why `s` cannot be stored as text, or null when it can. */
export function unsafeCharacter(s: string): string | null {
  const m = UNSAFE.exec(s);
  if (!m) return null;
  if (m[0] === '\u0000') return 'must not contain a NUL character (\\u0000)';
  return `must not contain a lone surrogate (\\u${m[0].charCodeAt(0).toString(16)}): text must be valid Unicode`;
}

/** A string of at most `max` characters that PostgreSQL can store as it is; chain `.trim()`, `.min()` as usual. */
export function safeText(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((s, ctx) => {
      const problem = unsafeCharacter(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'unsafe-text' } });
    });
}

/**
 * A record keyed by bounded text: the keys are checked by `key`, and the OpenAPI document states their bounds too
 * (`propertyNames`, which its generator does not derive from the key schema).
 */
export function textRecord<V extends z.ZodType>(key: z.ZodString, value: V) {
  return z.record(key, value).meta({ propertyNames: { type: 'string', minLength: key.minLength ?? 0, maxLength: key.maxLength } });
}

/** Ids people type (scorecard sections and criteria): 1-64 letters, digits, "_", "-" or ".", from a letter or digit. */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one spelling of an id: a UUID in lower case (as PostgreSQL and randomUUID write them), anything else as sent. */
export const canonicalId = (id: string): string => (UUID_SHAPE.test(id) ? id.toLowerCase() : id);

/** An id the service made (scorecards, calibration sessions: UUIDs kept as text): short safe text, canonical. */
export const IdText = safeText(200).min(1).transform(canonicalId);

/** Whole positive numbers that JavaScript and a bigint column hold exactly (Zendesk ids). */
export const ZendeskId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Versions and counters: PostgreSQL integers. */
export const PositiveInt32 = z.number().int().positive().max(2_147_483_647);

/** Dates the service accepts: reports, targets and cursors stay well inside what PostgreSQL and Date compute with. */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';
const inRange = (day: string) => day >= FIRST_DATE && day <= LAST_DATE;
const RANGE_MESSAGE = `must be a date from ${FIRST_DATE} to ${LAST_DATE}`;

/** A real calendar date (`2026-02-29` is not one) from FIRST_DATE to LAST_DATE. */
export const CalendarDate = z.iso.date().refine(inRange, RANGE_MESSAGE);

/** A timestamp with offset (`2026-03-02T09:00:00Z`) whose date is from FIRST_DATE to LAST_DATE. */
export const Instant = z.iso.datetime({ offset: true }).refine((s) => inRange(s.slice(0, 10)), RANGE_MESSAGE);

/** A UUID in one spelling (lower case, as PostgreSQL prints it), so a retry in other letters is the same id. */
export const Uuid = z.uuid().transform((s) => s.toLowerCase());
