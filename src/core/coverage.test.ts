import { describe, expect, it } from 'vitest';
import { formatIssues } from './issues.ts';
import {
  CandidateTicket,
  coverage,
  hashUniform,
  isoWeekOf,
  MonitoringPlan,
  StoredMonitoringPlan,
  quantile,
  reasonsOf,
  suggestTickets,
  weekRange,
  type CandidateTicketInput,
} from './coverage.ts';

const ticket = (over: CandidateTicketInput) => CandidateTicket.parse(over);
const none = { reopens: false, lowCsat: false, longResolution: false };

describe('ISO weeks', () => {
  it.each([
    ['2021-01-03T12:00:00Z', '2020-W53'], // a Sunday still in 2020's last week
    ['2024-12-30T00:00:00Z', '2025-W01'], // a Monday already in 2025's first week
    ['2025-01-01T23:59:59Z', '2025-W01'],
    ['2025-03-16T23:00:00Z', '2025-W11'],
    ['2025-03-17T00:00:00Z', '2025-W12'],
  ])('%s is in %s', (at, week) => {
    expect(isoWeekOf(new Date(at))).toBe(week);
  });

  it('gives Monday to Monday in UTC', () => {
    expect(weekRange('2025-W01').from.toISOString()).toBe('2024-12-30T00:00:00.000Z');
    expect(weekRange('2025-W01').to.toISOString()).toBe('2025-01-06T00:00:00.000Z');
    expect(weekRange('2020-W53').from.toISOString()).toBe('2020-12-28T00:00:00.000Z');
    expect(isoWeekOf(weekRange('2025-W12').from)).toBe('2025-W12');
  });
});

