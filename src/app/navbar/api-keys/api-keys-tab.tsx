/**
 * The API keys tab (admins): the account's keys, a form to create one (its secret shown once, with a copy button
 * and a plain warning), and revoking with a confirmation. The secret lives only in this view's state until the
 * admin closes it; the list shows prefixes only.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  API_KEY_ROLES,
  createApiKeysApi,
  type ApiKey,
  type ApiKeyRole,
  type ApiKeysApi,
  type CreatedApiKey,
} from '../../api/api-keys-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useApi } from '../navbar-context.tsx';
import { FieldMessages } from '../scorecards/fields.tsx';
import { NoticeBar, type NoticeValue } from '../scorecards/notice-bar.tsx';
import { SecretBox } from './secret-box.tsx';

const NAME_MAX = 80;

export function ApiKeysTab() {
  return <ApiKeysPanel api={useApi(createApiKeysApi)} />;
}

export function ApiKeysPanel({ api }: { api: ApiKeysApi }) {
  const { t, locale } = useI18n();
  const [notice, setNotice] = useState<NoticeValue | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('lead');
  const [nameError, setNameError] = useState<string[]>([]);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  // the last list stays on screen while it is read again after a change
  const [list, reload, keys] = useAsync(() => api.list(), [api]);
  useEffect(() => {
    if (list.status === 'error') setNotice({ tone: 'error', text: t('ui.common.error', { message: list.error.message }) });
  }, [list]);

  const when = useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [locale]);

  async function create() {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > NAME_MAX) {
      setNameError([t('ui.admin.apiKeys.create.nameRequired', { max: NAME_MAX })]);
      nameInput.current?.focus();
      return;
    }
    setNameError([]);
    setBusy(true);
    const r = await api.create({ name: trimmed, role });
    setBusy(false);
    if (r.status === 'ok') {
      setNotice(null);
      setName('');
      setCreated(r.value);
      reload();
    } else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }), issues: r.error.issues });
  }

  async function revoke(key: ApiKey) {
    setBusy(true);
    const r = await api.revoke(key.id);
    setBusy(false);
    setConfirming(null);
    if (r.status === 'ok') {
      setNotice({ tone: 'ok', text: t('ui.admin.apiKeys.list.revoked', { name: key.name }) });
      reload();
    } else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }) });
  }

  function closeSecret() {
    // the secret leaves the page's state here: nothing can show it again
    setCreated(null);
    nameInput.current?.focus();
  }

  return (
    <section class="qa-api-keys" aria-labelledby="qa-api-keys-title" data-testid="api-keys">
      <h2 id="qa-api-keys-title">{t('ui.admin.apiKeys.title')}</h2>
      <p class="qa-muted">{t('ui.admin.apiKeys.intro')}</p>
      <NoticeBar notice={notice} testId="api-keys-notice" />
      {created ? <SecretBox created={created} onClose={closeSecret} /> : null}

      <form
        class="qa-api-keys__create"
        aria-labelledby="qa-api-keys-create-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3 id="qa-api-keys-create-title">{t('ui.admin.apiKeys.create.title')}</h3>
        <div class="qa-api-keys__fields">
          <div class={`c-field ${nameError.length ? 'c-field--error' : ''}`}>
            <label class="c-field__label" for="qa-api-key-name">
              {t('ui.admin.apiKeys.create.name')}
            </label>
            <div class="c-field__hint" id="qa-api-key-name-hint">
              {t('ui.admin.apiKeys.create.nameHint')}
            </div>
            <input
              ref={nameInput}
              class="c-field__input"
              type="text"
              id="qa-api-key-name"
              value={name}
              maxLength={NAME_MAX}
              autoComplete="off"
              aria-invalid={nameError.length ? true : undefined}
              aria-describedby={`qa-api-key-name-hint${nameError.length ? ' qa-api-key-name-error' : ''}`}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <FieldMessages id="qa-api-key-name" messages={nameError} />
          </div>
          <div class="c-field">
            <label class="c-field__label" for="qa-api-key-role">
              {t('ui.admin.apiKeys.create.role')}
            </label>
            <select
              class="c-field__input c-field__input--select"
              id="qa-api-key-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as ApiKeyRole)}
            >
              {API_KEY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`ui.admin.apiKeys.roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="c-btn c-btn--primary c-btn--sm" disabled={busy}>
            {t('ui.admin.apiKeys.create.submit')}
          </button>
        </div>
      </form>

      <h3 id="qa-api-keys-list-title">{t('ui.admin.apiKeys.list.title')}</h3>
      {keys === undefined ? (
        notice?.tone === 'error' ? null : (
          <Loading label={t('ui.common.loading')} />
        )
      ) : keys.length === 0 ? (
        <p class="qa-muted">{t('ui.admin.apiKeys.list.empty')}</p>
      ) : (
        <div class="qa-table-scroll" role="region" aria-labelledby="qa-api-keys-list-title" tabIndex={0}>
          <table class="qa-table" data-testid="api-keys-list">
            <thead>
              <tr>
                <th scope="col">{t('ui.admin.apiKeys.list.name')}</th>
                <th scope="col">{t('ui.admin.apiKeys.list.role')}</th>
                <th scope="col">{t('ui.admin.apiKeys.list.prefix')}</th>
                <th scope="col">{t('ui.admin.apiKeys.list.created')}</th>
                <th scope="col">{t('ui.admin.apiKeys.list.lastUsed')}</th>
                <th scope="col">{t('ui.admin.apiKeys.list.status')}</th>
                <th scope="col">
                  <span class="qa-visually-hidden">{t('ui.admin.apiKeys.list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-api-key={key.name}>
                  <th scope="row">{key.name}</th>
                  <td>{t(`ui.admin.apiKeys.roles.${key.role}`)}</td>
                  <td>
                    <code>{key.prefix}</code>
                  </td>
                  <td>{when(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? when(key.lastUsedAt) : t('ui.admin.apiKeys.list.never')}</td>
                  <td>
                    {key.revokedAt
                      ? t('ui.admin.apiKeys.list.revokedOn', { date: when(key.revokedAt) })
                      : t('ui.admin.apiKeys.list.active')}
                  </td>
                  <td>
                    {key.revokedAt ? null : confirming === key.id ? (
                      <ConfirmRevoke
                        name={key.name}
                        busy={busy}
                        onConfirm={() => void revoke(key)}
                        onCancel={() => {
                          setConfirming(null);
                          requestAnimationFrame(() => document.getElementById(`qa-api-key-revoke-${key.id}`)?.focus());
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        id={`qa-api-key-revoke-${key.id}`}
                        class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                        disabled={busy}
                        aria-label={t('ui.admin.apiKeys.list.revokeNamed', { name: key.name })}
                        onClick={() => setConfirming(key.id)}
                      >
                        {t('ui.admin.apiKeys.list.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ConfirmRevoke({ name, busy, onConfirm, onCancel }: { name: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const question = t('ui.admin.apiKeys.list.confirm', { name });
  return (
    <div class="qa-row__tools" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <span>{question}</span>
      <button ref={first} type="button" class="c-btn c-btn--sm c-btn--danger" disabled={busy} onClick={onConfirm}>
        {t('ui.admin.apiKeys.list.confirmRevoke')}
      </button>
      <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={onCancel}>
        {t('ui.admin.cancel')}
      </button>
    </div>
  );
}
