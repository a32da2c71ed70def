import { z } from 'zod';
import { AutoScore, autoScoreProblems } from './autoqa.ts';
import { scaleOptions } from './scale.ts';
import { SLUG_PATTERN, safeText, textRecord, ZendeskId } from './text.ts';

/** Ids are stable across versions so reports can follow a criterion through edits. */
export const Slug = z.string().regex(SLUG_PATTERN, 'must be 1-64 letters, digits, "_", "-" or ".", starting with a letter or digit');

export const ScalePreset = z.enum(['binary', '3-point', '4-point', '5-point']);
export type ScalePreset = z.infer<typeof ScalePreset>;

export const ScaleOption = z.strictObject({
  label: safeText(60).trim().min(1, 'must not be empty'),
  fraction: z.number().min(0).max(1),
  /** Format 2: this option fails (true) or never fails (false) a critical rule, whatever its fraction. */
  countsAsFail: z.boolean().optional(),
});
export type ScaleOption = z.infer<typeof ScaleOption>;

/** The most points a points scale may have (options 0..N, so 101 at most). */
export const MAX_POINTS = 100;

export const Scale = z.union([
  z.strictObject({ preset: ScalePreset }),
  z.strictObject({ options: z.array(ScaleOption).min(2).max(11) }),
  /** Format 2: a number of points from 0 to `points`, typed by the reviewer. */
  z.strictObject({ points: z.number().int().min(1).max(MAX_POINTS) }),
  /** Format 2: a percentage 0..100 typed by the reviewer. */
  z.strictObject({ percent: z.literal(true) }),
  /** Format 2: unordered choices with no score, for non-scoring criteria only. */
  z.strictObject({ choices: z.array(safeText(60).trim().min(1, 'must not be empty')).min(2).max(20) }),
]);
export type Scale = z.infer<typeof Scale>;

export const CriticalRule = z
  .discriminatedUnion('effect', [
    z.strictObject({ effect: z.literal('zero') }),
    z.strictObject({ effect: z.literal('zero-section') }),
    z.strictObject({ effect: z.literal('cap'), cap: z.number().min(0).max(100) }),
    /** Format 2: the evaluation fails, its score is kept. */
    z.strictObject({ effect: z.literal('fail') }),
  ])
  .nullable();
export type CriticalRule = z.infer<typeof CriticalRule>;

export const MetricName = z.enum(['first-reply-minutes', 'full-resolution-minutes', 'reopens', 'csat']);
export type MetricName = z.infer<typeof MetricName>;

/** A criterion scored from the ticket's own numbers instead of by a person (binary scale). */
export const MetricRule = z.strictObject({
  name: MetricName,
  direction: z.enum(['at-most', 'at-least']),
  target: z.number().min(0),
});
export type MetricRule = z.infer<typeof MetricRule>;

export const RootCauseKind = z.enum(['agent-skill', 'process', 'product-defect', 'tooling', 'policy']);
export type RootCauseKind = z.infer<typeof RootCauseKind>;

/** Criteria of one scorecard, in all sections together: an evaluation answers each (Answers holds at most as many). */
export const MAX_CRITERIA = 500;

export const Criterion = z.strictObject({
  id: Slug,
  label: safeText(200).trim().min(1, 'must not be empty'),
  guidance: safeText(4000).default(''),
  scale: Scale,
  weight: z.number().min(0).max(1000),
  allowNA: z.boolean().default(false),
  critical: CriticalRule.default(null),
  /** Format 2: an answer fails (the critical rule, reports' fail rates) below this fraction (default 0.5) unless its option says `countsAsFail`. */
  failBelow: z.number().gt(0).max(1).optional(),
  /** Format 2: earned points add to the score, possible points do not: the score can pass 100 (up to `maxScore`). */
  bonus: z.boolean().optional(),
  /** Format 2: answered and reported, never counted in the score nor failing anything. */
  scoring: z.literal(false).optional(),
  rootCauses: z.array(safeText(120).trim().min(1)).max(50).default([]),
  /** Root-cause kinds, keyed by root-cause label; a label left out defaults to agent skill. */
  rootCauseKinds: textRecord(safeText(120), RootCauseKind).optional(),
  commentRequiredAtOrBelow: z.number().min(0).max(1).optional(),
  metric: MetricRule.optional(),
  /** Format 2: pre-rated by an automatic check (the reviewer accepts or overrides). */
  auto: AutoScore.optional(),
});
export type Criterion = z.infer<typeof Criterion>;

