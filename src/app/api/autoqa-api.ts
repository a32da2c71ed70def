/**
 * AutoQA as the nav bar's reports read it (issue 16): the checks' figures over every synced ticket and the spotlight
 * (report filters), each check's agreement with reviewers and the account's trust thresholds, which admins change.
 */
import * as api from '../../core/contract/autoqa.ts';
import type { AutoQaSettingsChange, AutoQaSummary, AutoQaTrust, Spotlight } from '../../core/contract/autoqa.ts';
import { contractCall } from './contract-call.ts';
import type { Filters } from './reports-api.ts';
import type { Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

/** The report filters AutoQA reads: the period, group, channel and agent (a scorecard or reviewer says nothing about a synced ticket). */
const autoFilters = (f: Filters) => ({
  from: f.from,
  to: f.to,
  ...(f.groupId === undefined ? {} : { groupId: f.groupId }),
  ...(f.channel === undefined ? {} : { channel: f.channel }),
  ...(f.revieweeId === undefined ? {} : { revieweeId: f.revieweeId }),
});

export interface AutoQaApi {
  summary(f: Filters, includeUntrusted: boolean): Promise<Result<AutoQaSummary>>;
  spotlight(f: Filters, limit?: number): Promise<Result<Spotlight>>;
  trust(): Promise<Result<AutoQaTrust>>;
  /** Admins: the least kappa and n a check needs to be trusted; keys left out keep their value. */
  changeSettings(change: AutoQaSettingsChange): Promise<Result<AutoQaTrust>>;
}

export function createAutoQaApi(send: ServiceCall): AutoQaApi {
  const call = contractCall(send);
  return {
    summary: (f, includeUntrusted) =>
      call(api.autoQaSummary, { query: { ...autoFilters(f), ...(includeUntrusted ? { includeUntrusted: 'true' } : {}) } }),
    spotlight: (f, limit = 20) => call(api.autoQaSpotlight, { query: { ...autoFilters(f), limit } }),
    trust: () => call(api.autoQaTrust),
    changeSettings: (body) => call(api.changeAutoQaSettings, { body }),
  };
}
