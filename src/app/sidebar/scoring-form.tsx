/** The scoring form: help on the keys, what is still on its way, the criteria by section, the overall comment, the footer. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { metricAnswer } from '../../core/metrics.ts';
import { useT } from '../i18n/use-t.tsx';
import { lazyView } from '../ui/lazy.ts';
import type { AutoNotes } from './auto-qa.tsx';
import { CriterionRow } from './criterion-row.tsx';
import { criteriaOf, isManual } from './form.ts';
import { QueuedBanner } from './queued-banner.tsx';
import { ScoreFooter } from './score-footer.tsx';
import { useCriterionKeys } from './use-criterion-keys.ts';
import type { SidebarModel } from './load.ts';
import type { ReviewerState } from './use-reviewer.ts';

// another tab or device saved the draft first: rare, so fetched when it happens
const DraftConflict = lazyView(() => import('./draft-conflict.tsx').then((m) => m.DraftConflict));

// the list of every key: read on demand, its strings with it
const HelpKeys = lazyView(() => import('./help-keys.tsx').then((m) => m.HelpKeys));

// criteria pre-rated by automatic checks: only their scorecards fetch the suggestions and their code
const AutoQa = lazyView(() => import('./auto-qa.tsx').then((m) => m.AutoQa));

export function ScoringForm({ r, model }: { r: ReviewerState; model: SidebarModel }) {
  const t = useT();
  const [help, setHelp] = useState(false);
  const [comments, setComments] = useState<Record<string, boolean>>({});
  const [auto, setAuto] = useState<AutoNotes | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const card = r.card!;
  const criteria = criteriaOf(card.definition);
  // each row's place in the form, for the keys that move between rows
  const indexOf = new Map(criteria.map((c, i) => [c.id, i]));
  const metrics = r.metrics === 'loading' ? null : r.metrics;
  const queued = r.outbox.find((e) => e.id === r.draft.evaluationId);
  const held = r.held.find((e) => e.id === r.draft.evaluationId);
  const locked = held !== undefined || (queued !== undefined && queued.state !== 'failed');
  const problemsById = new Map(r.showProblems ? r.problems.map((p) => [p.criterionId, p]) : []);
  const failed = new Set(r.score?.criticalFailures ?? []);
  // `?` anywhere in the sidebar (not while typing): the form's own keys handle it inside the form
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (e.defaultPrevented || e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || (target && form.current?.contains(target))) return;
      if (target?.closest('textarea, input:not([type=checkbox]):not([type=radio]), select, [contenteditable=true]')) return;
      e.preventDefault();
      setHelp((h) => !h);
      requestAnimationFrame(() => form.current?.querySelector('.qa-help')?.scrollIntoView({ block: 'nearest' }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const onKeyDown = useCriterionKeys({
    form,
    criteria,
    r,
    locked,
    toggleHelp: () => setHelp((h) => !h),
    openComment: (id) => setComments((c) => ({ ...c, [id]: true })),
  });

  return (
    <form
      ref={form}
      class="qa-form"
      aria-label={t('ui.sidebar.formLabel', { name: card.definition.name })}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void r.submit();
      }}
      noValidate
    >
      <p class="qa-help qa-small" id="qa-help">
        {t('ui.sidebar.help.short')}{' '}
        <button type="button" class="qa-link" aria-expanded={help} aria-controls="qa-help-keys" onClick={() => setHelp(!help)}>
          {t('ui.sidebar.help.toggle')}
        </button>
      </p>
      {help && <HelpKeys />}
      {held ? (
        <QueuedBanner state="held" persistent={r.persistent} error={null} onRetry={null} />
      ) : (
        queued && (
          <QueuedBanner
            state={queued.state}
            persistent={r.persistent}
            error={queued.lastError?.message ?? null}
            onRetry={() => r.retry(queued.id)}
          />
        )
      )}
      {r.draftState.kind === 'conflict' && <DraftConflict r={r} />}
      {/* a calibration session is blind: no suggestion either */}
      {criteria.some((c) => c.auto) && !r.draft.calibrationSessionId && <AutoQa r={r} model={model} onNotes={setAuto} />}
      <fieldset class="qa-fieldset" disabled={locked}>
        {card.definition.sections.map((section) => (
          <section key={section.id} class="qa-section" aria-labelledby={`qa-s-${section.id}`}>
            <h2 class="qa-section__title" id={`qa-s-${section.id}`}>
              {section.name}
              {section.bonus && <span class="qa-tag qa-tag--bonus">{t('ui.sidebar.scale.bonus')}</span>}
            </h2>
            {section.criteria.map((c) => (
              <CriterionRow
                key={c.id}
                criterion={c}
                index={indexOf.get(c.id)!}
                answer={r.draft.answers[c.id]}
                metricAnswer={c.metric && metrics ? metricAnswer(c, metrics) : null}
                problem={problemsById.get(c.id)}
                critical={failed.has(c.id)}
                disabled={locked}
                commentOpen={comments[c.id] ?? false}
                onToggleComment={() => setComments((o) => ({ ...o, [c.id]: !o[c.id] }))}
                onEdit={r.edit}
                auto={auto?.[c.id]}
              />
            ))}
          </section>
        ))}
        <div class="qa-field">
          <label class="qa-label" for="qa-overall">
            {t('ui.sidebar.overallComment')}
          </label>
          <textarea
            id="qa-overall"
            class="qa-textarea"
            rows={2}
            value={r.draft.overallComment}
            onInput={(e) => r.edit({ type: 'overall', comment: e.currentTarget.value })}
          />
        </div>
      </fieldset>
      <ScoreFooter
        r={r}
        locked={locked}
        criteriaNames={new Map(criteria.map((c) => [c.id, c.label]))}
        total={criteria.filter(isManual).length}
        waiting={held ? 'held' : (queued?.state ?? null)}
      />
    </form>
  );
}
