import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { apiDocument } from './publish.ts';

type Json = Record<string, any>;

/** Every string and array in a JSON Schema without a bound, by its path. */
function unbounded(schema: Json, at: string, out: string[]): string[] {
  if (!schema || typeof schema !== 'object') return out;
  const types = ([] as unknown[]).concat(schema.type ?? []);
  const closed = 'enum' in schema || 'const' in schema;
  // a pattern bounds a string when it is anchored and repeats nothing without a limit (`+`, `*`, `{n,}`)
  const boundedPattern = typeof schema.pattern === 'string' && /^\^.*\$$/.test(schema.pattern) && !/[+*]|\{\d+,\}/.test(schema.pattern);
  if (
    types.includes('string') &&
    !closed &&
    schema.maxLength === undefined &&
    !boundedPattern &&
    !['uuid', 'date', 'date-time'].includes(schema.format)
  ) {
    out.push(`${at}: string without maxLength`);
  }
  if (types.includes('array') && schema.maxItems === undefined && !Array.isArray(schema.prefixItems))
    out.push(`${at}: array without maxItems`);
  if (types.includes('object') && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    if (!schema.propertyNames) out.push(`${at}: record keys without a schema`);
    else unbounded(schema.propertyNames, `${at}{key}`, out);
    unbounded(schema.additionalProperties, `${at}{*}`, out);
  }
  for (const [k, v] of Object.entries(schema.properties ?? {})) unbounded(v as Json, `${at}.${k}`, out);
  if (schema.items) unbounded(schema.items, `${at}[]`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const [i, s] of (schema[key] ?? []).entries()) unbounded(s, `${at}|${i}`, out);
  return out;
}

describe('input bounds in the OpenAPI document', () => {
  it('bounds every string and array a request body, path or query may carry', () => {
    // the document of the mounted routers, made without touching the database
    const app = createApp({ db: {} as Db, clock: { now: () => new Date() }, accounts: [] });
    const doc = apiDocument(app) as unknown as { paths: Record<string, Record<string, Json>> };
    const problems: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method} ${path}`;
        const body = op.requestBody?.content?.['application/json']?.schema;
        if (body) unbounded(body, `${where} body`, problems);
        for (const p of op.parameters ?? []) if (p.in === 'query') unbounded(p.schema, `${where} ?${p.name}`, problems);
      }
    }
    // path parameters are bounded once for all by the edge (MAX_PATH_SEGMENT); query values there too, and here
    expect(problems).toEqual([]);
  });
});