export const Section = z.strictObject({
  id: Slug,
  name: safeText(200).trim().min(1, 'must not be empty'),
  weight: z.number().min(0).max(1000).default(1),
  /** Format 2: every criterion of the section is a bonus criterion. */
  bonus: z.boolean().optional(),
  criteria: z.array(Criterion).min(1, 'must have at least one criterion').max(MAX_CRITERIA),
});
export type Section = z.infer<typeof Section>;

export const ScoringMethod = z.enum(['weighted-criteria', 'total-points', 'weighted-sections']);
export type ScoringMethod = z.infer<typeof ScoringMethod>;

export const NaPolicy = z.enum(['exclude', 'count-as-pass']);
export type NaPolicy = z.infer<typeof NaPolicy>;

export const AppliesTo = z.strictObject({
  channels: z.array(safeText(64).trim().min(1)).max(50).default([]),
  groupIds: z.array(ZendeskId).max(1000).default([]),
  brandIds: z.array(ZendeskId).max(1000).default([]),
  formIds: z.array(ZendeskId).max(1000).default([]),
  tags: z.array(safeText(255).trim().min(1)).max(200).default([]),
});
export type AppliesTo = z.infer<typeof AppliesTo>;

/** Formats this code reads; a card using a format-2 feature must say `formatVersion: 2`. */
export const FORMAT_VERSIONS = [1, 2] as const;
export const FormatVersion = z.literal(FORMAT_VERSIONS);

/** The highest score a card with bonus criteria may declare. */
export const MAX_BONUS_SCORE = 1000;

