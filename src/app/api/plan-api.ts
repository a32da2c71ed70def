/** The nav bar's plan: evaluations wanted per agent per week, a week's coverage, tickets that fill the gaps, targets. */
import * as planning from '../../core/contract/planning.ts';
import { coverage } from '../../core/contract/reports.ts';
import type {
  CoverageResponse,
  MonitoringPlan,
  MonitoringPlanInput,
  SuggestionsRequestInput,
  SuggestionsResponse,
} from '../../core/coverage.ts';
import type { Target, TargetCreateInput } from '../../core/targets.ts';
import { contractCall } from './contract-call.ts';
import { mapOk, type Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

export interface PlanState {
  plan: MonitoringPlan;
  updatedAt: string | null;
  updatedBy: number | null;
}

export interface PlanApi {
  plan(): Promise<Result<PlanState>>;
  savePlan(plan: MonitoringPlanInput): Promise<Result<PlanState>>;
  coverage(week: string, agentIds: number[]): Promise<Result<CoverageResponse>>;
  suggestions(body: SuggestionsRequestInput): Promise<Result<SuggestionsResponse>>;
  targets(): Promise<Result<Target[]>>;
  createTarget(body: TargetCreateInput): Promise<Result<Target>>;
  changeTarget(id: string, body: TargetCreateInput): Promise<Result<Target>>;
  /** Removes (archives) the target: it is no longer listed. */
  removeTarget(id: string): Promise<Result<null>>;
}

export function createPlanApi(send: ServiceCall): PlanApi {
  const call = contractCall(send);
  return {
    plan: () => call(planning.readPlan),
    savePlan: (plan) => call(planning.setPlan, { body: plan }),
    coverage: (week, agentIds) => call(coverage, { query: { week, agentIds: agentIds.join(',') } }),
    suggestions: (body) => call(planning.suggestReviews, { body }),
    targets: async () => mapOk(await call(planning.listTargets), (a) => a.items),
    createTarget: (body) => call(planning.createTarget, { body }),
    changeTarget: (id, body) => call(planning.changeTarget, { params: { id }, body }),
    removeTarget: (id) => call(planning.removeTarget, { params: { id } }),
  };
}
