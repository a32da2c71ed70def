import type { Answer } from '../../../core/answers.ts';
import { CHECK_KINDS, type AutoScore, type CheckId } from '../../../core/autoqa.ts';
import { checkWith } from '../../../core/issues.ts';
import { scaleOptions } from '../../../core/scale.ts';
import {
  isBonus,
  MAX_BONUS_SCORE,
  ScorecardDefinition,
  requiredFormatVersion,
  type AppliesTo,
  type Criterion,
  type RootCauseKind,
  type Scale,
  type ScalePreset,
  type ScorecardDefinitionInput,
  type Section,
} from '../../../core/scorecard.ts';
import { scoreEvaluation } from '../../../core/scoring.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { NumberCheck } from '../../ui/checks.ts';
import { issueTexts } from './issue-text.ts';

/**
 * A criterion being edited: `key` keeps the DOM row stable while its id is edited or the row moves; `pointsWeight`:
 * on a points scale, the weight follows the points while it equals them.
 */
export type DraftCriterion = Criterion & { key: string; autoId?: boolean; pointsWeight?: boolean };
export type DraftSection = Omit<Section, 'criteria'> & { key: string; autoId?: boolean; criteria: DraftCriterion[] };
/** `maxScoreAuto`: the highest score follows what the bonus can reach until the admin types one. */
export type Draft = Omit<ScorecardDefinition, 'sections'> & { sections: DraftSection[]; maxScoreAuto?: boolean };

export type TopLevelPatch = Partial<Pick<Draft, 'name' | 'description' | 'method' | 'passThreshold' | 'naPolicy' | 'maxScore'>>;
export type SectionPatch = Partial<Pick<DraftSection, 'id' | 'name' | 'weight' | 'bonus'>>;
export type CriterionPatch = Partial<Omit<DraftCriterion, 'key' | 'autoId' | 'pointsWeight'>>;
export interface Place {
  section: number;
  criterion: number;
}

export type EditorAction =
  | { type: 'load'; draft: Draft }
  | { type: 'set'; patch: TopLevelPatch }
  | { type: 'set-applies-to'; patch: Partial<AppliesTo> }
  | { type: 'add-section' }
  | { type: 'remove-section'; section: number }
  | { type: 'move-section'; from: number; to: number }
  | { type: 'set-section'; section: number; patch: SectionPatch }
  | { type: 'add-criterion'; section: number }
  | { type: 'remove-criterion'; at: Place }
  | { type: 'move-criterion'; from: Place; to: Place }
  | { type: 'set-criterion'; at: Place; patch: CriterionPatch };

let keySeq = 0;
/** Row keys only need to be unique within one page; a counter is enough. */
export const newKey = (): string => `k${++keySeq}`;

/** Adds row keys to a stored definition so the editor can render and move rows. */
export function fromDefinition(def: ScorecardDefinition): Draft {
  const draft: Draft = {
    ...def,
    appliesTo: { ...def.appliesTo },
    sections: def.sections.map((s) => ({
      ...s,
      key: newKey(),
      criteria: s.criteria.map((c) => ({ ...c, key: newKey(), pointsWeight: 'points' in c.scale && c.weight === c.scale.points })),
    })),
  };
  // a stored highest score that is what the bonus reaches keeps following it; one chosen by hand stays
  return { ...draft, maxScoreAuto: def.maxScore === undefined || def.maxScore === bonusReach(draft) };
}

/**
 * The import/export JSON (`ScorecardDefinition`, src/core/scorecard.ts) the service and the schema see: row keys and
 * editor flags dropped.
 */
export function toDefinitionInput(draft: Draft): ScorecardDefinitionInput {
  const { formatVersion: _f, maxScoreAuto: _m, ...rest } = draft;
  const sections = draft.sections.map(({ key: _k, autoId: _a, criteria, ...section }) => ({
    ...section,
    criteria: criteria.map(({ key: _ck, autoId: _ca, pointsWeight: _p, ...criterion }) => criterion),
  }));
  // the editor says format 2 exactly when the card uses it, so a format-1 card is saved as format 1
  return requiredFormatVersion({ ...rest, sections }) === 2 ? { formatVersion: 2, ...rest, sections } : { ...rest, sections };
}

export type Validation =
  | { ok: true; value: ScorecardDefinition; errors: Map<string, string[]>; all: string[] }
  | { ok: false; errors: Map<string, string[]>; all: string[] };

/**
 * Validates with the service's own schema; each problem in the admin's language, beside its field (grouped by path)
 * and in the list of all naming its section and criterion.
 */
export function validate(draft: Draft, t: Translate): Validation {
  const input = toDefinitionInput(draft);
  const r = checkWith(ScorecardDefinition, input);
  if (r.ok) return { ok: true, value: r.value, errors: new Map(), all: [] };
  const texts = issueTexts(r.issues, input, t);
  const errors = new Map<string, string[]>();
  for (const { path, local } of texts) errors.set(path, [...(errors.get(path) ?? []), local]);
  return { ok: false, errors, all: texts.map((x) => x.line) };
}