/** The public import/export format; the service stores the same shape. */
export const ScorecardDefinition = z
  .strictObject({
    /** Absent means 1, the format of every scorecard stored before points, bonus and non-scoring criteria existed. */
    formatVersion: FormatVersion.optional(),
    name: safeText(200).trim().min(1, 'must not be empty'),
    description: safeText(4000).default(''),
    method: ScoringMethod,
    passThreshold: z.number().min(0).max(100).default(80),
    /** Format 2: the highest score, above 100, that bonus criteria can reach; required with bonus criteria. */
    maxScore: z.number().gt(100).max(MAX_BONUS_SCORE).optional(),
    naPolicy: NaPolicy.default('exclude'),
    appliesTo: AppliesTo.default({ channels: [], groupIds: [], brandIds: [], formIds: [], tags: [] }),
    sections: z.array(Section).min(1, 'must have at least one section').max(100),
  })
  .superRefine((card, ctx) => {
    const sectionIds = new Map<string, number>();
    const criterionIds = new Map<string, string>();
    card.sections.forEach((section, s) => {
      if (sectionIds.has(section.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', s, 'id'],
          message: `duplicate section id "${section.id}"`,
          params: { code: 'duplicate-section-id', id: section.id },
        });
      }
      sectionIds.set(section.id, s);
      section.criteria.forEach((criterion, c) => {
        const at = ['sections', s, 'criteria', c];
        if (criterionIds.has(criterion.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'id'],
            message: `duplicate criterion id "${criterion.id}"`,
            params: { code: 'duplicate-criterion-id', id: criterion.id },
          });
        }
        criterionIds.set(criterion.id, section.id);
        if (criterion.metric && !('preset' in criterion.scale && criterion.scale.preset === 'binary')) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'scale'],
            message: 'a metric criterion must use the binary scale',
            params: { code: 'metric-needs-binary' },
          });
        }
        const bonus = section.bonus === true || criterion.bonus === true;
        if (criterion.scoring === false) {
          if (criterion.weight !== 0)
            issue(ctx, [...at, 'weight'], 'a non-scoring criterion counts nothing: weight must be 0', 'non-scoring-weight');
          if (criterion.critical) issue(ctx, [...at, 'critical'], 'a non-scoring criterion cannot be critical', 'non-scoring-critical');
          if (criterion.metric) issue(ctx, [...at, 'metric'], 'a metric criterion always scores', 'non-scoring-metric');
        } else {
          if ('choices' in criterion.scale)
            issue(ctx, [...at, 'scale'], 'choices carry no score: use them with "scoring": false', 'choices-need-non-scoring');
          if (bonus && criterion.allowNA)
            issue(ctx, [...at, 'allowNA'], 'a bonus criterion cannot be N/A: a bonus not earned is 0', 'bonus-na');
          if (bonus && criterion.critical) issue(ctx, [...at, 'critical'], 'a bonus criterion cannot be critical', 'bonus-critical');
        }
        if (criterion.auto) {
          if (criterion.metric || criterion.scoring === false)
            issue(
              ctx,
              [...at, 'auto'],
              'a check pre-rates a scored criterion a reviewer answers: not a metric or non-scoring one',
              'auto-on-metric',
            );
          for (const p of autoScoreProblems(criterion.auto, scaleOptions(criterion.scale).length))
            issue(ctx, [...at, 'auto', ...p.path], p.message, p.code);
        }
        if (criterion.failBelow !== undefined && !criterion.critical)
          issue(
            ctx,
            [...at, 'failBelow'],
            'failBelow applies to a critical criterion: set "critical" or remove it',
            'fail-below-needs-critical',
          );
        const labels = new Set(criterion.rootCauses);
        if (labels.size !== criterion.rootCauses.length) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'rootCauses'],
            message: 'root causes must be unique',
            params: { code: 'root-causes-unique' },
          });
        }
        for (const label of Object.keys(criterion.rootCauseKinds ?? {})) {
          if (!labels.has(label)) {
            ctx.addIssue({
              code: 'custom',
              path: [...at, 'rootCauseKinds', label],
              message: `"${label}" is not one of rootCauses`,
              params: { code: 'root-cause-kind-unknown', label },
            });
          }
        }
      });
    });
    const criteria = allCriteria(card).length;
    if (criteria > MAX_CRITERIA) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: `must have at most ${MAX_CRITERIA} criteria in all (has ${criteria})`,
        params: { code: 'too-many-criteria', max: MAX_CRITERIA, count: criteria },
      });
    }
    // all-zero weights leave nothing to divide by: every evaluation would score null (bonus and non-scoring add no possible points)
    if (
      card.sections.length > 0 &&
      allCriteria(card).every(({ section, criterion }) => !counts(section, criterion) || criterion.weight === 0)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'at least one criterion must have a weight above 0',
        params: { code: 'no-criterion-weight' },
      });
    }
    if (card.method === 'weighted-sections' && card.sections.length > 0 && card.sections.every((s) => s.bonus || s.weight === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'at least one section must have a weight above 0',
        params: { code: 'no-section-weight' },
      });
    }
    const hasBonus = allCriteria(card).some(({ section, criterion }) => isBonus(section, criterion) && criterion.scoring !== false);
    if (hasBonus && card.maxScore === undefined)
      issue(ctx, ['maxScore'], 'a scorecard with bonus criteria must declare maxScore, its highest score (above 100)', 'bonus-needs-max');
    if (!hasBonus && card.maxScore !== undefined)
      issue(ctx, ['maxScore'], 'maxScore is for scorecards with bonus criteria: remove it or mark a bonus', 'max-needs-bonus');
    if (card.formatVersion !== 2) {
      for (const f of formatTwoFeatures(card)) {
        issue(ctx, f.path, `${f.feature} need "formatVersion": 2 (add it at the top of the scorecard)`, 'needs-format-2');
      }
    }
  });
