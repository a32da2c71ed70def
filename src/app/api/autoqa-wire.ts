/**
 * The guard of `GET /autoqa/tickets/{ticketId}` (src/core/contract/autoqa.ts), kept out of wire.ts: only a sidebar
 * whose scorecard has pre-rated criteria fetches it, with the view that reads it (ui/lazy.ts).
 */
import type { CheckId } from '../../core/autoqa.ts';
import type { ticketAutoQa } from '../../core/contract/autoqa.ts';
import type { OutputOf } from '../../core/contract/contract.ts';
import { isBool, isList, isNum, isStr, nullable, oneOf, optional, shaped } from './wire.ts';

export type TicketAutoQa = OutputOf<typeof ticketAutoQa>;
export type AutoQaResult = TicketAutoQa['results'][number];
export type AutoQaEvidence = AutoQaResult['evidence'][number];
export type SuggestedRating = NonNullable<TicketAutoQa['ratings']>[number];

const isCheckId = oneOf<CheckId>(
  'greeting',
  'closing',
  'apology',
  'empathy',
  'spelling',
  'readability',
  'sentiment-start',
  'sentiment-end',
  'reply-time',
  'resolution-time',
);

const isResult = shaped<AutoQaResult>({
  checkId: isCheckId,
  applicable: isBool,
  value: nullable((v): v is boolean | number => isBool(v) || isNum(v)),
  scale: nullable(shaped({ unit: isStr })),
  reason: nullable(oneOf('too-short', 'language-not-supported', 'no-agent-reply', 'no-customer-message', 'no-metric', 'no-text')),
  evidence: isList(shaped<AutoQaEvidence>({ commentId: isNum, start: isNum, end: isNum, text: isStr, note: optional(isStr) })),
  trusted: isBool,
});

export const isTicketAutoQa = shaped<TicketAutoQa>({
  ticketId: isNum,
  synced: isBool,
  results: isList(isResult),
  ratings: nullable(isList(shaped<SuggestedRating>({ criterionId: isStr, checkId: isCheckId, rating: nullable(isNum), trusted: isBool }))),
});

export const acceptTicketAutoQa = (v: unknown): TicketAutoQa | undefined => (isTicketAutoQa(v) ? v : undefined);
