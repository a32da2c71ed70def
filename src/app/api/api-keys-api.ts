/**
 * Machine access: admins list, create and revoke API keys for BI tools and scripts. The service keeps
 * only a hash; the secret comes back once, from the create, and nowhere else.
 */
import type { z } from 'zod';
import * as api from '../../core/contract/identity.ts';
import { contractCall } from './contract-call.ts';
import { mapOk, type Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

/** A key as the contract lists it. */
const ApiKeyView = api.listApiKeys.responses[200].content['application/json'].schema.shape.keys.element;

export type ApiKeyRole = ApiKey['role'];
export const API_KEY_ROLES: readonly ApiKeyRole[] = ApiKeyView.shape.role.options;

/** A key as listed: `prefix` is the secret's first characters, to recognise a key (never enough to use it). */
export type ApiKey = z.output<typeof ApiKeyView>;

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

/** Whether `v` is a key as the service lists it (its contract's schema). */
export const isApiKey = (v: unknown): v is ApiKey => ApiKeyView.safeParse(v).success;

export function createApiKeysApi(send: ServiceCall): ApiKeysApi {
  const call = contractCall(send);
  return {
    list: async () => mapOk(await call(api.listApiKeys), (a) => a.keys),
    create: (body) => call(api.createApiKey, { body }),
    revoke: async (id) => mapOk(await call(api.revokeApiKey, { params: { id } }), (a) => a.key),
  };
}
