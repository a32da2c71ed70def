/** Every key of the scoring form in a list ("All keys", or `?`): fetched when first opened, with its strings. */
import { useT } from '../i18n/use-t.tsx';
import { HELP_KEYS } from './keyboard.ts';

export function HelpKeys() {
  const t = useT();
  return (
    <ul class="qa-help__keys qa-small" id="qa-help-keys">
      {HELP_KEYS.map((k) => (
        <li key={k}>{t(`ui.sidebar.help.${k}`)}</li>
      ))}
    </ul>
  );
}
