/**
 * AutoQA for people (decision 030): one ticket's results with their evidence and the suggested ratings of a scorecard
 * version's pre-rated criteria, the suggestions stored beside a reviewer's ratings, each check's agreement with
 * reviewers and whether it is trusted, and the figures and spotlight over the synced tickets. Results are computed by
 * the runner (after each sync run) and, when missing or stale, here for the one ticket asked for.
 */
import { autoRating, CHECK_KINDS, type CheckId, type CheckValueOf } from '../../core/autoqa.ts';
import type {
  AutoQaCheckSummary,
  AutoQaFigures,
  AutoQaFilters,
  AutoQaResult,
  AutoQaSettingsChange,
  AutoQaTrust,
  CheckTrust,
  CriterionAgreement,
  Spotlight,
  SpotlightQuery,
  SpotlightReason,
  TicketAutoQa,
  TicketAutoQaQuery,
  TrustStatus,
} from '../../core/contract/autoqa.ts';
import { cohenKappaFromTable, type Kappa, type KappaWeights } from '../../core/kappa.ts';
import { instantRange, type InstantRange } from '../../core/reports.ts';
import { scaleOptions, allCriteria, type ScorecardDefinition } from '../../core/scorecard.ts';
import { meanFromSums, wilson } from '../../core/stats.ts';
import { accountCheckSet, checkTickets, METRIC_CHECKS } from '../autoqa/runner.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { Clock } from '../deps.ts';
import { notFound } from '../errors.ts';
import {
  agreementCells,
  commentBodies,
  populationCounts,
  resultSums,
  resultsOf,
  saveAutoQaSettings,
  spotlightRows,
  type StoredAutoQaSettings,
  storedAutoQaSettings,
  type StoredResult,
  ticketToCheck,
} from '../store/autoqa.ts';
import { audit } from '../store/journal.ts';
import { syncedState } from '../store/synced-population.ts';
import { definitionOf, findVersion, scorecardVersions } from '../store/scorecards.ts';

export const DEFAULT_AUTOQA_SETTINGS = { minKappa: 0.6, minN: 20 } as const;

const iso = (d: Date | string) => new Date(d).toISOString();

// ---------------------------------------------------------------------------------------------
// One ticket

/** The ticket's results, computed now when missing or stale; null when the ticket is not synced. */
async function currentResults(db: Db, account: string, ticketId: number, clock: Clock) {
  const set = await accountCheckSet(db, account);
  const found = await ticketToCheck(db, account, ticketId, set.keys);
  if (!found) return null;
  if (!found.current) await checkTickets(db, account, [found.ticket], { clock, checks: set });
  return resultsOf(db, account, ticketId);
}

const resultValue = (r: Pick<StoredResult, 'applicable' | 'value_bool' | 'value_num'>): CheckValueOf =>
  !r.applicable ? null : (r.value_bool ?? r.value_num);

/** The option each pre-rated criterion of `card` suggests for these results. */
function ratingsFor(card: ScorecardDefinition, results: readonly StoredResult[]) {
  const byCheck = new Map(results.map((r) => [r.check_id, r]));
  const out: Array<{ criterionId: string; checkId: CheckId; rating: number | null }> = [];
  for (const { criterion } of allCriteria(card)) {
    if (!criterion.auto) continue;
    const result = byCheck.get(criterion.auto.check);
    out.push({
      criterionId: criterion.id,
      checkId: criterion.auto.check,
      rating: result ? autoRating(criterion.auto, resultValue(result)) : null,
    });
  }
  return out;
}