describe('MonitoringPlan', () => {
  it('fills defaults and refuses an agent listed twice', () => {
    expect(MonitoringPlan.parse({})).toEqual({ default: null, agents: [] });
    const r = MonitoringPlan.safeParse({
      agents: [
        { agentId: 1, overall: 2 },
        { agentId: 1, overall: 3 },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['agents', 1, 'agentId']);
  });

  it('refuses a channel Zendesk does not have, or one spelt another way, instead of keeping or dropping it', () => {
    const plan = {
      default: { overall: 1, channels: { phone: 2, email: 1 } },
      agents: [{ agentId: 7, overall: 1, channels: { ' chat': 1 } }],
    };
    const r = MonitoringPlan.safeParse(plan);
    expect(r.success).toBe(false);
    expect(formatIssues(r.error!.issues)).toEqual([
      expect.stringMatching(/^default\.channels\.phone: "phone" is not a Zendesk channel \(one of email, web, /),
      expect.stringMatching(/^agents\[0\]\.channels\[" chat"\]: " chat" is not a Zendesk channel/),
    ]);
    expect(MonitoringPlan.parse({ default: { overall: 1, channels: { voice: 2, email: 1 } } }).default!.channels).toEqual({
      voice: 2,
      email: 1,
    });
    // what was stored before channels were checked is read as it is, to be shown and fixed
    expect(StoredMonitoringPlan.parse(plan).default!.channels).toEqual({ phone: 2, email: 1 });
  });
});

describe('coverage', () => {
  const plan = MonitoringPlan.parse({
    default: { overall: 2 },
    agents: [{ agentId: 10, overall: 4, channels: { chat: 2, email: 1 } }],
  });

  it('counts done against planned per agent and channel, with gaps', () => {
    const report = coverage(
      plan,
      [
        { agentId: 10, channel: 'email', count: 3 },
        { agentId: 10, channel: 'chat', count: 1 },
        { agentId: 20, channel: 'email', count: 1 },
      ],
      [30],
    );
    expect(report.agents).toEqual([
      {
        agentId: 10,
        source: 'agent',
        planned: 4,
        done: 4,
        ratio: 1,
        gap: 0,
        channels: [
          { channel: 'chat', planned: 2, done: 1, gap: 1 },
          { channel: 'email', planned: 1, done: 3, gap: 0 },
        ],
        toDo: 1, // the overall target is met, the chat one is not
      },
      { agentId: 20, source: 'default', planned: 2, done: 1, ratio: 0.5, gap: 1, channels: [], toDo: 1 },
      { agentId: 30, source: 'default', planned: 2, done: 0, ratio: 0, gap: 2, channels: [], toDo: 2 },
    ]);
    expect(report).toMatchObject({ planned: 8, done: 5, ratio: 5 / 8, gap: 3, agentsBehind: 3 });
  });

  it('does not let one over-reviewed agent hide another gap', () => {
    const report = coverage(plan, [{ agentId: 20, channel: null, count: 9 }], [30]);
    // agent 10: 0 of 4, agent 20: 9 of 2 (covers 2), agent 30: 0 of 2 -> 2 of 8
    expect(report.ratio).toBe(2 / 8);
    expect(report.done).toBe(9);
  });

  it('has no ratio without a plan', () => {
    const report = coverage(MonitoringPlan.parse({}), [{ agentId: 5, channel: 'chat', count: 1 }]);
    expect(report.agents[0]).toMatchObject({ source: 'none', planned: 0, ratio: null, toDo: 0 });
    expect(report.ratio).toBeNull();
  });
});

describe('quantile and reasons', () => {
  it('interpolates linearly', () => {
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(quantile([7], 0.5)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('names what makes a ticket worth a look', () => {
    expect(reasonsOf(ticket({ ticketId: 1, assigneeId: 1, reopens: 2, csat: 'bad', fullResolutionMinutes: 500 }), 400)).toEqual([
      'reopened',
      'low-csat',
      'long-resolution',
    ]);
    expect(reasonsOf(ticket({ ticketId: 1, assigneeId: 1, reopens: 0, csat: 'good', fullResolutionMinutes: 300 }), 400)).toEqual([]);
    expect(reasonsOf(ticket({ ticketId: 1, assigneeId: 1, fullResolutionMinutes: 500 }), null)).toEqual([]);
  });
});

describe('hashUniform', () => {
  it('is in (0, 1), deterministic, and spread evenly', () => {
    const us = Array.from({ length: 10_000 }, (_, i) => hashUniform(42, i + 1));
    expect(us.every((u) => u > 0 && u < 1)).toBe(true);
    expect(hashUniform(42, 7)).toBe(us[6]);
    const m = us.reduce((s, u) => s + u, 0) / us.length;
    expect(m).toBeGreaterThan(0.49);
    expect(m).toBeLessThan(0.51);
    expect(us.filter((u) => u < 0.1).length).toBeGreaterThan(900);
    expect(us.filter((u) => u < 0.1).length).toBeLessThan(1100);
  });
});

describe('suggestTickets', () => {
  const plan = MonitoringPlan.parse({ default: { overall: 3 }, agents: [{ agentId: 10, overall: 3, channels: { chat: 2 } }] });
  const candidates = [
    ...Array.from({ length: 8 }, (_, i) => ticket({ ticketId: 100 + i, assigneeId: 10, channel: i < 3 ? 'chat' : 'email' })),
    ...Array.from({ length: 8 }, (_, i) => ticket({ ticketId: 200 + i, assigneeId: 20, channel: 'email' })),
  ];

  it('fills channel gaps from that channel first, then the overall gap, only from the agent own tickets', () => {
    const gaps = coverage(plan, [{ agentId: 20, channel: 'email', count: 1 }]).agents;
    const picks = suggestTickets(gaps, candidates, { seed: 1, favour: none });
    const of10 = picks.filter((p) => p.agentId === 10);
    expect(of10).toHaveLength(3);
    expect(of10.slice(0, 2).every((p) => p.channel === 'chat' && p.fills === 'chat')).toBe(true);
    expect(of10[2]!.fills).toBeNull();
    const of20 = picks.filter((p) => p.agentId === 20);
    expect(of20).toHaveLength(2);
    expect(of20.every((p) => p.ticketId >= 200)).toBe(true);
    expect(new Set(picks.map((p) => p.ticketId)).size).toBe(picks.length);
  });

  it('never suggests an excluded ticket and stops when the agent has none left', () => {
    const gaps = coverage(plan, [], [20]).agents;
    const exclude = new Set(
      candidates
        .filter((c) => c.assigneeId === 20)
        .slice(0, 7)
        .map((c) => c.ticketId),
    );
    const picks = suggestTickets(gaps, candidates, { seed: 3, favour: none, exclude });
    expect(picks.filter((p) => p.agentId === 20).map((p) => p.ticketId)).toEqual([207]);
  });

  it('is the same for the same seed whatever the order, and differs across seeds', () => {
    const gaps = coverage(plan, [], [20]).agents;
    const a = suggestTickets(gaps, candidates, { seed: 9, favour: none });
    const b = suggestTickets(gaps, [...candidates].reverse(), { seed: 9, favour: none });
    expect(b).toEqual(a);
    const seeds = Array.from({ length: 20 }, (_, s) =>
      suggestTickets(gaps, candidates, { seed: s, favour: none })
        .map((p) => p.ticketId)
        .join(),
    );
    expect(new Set(seeds).size).toBeGreaterThan(5);
  });

  it('favours reopens by the boost: 1 reopened of 10, pick 1 -> chosen with probability 3/12', () => {
    const pool = Array.from({ length: 10 }, (_, i) => ticket({ ticketId: i + 1, assigneeId: 1, reopens: i === 0 ? 1 : 0 }));
    const gaps = coverage(MonitoringPlan.parse({ default: { overall: 1 } }), [], [1]).agents;
    const share = (favour: typeof none) => {
      let hits = 0;
      for (let seed = 0; seed < 4000; seed++) if (suggestTickets(gaps, pool, { seed, favour })[0]!.ticketId === 1) hits++;
      return hits / 4000;
    };
    // weighted sampling: P = w / sum(w) = 3 / (3 + 9); unweighted 1 / 10
    expect(share({ ...none, reopens: true })).toBeGreaterThan(0.22);
    expect(share({ ...none, reopens: true })).toBeLessThan(0.28);
    expect(share(none)).toBeGreaterThan(0.08);
    expect(share(none)).toBeLessThan(0.12);
    // the reason is shown even when not favoured
    const shown = suggestTickets(gaps, pool, { seed: 0, favour: none, exclude: new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]) });
    expect(shown[0]!.reasons).toEqual(['reopened']);
  });
});
