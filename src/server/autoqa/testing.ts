/** Builds conversations for the checks' tests: comments in order, ids from 1, an hour apart. */
import type { CheckResult } from './check.ts';
import type { AuthorRole, Conversation } from './conversation.ts';

export type Turn = [AuthorRole | 'note', string];

export function conversationOf(turns: Turn[], extra: Partial<Conversation> = {}): Conversation {
  return {
    ticketId: 7,
    metrics: { firstReplyMinutes: null, fullResolutionMinutes: null, reopens: null, csat: null },
    comments: turns.map(([who, body], i) => ({
      id: i + 1,
      authorId: who === 'end-user' ? 100 : 200,
      authorRole: who === 'note' ? 'agent' : who,
      public: who !== 'note',
      body,
      createdAt: new Date(Date.UTC(2026, 11, 1, 9 + i)).toISOString(),
    })),
    ...extra,
  };
}

/** The value of an applicable result (fails the test otherwise, with the reason). */
export function resultValue(result: CheckResult | Promise<CheckResult>): boolean | number {
  if (result instanceof Promise) throw new Error('a rule-based check answers at once');
  if (!result.applicable) throw new Error(`not applicable: ${result.reason} (${result.detail})`);
  return result.value.value;
}

export const EN_QUESTION = 'Hi, I ordered a blue jacket last week and it still has not shipped. Can you check the status?';
export const DE_QUESTION =
  'Hallo, ich habe letzte Woche eine blaue Jacke bestellt und sie ist noch nicht verschickt. Können Sie nachsehen?';

export const EN_COMPLAINT = 'My jacket was supposed to arrive a week ago and nobody has answered my e-mails. This is really annoying.';
export const DE_COMPLAINT =
  'Meine Jacke sollte vor einer Woche ankommen und niemand antwortet auf meine E-Mails. Das ist wirklich ärgerlich.';

/** A customer's message and the agent's reply. */
export const reply = (customer: string, agent: string) =>
  conversationOf([
    ['end-user', customer],
    ['agent', agent],
  ]);
