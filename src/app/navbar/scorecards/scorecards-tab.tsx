/** The Scorecards tab: the list, or the editor on one draft. */
import { useEffect, useState } from 'preact/hooks';
import type { ScorecardSummary } from '../../../core/api.ts';
import { isAdmin } from '../../../core/permissions.ts';
import { createScorecardsApi } from '../../api/scorecards-api.ts';
import { useT } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useApi, useNavBar } from '../navbar-context.tsx';
import { ScorecardEditor, type Opened } from './editor.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';
import { PolicyControl } from './policy-control.tsx';
import { ScorecardList } from './scorecard-list.tsx';
import { useDirectory } from './use-directory.ts';

type View = { kind: 'list' } | { kind: 'editor'; opened: Opened };

/**
 * Edit opens the scorecard's draft when it has one, else the next version, stored only at its first save: an Edit
 * (or a New from template) left without saving leaves no draft behind.
 */
function openedFor(item: ScorecardSummary): Opened | null {
  if (item.draft) return { kind: 'saved', scorecardId: item.id, draft: item.draft };
  return item.current ? { kind: 'next', scorecardId: item.id, version: item.latestVersion + 1, definition: item.current } : null;
}

const editorKey = (o: Opened) => (o.kind === 'new' ? 'new' : `${o.scorecardId}:${o.kind}`);
type Flash = NoticeValue | null;

export function ScorecardsTab() {
  const t = useT();
  const { policy, role } = useNavBar();
  const api = useApi(createScorecardsApi);
  const { directory } = useDirectory();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [flash, setFlash] = useState<Flash>(null);
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

  const open = (opened: Opened | null) => {
    if (!opened) return;
    setFlash(null);
    setView({ kind: 'editor', opened });
  };

  if (view.kind === 'editor') return <ScorecardEditor key={editorKey(view.opened)} opened={view.opened} onDone={refresh} />;
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
          focusTitle={returned && !flash}
          onEdit={(item) => open(openedFor(item))}
          onNew={(definition) => open({ kind: 'new', definition })}
          onChanged={(message) => refresh(message)}
          onError={(message, issues) => setFlash({ tone: 'error', text: t('ui.common.error', { message }), issues })}
        />
      )}
      {/* only admins change who manages scorecards (the service refuses anyone else) */}
      {isAdmin(role) ? <PolicyControl api={policy} /> : null}
    </div>
  );
}
