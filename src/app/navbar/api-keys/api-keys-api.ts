/**
 * Machine access: admins list, create and revoke API keys for BI tools and scripts. The service keeps
 * only a hash; the secret comes back once, from the create, and nowhere else.
 */
import { fail, ok, type Result } from '../../api/result.ts';
import type { ServiceCall } from '../../api/service-call.ts';

export type ApiKeyRole = 'lead' | 'admin';
export const API_KEY_ROLES: readonly ApiKeyRole[] = ['lead', 'admin'];

export interface ApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** The secret's first characters, to recognise a key (never enough to use it). */
  prefix: string;
  createdBy: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  key: ApiKey;
  /** Shown once: the service cannot show it again. */
  secret: string;
}

export interface ApiKeysApi {
  list(): Promise<Result<ApiKey[]>>;
  create(body: { name: string; role: ApiKeyRole }): Promise<Result<CreatedApiKey>>;
  revoke(id: string): Promise<Result<ApiKey>>;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isTimeOrNull = (v: unknown) => v === null || isStr(v);

export function isApiKey(v: unknown): v is ApiKey {
  return (
    isObject(v) &&
    isStr(v.id) &&
    isStr(v.name) &&
    (v.role === 'lead' || v.role === 'admin') &&
    isStr(v.prefix) &&
    typeof v.createdBy === 'number' &&
    isStr(v.createdAt) &&
    isTimeOrNull(v.lastUsedAt) &&
    isTimeOrNull(v.revokedAt)
  );
}

const shape = <T>(r: Result<unknown>, accept: (v: unknown) => T | undefined): Result<T> => {
  if (r.status === 'error') return r;
  const value = accept(r.value);
  return value === undefined ? fail('server', 'the service answered in an unexpected shape') : ok(value);
};

export function createApiKeysApi(call: ServiceCall): ApiKeysApi {
  return {
    list: async () => shape(await call('GET', '/api-keys'), (v) => (isObject(v) && Array.isArray(v.keys) && v.keys.every(isApiKey) ? v.keys : undefined)),
    create: async (body) =>
      shape(await call('POST', '/api-keys', body), (v) => (isObject(v) && isApiKey(v.key) && isStr(v.secret) && v.secret ? { key: v.key, secret: v.secret } : undefined)),
    revoke: async (id) => shape(await call('DELETE', `/api-keys/${encodeURIComponent(id)}`), (v) => (isObject(v) && isApiKey(v.key) ? v.key : undefined)),
  };
}