export async function ticketAutoQa(db: Db, actor: Actor, ticketId: number, query: TicketAutoQaQuery, clock: Clock): Promise<TicketAutoQa> {
  let card: ScorecardDefinition | null = null;
  if (query.scorecardId !== undefined && query.version !== undefined) {
    const version = await findVersion(db, actor.account, query.scorecardId, query.version);
    if (!version?.definition) throw notFound('scorecard version');
    card = definitionOf(version.definition);
  }
  const stored = await currentResults(db, actor.account, ticketId, clock);
  if (!stored?.checked)
    return { ticketId, synced: stored !== null, text: false, ticketUpdatedAt: null, results: [], ratings: card ? [] : null };
  const trusted = trustedChecks(await autoQaTrust(db, actor.account));
  const bodies = await commentBodies(db, actor.account, [...new Set(stored.results.flatMap((r) => r.evidence.map((e) => e.commentId)))]);
  const order = Object.keys(CHECK_KINDS);
  const results: AutoQaResult[] = stored.results
    .map((r) => ({
      checkId: r.check_id as CheckId,
      version: r.check_version,
      applicable: r.applicable,
      value: resultValue(r),
      scale: (r.scale as AutoQaResult['scale']) ?? null,
      reason: r.applicable ? null : (r.reason as AutoQaResult['reason']),
      detail: r.detail,
      language: r.language,
      evidence: r.evidence.map((e) => ({ ...e, text: bodies.get(e.commentId)?.slice(e.start, e.end) ?? '' })),
      details: r.details,
      computedAt: iso(r.computed_at),
      trusted: trusted.has(r.check_id),
    }))
    .filter((r) => order.includes(r.checkId));
  // a ticket without text: the text checks say so instead of being left out
  if (!stored.checked.withText) {
    const at = results[0]?.computedAt ?? iso(clock.now());
    for (const id of order) {
      if (METRIC_CHECKS.has(id)) continue;
      results.push({
        checkId: id as CheckId,
        version: 0,
        applicable: false,
        value: null,
        scale: null,
        reason: 'no-text',
        detail: 'the conversation text of this ticket is not synced',
        language: null,
        evidence: [],
        details: null,
        computedAt: at,
        trusted: trusted.has(id),
      });
    }
  }
  results.sort((a, b) => order.indexOf(a.checkId) - order.indexOf(b.checkId));
  return {
    ticketId,
    synced: true,
    text: stored.checked.withText,
    ticketUpdatedAt: iso(stored.checked.updatedAt),
    results,
    ratings: card ? ratingsFor(card, stored.results).map((r) => ({ ...r, trusted: trusted.has(r.checkId) })) : null,
  };
}

/**
 * What the service suggests for each pre-rated criterion of `card` on the ticket, from its own results (computed now
 * when missing or stale): stored beside the reviewer's ratings when an evaluation is stored. Nothing the browser sends
 * about automatic values is read. Empty when the card pre-rates nothing or the ticket is not synced.
 */
export async function suggestedRatings(
  db: Db,
  account: string,
  ticketId: number,
  card: ScorecardDefinition,
  clock: Clock,
): Promise<Map<string, { check: string; rating: number | null }>> {
  if (!allCriteria(card).some(({ criterion }) => criterion.auto)) return new Map();
  // a check that fails must not lose a reviewer's submit: the stored results then, stale or none
  const stored = await currentResults(db, account, ticketId, clock).catch(() => resultsOf(db, account, ticketId));
  if (!stored) return new Map();
  return new Map(ratingsFor(card, stored.results).map((r) => [r.criterionId, { check: r.checkId, rating: r.rating }]));
}

// ---------------------------------------------------------------------------------------------
// Trust

function settingsOf(stored: StoredAutoQaSettings | null): AutoQaTrust['settings'] {
  return stored
    ? {
        minKappa: stored.minKappa,
        minN: stored.minN,
        spellingAllowList: stored.spellingAllowList,
        updatedAt: stored.updatedAt ? iso(stored.updatedAt) : null,
        updatedBy: stored.updatedBy,
      }
    : { ...DEFAULT_AUTOQA_SETTINGS, spellingAllowList: [], updatedAt: null, updatedBy: null };
}

const emptyTable = (k: number) => Array.from({ length: k }, () => new Array<number>(k).fill(0));
const weightsFor = (k: number): KappaWeights => (k > 2 ? 'quadratic' : 'unweighted');

