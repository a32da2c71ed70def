/** The nav bar's plan: evaluations wanted per agent per week, a week's coverage, tickets that fill the gaps, targets. */
import type {
  CoverageResponse,
  MonitoringPlan,
  MonitoringPlanInput,
  SuggestionsRequestInput,
  SuggestionsResponse,
} from '../../core/coverage.ts';
import type { Target, TargetCreateInput } from '../../core/targets.ts';
import { isFigure } from './reports-api.ts';
import type { Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import { inField, is, isBool, isList, isNum, isObject, isStr, nullable, shaped, type Guard } from './wire.ts';

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
}

const isPlanTarget: Guard = (t) => shaped(t, { overall: isNum, channels: isObject });
const isPlanState = (v: unknown): v is PlanState =>
  shaped(v, {
    plan: (p) => shaped(p, { default: nullable(isPlanTarget), agents: isList((a) => isPlanTarget(a) && shaped(a, { agentId: isNum })) }),
    updatedAt: nullable(isStr),
    updatedBy: nullable(isNum),
  });

const isCoverage = (v: unknown): v is CoverageResponse =>
  shaped(v, {
    week: isStr,
    planned: isNum,
    done: isNum,
    ratio: nullable(isNum),
    agentsBehind: isNum,
    agents: isList((a) =>
      shaped(a, {
        agentId: isNum,
        source: isStr,
        planned: isNum,
        done: isNum,
        ratio: nullable(isNum),
        toDo: isNum,
        channels: isList((c) => shaped(c, { channel: isStr, planned: isNum, done: isNum })),
      }),
    ),
  });

const isSuggestions = (v: unknown): v is SuggestionsResponse =>
  shaped(v, {
    alreadyReviewed: isNum,
    suggestions: isList((s) =>
      shaped(s, {
        ticketId: isNum,
        agentId: isNum,
        channel: nullable(isStr),
        subject: isStr,
        reasons: isList(isStr),
        fills: nullable(isStr),
      }),
    ),
  });

export const isTarget = (v: unknown): v is Target =>
  shaped(v, {
    id: isStr,
    subject: isStr,
    subjectId: isNum,
    metric: isStr,
    value: isNum,
    dueOn: isStr,
    progress: (p) => shaped(p, { current: isFigure, baseline: isFigure, state: isStr, certain: isBool }),
  });
const isTargets = isList(isTarget) as (v: unknown) => v is Target[];

export function createPlanApi(send: ServiceCall): PlanApi {
  const call = checkedCall(send);
  return {
    plan: () => call('GET', '/plan', undefined, is(isPlanState)),
    savePlan: (plan) => call('PUT', '/plan', plan, is(isPlanState)),
    coverage: (week, agentIds) =>
      call(
        'GET',
        `/reports/coverage?week=${encodeURIComponent(week)}${agentIds.length ? `&agentIds=${agentIds.join(',')}` : ''}`,
        undefined,
        is(isCoverage),
      ),
    suggestions: (body) => call('POST', '/suggestions', body, is(isSuggestions)),
    targets: () => call('GET', '/targets', undefined, inField('items', isTargets)),
    createTarget: (body) => call('POST', '/targets', body, is(isTarget)),
  };
}
