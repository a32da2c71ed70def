/**
 * For sidebar view tests under happy-dom: a ticket's model with a starter scorecard, an in-memory service that scores
 * and keeps evaluations as the real one does, and the providers around a view (English strings, a fake Zendesk).
 */
import type { ComponentChildren } from 'preact';
import type { CoachingNote } from '../../core/coaching.ts';
import type { Evaluation, QaRole } from '../../core/evaluation.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation } from '../../core/scoring.ts';
import { TEMPLATES } from '../../core/templates.ts';
import { fail, ok } from '../api/result.ts';
import type { SidebarApi } from '../api/sidebar-api.ts';
import type { PublishedScorecard } from '../api/wire.ts';
import { createTranslator, type Messages } from '../i18n/translate.ts';
import { I18nProvider } from '../i18n/use-t.tsx';
import { ANNOUNCE_DELAY_MS } from '../ui/announce.ts';
import { mount, settle, type Mounted } from '../ui/testing.tsx';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf, type FakeZaf } from '../zaf/fake-zaf.ts';
import { ZafSessionProvider } from '../zaf/use-zaf.tsx';
import en from '../../../translations/en.json';
import type { SidebarModel } from './load.ts';

export const t = createTranslator(en as Messages);

export const REVIEWER = 5;
export const AGENT = 9;
export const LEAD = 3;
export const TICKET = 42;

export const card = (name: keyof typeof TEMPLATES = 'email', version = 1): PublishedScorecard => ({
  id: name,
  version,
  definition: ScorecardDefinition.parse(TEMPLATES[name]),
});

/** Two criteria: `greeting` (No/Yes, a No needs a comment) and `solution` (Below/Meets/Exceeds). */
export const shortCard = (): PublishedScorecard => ({
  id: 'short',
  version: 1,
  definition: ScorecardDefinition.parse({
    name: 'Short',
    method: 'weighted-criteria',
    sections: [
      {
        id: 'main',
        name: 'Main',
        criteria: [
          { id: 'greeting', label: 'Greeting', scale: { preset: 'binary' }, weight: 1, commentRequiredAtOrBelow: 0 },
          { id: 'solution', label: 'Solution', scale: { preset: '3-point' }, weight: 1 },
        ],
      },
    ],
  }),
});

/** Waits for what a view fetched on first use (ui/lazy.ts) shows. */
export async function until<T>(find: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await settle(1);
  }
  throw new Error('never shown');
}

/** What the page's live region says (ui/announce.ts), once its moment has passed. */
export async function announced(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_DELAY_MS + 10));
  return document.querySelector('[data-announcer]')?.textContent ?? '';
}

/** An in-memory service: evaluations scored with core's rules, status changes as the service allows them. */
export function fakeService(cards: PublishedScorecard[]) {
  const evaluations = new Map<string, Evaluation>();
  const notes = new Map<string, CoachingNote>();
  const calls: string[] = [];
  // what GET /autoqa/tickets/{id} answers (set by a test); none: the service has nothing for the ticket
  const autoQa: { answer: unknown } = { answer: null };
  let lock = 0;
  const scored = (id: string, base: Omit<Evaluation, 'rawScore' | 'finalScore' | 'passed' | 'criticalFailures'>): Evaluation => {
    const definition = cards.find((c) => c.id === base.scorecardId)!.definition;
    const { rawScore, finalScore, passed, criticalFailures } = scoreEvaluation(definition, base.answers);
    const e = { ...base, id, rawScore, finalScore, passed, criticalFailures, lockVersion: ++lock };
    evaluations.set(id, e);
    return e;
  };
  const change = (id: string, status: Evaluation['status'], extra: Partial<Evaluation> = {}) => {
    const e = evaluations.get(id);
    if (!e) return fail<Evaluation>('not-found', 'no such evaluation');
    const next = { ...e, ...extra, status, lockVersion: (e.lockVersion ?? 0) + 1 };
    evaluations.set(id, next);
    return ok(next);
  };
  const api: SidebarApi = {
    loadSidebar: async () => fail('server', 'not in view tests'),
    createEvaluation: async (body) => {
      calls.push(`create ${body.id}`);
      const at = '2026-12-07T10:00:00Z';
      return ok(
        scored(body.id ?? 'new', {
          ticketId: body.ticketId,
          revieweeId: body.revieweeId,
          reviewerId: REVIEWER,
          scorecardId: body.scorecardId,
          scorecardVersion: body.scorecardVersion,
          kind: 'review',
          status: 'submitted',
          channel: body.channel ?? null,
          groupId: body.groupId ?? null,
          brandId: body.brandId ?? null,
          answers: body.answers,
          overallComment: body.overallComment ?? '',
          metrics: null,
          dispute: null,
          createdAt: at,
          updatedAt: at,
        } as Evaluation),
      );
    },
    amendEvaluation: async (id, body) => {
      calls.push(`amend ${id}`);
      const e = evaluations.get(id);
      if (!e) return fail('not-found', 'no such evaluation');
      return ok(scored(id, { ...e, answers: body.answers, overallComment: body.overallComment ?? e.overallComment }));
    },
    withdrawEvaluation: async (id) => {
      calls.push(`withdraw ${id}`);
      return change(id, 'withdrawn');
    },
    acknowledge: async (id) => {
      calls.push(`acknowledge ${id}`);
      return change(id, 'acknowledged');
    },
    dispute: async (id, body) => {
      calls.push(`dispute ${id}`);
      return change(id, 'disputed', { dispute: { reason: body.reason, criterionIds: body.criterionIds ?? [], outcome: null, note: null } });
    },
    resolveDispute: async (id, body) => {
      calls.push(`resolve ${id} ${body.outcome}`);
      const e = evaluations.get(id);
      if (!e?.dispute) return fail('rule', 'not disputed');
      return change(id, 'dispute-resolved', { dispute: { ...e.dispute, outcome: body.outcome, note: body.note ?? null } });
    },
    calibrationReport: async () => fail('forbidden', 'not in view tests'),
    acknowledgeCoachingNote: async (id) => {
      calls.push(`acknowledge note ${id}`);
      const n = notes.get(id);
      if (!n) return fail('not-found', 'no such note');
      const next = { ...n, acknowledgedAt: '2026-12-07T11:00:00Z' };
      notes.set(id, next);
      return ok(next);
    },
    saveDraft: async (ticketId, slot, base, content) =>
      ok({ ticketId, slot, revision: (base ?? 0) + 1, content, updatedAt: '2026-12-07T10:00:00Z' }),
    discardDraft: async () => ok(null),
    ticketAutoQa: async (ticketId, scorecardId, version, accept) => {
      calls.push(`autoqa ${ticketId} ${scorecardId}@${version}`);
      if (autoQa.answer === null) return fail('not-found', 'no results');
      const value = accept(autoQa.answer);
      return value ? ok(value) : fail('server', 'not the contract');
    },
  };
  return { api, evaluations, notes, calls, autoQa };
}

