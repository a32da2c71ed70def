/** A new API key's secret, shown once: a plain warning, the key to select or copy, and a button to close it for good. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreatedApiKey } from '../../api/api-keys-api.ts';
import { useT } from '../../i18n/use-t.tsx';

/** The clipboard API, else the selection and the older copy command (an iframe may be refused the clipboard). */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  }
}

export function SecretBox({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const t = useT();
  const title = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  // screen readers hear the warning first: focus moves to the box's title when it appears
  useEffect(() => title.current?.focus(), [created.key.id]);

  return (
    <section class="qa-secret" aria-labelledby="qa-secret-title" aria-describedby="qa-secret-warning" data-testid="api-key-secret">
      <h3 id="qa-secret-title" ref={title} tabIndex={-1}>
        {t('ui.admin.apiKeys.secret.title', { name: created.key.name })}
      </h3>
      <p id="qa-secret-warning" class="qa-secret__warning">
        <strong>{t('ui.admin.apiKeys.secret.warning')}</strong>
      </p>
      <div class="c-field">
        <label class="c-field__label" for="qa-secret-value">
          {t('ui.admin.apiKeys.secret.label')}
        </label>
        <div class="qa-secret__row">
          <input
            ref={input}
            id="qa-secret-value"
            class="c-field__input qa-secret__value"
            type="text"
            readOnly
            value={created.secret}
            spellcheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="c-btn c-btn--sm" onClick={() => void copyText(created.secret, input.current).then(setCopied)}>
            {t('ui.admin.apiKeys.secret.copy')}
          </button>
        </div>
        <div class="c-field__hint">{t('ui.admin.apiKeys.secret.usage')}</div>
      </div>
      <p role="status" class="qa-small">
        {copied === null ? '' : copied ? t('ui.admin.apiKeys.secret.copied') : t('ui.admin.apiKeys.secret.copyFailed')}
      </p>
      <button type="button" class="c-btn c-btn--primary c-btn--sm" onClick={onClose}>
        {t('ui.admin.apiKeys.secret.done')}
      </button>
    </section>
  );
}
