import { describe, expect, it } from 'vitest';
import { createTranslator, flattenKeys, interpolate, pickLocale } from './translate.ts';
import { availableLocales, loadTranslations } from './load.ts';

describe('pickLocale', () => {
  const available = ['en', 'de', 'pt-BR'];
  it.each([
    ['de-CH', 'de'],
    ['de', 'de'],
    ['DE', 'de'],
    ['pt-br', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['pt-PT', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ])('%s -> %s', (requested, expected) => {
    expect(pickLocale(requested, available)).toBe(expected);
  });
});

describe('translator', () => {
  const t = createTranslator(
    { ui: { hello: 'Hallo {{name}}', only: 'nur hier' } },
    { ui: { hello: 'Hello {{name}}', missing: 'from en' } },
  );
  it('interpolates variables, repeated and spaced', () => {
    expect(t('ui.hello', { name: 'Ada' })).toBe('Hallo Ada');
    expect(interpolate('{{ n }} of {{n}}', { n: 3 })).toBe('3 of 3');
  });
  it('leaves unknown variables visible', () => {
    expect(interpolate('Ticket #{{id}}')).toBe('Ticket #{{id}}');
  });
  it('falls back to the fallback messages, then to the key', () => {
    expect(t('ui.missing')).toBe('from en');
    expect(t('ui.nowhere')).toBe('ui.nowhere');
    expect(t('ui')).toBe('ui');
  });
  it('flattens keys', () => {
    expect(flattenKeys({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual(['a.b', 'a.c.d', 'e']);
  });
});

describe('loadTranslations', () => {
  it('knows the locales in translations/', () => {
    expect(availableLocales()).toEqual(expect.arrayContaining(['en', 'de']));
  });
  it('loads the user locale with English fallback', async () => {
    const { locale, t } = await loadTranslations('de-CH');
    expect(locale).toBe('de');
    expect(t('ui.common.retry')).toBe('Erneut versuchen');
    const en = await loadTranslations('xx');
    expect(en.locale).toBe('en');
    expect(en.t('ui.placeholder.ticket', { id: 7 })).toBe('Ticket #7');
  });
});
