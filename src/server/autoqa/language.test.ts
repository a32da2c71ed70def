import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('language', () => {
  it.each([
    ['Hi, my order never arrived and nobody answers my e-mails. Can you check it please?', 'en'],
    ['Great, thank you so much, that fixed it!', 'en'],
    ['Hallo, meine Bestellung ist immer noch nicht angekommen. Können Sie nachsehen?', 'de'],
    ['Vielen Dank, super Service!', 'de'],
    ["Bonjour, ma commande n'est toujours pas arrivée. Pouvez-vous vérifier s'il vous plaît ?", 'fra'],
    ['ok', 'und'],
  ])('tells %j as %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
