/**
 * Machine access: admins list, create and revoke API keys for BI tools and scripts. The service keeps
 * only a hash; the secret comes back once, from the create, and nowhere else.
 */
import type { Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import { inField, isList, isNum, isStr, nullable, shaped } from './wire.ts';

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

export const isApiKey = (v: unknown): v is ApiKey =>
  shaped(v, {
    id: isStr,
    name: isStr,
    role: (r) => API_KEY_ROLES.includes(r as ApiKeyRole),
    prefix: isStr,
    createdBy: isNum,
    createdAt: isStr,
    lastUsedAt: nullable(isStr),
    revokedAt: nullable(isStr),
  });

const isCreated = (v: unknown): v is CreatedApiKey => shaped(v, { key: isApiKey, secret: (s) => isStr(s) && s !== '' });
const isKeys = isList(isApiKey) as (v: unknown) => v is ApiKey[];

export function createApiKeysApi(send: ServiceCall): ApiKeysApi {
  const call = checkedCall(send);
  return {
    list: () => call('GET', '/api-keys', undefined, inField('keys', isKeys)),
    create: (body) => call('POST', '/api-keys', body, (v) => (isCreated(v) ? { key: v.key, secret: v.secret } : undefined)),
    revoke: (id) => call('DELETE', `/api-keys/${encodeURIComponent(id)}`, undefined, inField('key', isApiKey)),
  };
}
