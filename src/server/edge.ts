/**
 * Input rules every request meets before a route reads it (decision 017): bodies are JSON and say so, path segments
 * and query values are short text without NUL or lone surrogates. The routes' zod schemas (src/core) then check
 * each field; `inputDataError` is the last line of defence for what still reaches the database unchecked.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { canonicalId, unsafeCharacter } from '../core/text.ts';
import { ApiError, badRequest } from './errors.ts';
import { sqlStateOf } from './log.ts';

/** Longest path segment (ids are uuids, slugs of 64, Zendesk ids) and query value (a list of agent ids; what proxies pass) taken. */
export const MAX_PATH_SEGMENT = 200;
export const MAX_QUERY_VALUE = 8000;
const MAX_QUERY_NAME = 64;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `application/json`, with no charset or utf-8 (JSON is UTF-8, RFC 8259 §8.1). */
function jsonMediaType(header: string | undefined): 'json' | 'other-charset' | 'other' {
  if (!header) return 'other';
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return 'other';
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8' ? 'json' : 'other-charset';
}

async function carriesBody(c: Context): Promise<boolean> {
  if (!c.req.raw.body) return false;
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > 0;
  // no length given: look (Hono keeps what it read for the route)
  return (await c.req.arrayBuffer()).byteLength > 0;
}

/** A POST, PUT, PATCH or DELETE with a body must send it as `Content-Type: application/json` (415 otherwise). */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const kind = jsonMediaType(c.req.header('content-type'));
    if (kind === 'json') return next();
    if (kind === 'other-charset') {
      throw new ApiError(415, 'unsupported media type: send the body as UTF-8 JSON', [
        'Content-Type: must be application/json (charset utf-8, or none)',
      ]);
    }
    if (await carriesBody(c)) {
      throw new ApiError(415, 'unsupported media type: send the body as JSON', ['Content-Type: must be application/json']);
    }
    return next();
  };
}

/** The parameter name of each path segment in the route's pattern (`:id` -> `id`, literal: null); a `{.+}` parameter takes the rest. */
function segmentNames(pattern: string, count: number): Array<string | null> {
  const parts = pattern.split('/').slice(1);
  const names: Array<string | null> = [];
  for (let i = 0; i < count; i++) {
    const part = parts[Math.min(i, parts.length - 1)] ?? '';
    const param = /^:([A-Za-z_]\w*)/.exec(part);
    names.push(param && (i < parts.length || part.includes('{')) ? param[1]! : null);
  }
  return names;
}

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** Problems with the request's path segments and query string, each named (`path.id: ...`, `query.from: ...`). */
export function pathAndQueryProblems(url: string, pattern: string): string[] {
  const { pathname, search } = new URL(url);
  const problems: string[] = [];
  const segments = pathname.split('/').slice(1);
  const names = segmentNames(pattern, segments.length);
  segments.forEach((raw, i) => {
    const name = names[i] ? `path.${names[i]}` : 'path';
    const value = decode(raw);
    if (value === null) problems.push(`${name}: is not valid percent-encoded UTF-8`);
    else if (value.length > MAX_PATH_SEGMENT) problems.push(`${name}: must be at most ${MAX_PATH_SEGMENT} characters`);
    else {
      const unsafe = unsafeCharacter(value);
      if (unsafe) problems.push(`${name}: ${unsafe}`);
    }
  });
  for (const pair of search.slice(1).split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawName = at < 0 ? pair : pair.slice(0, at);
    const name = decode(rawName.replace(/\+/g, ' '));
    const value = decode((at < 0 ? '' : pair.slice(at + 1)).replace(/\+/g, ' '));
    const shown = name !== null && name.length <= MAX_QUERY_NAME && !unsafeCharacter(name) ? `query.${name}` : 'query';
    if (name === null || value === null) problems.push(`${shown}: is not valid percent-encoded UTF-8`);
    else if (name.length > MAX_QUERY_NAME) problems.push(`query: a parameter name must be at most ${MAX_QUERY_NAME} characters`);
    else if (unsafeCharacter(name)) problems.push(`query: a parameter name ${unsafeCharacter(name)}`);
    else if (value.length > MAX_QUERY_VALUE) problems.push(`${shown}: must be at most ${MAX_QUERY_VALUE} characters`);
    else {
      const unsafe = unsafeCharacter(value);
      if (unsafe) problems.push(`${shown}: ${unsafe}`);
    }
  }
  return problems;
}

/** Path parameter `name` in its one spelling (`canonicalId`): `safePathAndQuery` has checked it is short safe text. */
export const pathId = (c: Context, name = 'id'): string => canonicalId(c.req.param(name) ?? '');

/** 400 naming the path segment or query parameter that is too long, not UTF-8, or holds NUL or a lone surrogate. */
export function safePathAndQuery(): MiddlewareHandler {
  return async (c, next) => {
    const problems = pathAndQueryProblems(c.req.url, routePath(c, -1));
    if (problems.length > 0) throw badRequest(problems);
    return next();
  };
}

/**
 * SQLSTATEs that only input can cause: a value PostgreSQL cannot hold or read (class 22, data exception) or one too
 * big for an index (54000). The edge's rules should stop all of them first; one that gets through is a 400, logged.
 */
const INPUT_DATA_ERRORS = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire
  '22P02', // invalid_text_representation
  '22P05', // untranslatable_character (NUL in text, a lone surrogate in jsonb)
  '54000', // program_limit_exceeded (index row too large)
]);

/** The 400 for a database error that input caused, or null when the error is the service's own. */
export function inputDataError(err: unknown): ApiError | null {
  const state = sqlStateOf(err);
  if (!state || !INPUT_DATA_ERRORS.has(state)) return null;
  return badRequest([
    `(request): a value cannot be stored or compared (SQLSTATE ${state}); check text for NUL characters or lone surrogates, dates and numbers for their ranges`,
  ]);
}
