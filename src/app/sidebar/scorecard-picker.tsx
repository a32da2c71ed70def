/**
 * Which scorecard: a switcher among those that apply, or the one an edit or a calibration session fixes. Starting or
 * cancelling an edit changes the whole form: focus goes to this heading, and screen readers hear what happened.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import type { SidebarModel } from './load.ts';
import type { ReviewerState } from './use-reviewer.ts';

export function ScorecardPicker({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const name = r.card?.definition.name ?? '';
  // an edit started from the result or from the earlier evaluations: the form above and below is now that one
  const editing = useRef(r.draft.amends);
  useEffect(() => {
    if (r.draft.amends && r.draft.amends !== editing.current) {
      focusSoon(() => document.getElementById('qa-editing'), t('ui.sidebar.editingStarted', { name }));
    }
    editing.current = r.draft.amends;
  }, [r.draft.amends, name, t]);
  if (r.draft.amends) {
    return (
      <div class="qa-row">
        <h1 class="qa-h" id="qa-editing" tabIndex={-1}>
          {name}
        </h1>
        <span class="qa-tag">{t('ui.sidebar.editing')}</span>
        <button
          type="button"
          class="qa-link"
          onClick={() => {
            r.cancelEdit();
            focusSoon(() => document.querySelector<HTMLElement>('#qa-scorecard, .qa-head h1'), t('ui.sidebar.editCancelled'));
          }}
        >
          {t('ui.sidebar.cancelEdit')}
        </button>
      </div>
    );
  }
  if (r.calibration) {
    // the session fixes the scorecard version: no switcher
    return (
      <div class="qa-row">
        <h1 class="qa-h">{name}</h1>
        <span class="qa-tag">{t('ui.sidebar.calibration.tag')}</span>
      </div>
    );
  }
  if (model.applicable.length <= 1) return <h1 class="qa-h">{r.card?.definition.name ?? t('ui.sidebar.title')}</h1>;
  // names only in the list: a 320 px select cut "Complaint handling (HEAT) (best match)" to "(best mat"
  const best = model.applicable[0]!;
  return (
    <div class="qa-field">
      <label class="qa-label" for="qa-scorecard">
        {t('ui.sidebar.scorecard')}
      </label>
      <select
        id="qa-scorecard"
        class="qa-select"
        value={r.card?.id}
        title={name}
        aria-describedby="qa-best-match"
        onChange={(e) => r.choose(e.currentTarget.value)}
      >
        {model.applicable.map((c) => (
          <option key={c.id} value={c.id}>
            {c.definition.name}
          </option>
        ))}
      </select>
      <p class="qa-small qa-muted qa-best" id="qa-best-match">
        {r.card?.id === best.id ? t('ui.sidebar.bestMatchHint') : t('ui.sidebar.bestMatchOther', { name: best.definition.name })}
      </p>
    </div>
  );
}
