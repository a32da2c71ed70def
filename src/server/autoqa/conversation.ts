/**
 * A ticket's conversation as the sync stores it (migration 010: synced_comments with the author's role from
 * synced_users), and what every check reads of it, worked out once per conversation: the language, the agent's
 * replies (public agent comments; internal notes are not replies) and the customer's messages, each masked.
 */
import type { TicketMetrics } from '../../core/metrics.ts';
import type { SyncedCommentRow, SyncedTicketRow, SyncedUserRow } from '../store/sync.ts';
import type { Language } from './check.ts';
import { detectLanguage } from './language.ts';
import { mask } from './text.ts';

export type AuthorRole = 'agent' | 'end-user';

export interface ConversationComment {
  id: number;
  authorId: number;
  authorRole: AuthorRole;
  public: boolean;
  body: string;
  createdAt: string;
}

export interface Conversation {
  ticketId: number;
  /** oldest first */
  comments: ConversationComment[];
  metrics: TicketMetrics;
  /** the requester's and agents' names, never counted as misspellings */
  names?: string[];
}

export interface Message {
  comment: ConversationComment;
  /** the body with links, addresses, numbers, code and quoted lines blanked out (same offsets) */
  masked: string;
  /** its place in the conversation's comments */
  index: number;
}

export interface Analysed {
  /** 'und' when the conversation is too short to tell; another ISO 639-3 code when not supported */
  language: Language | string;
  agentReplies: Message[];
  customerMessages: Message[];
}

const analysed = new WeakMap<Conversation, Analysed>();

export function analyse(conversation: Conversation): Analysed {
  let a = analysed.get(conversation);
  if (a) return a;
  const agentReplies: Message[] = [];
  const customerMessages: Message[] = [];
  for (const [index, comment] of conversation.comments.entries()) {
    if (!comment.public) continue;
    const message = { comment, masked: mask(comment.body), index };
    (comment.authorRole === 'agent' ? agentReplies : customerMessages).push(message);
  }
  const language = detectLanguage([...agentReplies, ...customerMessages].map((m) => m.masked).join('\n'));
  a = { language, agentReplies, customerMessages };
  analysed.set(conversation, a);
  return a;
}

const CSAT = new Set(['good', 'bad', 'offered', 'unoffered']);

/** Zendesk's roles: admins answer tickets as agents do; everyone else writing on a ticket is the customer's side. */
export function authorRole(zendeskRole: string | undefined): AuthorRole {
  return zendeskRole === 'agent' || zendeskRole === 'admin' ? 'agent' : 'end-user';
}

/** A conversation from the synced rows of one ticket (its comments in any order; users by id). */
export function conversationFromSync(
  ticket: SyncedTicketRow,
  comments: readonly SyncedCommentRow[],
  users: ReadonlyMap<number, Pick<SyncedUserRow, 'name' | 'role'>>,
): Conversation {
  const sorted = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.commentId - b.commentId);
  const names = new Set<string>();
  for (const c of sorted) {
    const name = users.get(c.authorId)?.name;
    if (name) names.add(name);
  }
  return {
    ticketId: ticket.ticketId,
    comments: sorted.map((c) => ({
      id: c.commentId,
      authorId: c.authorId,
      authorRole: authorRole(users.get(c.authorId)?.role),
      public: c.public,
      body: c.body,
      createdAt: c.createdAt,
    })),
    metrics: {
      firstReplyMinutes: ticket.replyMinutes,
      fullResolutionMinutes: ticket.fullResolutionMinutes,
      reopens: ticket.reopens,
      csat: CSAT.has(ticket.csatScore ?? '') ? (ticket.csatScore as TicketMetrics['csat']) : null,
    },
    names: [...names],
  };
}
