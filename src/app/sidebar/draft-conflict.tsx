import { useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import { Banner } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

/** Another tab or device saved this draft first: the reviewer chooses, nothing is overwritten meanwhile. */
export function DraftConflict({ r }: { r: ReviewerState }) {
  const t = useT();
  const gone = r.draftState.kind === 'conflict' && r.draftState.current === null;
  // the banner goes once the reviewer chooses: focus goes on to the form's first criterion
  const then = (choose: () => void) => () => {
    choose();
    focusSoon(() => document.querySelector<HTMLElement>('[data-crit] [role=radio][tabindex="0"], [data-crit] [data-num]'));
  };
  return (
    <Banner tone="warning" role="alert">
      <strong>{t(gone ? 'ui.sidebar.draft.conflict.gone' : 'ui.sidebar.draft.conflict.title')}</strong>
      <p>{t('ui.sidebar.draft.conflict.next')}</p>
      <div class="qa-row">
        <button type="button" class="c-btn c-btn--sm" onClick={then(r.keepMyDraft)}>
          {t('ui.sidebar.draft.conflict.mine')}
        </button>
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={then(r.takeOtherDraft)}>
          {t(gone ? 'ui.sidebar.draft.conflict.restart' : 'ui.sidebar.draft.conflict.theirs')}
        </button>
      </div>
    </Banner>
  );
}