/** Lower-case slug of a label, valid for the schema's Slug. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/** `base`, or `base-2`, `base-3`, ... whichever is free. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const root = base || 'item';
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

const criterionIds = (draft: Draft, except?: DraftCriterion) =>
  new Set(draft.sections.flatMap((s) => s.criteria.filter((c) => c !== except).map((c) => c.id)));
const sectionIds = (draft: Draft, except?: DraftSection) => new Set(draft.sections.filter((s) => s !== except).map((s) => s.id));

export function blankCriterion(draft: Draft): DraftCriterion {
  return {
    key: newKey(),
    autoId: true,
    id: uniqueId('criterion', criterionIds(draft)),
    label: '',
    guidance: '',
    scale: { preset: 'binary' },
    weight: 1,
    allowNA: false,
    critical: null,
    rootCauses: [],
  };
}

function blankSection(draft: Draft): DraftSection {
  const section: DraftSection = {
    key: newKey(),
    autoId: true,
    id: uniqueId('section', sectionIds(draft)),
    name: '',
    weight: 1,
    criteria: [],
  };
  return { ...section, criteria: [blankCriterion(draft)] };
}

export function emptyDraft(name = ''): Draft {
  const draft: Draft = {
    name,
    description: '',
    method: 'weighted-criteria',
    passThreshold: 80,
    naPolicy: 'exclude',
    appliesTo: { channels: [], groupIds: [], brandIds: [], formIds: [], tags: [] },
    sections: [],
    maxScoreAuto: true,
  };
  return { ...draft, sections: [blankSection(draft)] };
}

/** What a reviewer picks on a criterion, as the editor's scale picker names it. */
export type ScaleChoice = ScalePreset | 'custom' | 'points' | 'percent' | 'choices';

export function scaleChoice(scale: Scale): ScaleChoice {
  if ('preset' in scale) return scale.preset;
  if ('options' in scale) return 'custom';
  if ('points' in scale) return 'points';
  if ('percent' in scale) return 'percent';
  return 'choices';
}

/** Points a new points scale starts with: the weight when it is a whole number of points (2..100), else 10. */
const startingPoints = (c: Pick<Criterion, 'weight'>) => (Number.isInteger(c.weight) && c.weight >= 2 && c.weight <= 100 ? c.weight : 10);

/** The scale the picker's choice makes from the criterion's current one, keeping its labels where it can. */
export function scaleFor(choice: ScaleChoice, c: Pick<Criterion, 'scale' | 'weight'>): Scale {
  // a numeric scale's 0..N are no labels to keep
  const labels = 'preset' in c.scale || 'options' in c.scale ? scaleOptions(c.scale).map((o) => o.label) : ['Yes', 'No'];
  switch (choice) {
    case 'custom':
      return {
        options:
          'options' in c.scale
            ? c.scale.options
            : scaleOptions('choices' in c.scale ? c.scale : 'preset' in c.scale ? c.scale : { preset: '3-point' }).map((o) => ({
                label: o.label,
                fraction: Math.round(o.fraction * 100) / 100,
              })),
      };
    case 'points':
      return 'points' in c.scale ? c.scale : { points: startingPoints(c) };
    case 'percent':
      return { percent: true };
    case 'choices':
      return { choices: 'choices' in c.scale ? c.scale.choices : labels };
    default:
      return { preset: choice };
  }
}

/**
 * The patch for "Counts in the score": off makes the criterion non-scoring (weight 0, no critical rule, no bonus);
 * on makes it count again, worth its points on a points scale, choices turned into options.
 */
export function scoringPatch(c: DraftCriterion, on: boolean): CriterionPatch {
  // a check pre-rates only a criterion that counts (core: auto-on-metric)
  if (!on) return { scoring: false, weight: 0, critical: null, failBelow: undefined, bonus: undefined, auto: undefined };
  const scale = 'choices' in c.scale ? scaleFor('custom', c) : c.scale;
  return { scoring: undefined, scale, weight: 'points' in scale ? scale.points : 1 };
}

/** A number check's first band on a new mapping: where its value starts to be good, on the side that is better. */
const FIRST_BAND: Record<NumberCheck, { atLeast: number } | { atMost: number }> = {
  spelling: { atMost: 0 },
  readability: { atLeast: 50 },
  'sentiment-start': { atLeast: 0 },
  'sentiment-end': { atLeast: 0 },
  'reply-time': { atMost: 60 },
  'resolution-time': { atMost: 1440 },
};

