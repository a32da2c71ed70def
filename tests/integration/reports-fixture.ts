import { randomUUID } from 'node:crypto';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import type { Tenant } from '../support/db-client.ts';

/**
 * A small history with hand-computable figures, stored through the API (so the rollup trigger,
 * scoring and answer rows all run as in production). Scores of the "email" card:
 * weighted-criteria, greet (binary, weight 1, N/A allowed) + solve (3-point, weight 3, critical: zero).
 */
export const CARD: ScorecardDefinitionInput = {
  name: 'Email support',
  method: 'weighted-criteria',
  passThreshold: 80,
  sections: [
    {
      id: 'main',
      name: 'Main',
      criteria: [
        {
          id: 'greet',
          label: 'Greeting',
          scale: { preset: 'binary' },
          weight: 1,
          allowNA: true,
          rootCauses: ['Script not followed'],
          rootCauseKinds: { 'Script not followed': 'process' },
        },
        {
          id: 'solve',
          label: 'Solved',
          scale: { preset: '3-point' },
          weight: 3,
          critical: { effect: 'zero' },
          rootCauses: ['Knowledge gap', 'Bug'],
          rootCauseKinds: { Bug: 'product-defect' },
        },
      ],
    },
  ],
};

export interface Seeded {
  scorecardId: string;
  /** Evaluation ids by name (E1...). */
  ids: Record<string, string>;
}

interface Spec {
  at: string;
  reviewee: number;
  reviewer?: number;
  group: number | null;
  channel: string | null;
  greet: number | 'na';
  solve: number;
  greetCauses?: string[];
  solveCauses?: string[];
  comment?: string;
  kind?: 'review' | 'calibration';
  /** Stored in the second account. */
  other?: boolean;
}

/**
 * E1..E5 count; E6 is a calibration, E7 is withdrawn, E8 is another account's.
 * March 2024 (E1-E4): scores 100, 75, 0 (critical), 50.
 */
export const SPECS: Record<string, Spec> = {
  E1: { at: '2024-03-05T10:00:00Z', reviewee: 101, group: 7, channel: 'email', greet: 1, solve: 2 },
  E2: {
    at: '2024-03-06T10:00:00Z',
    reviewee: 101,
    group: 7,
    channel: 'email',
    greet: 0,
    solve: 2,
    comment: '=HYPERLINK("x"), "quoted"\nnext line',
  },
  E3: { at: '2024-03-12T10:00:00Z', reviewee: 102, group: 7, channel: 'chat', greet: 1, solve: 0, solveCauses: ['Bug'] },
  E4: {
    at: '2024-03-13T23:59:59Z',
    reviewee: 102,
    reviewer: 10,
    group: 8,
    channel: 'email',
    greet: 'na',
    solve: 1,
    solveCauses: ['Knowledge gap'],
  },
  E5: { at: '2024-04-02T10:00:00Z', reviewee: 101, group: 8, channel: null, greet: 0, solve: 2, greetCauses: ['Script not followed'] },
  E6: { at: '2024-03-05T11:00:00Z', reviewee: 101, group: 7, channel: 'email', greet: 0, solve: 0, kind: 'calibration' },
  E7: { at: '2024-03-07T10:00:00Z', reviewee: 103, group: 7, channel: 'email', greet: 1, solve: 2 },
  E8: { at: '2024-03-08T10:00:00Z', reviewee: 101, group: 7, channel: 'email', greet: 0, solve: 0, other: true },
};

/** Publishes the card in both accounts and stores SPECS at their times (the clock is moved for each). */
export async function seed(tenants: [Tenant, Tenant], setNow: (d: Date) => void): Promise<Seeded> {
  setNow(new Date('2024-03-01T00:00:00Z'));
  const scorecardIds: string[] = [];
  for (const t of tenants) {
    const admin = t.as('admin', 1);
    const created = await admin.post('/scorecards', CARD);
    if (created.status !== 201) throw new Error(`create scorecard: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await admin.post(`/scorecards/${created.body.id}/publish`);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
    scorecardIds.push(created.body.id as string);
  }
  const ids: Record<string, string> = {};
  for (const [name, s] of Object.entries(SPECS)) {
    setNow(new Date(s.at));
    const id = randomUUID();
    ids[name] = id;
    const greet =
      s.greet === 'na'
        ? { criterionId: 'greet', na: true }
        : {
            criterionId: 'greet',
            rating: s.greet,
            ...(s.greetCauses ? { rootCauses: s.greetCauses } : {}),
            ...(s.comment ? { comment: s.comment } : {}),
          };
    const res = await tenants[s.other ? 1 : 0].as('reviewer', s.reviewer ?? 9).post('/evaluations', {
      id,
      ticketId: 1000 + Number(name.slice(1)),
      revieweeId: s.reviewee,
      scorecardId: scorecardIds[s.other ? 1 : 0],
      scorecardVersion: 1,
      kind: s.kind ?? 'review',
      channel: s.channel,
      groupId: s.group,
      answers: [greet, { criterionId: 'solve', rating: s.solve, ...(s.solveCauses ? { rootCauses: s.solveCauses } : {}) }],
    });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const withdrawn = await tenants[0].as('reviewer', 9).post(`/evaluations/${ids.E7}/withdraw`);
  if (withdrawn.status !== 200) throw new Error(`withdraw: ${withdrawn.status} ${JSON.stringify(withdrawn.body)}`);
  return { scorecardId: scorecardIds[0]!, ids };
}
