/** Which scorecard: a switcher among those that apply, or the one an edit or a calibration session fixes. */
import { useT } from '../i18n/use-t.tsx';
import type { SidebarModel } from './load.ts';
import type { ReviewerState } from './use-reviewer.ts';

export function ScorecardPicker({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  if (r.draft.amends) {
    return (
      <div class="qa-row">
        <span class="qa-h">{r.card?.definition.name}</span>
        <span class="qa-tag">{t('ui.sidebar.editing')}</span>
        <button type="button" class="qa-link" onClick={r.cancelEdit}>
          {t('ui.sidebar.cancelEdit')}
        </button>
      </div>
    );
  }
  if (r.calibration) {
    // the session fixes the scorecard version: no switcher
    return (
      <div class="qa-row">
        <h1 class="qa-h">{r.card?.definition.name}</h1>
        <span class="qa-tag">{t('ui.sidebar.calibration.tag')}</span>
      </div>
    );
  }
  if (model.applicable.length <= 1) return <h1 class="qa-h">{r.card?.definition.name ?? t('ui.sidebar.title')}</h1>;
  return (
    <div class="qa-field">
      <label class="qa-label" for="qa-scorecard">
        {t('ui.sidebar.scorecard')}
      </label>
      <select id="qa-scorecard" class="qa-select" value={r.card?.id} onChange={(e) => r.choose(e.currentTarget.value)}>
        {model.applicable.map((c, i) => (
          <option key={c.id} value={c.id}>
            {c.definition.name}
            {i === 0 ? ` (${t('ui.sidebar.bestMatch')})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
