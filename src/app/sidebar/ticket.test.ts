import { describe, expect, it } from 'vitest';
import { readLocale, readMetrics, readTicket } from './ticket.ts';

describe('ticket facts', () => {
  it('reads the ZAF ticket object', () => {
    const t = readTicket(
      {
        id: 7,
        assignee: { user: { id: 11 }, group: { id: 5 } },
        via: { channel: 'email' },
        brand: { id: 3 },
        form: { id: 4 },
        tags: ['vip', 1],
        status: 'solved',
        updatedAt: '2025-01-01T00:00:00Z',
      },
      0,
    );
    expect(t).toEqual({
      id: 7,
      assigneeId: 11,
      assigneeName: null,
      groupId: 5,
      channel: 'email',
      brandId: 3,
      formId: 4,
      tags: ['vip'],
      status: 'solved',
      updatedAt: '2025-01-01T00:00:00Z',
      csat: null,
    });
  });
  it('a ticket without assignee or group', () => {
    expect(readTicket({ assignee: { user: null, group: null } }, 9)).toMatchObject({
      id: 9,
      assigneeId: null,
      groupId: null,
      channel: null,
    });
  });
  it('reads metrics as an object or a one-item array', () => {
    const m = { reply_time_in_minutes: { calendar: 16, business: 10 }, full_resolution_time_in_minutes: { calendar: 100 }, reopens: 1 };
    const expected = { firstReplyMinutes: 16, fullResolutionMinutes: 100, reopens: 1, csat: 'good' };
    expect(readMetrics({ ticket_metric: m }, 'good')).toEqual(expected);
    expect(readMetrics({ ticket_metric: [m] }, 'good')).toEqual(expected);
    expect(readMetrics({}, null)).toEqual({ firstReplyMinutes: null, fullResolutionMinutes: null, reopens: null, csat: null });
  });
  it("reads the user's locale, nothing else about the user", () => {
    expect(readLocale('de')).toBe('de');
    expect(readLocale('')).toBeUndefined();
    expect(readLocale({ id: 22 })).toBeUndefined();
  });
});
