/** The nav bar's scorecard admin: list, create, start and edit the draft, delete it, publish, archive, duplicate, import, export, what-if. */
import type { ScorecardSummary, ScorecardVersionView, WhatIfResult } from '../../core/api.ts';
import * as api from '../../core/contract/scorecards.ts';
import type { ScorecardDefinition, ScorecardDefinitionInput } from '../../core/scorecard.ts';
import { contractCall } from './contract-call.ts';
import { mapOk, type Result } from './result.ts';
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
  /** A draft of the next version, made from the latest one; a conflict when a draft is open already. */
  startDraft(id: string): Promise<Result<ScorecardVersionView>>;
  saveDraft(id: string, definition: ScorecardDefinitionInput, lockVersion: number): Promise<Result<{ lockVersion: number }>>;
  publish(id: string): Promise<Result<ScorecardVersionView>>;
  /** Deletes a draft version (a scorecard never published goes with it); a conflict when saved since `lockVersion`. */
  deleteDraft(id: string, version: number, lockVersion?: number): Promise<Result<null>>;
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
    startDraft: (id) => call(api.startScorecardDraft, { params: { id } }),
    saveDraft: async (id, definition, lockVersion) =>
      mapOk(await call(api.saveScorecardDraft, { params: { id }, body: { definition, lockVersion } }), (v) => ({
        lockVersion: v.lockVersion,
      })),
    publish: (id) => call(api.publishScorecard, { params: { id } }),
    deleteDraft: (id, version, lockVersion) => call(api.deleteScorecardDraft, { params: { id, version }, query: { lockVersion } }),
    archive: (id) => call(api.archiveScorecard, { params: { id } }),
    duplicate: (id) => call(api.duplicateScorecard, { params: { id } }),
    importDefinition: (definition) => call(api.importScorecard, { body: definition }),
    exportDefinition: (id, version) => call(api.exportScorecard, { params: { id }, query: { version } }),
    whatIf: (id, definition) => call(api.whatIf, { params: { id }, body: { definition } }),
  };
}
