/**
 * Admins choose which QA roles besides them manage scorecards, and which Zendesk groups make reviewers and QA
 * leads; the service keeps the choice (as group ids) and enforces it. Groups are listed from Zendesk by name.
 */
import { useEffect, useState } from 'preact/hooks';
import { ManagerRole, type AccountPolicy } from '../../../core/policy.ts';
import { policyChange, type PolicyApi } from '../../api/policy-api.ts';
import { useT } from '../../i18n/use-t.tsx';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { CheckboxField } from './fields.tsx';
import { GroupPicker, type GroupNames } from './group-picker.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';
import { loadGroups } from './use-directory.ts';

export function PolicyControl({ api }: { api: PolicyApi }) {
  const t = useT();
  const { zaf } = useZaf();
  const [policy, setPolicy] = useState<AccountPolicy | null>(null);
  const [saved, setSaved] = useState<AccountPolicy | null>(null);
  const [groups, setGroups] = useState<GroupNames>({ status: 'loading' });
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
    loadGroups(zaf).then(
      (names) => live && setGroups({ status: 'ready', names }),
      (e: unknown) => live && setGroups({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, zaf]);

  if (!policy || !saved) return notice ? <NoticeBar notice={notice} testId="policy-notice" /> : null;
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
