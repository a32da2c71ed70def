/** The large generated account: deterministic, realistic in its mixes, and fast enough for 100k tickets. */
import { describe, expect, it } from 'vitest';
import { addLargeAccount, LARGE } from './large-account.ts';
import { sampleData } from './sample-data.ts';
import { createZendeskState } from './zendesk-state.ts';

const NOW = new Date('2026-12-07T12:00:00Z');

function generated(tickets: number, seed?: number) {
  const data = sampleData(NOW);
  addLargeAccount(data, { tickets, now: NOW, ...(seed === undefined ? {} : { seed }) });
  return { data, tickets: data.tickets.filter((t) => t.id >= LARGE.firstTicketId) };
}

const share = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length / items.length;

describe('the large account', () => {
  it('is the same for the same seed, and another for another seed', () => {
    expect(generated(300).data).toEqual(generated(300).data);
    expect(generated(300, 7).tickets.map((t) => t.subject)).not.toEqual(generated(300).tickets.map((t) => t.subject));
    // a ticket does not depend on how many come after it
    expect(generated(50).tickets).toEqual(generated(300).tickets.slice(0, 50));
  });

  it('keeps the sample account and adds tickets whose ids, comments and people all fit together', () => {
    const { data, tickets } = generated(5000);
    expect(tickets.length).toBe(5000);
    expect(data.tickets.length).toBe(sampleData(NOW).tickets.length + 5000);
    const ids = data.tickets.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const commentIds = data.tickets.flatMap((t) => t.comments.map((c) => c.id));
    expect(new Set(commentIds).size).toBe(commentIds.length);
    const users = new Map(data.users.map((u) => [u.id, u]));
    const groups = new Set(data.groups.map((g) => g.id));
    for (const t of tickets) {
      expect(t.comments.length).toBeGreaterThanOrEqual(2);
      expect(t.comments.length).toBeLessThanOrEqual(8);
      // the customer opens, then agent and customer take turns
      t.comments.forEach((c, i) => expect(c.author_id).toBe(i % 2 === 0 ? t.requester_id : t.assignee_id));
      expect(users.get(t.requester_id)?.role).toBe('end-user');
      expect(users.get(t.assignee_id!)?.role).toBe('agent');
      expect(groups.has(t.group_id!)).toBe(true);
      expect(data.memberships[t.assignee_id!]).toContain(t.group_id);
      const stamps = t.comments.map((c) => c.created_at);
      expect(stamps).toEqual([...stamps].sort());
      expect(t.created_at <= stamps[0]! && stamps.at(-1)! <= t.updated_at).toBe(true);
      expect(t.updated_at < NOW.toISOString()).toBe(true);
    }
  });

  it('mixes channels, groups, languages, reopens and CSAT as a mid-size team sees them', () => {
    const { tickets } = generated(5000);
    for (const channel of ['email', 'web', 'chat', 'native_messaging', 'voice', 'api']) {
      expect(
        share(tickets, (t) => t.channel === channel),
        channel,
      ).toBeGreaterThan(0.04);
    }
    expect(share(tickets, (t) => t.channel === 'email')).toBeGreaterThan(0.25);
    expect(new Set(tickets.map((t) => t.group_id)).size).toBeGreaterThanOrEqual(7);
    expect(share(tickets, (t) => t.tags.includes('de'))).toBeGreaterThan(0.1);
    expect(tickets.find((t) => t.tags.includes('de'))!.comments[0]!.body).toMatch(/Bestellung|Rechnung|Rückerstattung/);
    const reopened = tickets.filter((t) => t.metrics.reopens > 0);
    expect(reopened.length / tickets.length).toBeGreaterThan(0.05);
    expect(reopened.every((t) => t.tags.includes('reopened') && t.comments.length >= 4)).toBe(true);
    const rated = tickets.filter((t) => t.satisfaction && t.satisfaction.score !== 'offered');
    expect(rated.length / tickets.length).toBeGreaterThan(0.12);
    expect(share(rated, (t) => t.satisfaction!.score === 'bad')).toBeGreaterThan(0.05);
    expect(share(tickets, (t) => t.metrics.full_resolution_time_in_minutes !== null)).toBeGreaterThan(0.9);
    const mean = tickets.reduce((sum, t) => sum + t.comments.length, 0) / tickets.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(4.5);
  });

  it('generates 100k tickets in seconds, as the local Zendesk starts with them', () => {
    const started = performance.now();
    const state = createZendeskState({ now: () => NOW, largeAccount: { tickets: 100_000 } });
    const ms = performance.now() - started;
    expect(state.tickets().length).toBeGreaterThan(100_000);
    // about 2 s on the development machine; the bound leaves room for a busy CI runner
    expect(ms).toBeLessThan(15_000);
  });
});