/** The best and the worst option of a scale, by fraction (the first of equals). */
function bestAndWorst(scale: Scale): { best: number; worst: number } {
  const fractions = scaleOptions(scale).map((o) => o.fraction);
  return { best: fractions.indexOf(Math.max(...fractions)), worst: fractions.indexOf(Math.min(...fractions)) };
}

/**
 * The patch for "Pre-rated by a check": none removes the mapping; a check of the kind the criterion already maps
 * keeps its map (yes/no options, or bands when it is the same number check); otherwise a start to edit: yes is the
 * best option and no the worst, or one band on the better side of a usual line with the best option, else the worst.
 */
export function autoPatch(c: Pick<Criterion, 'scale' | 'auto'>, check: CheckId | null): CriterionPatch {
  if (check === null) return { auto: undefined };
  const { best, worst } = bestAndWorst(c.scale);
  const was = c.auto;
  if (CHECK_KINDS[check] === 'boolean') return { auto: { check, whenTrue: was?.whenTrue ?? best, whenFalse: was?.whenFalse ?? worst } };
  if (was?.check === check && was.bands) return { auto: { ...was } };
  return { auto: { check, bands: [{ ...FIRST_BAND[check as NumberCheck], option: best }], otherwise: worst } };
}

export type AutoBand = NonNullable<AutoScore['bands']>[number];
export type BandSide = 'atLeast' | 'atMost';

/** A band's side and its line. */
export const bandParts = (b: AutoBand): { side: BandSide; value: number } =>
  'atLeast' in b ? { side: 'atLeast', value: b.atLeast } : { side: 'atMost', value: b.atMost };

/** The band with a new side, line or option. */
export function bandWith(b: AutoBand, change: { side?: BandSide; value?: number; option?: number }): AutoBand {
  const { side, value } = { ...bandParts(b), ...change };
  const option = change.option ?? b.option;
  return side === 'atLeast' ? { atLeast: value, option } : { atMost: value, option };
}

/** A bonus is never N/A nor critical (docs/decisions/027-scorecard-format-2.md): marking one clears both. */
const BONUS_CLEARS: CriterionPatch = { allowNA: false, critical: null, failBelow: undefined };

/** The patch for a criterion's Bonus checkbox; unticked, the field goes, so a card without bonus stays format 1. */
export const bonusPatch = (on: boolean): CriterionPatch => (on ? { bonus: true, ...BONUS_CLEARS } : { bonus: undefined });

/** The best answer to each scoring criterion: the option with the highest fraction. */
function bestAnswers(draft: Draft): Answer[] {
  return draft.sections.flatMap((s) =>
    s.criteria
      .filter((c) => c.scoring !== false)
      .map((c) => {
        const fractions = scaleOptions(c.scale).map((o) => o.fraction);
        return { criterionId: c.id, rating: fractions.indexOf(Math.max(...fractions)) };
      }),
  );
}

export const hasBonus = (draft: Pick<Draft, 'sections'>): boolean =>
  draft.sections.some((s) => s.criteria.some((c) => c.scoring !== false && isBonus(s, c)));

/**
 * The highest score the card's bonus can reach: core's own score of every criterion at its best, uncapped, rounded up
 * to the cent so the cap never bites. Undefined without bonus, or when that is not above 100 or not a number yet.
 */
export function bonusReach(draft: Draft): number | undefined {
  if (!hasBonus(draft)) return undefined;
  const { maxScoreAuto: _m, ...card } = draft;
  const r = scoreEvaluation({ ...card, maxScore: MAX_BONUS_SCORE }, bestAnswers(draft)).rawScore;
  if (r === null || !Number.isFinite(r) || r <= 100) return undefined;
  return Math.min(MAX_BONUS_SCORE, Math.ceil(Math.round(r * 1e6) / 1e4) / 100);
}

/** Keeps the highest score with the bonus: following it while automatic, gone when no bonus is left. */
function withMaxScore(draft: Draft): Draft {
  if (!hasBonus(draft))
    return draft.maxScore === undefined && draft.maxScoreAuto ? draft : { ...draft, maxScore: undefined, maxScoreAuto: true };
  if (!draft.maxScoreAuto) return draft;
  const reach = bonusReach(draft);
  return reach === draft.maxScore ? draft : { ...draft, maxScore: reach };
}

