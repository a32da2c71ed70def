import { describe, expect, it } from 'vitest';
import { createTranslator, flattenKeys, interpolate, pickLocale } from './translate.ts';
import { createStrings } from './load.ts';
import { pickSections, sectionsSpec } from './sections.ts';

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
  it("picks a count's plural form for the locale, then the other form, then the plain key", () => {
    const en = { ui: { n_one: '{{count}} problem', n_other: '{{count}} problems', plain: '{{count}} plain' } };
    const de = createTranslator({ ui: { n_one: '{{count}} Problem', n_other: '{{count}} Probleme' } }, en, 'de');
    expect(de('ui.n', { count: 1 })).toBe('1 Problem');
    expect(de('ui.n', { count: 0 })).toBe('0 Probleme');
    expect(de('ui.n', { count: 2 })).toBe('2 Probleme');
    const pl = createTranslator({ ui: { n_one: 'jeden', n_other: 'inne' } }, en, 'pl');
    expect(pl('ui.n', { count: 5 })).toBe('inne'); // Polish says "many" here: no such form, so the other one
    expect(pl('ui.plain', { count: 5 })).toBe('5 plain');
    expect(pl('ui.n')).toBe('ui.n');
  });
  it('flattens keys', () => {
    expect(flattenKeys({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual(['a.b', 'a.c.d', 'e']);
  });
});

describe('createStrings', () => {
  const strings = createStrings(
    { '../translations/en.json?ui-sections=common': { ui: { common: { retry: 'Try again', only: 'en only' } } } },
    { '../translations/de.json?ui-sections=common': async () => ({ ui: { common: { retry: 'Erneut versuchen' } } }) },
  );
  it('knows the bundled and the lazy locales', () => {
    expect(strings.locales()).toEqual(['en', 'de']);
  });
  it('adds English strings fetched later to every translator', async () => {
    const withLater = createStrings(
      { '../translations/en.json?ui-sections=common': { ui: { common: { retry: 'Try again' } } } },
      { '../translations/de.json?ui-sections=common': async () => ({ ui: { common: { retry: 'Erneut versuchen' } } }) },
      { '../translations/en.json?ui-sections=common.later': async () => ({ ui: { common: { later: 'Later' } } }) },
    );
    const en = await withLater.load('en');
    const de = await withLater.load('de');
    expect(en.t('ui.common.later')).toBe('ui.common.later');
    await withLater.later();
    expect(en.t('ui.common.later')).toBe('Later');
    expect(de.t('ui.common.later')).toBe('Later');
    expect(en.t('ui.common.retry')).toBe('Try again');
  });
  it('loads the user locale with English fallback', async () => {
    const { locale, t } = await strings.load('de-CH');
    expect(locale).toBe('de');
    expect(t('ui.common.retry')).toBe('Erneut versuchen');
    expect(t('ui.common.only')).toBe('en only');
    const en = await strings.load('xx');
    expect(en.locale).toBe('en');
    expect(en.t('ui.common.retry')).toBe('Try again');
  });
});

describe('sections', () => {
  const file = { app: { name: 'QA' }, ui: { common: { a: '1' }, sidebar: { b: '2' }, reports: { c: '3' } } };
  it('keeps the named ui sections, never app', () => {
    expect(pickSections(file, 'common,sidebar')).toEqual({ ui: { common: { a: '1' }, sidebar: { b: '2' } } });
  });
  it('keeps all but the named ones after !', () => {
    expect(pickSections(file, '!sidebar')).toEqual({ ui: { common: { a: '1' }, reports: { c: '3' } } });
  });
  it('takes part of a section (a.b), or leaves it out of what is kept (-a.b), the file untouched', () => {
    const nested = { ui: { common: { a: '1' }, sidebar: { b: '2', agent: { x: '4', y: '5' } } } };
    expect(pickSections(nested, 'common,sidebar,-sidebar.agent')).toEqual({ ui: { common: { a: '1' }, sidebar: { b: '2' } } });
    expect(pickSections(nested, 'sidebar.agent')).toEqual({ ui: { sidebar: { agent: { x: '4', y: '5' } } } });
    expect(nested.ui.sidebar.agent).toEqual({ x: '4', y: '5' });
  });
  it('reads the spec from a translations import id only', () => {
    expect(sectionsSpec('/w/translations/de.json?ui-sections=common,zaf')).toBe('common,zaf');
    expect(sectionsSpec('/w/translations/de.json?ui-sections=!sidebar&import')).toBe('!sidebar');
    expect(sectionsSpec('/w/translations/de.json')).toBeNull();
    expect(sectionsSpec('/w/other/de.json?ui-sections=common')).toBeNull();
  });
});
