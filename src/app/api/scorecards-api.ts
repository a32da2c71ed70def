/** The nav bar's scorecard admin: list, create, edit the draft, publish, archive, duplicate, import, export, what-if. */
import type { ScorecardSummary, ScorecardVersionView, WhatIfResult } from '../../core/api.ts';
import * as api from '../../core/contract/scorecards.ts';
import type { ScorecardDefinition, ScorecardDefinitionInput } from '../../core/scorecard.ts';
import { contractCall } from './contract-call.ts';
import { mapOk, ok, type Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

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
  publish(id: string): Promise<Result<ScorecardVersionView>>;
  archive(id: string): Promise<Result<ScorecardSummary>>;
  duplicate(id: string): Promise<Result<ScorecardVersionView>>;
  importDefinition(definition: ScorecardDefinitionInput): Promise<Result<ScorecardVersionView>>;
  exportDefinition(id: string, version?: number): Promise<Result<ScorecardDefinition>>;
  whatIf(id: string, definition: ScorecardDefinitionInput): Promise<Result<WhatIfResult>>;
}

export function createScorecardsApi(send: ServiceCall): ScorecardsApi {
  const call = contractCall(send);
  return {
    list: async () => mapOk(await call(api.listScorecards), (a) => a.items),
    get: (id) => call(api.readScorecard, { params: { id } }),
    create: (definition) => call(api.createScorecard, { body: definition }),
    async openDraft(summary) {
      if (summary.draft) return ok(summary.draft);
      const made = await call(api.startScorecardDraft, { params: { id: summary.id } });
      if (made.status === 'ok' || made.error.kind !== 'conflict') return made;
      // another admin opened the next version's draft since the list loaded: edit that one
      const again = await this.get(summary.id);
      return again.status === 'ok' && again.value.draft ? ok(again.value.draft) : made;
    },
    saveDraft: async (id, definition, lockVersion) =>
      mapOk(await call(api.saveScorecardDraft, { params: { id }, body: { definition, lockVersion } }), (v) => ({
        lockVersion: v.lockVersion,
      })),
    publish: (id) => call(api.publishScorecard, { params: { id } }),
    archive: (id) => call(api.archiveScorecard, { params: { id } }),
    duplicate: (id) => call(api.duplicateScorecard, { params: { id } }),
    importDefinition: (definition) => call(api.importScorecard, { body: definition }),
    exportDefinition: (id, version) => call(api.exportScorecard, { params: { id }, query: { version } }),
    whatIf: (id, definition) => call(api.whatIf, { params: { id }, body: { definition } }),
  };
}