/** Moves one item within a list; out-of-range targets are clamped. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const target = Math.max(0, Math.min(list.length - 1, to));
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

const replaceAt = <T>(list: readonly T[], i: number, f: (x: T) => T): T[] => list.map((x, j) => (j === i ? f(x) : x));

function setCriterion(draft: Draft, at: Place, patch: CriterionPatch): Draft {
  return {
    ...draft,
    sections: replaceAt(draft.sections, at.section, (s) => ({
      ...s,
      criteria: replaceAt(s.criteria, at.criterion, (c) => {
        const next: DraftCriterion = { ...c, ...patch };
        // a points criterion is worth its points: choosing the scale sets the weight to N, and a new N carries the
        // weight along while it was the old N (a half-typed N leaves it be)
        const points = 'points' in next.scale ? next.scale.points : undefined;
        if (patch.weight !== undefined) next.pointsWeight = patch.weight === points;
        else if (points !== undefined && patch.scale && next.scoring !== false) {
          const follows = !('points' in c.scale) || c.pointsWeight === true;
          if (follows && Number.isFinite(points)) next.weight = points;
          next.pointsWeight = follows;
        }
        // a criterion made in this session takes its id from its label until someone edits the id
        if (patch.id !== undefined) next.autoId = false;
        else if (patch.label !== undefined && c.autoId) next.id = uniqueId(slugify(patch.label) || 'criterion', criterionIds(draft, c));
        return next;
      }),
    })),
  };
}

function setSection(draft: Draft, index: number, patch: SectionPatch): Draft {
  return {
    ...draft,
    sections: replaceAt(draft.sections, index, (s) => {
      const next: DraftSection = { ...s, ...patch };
      if (patch.bonus) next.criteria = s.criteria.map((c) => ({ ...c, ...BONUS_CLEARS }));
      if (patch.id !== undefined) next.autoId = false;
      else if (patch.name !== undefined && s.autoId) next.id = uniqueId(slugify(patch.name) || 'section', sectionIds(draft, s));
      return next;
    }),
  };
}

function moveCriterion(draft: Draft, from: Place, to: Place): Draft {
  const source = draft.sections[from.section];
  const item = source?.criteria[from.criterion];
  if (!source || !item || !draft.sections[to.section]) return draft;
  if (from.section === to.section) {
    return {
      ...draft,
      sections: replaceAt(draft.sections, from.section, (s) => ({ ...s, criteria: move(s.criteria, from.criterion, to.criterion) })),
    };
  }
  // moving across sections: a section must keep at least one criterion, the schema says so and shows it
  const sections = draft.sections.map((s, i) => {
    if (i === from.section) return { ...s, criteria: s.criteria.filter((_, j) => j !== from.criterion) };
    if (i === to.section) {
      const criteria = [...s.criteria];
      criteria.splice(Math.max(0, Math.min(criteria.length, to.criterion)), 0, item);
      return { ...s, criteria };
    }
    return s;
  });
  return { ...draft, sections };
}

export function editorReducer(draft: Draft, action: EditorAction): Draft {
  if (action.type === 'load') return action.draft;
  // a highest score typed by hand stays, unless it is what the bonus reaches: then it follows again
  if (action.type === 'set' && 'maxScore' in action.patch)
    return { ...draft, ...action.patch, maxScoreAuto: action.patch.maxScore === bonusReach(draft) };
  return withMaxScore(edit(draft, action));
}

function edit(draft: Draft, action: Exclude<EditorAction, { type: 'load' }>): Draft {
  switch (action.type) {
    case 'set':
      return { ...draft, ...action.patch };
    case 'set-applies-to':
      return { ...draft, appliesTo: { ...draft.appliesTo, ...action.patch } };
    case 'add-section':
      return { ...draft, sections: [...draft.sections, blankSection(draft)] };
    case 'remove-section':
      return { ...draft, sections: draft.sections.filter((_, i) => i !== action.section) };
    case 'move-section':
      return { ...draft, sections: move(draft.sections, action.from, action.to) };
    case 'set-section':
      return setSection(draft, action.section, action.patch);
    case 'add-criterion':
      return {
        ...draft,
        sections: replaceAt(draft.sections, action.section, (s) => ({ ...s, criteria: [...s.criteria, blankCriterion(draft)] })),
      };
    case 'remove-criterion':
      return {
        ...draft,
        sections: replaceAt(draft.sections, action.at.section, (s) => ({
          ...s,
          criteria: s.criteria.filter((_, j) => j !== action.at.criterion),
        })),
      };
    case 'move-criterion':
      return moveCriterion(draft, action.from, action.to);
    case 'set-criterion':
      return setCriterion(draft, action.at, action.patch);
  }
}

export interface RootCauseRow {
  label: string;
  kind: RootCauseKind;
}

/** Root causes as rows of label and kind; a label without a kind is an agent-skill cause. */
export function rootCauseRows(c: Pick<Criterion, 'rootCauses' | 'rootCauseKinds'>): RootCauseRow[] {
  return c.rootCauses.map((label) => ({ label, kind: c.rootCauseKinds?.[label] ?? 'agent-skill' }));
}

export function rootCausePatch(rows: readonly RootCauseRow[]): CriterionPatch {
  return {
    rootCauses: rows.map((r) => r.label),
    rootCauseKinds: rows.length ? Object.fromEntries(rows.map((r) => [r.label, r.kind])) : undefined,
  };
}
