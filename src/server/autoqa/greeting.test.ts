import { describe, expect, it } from 'vitest';
import { greetingCheck } from './greeting.ts';
import { conversationOf, DE_QUESTION, EN_QUESTION, resultValue } from './testing.ts';

const firstReply = (language: 'en' | 'de', reply: string, later = 'Thanks, that is all for now.') =>
  conversationOf([
    ['end-user', language === 'en' ? EN_QUESTION : DE_QUESTION],
    ['agent', reply],
    ['end-user', later],
    ['agent', 'You are welcome. Best regards, Tom'],
  ]);

describe('greeting', () => {
  it.each([
    'Hi Jonas,\n\nyour jacket left our warehouse this morning.',
    'Hello there! Your jacket left our warehouse this morning.',
    'Good morning Ms. Lopez,\nyour jacket left our warehouse this morning.',
    'Dear Sir or Madam,\n\nyour jacket left our warehouse this morning.',
    'Thanks for reaching out! Your jacket left our warehouse this morning.',
    'Hey :) Your jacket left our warehouse this morning.',
  ])('finds an English greeting in the first reply: %j', (reply) => {
    expect(resultValue(greetingCheck.run(firstReply('en', reply)))).toBe(true);
  });

  it.each([
    'Hallo Frau Schneider,\n\nIhre Jacke hat heute unser Lager verlassen.',
    'Guten Tag Herr Müller, Ihre Jacke hat heute unser Lager verlassen.',
    'Sehr geehrte Damen und Herren,\n\nIhre Jacke hat heute unser Lager verlassen.',
    'Moin Jonas! Deine Jacke hat heute unser Lager verlassen.',
    'Grüß Gott, Ihre Jacke hat heute unser Lager verlassen.',
    'Vielen Dank für Ihre Nachricht. Ihre Jacke hat heute unser Lager verlassen.',
  ])('finds a German greeting in the first reply: %j', (reply) => {
    expect(resultValue(greetingCheck.run(firstReply('de', reply, 'Danke, das war alles.')))).toBe(true);
  });

  it('answers no, with the opening read as evidence, when the reply starts with the matter', () => {
    const conversation = firstReply('en', 'Your jacket left our warehouse this morning and arrives on Friday.');
    const result = greetingCheck.run(conversation);
    expect(resultValue(result)).toBe(false);
    expect(result).toMatchObject({ evidence: [{ commentId: 2, start: 0, note: 'no greeting at the start of the first reply' }] });
  });

  it('reads the first reply only: a greeting in a later reply does not count', () => {
    const conversation = conversationOf([
      ['end-user', EN_QUESTION],
      ['agent', 'Checking with the warehouse now and I will get back to you today.'],
      ['agent', 'Hi again, your jacket left our warehouse this morning.'],
    ]);
    expect(resultValue(greetingCheck.run(conversation))).toBe(false);
  });

  it('does not take "hi" inside a word or later in the text for a greeting', () => {
    expect(
      resultValue(
        greetingCheck.run(firstReply('en', 'This shipment is delayed; I will write again when it ships. Hi-vis vests are back in stock.')),
      ),
    ).toBe(false);
  });

  it('gives the greeting with the name as evidence', () => {
    const result = greetingCheck.run(
      firstReply('de', 'Hallo Frau Schneider,\n\nIhre Jacke hat heute unser Lager verlassen.', 'Danke, das war alles.'),
    );
    expect(result).toMatchObject({ evidence: [{ commentId: 2, start: 0, end: 21, text: 'Hallo Frau Schneider,' }], language: 'de' });
  });

  it('ignores internal notes: a note is not the first reply', () => {
    const conversation = conversationOf([
      ['end-user', EN_QUESTION],
      ['note', 'Customer is VIP, handle with care.'],
      ['agent', 'Hello Jonas, your jacket left our warehouse this morning.'],
    ]);
    expect(greetingCheck.run(conversation)).toMatchObject({ value: { value: true }, evidence: [{ commentId: 3 }] });
  });

  it('is not applicable without a public agent reply, or in a language it does not support', () => {
    expect(
      greetingCheck.run(
        conversationOf([
          ['end-user', EN_QUESTION],
          ['note', 'Waiting for the warehouse.'],
        ]),
      ),
    ).toMatchObject({
      applicable: false,
      reason: 'no-agent-reply',
    });
    const french = conversationOf([
      [
        'end-user',
        "Bonjour, j'ai commandé une veste bleue la semaine dernière et elle n'est toujours pas expédiée. Pouvez-vous vérifier ?",
      ],
      ['agent', 'Bonjour Madame, votre veste a quitté notre entrepôt ce matin et arrivera vendredi. Bonne journée !'],
    ]);
    expect(greetingCheck.run(french)).toMatchObject({ applicable: false, reason: 'language-not-supported' });
    expect(
      greetingCheck.run(
        conversationOf([
          ['end-user', 'ok'],
          ['agent', 'ok'],
        ]),
      ),
    ).toMatchObject({ applicable: false, reason: 'too-short' });
  });
});
