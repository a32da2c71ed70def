import { describe, expect, it } from 'vitest';
import { replyTimeCheck } from './reply-time.ts';
import { resolutionTimeCheck } from './resolution-time.ts';
import { conversationOf, EN_QUESTION, type Turn } from './testing.ts';

describe('reply and resolution times', () => {
  const turns: Turn[] = [
    ['end-user', EN_QUESTION],
    ['agent', 'Hi, checking with the warehouse now.'],
    ['agent', 'Your jacket ships today. Best, Priya'],
  ];

  it("read the ticket's metrics in minutes, with the reply each ends at as evidence", () => {
    const conversation = conversationOf(turns, {
      metrics: { firstReplyMinutes: 42, fullResolutionMinutes: 1440, reopens: 0, csat: 'good' },
    });
    expect(replyTimeCheck.run(conversation)).toMatchObject({
      applicable: true,
      value: { type: 'number', value: 42, scale: { unit: 'minutes', better: 'lower' } },
      evidence: [{ commentId: 2, note: 'first reply time: 42 min' }],
    });
    expect(resolutionTimeCheck.run(conversation)).toMatchObject({ value: { value: 1440 }, evidence: [{ commentId: 3 }] });
  });

  it('are not applicable while Zendesk has no figure', () => {
    const conversation = conversationOf(turns);
    expect(replyTimeCheck.run(conversation)).toMatchObject({ applicable: false, reason: 'no-metric' });
    expect(resolutionTimeCheck.run(conversation)).toMatchObject({ applicable: false, reason: 'no-metric' });
  });
});