function tableOf(cells: ReadonlyArray<{ suggested: number; rating: number; n: number }>, k: number): number[][] {
  const table = emptyTable(k);
  for (const c of cells) table[c.suggested]![c.rating]! += c.n;
  return table;
}

const overridesOf = (cells: ReadonlyArray<{ suggested: number; rating: number; n: number }>) =>
  cells.reduce((s, c) => (c.suggested === c.rating ? s : s + c.n), 0);

function statusOf(checkId: string, kappa: Kappa, settings: AutoQaTrust['settings']): TrustStatus {
  // reply and resolution times are Zendesk's own figures, not a judgement: trusted as they are (agreement still shown)
  if (METRIC_CHECKS.has(checkId)) return 'trusted';
  if (kappa.n < settings.minN) return 'too-few';
  return kappa.kappa !== null && kappa.kappa >= settings.minKappa ? 'trusted' : 'below-threshold';
}

/**
 * Each check's agreement with reviewers: every counted evaluation's answer to a pre-rated criterion with both a
 * suggested and a human rating is one pair. Per criterion (over its scorecard's versions, by option index), and per
 * check pooled over its criteria by option index; quadratic weights over more than two ordered options.
 */
export async function autoQaTrust(q: Queryable, account: string): Promise<AutoQaTrust> {
  const [stored, cells] = await Promise.all([storedAutoQaSettings(q, account), agreementCells(q, account)]);
  const settings = settingsOf(stored);
  const versions = await scorecardVersions(q, account, [...new Set(cells.map((c) => `${c.scorecardId}@${c.version}`))]);
  const definitions = new Map(versions.map((v) => [`${v.id}@${v.version}`, definitionOf(v.definition)]));
  const byCriterion = new Map<
    string,
    { check: string; scorecardId: string; criterionId: string; label: string; k: number; cells: typeof cells }
  >();
  for (const c of cells) {
    const key = `${c.check}\u0000${c.scorecardId}\u0000${c.criterionId}`;
    const criterion = allCriteria(definitions.get(`${c.scorecardId}@${c.version}`) ?? { sections: [] }).find(
      (x) => x.criterion.id === c.criterionId,
    )?.criterion;
    const k = Math.max(criterion ? scaleOptions(criterion.scale).length : 0, c.suggested + 1, c.rating + 1);
    const entry = byCriterion.get(key);
    if (entry) {
      entry.cells.push(c);
      entry.k = Math.max(entry.k, k);
      if (criterion) entry.label = criterion.label;
    } else {
      byCriterion.set(key, {
        check: c.check,
        scorecardId: c.scorecardId,
        criterionId: c.criterionId,
        label: criterion?.label ?? c.criterionId,
        k,
        cells: [c],
      });
    }
  }
  const checks: CheckTrust[] = Object.keys(CHECK_KINDS).map((checkId) => {
    const own = [...byCriterion.values()].filter((e) => e.check === checkId);
    const criteria: CriterionAgreement[] = own.map((e) => ({
      scorecardId: e.scorecardId,
      criterionId: e.criterionId,
      label: e.label,
      weights: weightsFor(e.k),
      kappa: cohenKappaFromTable(tableOf(e.cells, e.k), weightsFor(e.k)),
      overrides: overridesOf(e.cells),
    }));
    const k = Math.max(2, ...own.map((e) => e.k));
    const pooled = own.flatMap((e) => e.cells);
    const kappa = cohenKappaFromTable(tableOf(pooled, k), weightsFor(k));
    const status = statusOf(checkId, kappa, settings);
    return { checkId: checkId as CheckId, kappa, overrides: overridesOf(pooled), status, trusted: status === 'trusted', criteria };
  });
  return { settings, checks };
}

const trustedChecks = (trust: AutoQaTrust) => new Set<string>(trust.checks.filter((c) => c.trusted).map((c) => c.checkId));

/** The words (already trimmed by the contract) in their order, each kept once whatever its case (the first spelling). */
function uniqueWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const lower = w.toLowerCase();
    if (seen.has(lower)) return false;
    seen.add(lower);
    return true;
  });
}