export type ScorecardDefinition = z.infer<typeof ScorecardDefinition>;
/** What a caller may send before defaults are applied. */
export type ScorecardDefinitionInput = z.input<typeof ScorecardDefinition>;

export const ScorecardStatus = z.enum(['draft', 'published', 'archived']);
export type ScorecardStatus = z.infer<typeof ScorecardStatus>;

/** A stored version of a scorecard, as the service returns it. */
export const ScorecardVersion = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  status: ScorecardStatus,
  definition: ScorecardDefinition,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ScorecardVersion = z.infer<typeof ScorecardVersion>;

// zod-free so the sidebar bundle can score without zod
// (its load budget: docs/decisions/009-sidebar-load-and-nothing-lost.md)
export { scaleOptions } from './scale.ts';

function issue(ctx: z.RefinementCtx, path: PropertyKey[], message: string, code: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code } });
}

type CriterionShape = Pick<z.input<typeof Criterion>, 'bonus' | 'scoring' | 'scale' | 'critical' | 'failBelow' | 'auto'>;
type SectionShape = { bonus?: boolean | undefined; criteria: CriterionShape[] };
type CardShape = { sections: SectionShape[]; maxScore?: number | undefined };

/** A bonus criterion adds its earned points and none of its possible points. */
export const isBonus = (section: Pick<SectionShape, 'bonus'>, criterion: Pick<CriterionShape, 'bonus'>): boolean =>
  section.bonus === true || criterion.bonus === true;

/** The criterion adds possible points to the score: scoring and not a bonus. */
export const counts = (section: Pick<SectionShape, 'bonus'>, criterion: Pick<CriterionShape, 'bonus' | 'scoring'>): boolean =>
  criterion.scoring !== false && !isBonus(section, criterion);

/** Where a card uses what format 1 cannot say, with a plural name of the feature for the message. */
export function formatTwoFeatures(card: CardShape): Array<{ path: PropertyKey[]; feature: string }> {
  const found: Array<{ path: PropertyKey[]; feature: string }> = [];
  if (card.maxScore !== undefined) found.push({ path: ['maxScore'], feature: 'maxScore and bonus criteria' });
  card.sections.forEach((section, s) => {
    if (section.bonus !== undefined) found.push({ path: ['sections', s, 'bonus'], feature: 'bonus sections' });
    section.criteria.forEach((c, i) => {
      const at = ['sections', s, 'criteria', i];
      if ('points' in c.scale || 'percent' in c.scale) found.push({ path: [...at, 'scale'], feature: 'points and percent scales' });
      if ('choices' in c.scale) found.push({ path: [...at, 'scale'], feature: 'choices' });
      if ('options' in c.scale && c.scale.options.some((o) => o.countsAsFail !== undefined))
        found.push({ path: [...at, 'scale'], feature: 'options with countsAsFail' });
      if (c.bonus !== undefined) found.push({ path: [...at, 'bonus'], feature: 'bonus criteria' });
      if (c.scoring !== undefined) found.push({ path: [...at, 'scoring'], feature: 'non-scoring criteria' });
      if (c.failBelow !== undefined) found.push({ path: [...at, 'failBelow'], feature: 'criteria with failBelow' });
      if (c.auto !== undefined) found.push({ path: [...at, 'auto'], feature: 'criteria pre-rated by a check' });
      if (c.critical?.effect === 'fail') found.push({ path: [...at, 'critical'], feature: 'critical rules with effect "fail"' });
    });
  });
  return found;
}

/** The format a card needs: 2 when it uses anything format 1 cannot say (the editor sets it on save). */
export const requiredFormatVersion = (card: CardShape): 1 | 2 => (formatTwoFeatures(card).length > 0 ? 2 : 1);

export function allCriteria(card: Pick<ScorecardDefinition, 'sections'>): Array<{ section: Section; criterion: Criterion }> {
  return card.sections.flatMap((section) => section.criteria.map((criterion) => ({ section, criterion })));
}
