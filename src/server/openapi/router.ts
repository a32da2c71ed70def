import { Hono } from 'hono';
import { openApiDocument } from './document.ts';

/** `GET /api/v1/openapi.json`, public (a description of the API holds no account's data); built once. */
export function openapiRouter(): Hono {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return new Hono().get('/openapi.json', (c) => c.json((document ??= openApiDocument())));
}
