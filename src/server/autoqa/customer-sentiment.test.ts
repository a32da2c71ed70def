import { describe, expect, it } from 'vitest';
import { sentimentEndCheck, sentimentStartCheck } from './customer-sentiment.ts';
import { conversationOf, resultValue } from './testing.ts';

describe('customer sentiment at the start and at the end', () => {
  it('reads an English complaint that ends in thanks: negative at the start, positive at the end', () => {
    const conversation = conversationOf([
      ['end-user', 'Hi, my order never arrived and nobody answers. This is ridiculous, I am really angry.\nThanks, Jonas'],
      ['agent', 'Hi Jonas, I am sorry for the delay. A new jacket ships today by express.'],
      ['end-user', 'Great, thank you so much, that fixed it!'],
    ]);
    expect(resultValue(sentimentStartCheck.run(conversation))).toBeLessThan(0);
    expect(sentimentStartCheck.run(conversation)).toMatchObject({
      evidence: [{ commentId: 1, text: 'This is ridiculous, I am really angry.', note: expect.stringContaining('ridiculous') }],
    });
    expect(resultValue(sentimentEndCheck.run(conversation))).toBeGreaterThan(0);
    expect(sentimentEndCheck.run(conversation)).toMatchObject({ evidence: [{ commentId: 3 }] });
  });

  it('reads German, with negation after the verb, and leaves sign-offs out', () => {
    const conversation = conversationOf([
      [
        'end-user',
        'Guten Tag, meine Bestellung ist immer noch nicht angekommen. Das ist wirklich ärgerlich und unverschämt!\nMit freundlichen Grüßen\nAnna',
      ],
      ['agent', 'Hallo Frau Schneider, entschuldigen Sie bitte. Die Jacke geht heute raus.'],
      ['end-user', 'Die Ersatzjacke gefällt mir leider überhaupt nicht.\nLiebe Grüße\nAnna'],
    ]);
    expect(resultValue(sentimentStartCheck.run(conversation))).toBeLessThan(0);
    expect(resultValue(sentimentEndCheck.run(conversation))).toBeLessThan(0);
    expect(sentimentStartCheck.run(conversation)).toMatchObject({
      language: 'de',
      evidence: [{ text: 'Das ist wirklich ärgerlich und unverschämt!' }],
    });
  });

  it('does not count polite formulas as sentiment: a plain request is neutral', () => {
    const conversation = conversationOf([
      ['end-user', 'Dear support,\n\ncould you send me the invoice for March as a PDF?\n\nKind regards,\nSusan'],
      ['agent', 'Hi Susan, the invoice is attached.'],
    ]);
    expect(resultValue(sentimentStartCheck.run(conversation))).toBe(0);
  });

  it('is not applicable at the end when the customer did not write after the first reply', () => {
    const conversation = conversationOf([
      ['end-user', 'Where is my jacket? I ordered it two weeks ago.'],
      ['agent', 'It ships today, tracking is in your account.'],
    ]);
    expect(sentimentEndCheck.run(conversation)).toMatchObject({ applicable: false, reason: 'no-customer-message' });
    expect(
      sentimentStartCheck.run(conversationOf([['agent', 'Hello, we noticed your payment failed. Please update your card.']])),
    ).toMatchObject({
      applicable: false,
      reason: 'no-customer-message',
    });
  });
});
