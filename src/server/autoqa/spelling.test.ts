import { describe, expect, it } from 'vitest';
import { createSpellingCheck } from './spelling.ts';
import { conversationOf, DE_QUESTION, EN_QUESTION, resultValue } from './testing.ts';

const reply = (language: 'en' | 'de', body: string, names: string[] = []) =>
  conversationOf(
    [
      ['end-user', language === 'en' ? EN_QUESTION : DE_QUESTION],
      ['agent', body],
    ],
    { names },
  );

const misspelled = (result: ReturnType<ReturnType<typeof createSpellingCheck>['run']>) =>
  result instanceof Promise || !result.applicable ? null : result.evidence.map((e) => e.text);

describe('agent spelling', () => {
  const check = createSpellingCheck({ allowList: ['Zendesk', 'webhook', 'TicketQA'] });

  it('finds English misspellings with their spans', () => {
    const body = 'Hi Jonas,\n\nyou should recieve the replacment by Friday. I will definately keep an eye on it.\n\nBest regards,\nPriya';
    const result = check.run(reply('en', body, ['Jonas Weber', 'Priya Nair']));
    expect(resultValue(result)).toBe(3);
    expect(misspelled(result)).toEqual(['recieve', 'replacment', 'definately']);
    if (!(result instanceof Promise)) for (const e of result.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
  });

  it('accepts British and American spelling alike', () => {
    expect(
      resultValue(
        check.run(reply('en', 'We cancelled the order and the colour you chose is back; we canceled the other one and the color is fine.')),
      ),
    ).toBe(0);
  });

  it('does not count links, addresses, ticket numbers, code, acronyms, jargon or names as misspellings', () => {
    const body =
      'Hi Siobhan,\n\nthe webhook in Zendesk calls https://hooks.examplecorp.io/tkt?id=9 for ticket #48213; set `retryBackoffMs` to 500 and mail ops@examplecorp.io. ' +
      'Our SLA for TicketQA is 4h; Aoife from Dublin will help.\n\nCheers,\nSiobhan Ní Bhriain';
    const result = check.run(reply('en', body, ['Siobhan Ní Bhriain']));
    expect(misspelled(result)).toEqual([]);
  });

  it('finds German misspellings and accepts compounds, inflections and English loanwords', () => {
    const body =
      'Hallo Frau Schneider,\n\nentschuldigen Sie bitte: Die Rückerstattung für Ihre Bestellnummer ist warscheinlich schon unterwegs, ' +
      'die Rechnungsadresse haben wir im Standart-Formular geändert. Unsere App zeigt das im Dashboard.\n\nMit freundlichen Grüßen\nTom Becker';
    const result = check.run(reply('de', body, ['Anna Schneider', 'Tom Becker']));
    expect(misspelled(result)).toEqual(['warscheinlich', 'Standart']);
  });

  it('reads public agent replies only, not the customer nor internal notes', () => {
    const conversation = conversationOf([
      ['end-user', 'Hi, I never recieved my jacket, can you chekc?'],
      ['note', 'custmer is upset, plz hurry'],
      ['agent', 'Hi, your jacket left our warehouse this morning and arrives on Friday.'],
    ]);
    expect(resultValue(check.run(conversation))).toBe(0);
  });

  it('uses the account allow-list: without it, jargon counts', () => {
    const body = 'Hi, the webhook in TicketQA fires on every update, and retriggers are queued.';
    expect(misspelled(createSpellingCheck().run(reply('en', body)))).toEqual(['webhook', 'retriggers']);
    expect(misspelled(createSpellingCheck({ allowList: ['Webhook', 'retriggers'] }).run(reply('en', body)))).toEqual([]);
  });

  it('is not applicable to a reply of fewer than three words to check', () => {
    expect(check.run(reply('en', 'Done, Jonas.', ['Jonas Weber']))).toMatchObject({ applicable: false, reason: 'too-short' });
  });
});
