import { describe, expect, it } from 'vitest';
import { candidatesFrom } from './candidates.ts';

// shaped like Zendesk's ticket and ticket_metric objects (only the fields read)
const ticket = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  subject: `Ticket ${id}`,
  status: 'solved',
  assignee_id: 10002,
  via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
  updated_at: '2026-03-10T10:00:00Z',
  satisfaction_rating: null,
  ...over,
});
const metric = (ticketId: number, over: Record<string, unknown> = {}) => ({
  id: ticketId + 900,
  ticket_id: ticketId,
  reopens: 0,
  solved_at: '2026-03-09T10:00:00Z',
  full_resolution_time_in_minutes: { calendar: 300, business: 120 },
  ...over,
});

describe('candidatesFrom', () => {
  it('keeps recently solved, assigned tickets with their metrics and CSAT', () => {
    const out = candidatesFrom(
      [
        ticket(1, { satisfaction_rating: { id: 5, score: 'bad', comment: 'slow' } }),
        ticket(2, { status: 'open' }),
        ticket(3, { assignee_id: null }),
        ticket(4, { via: { channel: 'chat' } }),
        ticket(5),
      ],
      [metric(1, { reopens: 2 }), metric(4, { solved_at: '2026-02-01T00:00:00Z' })],
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(out).toEqual([
      {
        ticketId: 1,
        assigneeId: 10002,
        channel: 'email',
        subject: 'Ticket 1',
        solvedAt: '2026-03-09T10:00:00Z',
        reopens: 2,
        csat: 'bad',
        fullResolutionMinutes: 300,
      },
      // no metric set: solved time from updated_at, numbers unknown
      {
        ticketId: 5,
        assigneeId: 10002,
        channel: 'email',
        subject: 'Ticket 5',
        solvedAt: '2026-03-10T10:00:00Z',
        reopens: null,
        csat: null,
        fullResolutionMinutes: null,
      },
    ]);
  });
});
