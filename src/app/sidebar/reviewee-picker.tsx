/** Whose work is scored: the ticket's assignee, or anyone the reviewer finds by name (reviewee-search.tsx, fetched on use). */
import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import { lazyView } from '../ui/lazy.ts';
import type { SidebarModel } from './load.ts';
import { PersonName } from './names.ts';
import { Banner } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

const RevieweeSearch = lazyView(() => import('./reviewee-search.tsx').then((m) => m.RevieweeSearch));

export function RevieweePicker({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const change = useRef<HTMLButtonElement>(null);
  const id = r.draft.revieweeId;
  const assignee = id !== null && id === model.ticket.assigneeId;
  const close = () => {
    setOpen(false);
    change.current?.focus();
  };
  return (
    <div class="qa-reviewee">
      <div class="qa-row">
        <span class="qa-muted">{t('ui.sidebar.reviewee')}</span>
        <strong>{id === null ? t('ui.sidebar.nobody') : (assignee && model.ticket.assigneeName) || <PersonName id={id} />}</strong>
        {assignee && <span class="qa-muted qa-small">({t('ui.sidebar.assignee')})</span>}
        <button
          ref={change}
          type="button"
          class="qa-link"
          aria-expanded={open}
          aria-controls="qa-reviewee-pick"
          onClick={() => setOpen(!open)}
        >
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
        <div id="qa-reviewee-pick">
          <RevieweeSearch
            groupId={model.ticket.groupId}
            reviewerId={model.user.id}
            onPick={(p) => {
              r.edit({ type: 'reviewee', revieweeId: p.id });
              close();
            }}
            onCancel={close}
          />
        </div>
      )}
    </div>
  );
}