/** A stored evaluation of the agent's work on the ticket, every criterion given its highest rating. */
export function storedEvaluation(scorecard: PublishedScorecard, over: Partial<Evaluation> = {}): Evaluation {
  const answers = scorecard.definition.sections.flatMap((s) =>
    s.criteria.filter((c) => !c.metric).map((c) => ({ criterionId: c.id, rating: 'preset' in c.scale ? 1 : 0 })),
  );
  const { rawScore, finalScore, passed, criticalFailures } = scoreEvaluation(scorecard.definition, answers);
  return {
    id: '11111111-1111-4111-8111-111111111111',
    ticketId: TICKET,
    revieweeId: AGENT,
    reviewerId: REVIEWER,
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    kind: 'review',
    status: 'submitted',
    channel: 'email',
    groupId: 4,
    brandId: null,
    answers,
    overallComment: '',
    rawScore,
    finalScore,
    passed,
    criticalFailures,
    metrics: null,
    dispute: null,
    createdAt: '2026-12-06T10:00:00Z',
    updatedAt: '2026-12-06T10:00:00Z',
    lockVersion: 1,
    ...over,
  };
}

export interface ModelOptions {
  role?: QaRole;
  userId?: number;
  cards?: PublishedScorecard[];
  evaluations?: Evaluation[];
  coachingNotes?: CoachingNote[];
}

/** The sidebar's model of ticket 42 (email, assigned to agent 9) and the fake service behind it. */
export function sidebarModel(o: ModelOptions = {}) {
  const cards = o.cards ?? [card('email')];
  const service = fakeService(cards);
  for (const e of o.evaluations ?? []) service.evaluations.set(e.id, e);
  for (const n of o.coachingNotes ?? []) service.notes.set(n.id, n);
  const role = o.role ?? 'reviewer';
  const model: SidebarModel = {
    account: 'acme',
    ticket: {
      id: TICKET,
      assigneeId: AGENT,
      assigneeName: 'Alex Agent',
      groupId: 4,
      channel: 'email',
      brandId: null,
      formId: null,
      tags: [],
      status: 'open',
      updatedAt: '2026-12-07T09:00:00Z',
      csat: null,
    },
    user: { id: o.userId ?? (role === 'agent' ? AGENT : REVIEWER), name: 'Someone', role },
    role,
    settings: {},
    fields: { scoreFieldId: null, resultFieldId: null },
    writeBack: false,
    service: service.api,
    data: {
      scorecards: cards,
      versions: [],
      evaluations: o.evaluations ?? [],
      calibrationSessions: [],
      coachingNotes: o.coachingNotes ?? [],
      drafts: [],
    },
    applicable: cards,
  };
  return { model, service };
}

/** Mounts a view with English strings over a fake Zendesk (the given one, or one that answers no request). */
export async function mountView(node: ComponentChildren, zaf: FakeZaf = createFakeZaf()): Promise<Mounted & { zaf: FakeZaf }> {
  const mounted = await mount(
    <ZafSessionProvider session={{ zaf, metadata: FAKE_METADATA, context: FAKE_CONTEXT }}>
      <I18nProvider value={{ locale: 'en', t }}>{node}</I18nProvider>
    </ZafSessionProvider>,
  );
  return { ...mounted, zaf };
}
