/**
 * A scorecard's problems in the admin's words and language: core says what is wrong as a code and its values
 * (core/issues.ts issueInfos), this names the place as the admin sees it, e.g. "Section ‘Tone’, criterion
 * ‘Greeting’: weight must be 0 or more", from the definition being edited or imported.
 */
import { formatPath, type IssueInfo } from '../../../core/issues.ts';
import type { Translate } from '../../i18n/translate.ts';

/** Lists whose item counts a problem can be about: their nouns have plural forms (ui.admin.issues.items.*). */
export const ISSUE_LISTS = [
  'sections',
  'criteria',
  'options',
  'choices',
  'rootCauses',
  'channels',
  'groupIds',
  'brandIds',
  'formIds',
  'tags',
  'entries',
] as const;
type List = (typeof ISSUE_LISTS)[number];

/** Fields a problem can name (ui.admin.issues.fields.*); some take the item's number or label. */
export const ISSUE_FIELDS = [
  'name',
  'description',
  'method',
  'passThreshold',
  'naPolicy',
  'appliesTo',
  'channel',
  'groupId',
  'brandId',
  'formId',
  'tag',
  'sectionId',
  'sectionName',
  'sectionWeight',
  'id',
  'label',
  'guidance',
  'scale',
  'option',
  'optionLabel',
  'optionFraction',
  'weight',
  'allowNA',
  'critical',
  'cap',
  'rootCause',
  'rootCauseKind',
  'commentRequiredAtOrBelow',
  'metric',
  'maxScore',
  'sectionBonus',
  'bonus',
  'scoring',
  'failBelow',
  'points',
  'choice',
  'optionOutcome',
  'auto',
  'autoWhenTrue',
  'autoWhenFalse',
  'autoOtherwise',
  'autoBand',
  'autoBandOption',
] as const;
type Field = (typeof ISSUE_FIELDS)[number];

/** The types a value can be expected to have (ui.admin.issues.types.*). */
export const ISSUE_TYPES = ['number', 'int', 'string', 'boolean', 'array', 'object'] as const;

/** One problem: where it shows beside its field (`path`, `local`) and in the list of all (`line`). */
export interface IssueText {
  path: string;
  local: string;
  line: string;
}

type Where = { place: string; field: string | null; list: List | null };

const at = (source: unknown, ...keys: PropertyKey[]): unknown =>
  keys.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), source);
const named = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const isIndex = (k: PropertyKey | undefined): k is number => typeof k === 'number';

const APPLIES_TO: Record<string, [List, Field]> = {
  channels: ['channels', 'channel'],
  groupIds: ['groupIds', 'groupId'],
  brandIds: ['brandIds', 'brandId'],
  formIds: ['formIds', 'formId'],
  tags: ['tags', 'tag'],
};
const TOP: Record<string, Field> = {
  name: 'name',
  description: 'description',
  method: 'method',
  passThreshold: 'passThreshold',
  naPolicy: 'naPolicy',
  appliesTo: 'appliesTo',
  maxScore: 'maxScore',
};
const SECTION: Record<string, Field> = { id: 'sectionId', name: 'sectionName', weight: 'sectionWeight', bonus: 'sectionBonus' };
const CRITERION: Record<string, Field> = {
  id: 'id',
  label: 'label',
  guidance: 'guidance',
  scale: 'scale',
  weight: 'weight',
  allowNA: 'allowNA',
  critical: 'critical',
  rootCauses: 'rootCause',
  rootCauseKinds: 'rootCauseKind',
  commentRequiredAtOrBelow: 'commentRequiredAtOrBelow',
  metric: 'metric',
  failBelow: 'failBelow',
  bonus: 'bonus',
  scoring: 'scoring',
  auto: 'auto',
};
/** A check's mapping's parts as the admin sees them (the band's own parts: autoBandOption, else the band). */
const AUTO_PART: Record<string, Field> = { whenTrue: 'autoWhenTrue', whenFalse: 'autoWhenFalse', otherwise: 'autoOtherwise' };
/** An option's parts as the admin sees them. */
const OPTION_PART: Record<string, Field> = { label: 'optionLabel', fraction: 'optionFraction', countsAsFail: 'optionOutcome' };

const fieldName = (t: Translate, f: Field, vars?: Record<string, string | number>) => t(`ui.admin.issues.fields.${f}`, vars);

