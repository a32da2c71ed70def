import type { ScorecardSummary, ScorecardVersionView, WhatIfResult } from '../../../core/api.ts';
import type { ScorecardDefinition, ScorecardDefinitionInput } from '../../../core/scorecard.ts';
import { ok, type Result } from '../../api/result.ts';
import type { ServiceCall } from '../../api/service-call.ts';
import { isObject } from '../../api/wire.ts';

export interface DraftView {
  version: number;
  lockVersion: number;
  definition: ScorecardDefinition;
}

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
