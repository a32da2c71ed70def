/** The Scorecards tab: the list, or the editor on one draft. */
import { useEffect, useState } from 'preact/hooks';
import type { ScorecardSummary } from '../../../core/api.ts';
import { isAdmin } from '../../../core/permissions.ts';
import { createScorecardsApi, type DraftView } from '../../api/scorecards-api.ts';
import { useT } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useApi, useNavBar } from '../navbar-context.tsx';
import { ScorecardEditor } from './editor.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';
import { PolicyControl } from './policy-control.tsx';
import { ScorecardList } from './scorecard-list.tsx';
import { useDirectory } from './use-directory.ts';

type View = { kind: 'list' } | { kind: 'editor'; id: string; draft: DraftView };
type Flash = NoticeValue | null;

export function ScorecardsTab() {
  const t = useT();
  const { policy, role } = useNavBar();
  const api = useApi(createScorecardsApi);
  const { directory } = useDirectory();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  // read whenever the list shows; the last list stays on screen while it is read again
  const [list, reload, items] = useAsync(view.kind === 'list' ? () => api.list() : null, [api, view.kind]);
  useEffect(() => {
    if (list.status === 'error') setFlash({ tone: 'error', text: t('ui.common.error', { message: list.error.message }) });
  }, [list]);

  const [returned, setReturned] = useState(false);
  const refresh = (message?: string) => {
    setReturned(view.kind === 'editor');
    setFlash(message ? { tone: 'ok', text: message } : null);
    setView({ kind: 'list' });
    reload();
  };

  async function edit(item: ScorecardSummary) {
    setBusy(true);
    const r = await api.openDraft(item);
    setBusy(false);
    if (r.status === 'ok') {
      setFlash(null);
      setView({ kind: 'editor', id: item.id, draft: r.value });
    } else setFlash({ tone: 'error', text: t('ui.common.error', { message: r.error.message }) });
  }

  if (view.kind === 'editor') {
    return <ScorecardEditor key={`${view.id}:${view.draft.version}`} scorecardId={view.id} draft={view.draft} onDone={refresh} />;
  }
  return (
    <div class="qa-scorecards">
      <NoticeBar notice={flash} testId="list-notice" />
      {items === undefined ? (
        <Loading label={t('ui.common.loading')} />
      ) : (
        <ScorecardList
          items={items}
          directory={directory}
          api={api}
          t={t}
          busy={busy}
          focusTitle={returned && !flash}
          onEdit={(item) => void edit(item)}
          onCreated={(id, draft) => {
            setFlash(null);
            setView({ kind: 'editor', id, draft });
          }}
          onChanged={(message) => refresh(message)}
          onError={(message, issues) => setFlash({ tone: 'error', text: t('ui.common.error', { message }), issues })}
        />
      )}
      {/* only admins change who manages scorecards (the service refuses anyone else) */}
      {isAdmin(role) ? <PolicyControl api={policy} /> : null}
    </div>
  );
}
