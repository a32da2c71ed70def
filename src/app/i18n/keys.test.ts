/**
 * Every translation key the app's code names exists in en.json and de.json: the literal ones ('ui.x.y'), and every
 * value a key built from a template (`ui.sidebar.outbox.${state}.title`) can take. A template must be listed in
 * TEMPLATES with its values, so that a new one cannot slip past: the test fails until it is.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../core/autoqa.ts';
import { CalibrationSessionStatus } from '../../core/calibration.ts';
import { NotApplicableReason, SpotlightReason } from '../../core/contract/autoqa.ts';
import { ISSUE_CODES } from '../../core/issues.ts';
import { SuggestFavour, SuggestionReason } from '../../core/coverage.ts';
import { DisputeResolution, EvaluationStatus } from '../../core/evaluation.ts';
import type { TicketMetrics } from '../../core/metrics.ts';
import { ManagerRole } from '../../core/policy.ts';
import { BreakdownDimension, ReportPeriod } from '../../core/reports.ts';
import { scaleOptions } from '../../core/scale.ts';
import { NaPolicy, RootCauseKind, ScalePreset, ScorecardStatus, ScoringMethod, type CriticalRule } from '../../core/scorecard.ts';
import { TargetMetric, type TargetState } from '../../core/targets.ts';
import { TEMPLATES as SCORECARD_TEMPLATES } from '../../core/templates.ts';
import { PopulationDimension } from '../../core/synced-population.ts';
import type { DisagreementKind, MetricFigures, QaVsMetrics } from '../../core/ticket-reports.ts';
import type { ApiKeyRole } from '../api/api-keys-api.ts';
import type { ServiceErrorKind } from '../api/result.ts';
import type { PlanProblemKind } from '../navbar/plan/plan-form.ts';
import type { Preset } from '../navbar/reports/filters.ts';
import { CHANNELS } from '../navbar/scorecards/channels.ts';
import { ISSUE_FIELDS, ISSUE_LISTS, ISSUE_TYPES } from '../navbar/scorecards/issue-text.ts';
import type { Problem } from '../sidebar/form.ts';
import { HELP_KEYS } from '../sidebar/keyboard.ts';
import type { LoadProblem } from '../sidebar/load.ts';
import type { Verdict } from '../sidebar/parts.tsx';
import type { QueuedState } from '../sidebar/queued-banner.tsx';
import type { WriteBackOutcome } from '../sidebar/write-back.ts';
import { NUMBER_CHECKS } from '../ui/checks.ts';
import { lookup, type Messages } from './translate.ts';

const app = join(import.meta.dirname, '..');
const translations = join(app, '../../translations');
const LOCALES = ['en', 'de'] as const;
const messages = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(join(translations, `${l}.json`), 'utf8')) as Messages]));

/** The values listed, which the compiler checks are every member of T: a member added to T and not here is a type error. */
const every =
  <T extends string>() =>
  <const V extends readonly T[]>(
    ...values: V
  ): [Exclude<T, V[number]>] extends [never] ? readonly string[] : { missing: Exclude<T, V[number]> } =>
    values as never;

const ERROR_KINDS = every<ServiceErrorKind>()(
  'unreachable',
  'session-ended',
  'throttled',
  'forbidden',
  'invalid',
  'conflict',
  'not-found',
  'rule',
  'server',
);
const LOAD_PROBLEMS = every<LoadProblem>()(...(ERROR_KINDS as ServiceErrorKind[]), 'outside-zendesk', 'no-ticket');
const OUTBOX_STATES = every<QueuedState>()('pending', 'sending', 'failed', 'held');
type WriteBackLine =
  | 'pending'
  | Exclude<WriteBackOutcome['status'], 'skipped'>
  | `skipped-${Extract<WriteBackOutcome, { status: 'skipped' }>['reason']}`;
const WRITE_BACK = every<WriteBackLine>()(
  'pending',
  'updated',
  'skipped-disabled',
  'skipped-no-fields',
  'fields-not-updated-closed',
  'failed',
);
const CSAT = every<NonNullable<TicketMetrics['csat']>>()('good', 'bad', 'offered', 'unoffered');
const DIMENSIONS = BreakdownDimension.options.filter((d) => d !== 'criterion');

/** A template with one `${...}`: one key for each value. */
const each =
  (values: readonly string[]) =>
  (template: string): string[] => {
    expect(template.match(/\$\{/g), template).toHaveLength(1);
    return values.map((v) => template.replace(/\$\{[^}]*\}/, v));
  };

