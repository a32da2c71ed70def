import type { ScorecardSummary, ScorecardVersionView } from '../../../core/api.ts';
import type { QaRole } from '../../../core/evaluation.ts';
import type { ScorecardDefinition, ScorecardDefinitionInput } from '../../../core/scorecard.ts';
import { fail, kindOfStatus, ok, type Result } from '../../api/result.ts';
import { isObject, readErrorBody } from '../../api/wire.ts';
import { ZafRequestError, type ZafPort } from '../../zaf/port.ts';

export interface DraftView {
  version: number;
  lockVersion: number;
  definition: ScorecardDefinition;
}

// the what-if route's answer shape; a type-only import, nothing of the server reaches the bundle
export type { WhatIfResult } from '../../../server/routes/what-if.ts';
import type { WhatIfResult } from '../../../server/routes/what-if.ts';

export interface ScorecardsApi {
  list(): Promise<Result<ScorecardSummary[]>>;
  get(id: string): Promise<Result<ScorecardSummary>>;
  /** A new scorecard whose version 1 is a draft. */
  create(definition: ScorecardDefinitionInput): Promise<Result<ScorecardVersionView>>;
  /** The draft to edit: the open one, or a new draft of the next version made from the published one. */
  openDraft(summary: ScorecardSummary): Promise<Result<DraftView>>;
  saveDraft(id: string, definition: ScorecardDefinitionInput, lockVersion: number): Promise<Result<{ lockVersion: number }>>;
  publish(id: string): Promise<Result<unknown>>;
  archive(id: string): Promise<Result<unknown>>;
  duplicate(id: string): Promise<Result<ScorecardVersionView>>;
  importDefinition(definition: ScorecardDefinitionInput): Promise<Result<ScorecardVersionView>>;
  exportDefinition(id: string, version?: number): Promise<Result<ScorecardDefinition>>;
  whatIf(id: string, definition: ScorecardDefinitionInput): Promise<Result<WhatIfResult>>;
}

export interface Identity {
  userId: number;
  role: QaRole;
}

type Method = 'GET' | 'POST' | 'PUT';

/** Same patience as the sidebar's client: an outage becomes "unreachable", not a spinner. */
const TIMEOUT_MS = 15_000;
export type ServiceCall = (method: Method, path: string, body?: unknown) => Promise<Result<unknown>>;

/**
 * Calls the service through Zendesk's proxy, which puts the secure token in the Authorization header.
 * Same transport as `src/app/api/service-client.ts`, whose generic call is private; the admin routes live here.
 */
export function zafServiceCall(zaf: ZafPort, serviceUrl: string, who: Identity): ServiceCall {
  const base = serviceUrl.replace(/\/+$/, '');
  return async (method, path, body) => {
    try {
      const res = await zaf.request<unknown>({
        url: `${base}/api/v1${path}`,
        type: method,
        secure: true,
        cors: false,
        httpCompleteResponse: true,
        timeout: TIMEOUT_MS,
        headers: { Authorization: 'Bearer {{setting.serviceToken}}', 'X-QA-User-Id': String(who.userId), 'X-QA-Role': who.role },
        ...(body === undefined ? {} : { contentType: 'application/json', data: JSON.stringify(body) }),
      });
      if (res.status >= 400) return failure(res.status, res.responseText ?? JSON.stringify(res.responseJSON ?? ''));
      return ok(res.responseJSON ?? (res.responseText ? safeJson(res.responseText) : null));
    } catch (e) {
      if (e instanceof ZafRequestError) return failure(e.status, e.responseText);
      return fail('unreachable', e instanceof Error ? e.message : String(e));
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function failure(status: number, text: string): Result<never> {
  const body = readErrorBody(text);
  return fail(kindOfStatus(status), body.message ?? `HTTP ${status}`, body.issues);
}

const map = <A, B>(r: Result<A>, f: (a: A) => B): Result<B> => (r.status === 'ok' ? ok(f(r.value)) : r);

// The service validated these shapes with the core schemas; here they are only unwrapped.
const itemsOf = (v: unknown) => (Array.isArray(v) ? v : isObject(v) && Array.isArray(v.items) ? v.items : []) as ScorecardSummary[];

const enc = encodeURIComponent;

export function createScorecardsApi(call: ServiceCall): ScorecardsApi {
  return {
    list: async () => map(await call('GET', '/scorecards'), itemsOf),
    get: async (id) => map(await call('GET', `/scorecards/${enc(id)}`), (v) => v as ScorecardSummary),
    create: async (definition) => map(await call('POST', '/scorecards', definition), (v) => v as ScorecardVersionView),
    async openDraft(summary) {
      if (summary.draft) return ok(summary.draft);
      const made = await call('POST', `/scorecards/${enc(summary.id)}/draft`);
      if (made.status === 'ok') return ok(made.value as ScorecardVersionView);
      if (made.error.kind !== 'conflict') return made;
      // another admin opened the next version's draft since the list loaded: edit that one
      const again = await this.get(summary.id);
      return again.status === 'ok' && again.value.draft ? ok(again.value.draft) : made;
    },
    saveDraft: async (id, definition, lockVersion) =>
      map(await call('PUT', `/scorecards/${enc(id)}/draft`, { definition, lockVersion }), (v) => ({
        lockVersion: isObject(v) && typeof v.lockVersion === 'number' ? v.lockVersion : lockVersion + 1,
      })),
    publish: (id) => call('POST', `/scorecards/${enc(id)}/publish`),
    archive: (id) => call('POST', `/scorecards/${enc(id)}/archive`),
    duplicate: async (id) => map(await call('POST', `/scorecards/${enc(id)}/duplicate`), (v) => v as ScorecardVersionView),
    importDefinition: async (definition) => map(await call('POST', '/scorecards/import', definition), (v) => v as ScorecardVersionView),
    exportDefinition: async (id, version) =>
      map(await call('GET', `/scorecards/${enc(id)}/export${version ? `?version=${version}` : ''}`), (v) => v as ScorecardDefinition),
    whatIf: async (id, definition) => map(await call('POST', `/scorecards/${enc(id)}/what-if`, { definition }), (v) => v as WhatIfResult),
  };
}
