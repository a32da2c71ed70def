import { describe, expect, it } from 'vitest';
import { readabilityCheck } from './readability.ts';
import { conversationOf, DE_QUESTION, EN_QUESTION, resultValue } from './testing.ts';

const replies = (language: 'en' | 'de', ...bodies: string[]) =>
  conversationOf([['end-user', language === 'en' ? EN_QUESTION : DE_QUESTION], ...bodies.map((b) => ['agent', b] as ['agent', string])]);

describe('readability', () => {
  it('scores plain English high and officialese low on the Flesch scale, with the hardest sentence as evidence', () => {
    const plain = readabilityCheck.run(
      replies(
        'en',
        'Hi Jonas,\n\nyour jacket left our warehouse today. It will be with you on Friday. You can track it in your account.\n\nBest,\nPriya',
      ),
    );
    const hard = readabilityCheck.run(
      replies(
        'en',
        'Pursuant to the contractual stipulations governing subscription modifications, any prorated reimbursement is calculated proportionally to the remaining entitlement period. We appreciate your understanding.',
      ),
    );
    expect(resultValue(plain)).toBeGreaterThan(70);
    expect(resultValue(hard)).toBeLessThan(30);
    expect(hard).toMatchObject({
      value: { scale: { unit: 'Flesch reading ease', min: 0, max: 100, better: 'higher' } },
      evidence: [{ commentId: 2, start: 0, text: expect.stringMatching(/^Pursuant .* period\.$/) }],
    });
  });

  it('scores German on the Amstad scale and gives the Wiener Sachtextformel beside it', () => {
    const plain = readabilityCheck.run(
      replies(
        'de',
        'Hallo Jonas,\n\ndeine Jacke ist heute rausgegangen. Sie kommt am Freitag an. Du kannst sie in deinem Konto verfolgen.\n\nViele Grüße\nMarie',
      ),
    );
    const hard = readabilityCheck.run(
      replies(
        'de',
        'Gemäß den vertraglichen Bestimmungen hinsichtlich unterjähriger Tarifänderungen erfolgt eine anteilige Rückvergütung ausschließlich unter Berücksichtigung der verbleibenden Vertragslaufzeit.',
      ),
    );
    expect(resultValue(plain)).toBeGreaterThan(60);
    expect(resultValue(hard)).toBeLessThan(20);
    expect(plain).toMatchObject({ language: 'de', value: { scale: { unit: 'Flesch reading ease (Amstad)' } } });
    const grade = (r: typeof hard) => (r instanceof Promise || !r.applicable ? 0 : r.details!.wienerSachtextformel!);
    expect(grade(hard)).toBeGreaterThan(grade(plain) + 5);
  });

  it('reads all public agent replies together and leaves greeting and signature out', () => {
    const one = readabilityCheck.run(
      replies('en', 'Your jacket left our warehouse today. It will be with you on Friday. You can track it in your account.'),
    );
    const framed = readabilityCheck.run(
      replies(
        'en',
        'Hello Jonas,\n\nYour jacket left our warehouse today.',
        'It will be with you on Friday. You can track it in your account.\n\nKind regards,\nPriya Nair',
      ),
    );
    expect(resultValue(framed)).toBe(resultValue(one));
  });

  it('is not applicable to replies of fewer than 12 words', () => {
    expect(readabilityCheck.run(replies('en', 'Hi Jonas, it shipped today. Best, Priya'))).toMatchObject({
      applicable: false,
      reason: 'too-short',
    });
  });
});