function criterionField(rest: readonly PropertyKey[], t: Translate): Pick<Where, 'field' | 'list'> {
  const [key, index] = rest;
  if (key === 'scale' && index === 'options') {
    const o = rest[2];
    if (!isIndex(o)) return { field: null, list: 'options' };
    const part = (typeof rest[3] === 'string' && OPTION_PART[rest[3]]) || 'option';
    return { field: fieldName(t, part, { n: o + 1 }), list: null };
  }
  if (key === 'scale' && index === 'points') return { field: fieldName(t, 'points'), list: null };
  if (key === 'scale' && index === 'choices')
    return isIndex(rest[2]) ? { field: fieldName(t, 'choice', { n: rest[2] + 1 }), list: null } : { field: null, list: 'choices' };
  if (key === 'auto' && typeof index === 'string' && AUTO_PART[index]) return { field: fieldName(t, AUTO_PART[index]), list: null };
  if (key === 'auto' && index === 'bands')
    return isIndex(rest[2])
      ? { field: fieldName(t, rest[3] === 'option' ? 'autoBandOption' : 'autoBand', { n: rest[2] + 1 }), list: null }
      : { field: fieldName(t, 'auto'), list: null };
  if (key === 'critical' && index === 'cap') return { field: fieldName(t, 'cap'), list: null };
  if (key === 'rootCauses')
    return isIndex(index) ? { field: fieldName(t, 'rootCause', { n: index + 1 }), list: null } : { field: null, list: 'rootCauses' };
  if (key === 'rootCauseKinds' && typeof index === 'string') return { field: fieldName(t, 'rootCauseKind', { label: index }), list: null };
  const f = typeof key === 'string' ? CRITERION[key] : undefined;
  // a union's branch (scale.preset, critical.effect, metric.target) is its field's problem
  if (f && (rest.length === 1 || key === 'scale' || key === 'critical' || key === 'metric' || key === 'auto'))
    return { field: fieldName(t, f), list: null };
  return { field: rest.length ? formatPath(rest) : null, list: null };
}

/** Where a problem is, named as the admin sees it, from the definition as it was checked. */
function whereOf(path: readonly PropertyKey[], source: unknown, t: Translate): Where {
  const field = (f: Field, vars?: Record<string, string | number>) => fieldName(t, f, vars);
  const card = t('ui.admin.issues.scorecard');
  const [top, s, sub, c] = path;
  if (top === 'sections' && isIndex(s)) {
    const sectionName = named(at(source, 'sections', s, 'name'));
    const section = sectionName ? t('ui.admin.issues.section', { name: sectionName }) : t('ui.admin.issues.sectionN', { n: s + 1 });
    if (sub === 'criteria' && isIndex(c)) {
      const label = named(at(source, 'sections', s, 'criteria', c, 'label'));
      const criterion = label ? t('ui.admin.issues.criterion', { name: label }) : t('ui.admin.issues.criterionN', { n: c + 1 });
      return { place: `${section}, ${criterion}`, ...criterionField(path.slice(4), t) };
    }
    if (sub === 'criteria' && path.length === 3) return { place: section, field: null, list: 'criteria' };
    const f = typeof sub === 'string' ? SECTION[sub] : undefined;
    return { place: section, field: f && path.length === 3 ? field(f) : path.length > 2 ? formatPath(path.slice(2)) : null, list: null };
  }
  if (top === 'sections' && path.length === 1) return { place: card, field: null, list: 'sections' };
  if (top === 'appliesTo' && typeof s === 'string' && APPLIES_TO[s]) {
    const [list, item] = APPLIES_TO[s];
    return isIndex(sub) ? { place: card, field: field(item, { n: sub + 1 }), list: null } : { place: card, field: null, list };
  }
  const f = typeof top === 'string' && path.length === 1 ? TOP[top] : undefined;
  return { place: card, field: f ? field(f) : path.length ? formatPath(path) : null, list: null };
}

const capitalise = (s: string) => (s ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s);

/** The problem itself, in the user's language: "weight must be 0 or more", "needs at least 1 criterion". */
function problemOf(issue: IssueInfo, where: Where, t: Translate): string {
  const field = where.field ?? t('ui.admin.issues.fields.value');
  const { code, params } = issue;
  if (code === 'min-items' || code === 'max-items') {
    const items = t(`ui.admin.issues.items.${where.list ?? 'entries'}`, { count: Number(params.count) });
    return t(`ui.admin.issues.codes.${code}`, { items });
  }
  if (code === 'type') {
    const expected = String(params.expected);
    const type = (ISSUE_TYPES as readonly string[]).includes(expected) ? t(`ui.admin.issues.types.${expected}`) : expected;
    return t('ui.admin.issues.codes.type', { field, type });
  }
  return t(`ui.admin.issues.codes.${code}`, { ...params, field, message: issue.message });
}

/** Each problem beside its field (`local`, starting with a capital) and in the list of all (`line`, naming its place). */
export function issueTexts(issues: readonly IssueInfo[], source: unknown, t: Translate): IssueText[] {
  return issues.map((issue) => {
    const where = whereOf(issue.path, source, t);
    const problem = problemOf(issue, where, t);
    return {
      path: formatPath(issue.path) || '(root)',
      local: capitalise(problem),
      line: t('ui.admin.issues.line', { place: where.place, problem }),
    };
  });
}
