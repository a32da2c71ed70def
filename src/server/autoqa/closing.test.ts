import { describe, expect, it } from 'vitest';
import { closingCheck } from './closing.ts';
import { conversationOf, DE_QUESTION, EN_QUESTION, resultValue } from './testing.ts';

const lastReply = (language: 'en' | 'de', reply: string) =>
  conversationOf([
    ['end-user', language === 'en' ? EN_QUESTION : DE_QUESTION],
    ['agent', language === 'en' ? 'Hi, let me check with the warehouse.' : 'Hallo, ich frage im Lager nach.'],
    ['agent', reply],
  ]);

describe('closing', () => {
  it.each([
    'Your jacket left our warehouse this morning.\n\nBest regards,\nPriya',
    'Your jacket left our warehouse this morning.\n\nCheers,\nAlex',
    'Your jacket left our warehouse this morning. Have a lovely weekend!',
    'Your jacket left our warehouse this morning. Let me know if there is anything else I can do.',
    "Your jacket left our warehouse this morning. Don't hesitate to reply here if it hasn't arrived by Friday.",
    'Your jacket left our warehouse this morning.\n\nThanks,\nTom',
    'Your jacket left our warehouse this morning.\n\nYours sincerely\nThe Support Team',
  ])('finds an English closing at the end of the last reply: %j', (reply) => {
    expect(resultValue(closingCheck.run(lastReply('en', reply)))).toBe(true);
  });

  it.each([
    'Ihre Jacke hat heute unser Lager verlassen.\n\nMit freundlichen Grüßen\nTom Becker',
    'Ihre Jacke hat heute unser Lager verlassen.\n\nViele Grüße aus Hamburg\nLisa',
    'Deine Jacke ist unterwegs.\n\nLG\nMarie',
    'Ihre Jacke hat heute unser Lager verlassen. Bei weiteren Fragen melden Sie sich gerne.',
    'Ihre Jacke hat heute unser Lager verlassen. Einen schönen Tag noch!',
    'Ihre Jacke hat heute unser Lager verlassen.\n\nHochachtungsvoll\nKundenservice',
  ])('finds a German closing at the end of the last reply: %j', (reply) => {
    expect(resultValue(closingCheck.run(lastReply('de', reply)))).toBe(true);
  });

  it('answers no, with the end read as evidence, when the reply just stops', () => {
    const result = closingCheck.run(
      lastReply('en', 'Your jacket left our warehouse this morning. Tracking: see the link in your account.'),
    );
    expect(resultValue(result)).toBe(false);
    expect(result).toMatchObject({
      evidence: [{ commentId: 3, note: 'no sign-off or offer of further help at the end of the last reply' }],
    });
  });

  it('reads the end of the last reply only: a sign-off in an earlier reply does not count', () => {
    const conversation = conversationOf([
      ['end-user', DE_QUESTION],
      ['agent', 'Ich frage im Lager nach.\n\nViele Grüße\nTom'],
      ['end-user', 'Und?'],
      ['agent', 'Die Jacke ist heute rausgegangen.'],
    ]);
    expect(resultValue(closingCheck.run(conversation))).toBe(false);
  });

  it('gives the sign-off as evidence, as a span of the stored body', () => {
    const body = 'Ihre Jacke hat heute unser Lager verlassen.\n\nBeste Grüße\nMarie';
    const result = closingCheck.run(lastReply('de', body));
    expect(result).toMatchObject({ evidence: [{ commentId: 3, text: 'Beste Grüße' }] });
    const [e] = result instanceof Promise ? [] : result.evidence;
    expect(body.slice(e!.start, e!.end)).toBe('Beste Grüße');
  });
});
