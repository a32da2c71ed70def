/** Admins choose which QA roles besides them manage scorecards; the service keeps and enforces the choice. */
import { useEffect, useState } from 'preact/hooks';
import { ManagerRole, type AccountPolicy } from '../../../core/policy.ts';
import { useT } from '../../i18n/use-t.tsx';
import type { PolicyApi } from '../permissions.ts';
import { CheckboxField } from './fields.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';

export function PolicyControl({ api }: { api: PolicyApi }) {
  const t = useT();
  const [policy, setPolicy] = useState<AccountPolicy | null>(null);
  const [saved, setSaved] = useState<AccountPolicy | null>(null);
  const [notice, setNotice] = useState<NoticeValue | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.get().then((r) => {
      if (!live) return;
      if (r.status === 'ok') {
        setPolicy(r.value);
        setSaved(r.value);
      } else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }) });
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (!policy) return notice ? <NoticeBar notice={notice} testId="policy-notice" /> : null;
  const toggle = (role: ManagerRole, on: boolean) => {
    const roles = ManagerRole.options.filter((r) => (r === role ? on : policy.scorecardManagerRoles.includes(r)));
    setPolicy({ scorecardManagerRoles: roles });
    setNotice(null);
  };
  const changed = JSON.stringify(policy) !== JSON.stringify(saved);

  async function save() {
    if (!policy) return;
    setBusy(true);
    const r = await api.set(policy);
    setBusy(false);
    if (r.status === 'ok') {
      setSaved(r.value);
      setNotice({ tone: 'ok', text: t('ui.admin.policy.saved') });
    } else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }), issues: r.error.issues });
  }

  return (
    <form
      class="qa-policy"
      data-testid="policy-control"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset aria-describedby="qa-policy-hint">
        <legend>{t('ui.admin.policy.legend')}</legend>
        <p class="c-field__hint" id="qa-policy-hint">
          {t('ui.admin.policy.hint')}
        </p>
        {ManagerRole.options.map((role) => (
          <CheckboxField
            key={role}
            id={`qa-policy-${role}`}
            label={t(`ui.admin.policy.roles.${role}`)}
            checked={policy.scorecardManagerRoles.includes(role)}
            onValue={(on) => toggle(role, on)}
          />
        ))}
        <button type="submit" class="c-btn c-btn--sm" disabled={busy || !changed}>
          {t('ui.admin.policy.save')}
        </button>
      </fieldset>
      <NoticeBar notice={notice} testId="policy-notice" />
    </form>
  );
}
