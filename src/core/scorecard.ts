import { z } from 'zod';
import { SLUG_PATTERN, safeText, textRecord, ZendeskId } from './text.ts';

/** Ids are stable across versions so reports can follow a criterion through edits. */
export const Slug = z.string().regex(SLUG_PATTERN, 'must be 1-64 letters, digits, "_", "-" or ".", starting with a letter or digit');

export const ScalePreset = z.enum(['binary', '3-point', '4-point', '5-point']);
export type ScalePreset = z.infer<typeof ScalePreset>;

export const ScaleOption = z.strictObject({
  label: safeText(60).trim().min(1, 'must not be empty'),
  fraction: z.number().min(0).max(1),
});
export type ScaleOption = z.infer<typeof ScaleOption>;

export const Scale = z.union([z.strictObject({ preset: ScalePreset }), z.strictObject({ options: z.array(ScaleOption).min(2).max(11) })]);
export type Scale = z.infer<typeof Scale>;

export const CriticalRule = z
  .discriminatedUnion('effect', [
    z.strictObject({ effect: z.literal('zero') }),
    z.strictObject({ effect: z.literal('zero-section') }),
    z.strictObject({ effect: z.literal('cap'), cap: z.number().min(0).max(100) }),
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
  rootCauses: z.array(safeText(120).trim().min(1)).max(50).default([]),
  /** Root-cause kinds, keyed by root-cause label; a label left out defaults to agent skill. */
  rootCauseKinds: textRecord(safeText(120), RootCauseKind).optional(),
  commentRequiredAtOrBelow: z.number().min(0).max(1).optional(),
  metric: MetricRule.optional(),
});
export type Criterion = z.infer<typeof Criterion>;

export const Section = z.strictObject({
  id: Slug,
  name: safeText(200).trim().min(1, 'must not be empty'),
  weight: z.number().min(0).max(1000).default(1),
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

/** The public import/export format; the service stores the same shape. */
export const ScorecardDefinition = z
  .strictObject({
    name: safeText(200).trim().min(1, 'must not be empty'),
    description: safeText(4000).default(''),
    method: ScoringMethod,
    passThreshold: z.number().min(0).max(100).default(80),
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
    // all-zero weights leave nothing to divide by: every evaluation would score null
    if (card.sections.length > 0 && allCriteria(card).every(({ criterion }) => criterion.weight === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'at least one criterion must have a weight above 0',
        params: { code: 'no-criterion-weight' },
      });
    }
    if (card.method === 'weighted-sections' && card.sections.length > 0 && card.sections.every((s) => s.weight === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'at least one section must have a weight above 0',
        params: { code: 'no-section-weight' },
      });
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

export function allCriteria(card: Pick<ScorecardDefinition, 'sections'>): Array<{ section: Section; criterion: Criterion }> {
  return card.sections.flatMap((section) => section.criteria.map((criterion) => ({ section, criterion })));
}
