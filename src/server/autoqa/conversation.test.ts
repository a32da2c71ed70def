import { describe, expect, it } from 'vitest';
import { analyse, conversationFromSync } from './conversation.ts';

describe('a conversation from the synced rows', () => {
  const ticket = {
    ticketId: 5,
    subject: 'Jacket',
    channel: 'email',
    status: 'solved',
    groupId: null,
    brandId: null,
    formId: null,
    assigneeId: 20,
    requesterId: 10,
    tags: [],
    createdAt: '2026-12-01T09:00:00Z',
    updatedAt: '2026-12-01T12:00:00Z',
    generatedAt: 1,
    csatScore: 'good',
    csatComment: null,
    reopens: 1,
    replies: 2,
    replyMinutes: 60,
    firstResolutionMinutes: 120,
    fullResolutionMinutes: 180,
    solvedAt: '2026-12-01T12:00:00Z',
  };
  const users = new Map([
    [10, { name: 'Anna Schneider', role: 'end-user' }],
    [20, { name: 'Tom Becker', role: 'agent' }],
    [30, { name: 'Ada Admin', role: 'admin' }],
  ]);
  const comment = (commentId: number, authorId: number, isPublic: boolean, createdAt: string, body: string) => ({
    commentId,
    ticketId: 5,
    authorId,
    public: isPublic,
    body,
    createdAt,
  });

  it('orders comments, takes roles from the users (admins answer as agents) and metrics from the ticket', () => {
    const conversation = conversationFromSync(
      ticket,
      [
        comment(3, 30, true, '2026-12-01T11:00:00Z', 'Hallo, die Jacke ist unterwegs.'),
        comment(1, 10, true, '2026-12-01T09:00:00Z', 'Wo ist meine Jacke?'),
        comment(2, 20, false, '2026-12-01T10:00:00Z', 'Lager fragen.'),
      ],
      users,
    );
    expect(conversation.comments.map((c) => [c.id, c.authorRole, c.public])).toEqual([
      [1, 'end-user', true],
      [2, 'agent', false],
      [3, 'agent', true],
    ]);
    expect(conversation.metrics).toEqual({ firstReplyMinutes: 60, fullResolutionMinutes: 180, reopens: 1, csat: 'good' });
    expect(conversation.names).toEqual(['Anna Schneider', 'Tom Becker', 'Ada Admin']);
  });

  it("takes the agent's replies from public agent comments only and masks what is not prose, keeping offsets", () => {
    const conversation = conversationFromSync(
      ticket,
      [
        comment(1, 10, true, '2026-12-01T09:00:00Z', 'Where is order #48213? See https://shop.example/o/48213'),
        comment(2, 20, false, '2026-12-01T10:00:00Z', 'internal: check the warehouse'),
        comment(3, 20, true, '2026-12-01T11:00:00Z', 'It ships today, write to help@example.com if not.'),
      ],
      users,
    );
    const a = analyse(conversation);
    expect(a.agentReplies.map((m) => m.comment.id)).toEqual([3]);
    expect(a.customerMessages[0]!.masked).toBe(
      `Where is order ${' '.repeat('#48213'.length)}? See ${' '.repeat('https://shop.example/o/48213'.length)}`,
    );
    expect(a.agentReplies[0]!.masked.length).toBe(a.agentReplies[0]!.comment.body.length);
    expect(analyse(conversation)).toBe(a);
  });
});
