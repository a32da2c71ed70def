/**
 * Admins choose which QA roles besides them manage scorecards, and which Zendesk groups make reviewers and QA
 * leads; the service keeps the choice (as group ids) and enforces it. Groups are listed from Zendesk by name.
 */
import { useState } from 'preact/hooks';
import { ManagerRole, type AccountPolicy } from '../../../core/policy.ts';
import { policyChange, type PolicyApi } from '../../api/policy-api.ts';
import { ok } from '../../api/result.ts';
import { useT } from '../../i18n/use-t.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { CheckboxField } from './fields.tsx';
import { GroupPicker, type GroupNames } from './group-picker.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';
import { loadGroups } from './use-directory.ts';

export function PolicyControl({ api }: { api: PolicyApi }) {
  const t = useT();
  const { zaf } = useZaf();
  const [loaded] = useAsync(() => api.get(), [api]);
  const [groups] = useAsync(() => loadGroups(zaf).then(ok), [zaf]);
  if (loaded.status === 'error')
    return <NoticeBar notice={{ tone: 'error', text: t('ui.common.error', { message: loaded.error.message }) }} testId="policy-notice" />;
  if (loaded.status === 'loading') return null;
  return <PolicyForm api={api} initial={loaded.value} groups={groups} />;
}

/** The policy as loaded, edited here until saved. */
function PolicyForm({ api, initial, groups }: { api: PolicyApi; initial: AccountPolicy; groups: GroupNames }) {
  const t = useT();
  const [policy, setPolicy] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [notice, setNotice] = useState<NoticeValue | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (next: Partial<AccountPolicy>) => {
    setPolicy({ ...policy, ...next });
    setNotice(null);
  };
  const toggle = (role: ManagerRole, on: boolean) =>
    edit({ scorecardManagerRoles: ManagerRole.options.filter((r) => (r === role ? on : policy.scorecardManagerRoles.includes(r))) });
  const change = policyChange(saved, policy);
  const changed = Object.keys(change).length > 0;

  async function save() {
    if (!changed) return;
    setBusy(true);
    const r = await api.set(change);
    setBusy(false);
    if (r.status === 'ok') {
      setSaved(r.value);
      setPolicy(r.value);
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
      </fieldset>
      <div class="qa-policy__groups">
        <GroupPicker
          id="qa-policy-reviewer-groups"
          legend={t('ui.admin.policy.groups.reviewers')}
          hint={t('ui.admin.policy.groups.reviewersHint')}
          groups={groups}
          selected={policy.reviewerGroupIds}
          onChange={(ids) => edit({ reviewerGroupIds: ids })}
          t={t}
        />
        <GroupPicker
          id="qa-policy-lead-groups"
          legend={t('ui.admin.policy.groups.leads')}
          hint={t('ui.admin.policy.groups.leadsHint')}
          groups={groups}
          selected={policy.leadGroupIds}
          onChange={(ids) => edit({ leadGroupIds: ids })}
          t={t}
        />
      </div>
      <button type="submit" class="c-btn c-btn--sm" disabled={busy || !changed}>
        {t('ui.admin.policy.save')}
      </button>
      <NoticeBar notice={notice} testId="policy-notice" />
    </form>
  );
}