/**
 * Applies the keys `change` names, audited with each changed key's value before and after. A changed spelling
 * allow-list makes the account's results stale (the checks' key carries its hash): the next run recomputes them, and a
 * ticket asked for on demand at once.
 */
export async function changeAutoQaSettings(db: Db, actor: Actor, change: AutoQaSettingsChange, now: Date): Promise<AutoQaTrust> {
  await db.transaction(async (tx) => {
    const before = settingsOf(await storedAutoQaSettings(tx, actor.account, true));
    const after = {
      minKappa: change.minKappa ?? before.minKappa,
      minN: change.minN ?? before.minN,
      spellingAllowList: change.spellingAllowList ? uniqueWords(change.spellingAllowList) : before.spellingAllowList,
    };
    const same = (k: 'minKappa' | 'minN' | 'spellingAllowList') =>
      k === 'spellingAllowList' ? before[k].join('\n') === after[k].join('\n') : before[k] === after[k];
    const changed = (['minKappa', 'minN', 'spellingAllowList'] as const).filter((k) => !same(k));
    if (changed.length === 0) return;
    await saveAutoQaSettings(tx, actor.account, { ...after, updatedAt: now, updatedBy: actor.userId });
    await audit(
      tx,
      actor,
      now,
      'autoqa.settings',
      'autoqa-settings',
      actor.account,
      Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
    );
  });
  return autoQaTrust(db, actor.account);
}

// ---------------------------------------------------------------------------------------------
// Figures over the synced population

function figures(
  kind: 'boolean' | 'number',
  s: { applicable: number; notApplicable: number; yes: number; sum: number; sumsq: number } | undefined,
): AutoQaFigures {
  const applicable = s?.applicable ?? 0;
  const notApplicable = s?.notApplicable ?? 0;
  if (kind === 'boolean') return { applicable, notApplicable, pass: wilson(s?.yes ?? 0, applicable), mean: null };
  return { applicable, notApplicable, pass: null, mean: meanFromSums(applicable, s?.sum ?? 0, s?.sumsq ?? 0) };
}

/** AutoQA per check over the synced tickets solved in the period; trusted checks only unless asked. */
export async function autoQaSummary(db: Db, actor: Actor, filters: AutoQaFilters) {
  const range = instantRange(filters);
  const [counts, sums, trust] = await Promise.all([
    populationCounts(db, actor.account, filters, range),
    resultSums(db, actor.account, filters, range),
    autoQaTrust(db, actor.account),
  ]);
  const trusted = trustedChecks(trust);
  if (counts.tickets === 0 && sums.length === 0 && !(await syncedState(db, actor.account)))
    return { source: 'none' as const, tickets: 0, checked: 0, checks: [] };
  const checks: AutoQaCheckSummary[] = [];
  for (const [checkId, kind] of Object.entries(CHECK_KINDS) as Array<[CheckId, 'boolean' | 'number']>) {
    if (!trusted.has(checkId) && !filters.includeUntrusted) continue;
    const own = sums.filter((s) => s.checkId === checkId);
    const rows = (dimension: 'agent' | 'group' | 'channel') =>
      own
        .filter((s) => s.dimension === dimension)
        .map((s) => ({ key: s.key, ...figures(kind, s) }))
        .sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '', 'en', { numeric: true }));
    checks.push({
      checkId,
      kind,
      trusted: trusted.has(checkId),
      all: figures(
        kind,
        own.find((s) => s.dimension === null),
      ),
      byAgent: rows('agent'),
      byGroup: rows('group'),
      byChannel: rows('channel'),
    });
  }
  return { source: 'synced' as const, ...counts, checks };
}

/**
 * What counts as a low result (a ticket worth a look): no greeting, no closing, three or more misspellings, hard to
 * read (below 50). Apology and empathy are called for by some conversations only, so their absence is not low;
 * sentiment has its own reason.
 */
