import { describe, expect, it } from 'vitest';
import { apologyCheck } from './apology.ts';
import { conversationOf, DE_COMPLAINT as DE, EN_COMPLAINT as EN, reply, resultValue } from './testing.ts';

describe('apology', () => {
  it.each([
    "Hi, I'm so sorry for the delay. Your jacket ships today.",
    'Hi, apologies for the wait: your jacket ships today.',
    'Hello, please accept our apologies. Your jacket ships today.',
    'Sorry about that! Your jacket ships today.',
    'We regret the delay. Your jacket ships today.',
  ])('finds an English apology: %j', (body) => {
    expect(resultValue(apologyCheck.run(reply(EN, body)))).toBe(true);
  });

  it.each([
    'Hallo, entschuldigen Sie bitte die Verzögerung. Ihre Jacke geht heute raus.',
    'Hallo, das tut mir sehr leid. Ihre Jacke geht heute raus.',
    'Hallo, verzeihen Sie die lange Wartezeit. Ihre Jacke geht heute raus.',
    'Hallo, wir bedauern die Verzögerung. Ihre Jacke geht heute raus.',
  ])('finds a German apology: %j', (body) => {
    expect(resultValue(apologyCheck.run(reply(DE, body)))).toBe(true);
  });

  it.each([
    [EN, 'No need to apologize! Your jacket ships today.'],
    [EN, "I'm sorry to hear that. Your jacket ships today."],
    [DE, 'Sie müssen sich nicht entschuldigen. Ihre Jacke geht heute raus.'],
    [DE, 'Es tut mir leid, das zu hören. Ihre Jacke geht heute raus.'],
    [EN, 'Read the FAQ. The answer is there.'],
  ])('does not take these for an apology: %j', (complaint, body) => {
    expect(resultValue(apologyCheck.run(reply(complaint, body)))).toBe(false);
  });

  it('finds the apology in any public reply, not in an internal note, and points at it', () => {
    const conversation = conversationOf([
      ['end-user', EN],
      ['note', 'Sorry, I mixed up the orders, fixing it now.'],
      ['agent', 'Your jacket ships today.'],
      ['end-user', 'Finally.'],
      ['agent', 'Hi again, and sorry for the trouble. Tracking is in your account.'],
    ]);
    expect(apologyCheck.run(conversation)).toMatchObject({ value: { value: true }, evidence: [{ commentId: 5, text: 'sorry for' }] });
  });
});
