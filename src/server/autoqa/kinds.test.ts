/** core/autoqa.ts names the checks scorecards may map and the kind of value each answers: it must say what the service runs. */
import { describe, expect, it } from 'vitest';
import { CHECK_KINDS } from '../../core/autoqa.ts';
import { createChecks, runChecks } from './checks.ts';
import { conversationOf, EN_COMPLAINT } from './testing.ts';

describe('CHECK_KINDS', () => {
  it('has exactly the ids of createChecks(), each with the kind of value the check answers', async () => {
    const checks = createChecks();
    expect(checks.map((c) => c.id).sort()).toEqual(Object.keys(CHECK_KINDS).sort());
    const conversation = conversationOf(
      [
        ['end-user', EN_COMPLAINT],
        [
          'agent',
          'Hi Anna,\n\nI am so sorry for the delay, I understand how annoying this is. Your jacket left our warehouse today.\n\nBest regards,\nTom',
        ],
        ['end-user', 'Thank you so much, that is great news and very helpful!'],
      ],
      { metrics: { firstReplyMinutes: 30, fullResolutionMinutes: 90, reopens: 0, csat: null } },
    );
    for (const result of await runChecks(checks, conversation)) {
      if (!result.applicable) throw new Error(`${result.checkId} not applicable: ${result.reason}`);
      expect([result.checkId, result.value.type]).toEqual([result.checkId, CHECK_KINDS[result.checkId as keyof typeof CHECK_KINDS]]);
    }
  });
});
