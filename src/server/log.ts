/**
 * The service's log port. A line is a fixed message and a few fields that are safe to keep: the request id, the
 * route's pattern, the status, the error's class and SQLSTATE. Never an error's message (a database error's text
 * quotes the SQL and the values that broke it), SQL parameters, bodies, comments or names: callers cannot pass
 * them, because `LogFields` has no place for them.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogFields {
  requestId?: string;
  /** The route as registered (`/api/v1/evaluations/:id`), never the requested path with its ids. */
  route?: string;
  method?: string;
  status?: number;
  /** `errorClassOf(err)`: the error's class name, never its message. */
  errorClass?: string;
  /** A database error's SQLSTATE (e.g. `22P05`). */
  sqlState?: string;
  /** The Zendesk subdomain (an account is no person). */
  account?: string;
  /** The service's own words for why (e.g. why a signed load was refused); bounded, never input echoed at length. */
  reason?: string;
}

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LogEntry extends LogFields {
  level: LogLevel;
  msg: string;
}

const LEVELS: readonly LogLevel[] = ['info', 'warn', 'error'];

/** A logger from one function that receives every entry. */
export function loggerOf(write: (entry: LogEntry) => void): Logger {
  const at =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) =>
      write({ level, msg, ...bounded(fields) });
  return Object.fromEntries(LEVELS.map((level) => [level, at(level)])) as unknown as Logger;
}

const MAX_REASON = 200;

/** Free text is cut short and stripped of control characters, so no caller can write lines of its own. */
function bounded(fields: LogFields): LogFields {
  if (fields.reason === undefined) return fields;
  const reason = fields.reason.replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, '?');
  return { ...fields, reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason };
}

/** The class of what was thrown: `DatabaseError`, `TypeError`, ...; `string` for a thrown string. */
export function errorClassOf(err: unknown): string {
  if (err instanceof Error) return err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : err.name;
  return err === null ? 'null' : typeof err;
}

/** The SQLSTATE of a PostgreSQL or PGlite error (five characters), or undefined. */
export function sqlStateOf(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * The fields that describe a thrown error: its class and, for a database error, its SQLSTATE. Anything with a
 * SQLSTATE is a `DatabaseError` (PGlite's bundled class has a minified name).
 */
export function errorFields(err: unknown): Pick<LogFields, 'errorClass' | 'sqlState'> {
  const sqlState = sqlStateOf(err);
  return sqlState ? { errorClass: 'DatabaseError', sqlState } : { errorClass: errorClassOf(err) };
}

/** Human lines on stderr, e.g. for the local Zendesk: `[service] error: request failed {"requestId":...}`. */
export function consoleLogger(prefix: string, write: (line: string) => void = (line) => console.error(line)): Logger {
  return loggerOf(({ level, msg, ...fields }) =>
    write(`${prefix} ${level}: ${msg}${Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''}`),
  );
}

/** Minimal shape of a pino logger (`logger.info(object, message)`), so this module needs no import of pino. */
export interface PinoLike {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

/** The port on a pino logger: one JSON line per entry, `{level, time, msg, requestId, route, status, errorClass, ...}`. */
export function pinoLogger(pino: PinoLike): Logger {
  return loggerOf(({ level, msg, ...fields }) => pino[level](fields, msg));
}

/** A logger that keeps its entries (tests). */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return Object.assign(
    loggerOf((e) => entries.push(e)),
    { entries },
  );
}
