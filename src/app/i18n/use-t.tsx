/** `useT()` gives views the translator of the user's locale; `I18nProvider` supplies it. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { createTranslator, type Translate } from './translate.ts';

export interface I18n {
  locale: string;
  t: Translate;
}

// Without a provider keys show as themselves, which keeps unit-tested views readable.
const I18nContext = createContext<I18n>({ locale: 'en', t: createTranslator({}) });

export function I18nProvider({ value, children }: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
