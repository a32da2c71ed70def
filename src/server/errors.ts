import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { parseWith } from '../core/issues.ts';

/** An expected failure with its HTTP status; the app's error handler turns it into JSON. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly issues?: string[],
    /** Response headers that go with the error (e.g. `Retry-After` on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (issues: string[]) => new ApiError(400, 'invalid request', issues);
export const forbidden = (message = 'forbidden') => new ApiError(403, message);
export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const unauthorized = (message: string) => new ApiError(401, message);
export const tooManyRequests = (message: string, retryAfterS: number) =>
  new ApiError(429, message, undefined, { 'Retry-After': String(retryAfterS) });
export const conflict = (message: string) => new ApiError(409, message);
export const unprocessable = (message: string, issues?: string[]) => new ApiError(422, message, issues);

/** Parse at the edge: the typed value, or a 400 naming each problem's path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = parseWith(schema, input);
  if (!r.ok) throw badRequest(r.errors);
  return r.value;
}

/** The JSON body of a request, or a 400 when it is not JSON. */
export async function readJson(req: { json(): Promise<unknown> }): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw badRequest(['(root): body must be valid JSON']);
  }
}
