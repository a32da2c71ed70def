/** The nav bar's scorecard admin: list, create, edit the draft, publish, archive, duplicate, import, export, what-if. */
import type { ScorecardSummary, ScorecardVersionInfo, ScorecardVersionView, WhatIfResult } from '../../core/api.ts';
import type { ScorecardDefinition, ScorecardDefinitionInput } from '../../core/scorecard.ts';
import { ok, type Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import { is, isDefinition, isList, isNum, isObject, isStr, nullable, shaped } from './wire.ts';

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

const isVersionInfo = (v: unknown): v is ScorecardVersionInfo =>
  shaped(v, { version: isNum, status: isStr, lockVersion: isNum, createdAt: isStr, publishedAt: nullable(isStr) });

const isDraft = (v: unknown): v is DraftView => shaped(v, { version: isNum, lockVersion: isNum, definition: isDefinition });

export const isScorecardSummary = (v: unknown): v is ScorecardSummary =>
  shaped(v, {
    id: isStr,
    name: isStr,
    status: isStr,
    currentVersion: nullable(isNum),
    latestVersion: isNum,
    evaluationCount: isNum,
    versions: isList(isVersionInfo),
    current: nullable(isDefinition),
    // admins only
    draft: (d) => d === undefined || d === null || isDraft(d),
  });

const isVersionView = (v: unknown): v is ScorecardVersionView =>
  shaped(v, {
    id: isStr,
    name: isStr,
    version: isNum,
    status: isStr,
    lockVersion: isNum,
    definition: isDefinition,
    createdAt: isStr,
    publishedAt: nullable(isStr),
  });

const isWhatIf = (v: unknown): v is WhatIfResult =>
  shaped(v, { days: isNum, currentAverage: nullable(isNum), whatIfAverage: nullable(isNum), n: isNum, notRescored: isNum });

/** `{ items }` (or, from older services, the bare list). */
export const scorecardList = (v: unknown): ScorecardSummary[] | undefined => {
  const items = isObject(v) ? v.items : v;
  return isList(isScorecardSummary)(items) ? (items as ScorecardSummary[]) : undefined;
};

const enc = encodeURIComponent;

export function createScorecardsApi(send: ServiceCall): ScorecardsApi {
  const call = checkedCall(send);
  return {
    list: () => call('GET', '/scorecards', undefined, scorecardList),
    get: (id) => call('GET', `/scorecards/${enc(id)}`, undefined, is(isScorecardSummary)),
    create: (definition) => call('POST', '/scorecards', definition, is(isVersionView)),
    async openDraft(summary) {
      if (summary.draft) return ok(summary.draft);
      const made = await call('POST', `/scorecards/${enc(summary.id)}/draft`, undefined, is(isVersionView));
      if (made.status === 'ok' || made.error.kind !== 'conflict') return made;
      // another admin opened the next version's draft since the list loaded: edit that one
      const again = await this.get(summary.id);
      return again.status === 'ok' && again.value.draft ? ok(again.value.draft) : made;
    },
    saveDraft: (id, definition, lockVersion) =>
      call('PUT', `/scorecards/${enc(id)}/draft`, { definition, lockVersion }, (v) =>
        isVersionView(v) ? { lockVersion: v.lockVersion } : undefined,
      ),
    publish: (id) => call('POST', `/scorecards/${enc(id)}/publish`, undefined, is(isVersionView)),
    archive: (id) => call('POST', `/scorecards/${enc(id)}/archive`, undefined, is(isScorecardSummary)),
    duplicate: (id) => call('POST', `/scorecards/${enc(id)}/duplicate`, undefined, is(isVersionView)),
    importDefinition: (definition) => call('POST', '/scorecards/import', definition, is(isVersionView)),
    exportDefinition: (id, version) =>
      call('GET', `/scorecards/${enc(id)}/export${version ? `?version=${version}` : ''}`, undefined, is(isDefinition)),
    whatIf: (id, definition) => call('POST', `/scorecards/${enc(id)}/what-if`, { definition }, is(isWhatIf)),
  };
}
