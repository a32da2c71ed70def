/**
 * The automatic checks of an account, and running them on a conversation. The checks are built once (per account:
 * the spelling allow-list); dictionaries and lexicons once per process.
 */
import { apologyCheck } from './apology.ts';
import type { Check, CheckResult } from './check.ts';
import { closingCheck } from './closing.ts';
import type { Conversation } from './conversation.ts';
import { sentimentEndCheck, sentimentStartCheck } from './customer-sentiment.ts';
import { empathyCheck } from './empathy.ts';
import { greetingCheck } from './greeting.ts';
import { readabilityCheck } from './readability.ts';
import { replyTimeCheck } from './reply-time.ts';
import { resolutionTimeCheck } from './resolution-time.ts';
import { createSpellingCheck, type SpellingOptions } from './spelling.ts';

export type AccountChecksOptions = SpellingOptions;

export function createChecks(options: AccountChecksOptions = {}): Check[] {
  return [
    greetingCheck,
    closingCheck,
    createSpellingCheck(options),
    readabilityCheck,
    apologyCheck,
    empathyCheck,
    sentimentStartCheck,
    sentimentEndCheck,
    replyTimeCheck,
    resolutionTimeCheck,
  ];
}

/** Every check's result for one conversation, in the checks' order; a check that throws fails the whole run. */
export async function runChecks(checks: readonly Check[], conversation: Conversation): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await check.run(conversation));
  return results;
}
