/**
 * A route's contract: what the service and the app both need to know about one route of the API under `/api/v1`
 * (docs/decisions/024-app-client-from-contracts.md). The service declares its route from it (src/server/openapi/
 * declare.ts adds what only the service knows: the role check's words, its own checks, heavy work); the app calls the
 * route by it (src/app/api/service-call.ts builds the request, contract-call.ts checks the answer with its schemas).
 * Request and response shapes are the zod schemas of src/core, in the OpenAPI shape (`content`) the service's library
 * reads. One file per area of the API, as the document's tags group it.
 */
import { z } from 'zod';
import { QaRole } from '../evaluation.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** Every signed-in QA role. */
export const ANYONE: readonly QaRole[] = QaRole.options;

/** A body or an answer by media type: a zod schema (JSON), or a JSON Schema object where zod has no say (a form). */
type Content = Record<string, { schema: z.ZodType | object }>;
/** Path parameters and queries are objects of named values. */
type Parameters = z.ZodObject | z.ZodPipe;

export interface Contract {
  method: Method;
  /** OpenAPI's spelling of the path under `/api/v1`: `/scorecards/{id}/publish`. */
  path: string;
  tag: string;
  summary: string;
  /** Who may call it (the document's `x-roles` and description); `public` needs no token. */
  roles: readonly QaRole[] | 'public';
  /** Extra words on permissions (an agent's scope, owner rules). */
  access?: string;
  /** Domain errors beyond the ones every authenticated route has (400, 401, 403, 500; 404 with path parameters). */
  errors?: ReadonlyArray<404 | 409 | 422>;
  /** Path parameters (default: each one a string), query and body. */
  request?: { params?: Parameters; query?: Parameters; body?: { required: boolean; description?: string; content: Content } };
  /** The answers by status; the service adds the error answers every route shares. */
  responses: Record<number, { description: string; content?: Content }>;
}

/** A contract, its literal method and path kept for the types that read them. */
export const contract = <const C extends Contract>(c: C): C => c;

/** A success answer with a JSON body. */
export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
/** A required JSON body; `optional`: it may be left out or empty (read as `{}`). */
export const jsonBody = <T extends z.ZodType>(schema: T, optional = false) => ({
  required: !optional,
  content: { 'application/json': { schema } },
});
/** Text answers (CSV, HTML pages), described in words. */
export const text = (type: 'text/csv' | 'text/html' | 'text/plain', description: string) => ({
  description,
  content: { [type]: { schema: z.string() } },
});
export const noContent = { description: 'Done; no body' } as const;

// ---------------------------------------------------------------------------------------------
// What a caller sends and gets, as the contract's schemas say (types only)

type Input<S> = S extends z.ZodType ? z.input<S> : never;
type Output<S> = S extends z.ZodType ? z.output<S> : never;
type JsonSchema<Content> = Content extends { 'application/json': { schema: infer S } } ? S : never;

/** `{id}` and `{slot}` of `/drafts/{ticketId}/{slot}`. */
type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

type Params<C extends Contract> = [ParamNames<C['path']>] extends [never]
  ? unknown
  : { params: C['request'] extends { params: infer S extends z.ZodType } ? z.input<S> : Record<ParamNames<C['path']>, string> };
type Query<C extends Contract> = C['request'] extends { query: infer S extends z.ZodType }
  ? Record<never, never> extends z.input<S>
    ? { query?: z.input<S> }
    : { query: z.input<S> }
  : unknown;
type Body<C extends Contract> = C['request'] extends { body: { required: infer R; content: infer Content } }
  ? [JsonSchema<Content>] extends [never]
    ? unknown
    : R extends true
      ? { body: Input<JsonSchema<Content>> }
      : { body?: Input<JsonSchema<Content>> }
  : unknown;

/** What the caller sends: `{ params, query, body }`, each as the contract's schema takes it (its `z.input`). */
export type InputOf<C extends Contract> = Params<C> & Query<C> & Body<C>;

type Success = 200 | 201 | 202 | 204;
type AnswerOf<A> = A extends { content: infer Content }
  ? [JsonSchema<Content>] extends [never]
    ? string
    : Output<JsonSchema<Content>>
  : null;

/** What a success answers (`z.output` of its JSON schema; text as a string; no body as null). */
export type OutputOf<C extends Contract> = {
  [S in keyof C['responses'] & Success]: AnswerOf<C['responses'][S]>;
}[keyof C['responses'] & Success];
