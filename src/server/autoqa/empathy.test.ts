import { describe, expect, it } from 'vitest';
import { empathyCheck } from './empathy.ts';
import { DE_COMPLAINT as DE, EN_COMPLAINT as EN, reply, resultValue } from './testing.ts';

describe('empathy', () => {
  it.each([
    [EN, "I'm sorry to hear that, and I completely understand your frustration."],
    [EN, 'That must be really frustrating after a week of waiting.'],
    [EN, "You're absolutely right, you should have heard from us sooner."],
    [DE, 'Ich kann Ihren Ärger sehr gut verstehen.'],
    [DE, 'Das ist wirklich ärgerlich, nach einer Woche noch ohne Jacke.'],
    [DE, 'Es tut mir leid, das zu hören.'],
  ])('finds empathy: %j', (complaint, body) => {
    expect(resultValue(empathyCheck.run(reply(complaint, body)))).toBe(true);
  });

  it.each([
    [EN, 'Your jacket ships today. Tracking is in your account.'],
    [EN, 'As I already said, the answer is in our help center.'],
    [DE, 'Ihre Jacke geht heute raus. Die Sendungsnummer steht in Ihrem Konto.'],
  ])('finds none in a plain or curt reply: %j', (complaint, body) => {
    expect(resultValue(empathyCheck.run(reply(complaint, body)))).toBe(false);
  });
});
