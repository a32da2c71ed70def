/**
 * The sidebar's guards against its routes' contracts: every answer a contract's schema accepts passes the guard (as
 * the schema reads it: defaults filled in, unknown keys dropped), over a fixture of each answer and hundreds of
 * variants of it (each field left out, null, empty, another type, another value); and some the schema refuses fail
 * the guard too. The guards' types are held to the contracts' by the compiler (the last test).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as calibration from '../../core/contract/calibration.ts';
import * as coaching from '../../core/contract/coaching.ts';
import type { OutputOf } from '../../core/contract/contract.ts';
import * as drafts from '../../core/contract/drafts.ts';
import * as evaluations from '../../core/contract/evaluations.ts';
import { route } from './service-call.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { TEMPLATES } from '../../core/templates.ts';
import {
  isCalibrationReport,
  isCoachingNote,
  isEvaluation,
  isNum,
  isSavedDraft,
  isSidebarData,
  isStr,
  nullable,
  oneOf,
  shaped,
  type Guard,
} from './wire.ts';

const schemaOf = (answer: { content: { 'application/json': { schema: z.ZodType } } }) => answer.content['application/json'].schema;

const at = '2026-12-07T10:00:00.000Z';
const uuid = (n: number) => `6f1c1d8e-51a4-4a36-9a0e-${String(n).padStart(12, '0')}`;
const card = {
  name: 'Email',
  method: 'weighted-criteria' as const,
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'a', label: 'A', weight: 1, scale: { preset: 'binary' as const } }] }],
};
const version = (definition: unknown) => ({ id: uuid(1), version: 2, definition: ScorecardDefinition.parse(definition) });

const evaluation = {
  id: uuid(2),
  ticketId: 7,
  revieweeId: 11,
  reviewerId: 22,
  scorecardId: uuid(1),
  scorecardVersion: 2,
  kind: 'review',
  status: 'disputed',
  channel: 'email',
  groupId: null,
  brandId: 3,
  answers: [
    { criterionId: 'a', rating: 1, comment: 'kind', rootCauses: ['Rushed'] },
    { criterionId: 'b', na: true },
  ],
  overallComment: '',
  rawScore: 100,
  finalScore: 100,
  passed: true,
  criticalFailures: [],
  metrics: { firstReplyMinutes: 30, fullResolutionMinutes: null, reopens: 1, csat: 'good' },
  dispute: {
    reason: 'Unfair',
    criterionIds: ['a'],
    raisedBy: 11,
    raisedAt: at,
    outcome: null,
    note: null,
    resolvedBy: null,
    resolvedAt: null,
  },
  createdAt: at,
  updatedAt: at,
  calibrationSessionId: null,
  withdrawnAt: null,
  lockVersion: 3,
  changedSinceAcknowledgement: false,
  acknowledgedVersion: null,
};
const session = {
  id: uuid(3),
  ticketId: 7,
  scorecardId: uuid(1),
  version: 2,
  reviewerIds: [22, 23],
  baselineReviewerId: 22,
  title: 'March',
  status: 'open',
  createdBy: 5,
  createdAt: at,
  closedAt: null,
  submitted: [22],
};
const note = { id: uuid(4), evaluationId: uuid(2), agentId: 11, authorId: 5, body: 'Greet by name.', createdAt: at, acknowledgedAt: null };
const draft = {
  ticketId: 7,
  slot: `calibration-${uuid(3)}`,
  revision: 1,
  updatedAt: at,
  content: {
    evaluationId: uuid(5),
    scorecardId: uuid(1),
    scorecardVersion: 2,
    calibrationSessionId: uuid(3),
    revieweeId: 11,
    answers: { a: { rating: 1 }, b: { na: true, comment: 'n/a' } },
    overallComment: '',
    savedAt: 1_765_000_000_000,
  },
};
const report = {
  session,
  report: {
    baselineReviewerId: 22,
    baselineSubmitted: true,
    reviewers: [
      {
        reviewerId: 22,
        baseline: true,
        finalScore: 100,
        scoreDeviation: 0,
        criteria: [{ criterionId: 'a', fraction: 1, deviation: 0 }],
        compared: 1,
        matched: 1,
        meanAbsoluteDeviation: 0,
      },
    ],
    criteria: [{ criterionId: 'a', label: 'A', sectionId: 's', spread: 0, disagreement: 0, pairs: 1 }],
    alpha: { alpha: null, units: 1, values: 2, undefinedBecause: 'no-variation' },
  },
  evaluations: [{ reviewerId: 22, evaluationId: uuid(2), finalScore: 100 }],
};
const bundle = {
  scorecards: [version(card), version(TEMPLATES.chat)],
  versions: [version({ ...card, passThreshold: 70, appliesTo: { channels: ['email'] } })],
  evaluations: [evaluation],
  calibrationSessions: [session],
  coachingNotes: [note],
  drafts: [draft],
};

/** Each route the sidebar calls that answers a body: its schema, the sidebar's guard, and a valid answer. */
const routes: Array<{ name: string; schema: z.ZodType; guard: (v: unknown) => boolean; answer: unknown }> = [
  { name: 'GET /sidebar', schema: schemaOf(evaluations.loadSidebar.responses[200]), guard: isSidebarData, answer: bundle },
  { name: 'POST /evaluations', schema: schemaOf(evaluations.createEvaluation.responses[201]), guard: isEvaluation, answer: evaluation },
  {
    name: 'POST /evaluations/{id}/dispute',
    schema: schemaOf(evaluations.disputeEvaluation.responses[200]),
    guard: isEvaluation,
    answer: evaluation,
  },
  {
    name: 'GET /calibration-sessions/{id}/report',
    schema: schemaOf(calibration.calibrationReport.responses[200]),
    guard: isCalibrationReport,
    answer: report,
  },
  { name: 'PUT /drafts/{ticketId}/{slot}', schema: schemaOf(drafts.saveDraft.responses[200]), guard: isSavedDraft, answer: { draft } },
  {
    name: 'POST /coaching-notes/{id}/acknowledge',
    schema: schemaOf(coaching.acknowledgeCoachingNote.responses[200]),
    guard: isCoachingNote,
    answer: { ...note, acknowledgedAt: at },
  },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const OTHER_VALUES: Json[] = [null, '', 'x', 'closed', 0, -1, 1.5, true, [], {}];

/** `value` with one place changed: each field left out or given each other value, each list emptied or its first item doubled. */
function* variants(value: Json, path = ''): Generator<{ path: string; value: Json }> {
  for (const other of OTHER_VALUES) yield { path: `${path || '(root)'} = ${JSON.stringify(other)}`, value: other };
  if (Array.isArray(value)) {
    if (value.length > 0) yield { path: `${path}: doubled`, value: [value[0]!, ...value] };
    for (const [i, item] of value.entries()) {
      for (const v of variants(item, `${path}[${i}]`)) yield { path: v.path, value: value.map((x, j) => (j === i ? v.value : x)) };
    }
  } else if (value !== null && typeof value === 'object') {
    yield { path: `${path}.extra added`, value: { ...value, extra: 1 } };
    for (const [key, item] of Object.entries(value)) {
      const { [key]: _left, ...without } = value;
      yield { path: `${path}.${key} left out`, value: without };
      for (const v of variants(item, `${path}.${key}`)) yield { path: v.path, value: { ...value, [key]: v.value } };
    }
  }
}

describe("the sidebar's guards accept every answer their contract's schema accepts", () => {
  it.each(routes)('$name', ({ schema, guard, answer }) => {
    const fixture = JSON.parse(JSON.stringify(answer)) as Json;
    expect(schema.safeParse(fixture).success, 'the fixture is a valid answer').toBe(true);
    let accepted = 0;
    const refused: string[] = [];
    for (const v of variants(fixture)) {
      const parsed = schema.safeParse(v.value);
      if (!parsed.success) continue;
      accepted++;
      if (!guard(parsed.data)) refused.push(v.path);
    }
    expect(refused, 'valid answers the guard refuses').toEqual([]);
    expect(accepted).toBeGreaterThan(5);
  });

  it('and refuse some it refuses', () => {
    const wrong: Array<[string, Guard<unknown> | ((v: unknown) => boolean), unknown]> = [
      ['an unknown status', isEvaluation, { ...evaluation, status: 'deleted' }],
      ['a ticket id as text', isEvaluation, { ...evaluation, ticketId: '7' }],
      ['passed as a word', isEvaluation, { ...evaluation, passed: 'yes' }],
      ['answers that are no list', isEvaluation, { ...evaluation, answers: { a: 1 } }],
      ['no scorecards', isSidebarData, { ...bundle, scorecards: undefined }],
      [
        'a scorecard of an unknown method',
        isSidebarData,
        { ...bundle, scorecards: [{ ...bundle.scorecards[0], definition: { ...card, method: 'average' } }] },
      ],
      ['a session of an unknown status', isSidebarData, { ...bundle, calibrationSessions: [{ ...session, status: 'paused' }] }],
      ['a note acknowledged at a number', isCoachingNote, { ...note, acknowledgedAt: 5 }],
      ['a draft saved at a date text', isSavedDraft, { draft: { ...draft, content: { ...draft.content, savedAt: at } } }],
      ['a report without its session', isCalibrationReport, { ...report, session: null }],
    ];
    for (const [what, guard, value] of wrong) {
      const route = routes.find((r) => r.guard === guard)!;
      expect(route.schema.safeParse(value).success, what).toBe(false);
      expect(guard(value), what).toBe(false);
    }
  });

  it('are typed against the contracts: a guard of another type, or another route, fails typecheck', () => {
    type EvaluationAnswer = OutputOf<typeof evaluations.createEvaluation>;
    // @ts-expect-error the contract says a number
    shaped<EvaluationAnswer>({ ticketId: isStr });
    // @ts-expect-error a status the contract does not have
    shaped<EvaluationAnswer>({ status: oneOf('submitted', 'deleted') });
    // @ts-expect-error the contract says never null
    shaped<EvaluationAnswer>({ reviewerId: nullable(isNum) });
    // @ts-expect-error the guard of another route's answer
    const other: Guard<EvaluationAnswer> = isCoachingNote;
    expect(other).toBe(isCoachingNote);
    // and the sidebar's routes are the contracts' own method and path
    // @ts-expect-error not the contract's path
    route<typeof evaluations.createEvaluation>('post', '/evaluation');
    // @ts-expect-error not the contract's method
    route<typeof evaluations.amendEvaluation>('post', '/evaluations/{id}');
    expect(shaped<EvaluationAnswer>({ ticketId: isNum })(evaluation)).toBe(true);
  });
});