const LOW_RULES: Record<string, string> = {
  greeting: 'r.value_bool = false',
  closing: 'r.value_bool = false',
  spelling: 'r.value_num >= 3',
  readability: 'r.value_num < 50',
};
const SENTIMENT_DROP = 3;
const WEIGHTS: Record<SpotlightReason, number> = { 'low-auto': 1, 'sentiment-drop': 2, reopened: 1.5, 'long-resolution': 1 };

/** The synced tickets solved in the period most worth a human look, highest score first (ties: lower ticket id). */
export async function autoQaSpotlight(db: Db, actor: Actor, query: SpotlightQuery): Promise<Spotlight> {
  const trusted = query.includeUntrusted ? new Set(Object.keys(CHECK_KINDS)) : trustedChecks(await autoQaTrust(db, actor.account));
  const tickets = await spotlightTickets(db, actor.account, query, instantRange(query), trusted);
  if (tickets.length === 0 && !(await syncedState(db, actor.account))) return { source: 'none', tickets: [] };
  return { source: 'synced', tickets: tickets.slice(0, query.limit ?? 50) };
}

/** Every spotlight ticket of the range (score above 0), highest first; `trusted`: the checks whose results count. */
export async function spotlightTickets(
  q: Queryable,
  account: string,
  filters: Pick<AutoQaFilters, 'groupId' | 'channel' | 'revieweeId'>,
  range: InstantRange,
  trusted: ReadonlySet<string>,
): Promise<Spotlight['tickets']> {
  const low = Object.fromEntries(Object.entries(LOW_RULES).filter(([id]) => trusted.has(id)));
  const sentiment = trusted.has('sentiment-start') && trusted.has('sentiment-end');
  const rows = await spotlightRows(q, account, filters, range, low, sentiment, SENTIMENT_DROP);
  const out = rows.map((r) => {
    const reasons: SpotlightReason[] = [];
    const why: string[] = [];
    let score = 0;
    for (const l of [...(r.low ?? [])].sort((a, b) => a.check.localeCompare(b.check))) {
      score += WEIGHTS['low-auto'];
      why.push(`${l.check}: ${typeof l.value === 'boolean' ? (l.value ? 'yes' : 'no') : Math.round(l.value * 10) / 10}`);
    }
    if ((r.low ?? []).length > 0) reasons.push('low-auto');
    if (r.sentimentStart !== null && r.sentimentEnd !== null && r.sentimentStart - r.sentimentEnd >= SENTIMENT_DROP) {
      reasons.push('sentiment-drop');
      score += WEIGHTS['sentiment-drop'];
      why.push(`customer sentiment ${r.sentimentStart} → ${r.sentimentEnd}`);
    }
    if ((r.reopens ?? 0) > 0) {
      reasons.push('reopened');
      score += WEIGHTS.reopened;
      why.push(`reopened ${r.reopens}×`);
    }
    if (r.longAbove !== null && r.fullResolutionMinutes !== null && r.fullResolutionMinutes > r.longAbove) {
      reasons.push('long-resolution');
      score += WEIGHTS['long-resolution'];
      why.push(`resolution ${r.fullResolutionMinutes} min (75th percentile ${Math.round(r.longAbove)})`);
    }
    return {
      ticketId: Number(r.ticketId),
      agentId: r.agentId === null ? null : Number(r.agentId),
      groupId: r.groupId === null ? null : Number(r.groupId),
      channel: r.channel,
      subject: r.subject,
      solvedAt: iso(r.solvedAt),
      score,
      reasons,
      why,
      reviewed: r.reviewed,
    };
  });
  return out.filter((t) => t.score > 0).sort((a, b) => b.score - a.score || a.ticketId - b.ticketId);
}

/** The ids of the spotlight's tickets solved in the range (trusted checks only): what the plan's suggestions favour. */
export async function spotlightIds(q: Queryable, account: string, range: InstantRange): Promise<Set<number>> {
  const trusted = trustedChecks(await autoQaTrust(q, account));
  return new Set((await spotlightTickets(q, account, {}, range, trusted)).map((t) => t.ticketId));
}
