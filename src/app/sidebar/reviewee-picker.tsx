/** Whose work is scored: the ticket's assignee, a member of its group, or any user id the reviewer types. */
import { useState } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import type { SidebarModel } from './load.ts';
import { Banner } from './parts.tsx';
import { useGroupMembers } from './use-reviewee.ts';
import type { ReviewerState } from './use-reviewer.ts';

export function RevieweePicker({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const members = useGroupMembers(model.ticket.groupId, open);
  const id = r.draft.revieweeId;
  const name =
    id === null
      ? null
      : id === model.ticket.assigneeId
        ? (model.ticket.assigneeName ?? `#${id}`)
        : ((Array.isArray(members) ? members.find((m) => m.id === id)?.name : undefined) ?? `#${id}`);
  return (
    <div class="qa-reviewee">
      <div class="qa-row">
        <span class="qa-muted">{t('ui.sidebar.reviewee')}</span>
        <strong>{name ?? t('ui.sidebar.nobody')}</strong>
        {id !== null && id === model.ticket.assigneeId && <span class="qa-muted qa-small">({t('ui.sidebar.assignee')})</span>}
        <button type="button" class="qa-link" aria-expanded={open} aria-controls="qa-reviewee-pick" onClick={() => setOpen(!open)}>
          {t('ui.sidebar.change')}
        </button>
      </div>
      {id === null && !open && (
        <Banner tone="warning">
          <strong>{t('ui.sidebar.state.noAssignee.title')}</strong>
          <p>{t('ui.sidebar.state.noAssignee.next')}</p>
        </Banner>
      )}
      {open && (
        <div id="qa-reviewee-pick" class="qa-field">
          {Array.isArray(members) && members.length > 0 && (
            <>
              <label class="qa-label" for="qa-reviewee-member">
                {t('ui.sidebar.groupMember')}
              </label>
              <select
                id="qa-reviewee-member"
                class="qa-select"
                value={id ?? ''}
                onChange={(e) => r.edit({ type: 'reviewee', revieweeId: Number(e.currentTarget.value) || null })}
              >
                <option value="">{t('ui.sidebar.choose')}</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {members === 'loading' && <p class="qa-muted qa-small">{t('ui.common.loading')}</p>}
          <label class="qa-label" for="qa-reviewee-id">
            {t('ui.sidebar.userId')}
          </label>
          <input
            id="qa-reviewee-id"
            class="qa-input"
            inputMode="numeric"
            value={id ?? ''}
            onChange={(e) => {
              const v = Number(e.currentTarget.value.trim());
              r.edit({ type: 'reviewee', revieweeId: Number.isInteger(v) && v > 0 ? v : null });
            }}
          />
        </div>
      )}
    </div>
  );
}
