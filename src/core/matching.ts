import type { AppliesTo } from './scorecard.ts';

/** The ticket facts applies-to rules look at. */
export interface TicketFacts {
  groupId: number | null;
  /** `via.channel`, e.g. "email", "web", "chat", "voice", "native_messaging". */
  channel: string | null;
  brandId: number | null;
  formId: number | null;
  tags: readonly string[];
}

export interface Matchable {
  id: string;
  name: string;
  appliesTo: AppliesTo;
}

type Rule = { constrained: (a: AppliesTo) => number; matches: (a: AppliesTo, t: TicketFacts) => boolean };

const inList = <T>(list: readonly T[], value: T | null) => value !== null && list.includes(value);

/** One row per dimension; an empty list means "any". */
const RULES: Rule[] = [
  { constrained: (a) => a.groupIds.length, matches: (a, t) => inList(a.groupIds, t.groupId) },
  { constrained: (a) => a.channels.length, matches: (a, t) => inList(a.channels, t.channel) },
  { constrained: (a) => a.brandIds.length, matches: (a, t) => inList(a.brandIds, t.brandId) },
  { constrained: (a) => a.formIds.length, matches: (a, t) => inList(a.formIds, t.formId) },
  { constrained: (a) => a.tags.length, matches: (a, t) => a.tags.some((tag) => t.tags.includes(tag)) },
];

function applies(a: AppliesTo, ticket: TicketFacts): boolean {
  return RULES.every((r) => r.constrained(a) === 0 || r.matches(a, ticket));
}

/** How narrowly a rule set targets: more constrained dimensions first, then fewer listed values. */
function specificity(a: AppliesTo): [number, number] {
  const sizes = RULES.map((r) => r.constrained(a)).filter((n) => n > 0);
  return [sizes.length, sizes.reduce((x, y) => x + y, 0)];
}

/** The published scorecards that apply to a ticket, most specific first (ties by name, then id). */
export function matchScorecards<T extends Matchable>(scorecards: readonly T[], ticket: TicketFacts): T[] {
  return scorecards
    .filter((s) => applies(s.appliesTo, ticket))
    .map((s) => ({ s, spec: specificity(s.appliesTo) }))
    .sort((x, y) => y.spec[0] - x.spec[0] || x.spec[1] - y.spec[1] || x.s.name.localeCompare(y.s.name) || x.s.id.localeCompare(y.s.id))
    .map((x) => x.s);
}