/** Every key template in the app's code, by its text, and the keys it can make. */
const TEMPLATES: Record<string, (template: string) => string[]> = {
  // sidebar
  'ui.sidebar.state.${state.problem}.title': each(LOAD_PROBLEMS),
  'ui.sidebar.state.${state.problem}.next': each(LOAD_PROBLEMS),
  'ui.sidebar.error.${error.kind}': each(ERROR_KINDS),
  'ui.sidebar.error.${failed.kind}': each(ERROR_KINDS),
  'ui.sidebar.error.${d.error.kind}': each(ERROR_KINDS),
  'ui.sidebar.error.${r.submission.error.kind}': each(ERROR_KINDS),
  'ui.sidebar.error.${state.error.kind}': each(ERROR_KINDS),
  'ui.sidebar.outbox.${state}.title': each(OUTBOX_STATES),
  'ui.sidebar.outbox.${state}.next': each(OUTBOX_STATES),
  'ui.sidebar.help.${k}': each(HELP_KEYS),
  'ui.sidebar.writeBack.${fields}': each(WRITE_BACK),
  'ui.sidebar.status.${e.status}': each(EvaluationStatus.options),
  'ui.sidebar.problem.${p.kind}': each(every<Problem['kind']>()('unanswered', 'comment-required')),
  'ui.sidebar.problem.${p.problem.kind}': each(every<Problem['kind']>()('unanswered', 'comment-required')),
  'ui.sidebar.verdict.${verdict}': each(every<Verdict>()('pass', 'passSoFar', 'fail', 'critical', 'none')),
  'ui.sidebar.csat.${m.csat}': each(CSAT),
  'ui.sidebar.metric.${met}': each(['met', 'missed', 'unknown']),
  'ui.sidebar.resolve.${o}': each(DisputeResolution.shape.outcome.options),
  'ui.sidebar.dispute.${dispute.outcome}': each(DisputeResolution.shape.outcome.options),
  'ui.sidebar.preset.${scale.preset}.${i}': () =>
    ScalePreset.options.flatMap((p) => scaleOptions({ preset: p }).map((_, i) => `ui.sidebar.preset.${p}.${i}`)),
  // automatic checks (sidebar and nav bar)
  'ui.autoqa.checks.${id}.name': each(CHECK_IDS),
  'ui.autoqa.checks.${id}.description': each(CHECK_IDS),
  'ui.autoqa.checks.${id}.unit': each(NUMBER_CHECKS),
  'ui.autoqa.reasons.${result.reason}': each(NotApplicableReason.options),
  // nav bar
  'ui.admin.auto.sides.${k}': each(['atLeast', 'atMost']),
  'ui.admin.auto.${k}': each(['whenTrue', 'whenFalse']),
  'ui.navbar.tabs.${id}': each(['reports', 'calibration', 'plan', 'scorecards', 'api-keys', 'sync']),
  'ui.admin.apiKeys.roles.${r}': each(every<ApiKeyRole>()('lead', 'admin')),
  'ui.admin.apiKeys.roles.${key.role}': each(every<ApiKeyRole>()('lead', 'admin')),
  'ui.admin.policy.roles.${role}': each(ManagerRole.options),
  'ui.admin.status.${item.status}': each(ScorecardStatus.options),
  'ui.admin.templates.${name}': each(Object.keys(SCORECARD_TEMPLATES)),
  'ui.admin.methods.${draft.method}.hint': each(ScoringMethod.options),
  'ui.admin.methods.${m}.label': each(ScoringMethod.options),
  'ui.admin.naPolicies.${p}': each(NaPolicy.options),
  'ui.admin.scale.${p}': each(ScalePreset.options),
  'ui.admin.rootCauseKinds.${k}': each(RootCauseKind.options),
  'ui.admin.critical.${e}': each(every<'none' | NonNullable<CriticalRule>['effect']>()('none', 'zero', 'zero-section', 'cap', 'fail')),
  'ui.admin.scale.outcomes.${k}': each(['score', 'fail', 'pass']),
  'ui.admin.channels.${channel}': each(CHANNELS),
  'ui.admin.${kind}.tools': each(['section', 'criterion']),
  'ui.admin.preview.verdict.${verdict}': each(['pass', 'passSoFar', 'fail', 'none']),
  'ui.admin.issues.fields.${f}': each(ISSUE_FIELDS),
  "ui.admin.issues.items.${where.list ?? 'entries'}": each(ISSUE_LISTS),
  'ui.admin.issues.types.${expected}': each(ISSUE_TYPES),
  'ui.admin.issues.codes.${code}': each(ISSUE_CODES),
  'ui.reports.autoqa.reasons.${r}': each(SpotlightReason.options),
  'ui.reports.presets.${p}': each(every<Preset>()('last-4-weeks', 'this-month', 'last-month', 'last-30', 'last-90', 'this-year')),
  'ui.reports.headline.${h.key}': each(['averageScore', 'passRate', 'criticalFailRate']),
  'ui.reports.breakdown.${dim}': each(DIMENSIONS),
  'ui.reports.breakdown.${dimension}': each(BreakdownDimension.options),
  'ui.reports.dimension.${d}': each(DIMENSIONS),
  'ui.reports.dimension.${dimension}': each(BreakdownDimension.options),
  'ui.reports.rootCauses.kinds.${kindOf(c)}': each(RootCauseKind.options),
  'ui.reports.trend.${measure}': each(['averageScore', 'passRate']),
  'ui.reports.trend.${m}': each(['averageScore', 'passRate']),
  'ui.reports.period.${trend.period}': each(ReportPeriod.options),
  'ui.reports.metrics.${m.key}': each(
    every<keyof MetricFigures>()('firstReplyMinutes', 'fullResolutionMinutes', 'reopenRate', 'csatGoodRate'),
  ),
  'ui.reports.metrics.csatValue.${b.csat}': each(every<QaVsMetrics['byCsat'][number]['csat']>()('good', 'bad', 'none')),
  'ui.reports.metrics.kind.${d.kind}': each(every<DisagreementKind>()('qa-pass-csat-bad', 'qa-fail-csat-good')),
  'ui.reports.calibration.verdict.${verdict}': each(['good', 'tentative', 'poor', 'none']),
  'ui.reports.calibration.statuses.${s.status}': each(CalibrationSessionStatus.options),
  'ui.reports.suggest.${k}': each(SuggestFavour.keyof().options),
  'ui.reports.suggest.reason.${r}': each(SuggestionReason.options),
  'ui.reports.suggest.source.${state.source}': each(['synced', 'browser']),
  'ui.reports.dimension.${dim}': each(PopulationDimension.options),
  'ui.reports.targets.metrics.${x.metric}': each(TargetMetric.options),
  'ui.reports.plan.problems.${p.kind}': each(every<PlanProblemKind>()('count', 'agent-missing', 'agent-twice', 'channel-unknown')),
  'ui.reports.targets.states.${x.progress.state}': each(
    every<TargetState>()('no-data', 'on-track', 'unclear', 'behind', 'achieved', 'missed'),
  ),
};

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesIn(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The keys a file names: quoted literals, and templates (with their text, to look up in TEMPLATES). */
function keysIn(code: string): { literals: string[]; templates: string[] } {
  const text = withoutComments(code);
  return {
    literals: [...text.matchAll(/(['"])(ui\.[\w.-]+)\1/g)].map((m) => m[2]!),
    templates: [...text.matchAll(/`(ui\.[^`]*?\$\{[^`]*?)`/g)].map((m) => m[1]!),
  };
}

/** What is wrong with the keys `files` name: a key missing from a locale, or a template TEMPLATES does not list. */
function problemsOf(
  files: ReadonlyArray<{ name: string; code: string }>,
  locales: Record<string, Messages>,
  templates = TEMPLATES,
): string[] {
  const problems: string[] = [];
  // a key used with a count may be a plural family instead: key_one, key_other (translate.ts)
  const check = (name: string, key: string) => {
    for (const [locale, m] of Object.entries(locales))
      if (typeof lookup(m, key) !== 'string' && typeof lookup(m, `${key}_other`) !== 'string')
        problems.push(`${name}: ${key} is not in ${locale}.json`);
  };
  for (const { name, code } of files) {
    const { literals, templates: used } = keysIn(code);
    for (const key of literals) check(name, key);
    for (const template of used) {
      const expand = templates[template];
      if (!expand) problems.push(`${name}: \`${template}\` is not in TEMPLATES (list the values it can take)`);
      else for (const key of expand(template)) check(name, key);
    }
  }
  return problems;
}

const files = sourcesIn(app).map((f) => ({ name: relative(app, f), code: readFileSync(f, 'utf8') }));

describe('translation keys', () => {
  it('every key the code names, and every value of every key template, is in en.json and de.json', () => {
    expect(problemsOf(files, messages)).toEqual([]);
  });

  it('lists only templates the code still uses', () => {
    const used = new Set(files.flatMap((f) => keysIn(f.code).templates));
    expect(Object.keys(TEMPLATES).filter((t) => !used.has(t))).toEqual([]);
  });

  it('fails when a key is missing (so a pass means something)', () => {
    const en = messages.en!;
    const without = (path: string): Messages => {
      const copy = structuredClone(en) as Record<string, unknown>;
      const parts = path.split('.');
      const parent = parts.slice(0, -1).reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, copy);
      delete parent[parts.at(-1)!];
      return copy as Messages;
    };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test, not a template
    const code = "t(`ui.sidebar.help.${k}`); t('ui.common.retry'); t(`ui.sidebar.new.${x}`);";
    expect(problemsOf([{ name: 'a.tsx', code }], { en: without('ui.sidebar.help.leave') })).toEqual([
      'a.tsx: ui.sidebar.help.leave is not in en.json',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the message quotes the source
      'a.tsx: `ui.sidebar.new.${x}` is not in TEMPLATES (list the values it can take)',
    ]);
    expect(problemsOf([{ name: 'a.tsx', code: "t('ui.common.retry') // 'ui.nowhere'" }], { en: without('ui.common.retry') })).toEqual([
      'a.tsx: ui.common.retry is not in en.json',
    ]);
  });

  it('has a title and a next step for every load problem and error kind', () => {
    const en = messages.en!;
    for (const p of LOAD_PROBLEMS) {
      expect(lookup(en, `ui.sidebar.state.${p}.title`), p).toBeTruthy();
      expect(lookup(en, `ui.sidebar.state.${p}.next`), p).toBeTruthy();
    }
    for (const k of ERROR_KINDS) expect(lookup(en, `ui.sidebar.error.${k}`), k).toBeTruthy();
    expect(lookup(en, 'ui.sidebar.state.throttled.wait')).toContain('{{seconds}}');
  });
});
