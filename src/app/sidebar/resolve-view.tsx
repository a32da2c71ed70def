/**
 * A lead or admin resolves an agent's dispute (docs/decisions/016-integrity-rules.md): reject (the score stays) or
 * uphold with new ratings for the disputed criteria (every criterion when the dispute named none); the service amends
 * and rescores the evaluation in the same step. A points or percent criterion takes its new number typed, as in the form.
 * Lazy: only leads with a disputed evaluation on the ticket load it.
 */
import { useState } from 'preact/hooks';
import type { Answer } from '../../core/answers.ts';
import type { Evaluation } from '../../core/evaluation.ts';
import { numericMax } from '../../core/scale.ts';
import type { ScorecardDefinition } from '../../core/scorecard.ts';
import type { ServiceError } from '../api/result.ts';
import type { SidebarApi } from '../api/sidebar-api.ts';
import { useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import { criteriaOf } from './form.ts';
import { NumberField } from './number-field.tsx';
import { Banner, CriterionMarks, useOptionLabels } from './parts.tsx';

interface Pick {
  /** Index into the criterion's scale options, or 'na'. */
  value: number | 'na' | null;
  comment: string;
}

export function ResolveDispute({
  evaluation: e,
  card,
  resolver,
  onResolved,
}: {
  evaluation: Evaluation;
  card: ScorecardDefinition;
  resolver: { resolveDispute: SidebarApi['resolveDispute'] };
  onResolved: (e: Evaluation) => void;
}) {
  const t = useT();
  const labels = useOptionLabels();
  const criteria = criteriaOf(card);
  const named = e.dispute?.criterionIds ?? [];
  const disputed = named.length > 0 ? criteria.filter((c) => named.includes(c.id)) : criteria;
  const current = new Map(e.answers.map((a) => [a.criterionId, a]));
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<'upheld' | 'rejected'>('upheld');
  const [note, setNote] = useState('');
  const [picks, setPicks] = useState<Record<string, Pick>>(() =>
    Object.fromEntries(
      disputed.map((c) => {
        const a = current.get(c.id);
        return [c.id, { value: a?.na ? 'na' : (a?.rating ?? null), comment: a?.comment ?? '' }];
      }),
    ),
  );
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ServiceError | null>(null);
  const id = `qa-resolve-${e.id}`;

  // the button and the form take each other's place: focus goes along
  const opening = () => {
    setOpen(true);
    focusSoon(() => document.getElementById(id)?.querySelector('input'));
  };
  const closing = () => {
    setOpen(false);
    focusSoon(() => document.querySelector<HTMLElement>(`[data-resolve="${e.id}"]`));
  };
  if (!open) {
    return (
      <button type="button" class="c-btn c-btn--sm" data-resolve={e.id} onClick={opening}>
        {t('ui.sidebar.resolve.open')}
      </button>
    );
  }

  const submit = async () => {
    let answers: Answer[] | undefined;
    if (outcome === 'upheld') {
      if (disputed.some((c) => picks[c.id]?.value === null)) {
        setMissing(true);
        return;
      }
      answers = disputed.map((c) => {
        const p = picks[c.id]!;
        const a: Answer = p.value === 'na' ? { criterionId: c.id, na: true } : { criterionId: c.id, rating: p.value as number };
        if (p.comment.trim()) a.comment = p.comment.trim();
        const kept = current.get(c.id)?.rootCauses;
        if (kept?.length) a.rootCauses = kept;
        return a;
      });
    }
    setBusy(true);
    const r = await resolver.resolveDispute(e.id, {
      outcome,
      note: note.trim(),
      ...(answers ? { answers } : {}),
      ...(e.lockVersion !== undefined ? { lockVersion: e.lockVersion } : {}),
    });
    setBusy(false);
    if (r.status === 'ok') {
      setError(null);
      setOpen(false);
      onResolved(r.value);
      // the form is gone: focus on the evaluation it resolved, and the decision said
      focusSoon(
        () => document.querySelector<HTMLElement>(`[data-history-id="${e.id}"]`),
        t(outcome === 'upheld' ? 'ui.sidebar.dispute.upheld' : 'ui.sidebar.dispute.rejected'),
      );
    } else setError(r.error);
  };

  return (
    <form
      class="qa-dispute"
      id={id}
      aria-labelledby={`${id}-title`}
      onKeyDown={(ev) => ev.key === 'Escape' && closing()}
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
    >
      <h3 class="qa-label" id={`${id}-title`}>
        {t('ui.sidebar.resolve.title')}
      </h3>
      <fieldset class="qa-causes">
        <legend class="qa-label">{t('ui.sidebar.resolve.outcome')}</legend>
        {(['upheld', 'rejected'] as const).map((o) => (
          <label key={o} class="qa-check">
            <input type="radio" name={`${id}-outcome`} checked={outcome === o} onChange={() => setOutcome(o)} />{' '}
            {t(`ui.sidebar.resolve.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'upheld' && (
        <fieldset class="qa-causes">
          <legend class="qa-label">{t('ui.sidebar.resolve.newRatings')}</legend>
          {disputed.map((c) => {
            const p = picks[c.id]!;
            const set = (change: Partial<Pick>) => {
              setPicks((all) => ({ ...all, [c.id]: { ...all[c.id]!, ...change } }));
              setMissing(false);
            };
            const max = numericMax(c.scale);
            return (
              <div key={c.id} class="qa-resolve__criterion" data-resolve-criterion={c.id}>
                <label class="qa-small" for={`${id}-${c.id}`} id={`${id}-${c.id}-label`}>
                  {c.label} <CriterionMarks criterion={c} section={card.sections.find((x) => x.criteria.includes(c))} />
                </label>
                {max !== null ? (
                  <div class="qa-row">
                    <NumberField
                      id={`${id}-${c.id}`}
                      max={max}
                      percent={'percent' in c.scale}
                      value={typeof p.value === 'number' ? p.value : undefined}
                      labelledBy={`${id}-${c.id}-label`}
                      invalid={missing && p.value === null}
                      onValue={(n) => set({ value: n })}
                    />
                    {c.allowNA && (
                      <label class="qa-check">
                        <input
                          type="checkbox"
                          checked={p.value === 'na'}
                          onChange={(ev) => set({ value: ev.currentTarget.checked ? 'na' : null })}
                        />{' '}
                        {t('ui.sidebar.na')}
                      </label>
                    )}
                  </div>
                ) : (
                  <select
                    id={`${id}-${c.id}`}
                    class="qa-select"
                    value={p.value === null ? '' : String(p.value)}
                    aria-invalid={missing && p.value === null ? true : undefined}
                    onChange={(ev) => {
                      const v = ev.currentTarget.value;
                      set({ value: v === '' ? null : v === 'na' ? 'na' : Number(v) });
                    }}
                  >
                    <option value="">{t('ui.sidebar.resolve.pick')}</option>
                    {labels(c.scale).map((label, i) => (
                      <option key={i} value={String(i)}>
                        {label}
                      </option>
                    ))}
                    {c.allowNA && <option value="na">{t('ui.sidebar.na')}</option>}
                  </select>
                )}
                <input
                  type="text"
                  class="qa-input"
                  aria-label={t('ui.sidebar.resolve.comment', { criterion: c.label })}
                  placeholder={t('ui.sidebar.resolve.commentPlaceholder')}
                  value={p.comment}
                  onInput={(ev) => set({ comment: ev.currentTarget.value })}
                />
              </div>
            );
          })}
          {missing && (
            <p class="qa-error" role="alert">
              {t('ui.sidebar.resolve.ratingMissing')}
            </p>
          )}
        </fieldset>
      )}
      <label class="qa-label" for={`${id}-note`}>
        {t('ui.sidebar.resolve.note')}
      </label>
      <textarea id={`${id}-note`} class="qa-textarea" rows={2} value={note} onInput={(ev) => setNote(ev.currentTarget.value)} />
      {error && (
        <Banner tone="error" role="alert">
          {error.kind === 'conflict'
            ? t('ui.sidebar.resolve.conflict')
            : error.kind === 'rule'
              ? error.message
              : t(`ui.sidebar.error.${error.kind}`)}
          {error.issues && error.issues.length > 0 && (
            <ul>
              {error.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </Banner>
      )}
      <div class="qa-row">
        <button type="submit" class="c-btn c-btn--sm c-btn--primary" disabled={busy}>
          {t('ui.sidebar.resolve.send')}
        </button>
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={closing}>
          {t('ui.sidebar.cancel')}
        </button>
      </div>
    </form>
  );
}
