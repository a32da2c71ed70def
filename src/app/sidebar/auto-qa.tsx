/**
 * Criteria pre-rated by an automatic check (issue 16, decision 029): fetched only when the scorecard has such criteria.
 * The loader asks the service for the ticket's results and the suggested option of each pre-rated criterion, selects
 * each suggestion the reviewer has not answered yet, and gives the form a note for each row: "Suggested by <check>"
 * with its evidence one button away, "You changed the suggestion" once the reviewer picks another option, or why the
 * check has nothing to say (then the reviewer rates as usual). The app sends only the answers: the service computes
 * the suggestion itself and records an override.
 */
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Criterion } from '../../core/scorecard.ts';
import { acceptTicketAutoQa, type AutoQaResult, type SuggestedRating, type TicketAutoQa } from '../api/autoqa-wire.ts';
import { useT } from '../i18n/use-t.tsx';
import type { Translate } from '../i18n/translate.ts';
import { announce } from '../ui/announce.ts';
import { checkName, checkUnit } from '../ui/checks.ts';
import { useAsync } from '../ui/use-async.ts';
import './auto-qa.css';
import type { DraftAnswer } from './draft-store.ts';
import { criteriaOf } from './form.ts';
import type { SidebarModel } from './load.ts';
import { useOptionLabels } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

/** Each pre-rated criterion's note, by criterion id, drawn with the row's current answer. */
export type AutoNotes = Record<string, (answer: DraftAnswer | undefined) => VNode>;

/** Evidence quoted at most, the rest counted. */
const EVIDENCE_SHOWN = 5;

/** The suggestions to select: a suggested option on a criterion the draft has no answer to. */
export function suggestionsToApply(data: TicketAutoQa, answers: Record<string, DraftAnswer | undefined>): SuggestedRating[] {
  return (data.ratings ?? []).filter((s) => s.rating !== null && answers[s.criterionId] === undefined);
}

/** Whether the reviewer's answer is another than the suggested option (N/A included); no answer is no change. */
export const overridden = (suggested: number, answer: DraftAnswer | undefined): boolean =>
  answer !== undefined && (answer.na === true || (answer.rating !== undefined && answer.rating !== suggested));

export function AutoQa({ model, r, onNotes }: { model: SidebarModel; r: ReviewerState; onNotes: (notes: AutoNotes | null) => void }) {
  const t = useT();
  const card = r.card!;
  const [state] = useAsync(
    () => model.service.ticketAutoQa(model.ticket.id, card.id, card.version, acceptTicketAutoQa),
    [model.ticket.id, card.id, card.version],
  );
  // the draft as it is when the answer comes: a suggestion never replaces an answer, and is selected once
  const answers = useRef(r.draft.answers);
  answers.current = r.draft.answers;
  const edit = useRef(r.edit);
  edit.current = r.edit;
  useEffect(() => {
    if (state.status !== 'ok') return;
    const applied = suggestionsToApply(state.value, answers.current);
    for (const s of applied) edit.current({ type: 'rate', criterionId: s.criterionId, rating: s.rating! });
    if (applied.length) announce(t('ui.autoqa.applied', { count: applied.length }));
    const auto = criteriaOf(card.definition).filter((c) => c.auto);
    onNotes(
      Object.fromEntries(
        auto.map((c) => {
          const suggestion = state.value.ratings?.find((s) => s.criterionId === c.id);
          const result = state.value.results.find((x) => x.checkId === c.auto!.check);
          return [
            c.id,
            (answer: DraftAnswer | undefined) => <AutoNote criterion={c} suggestion={suggestion} result={result} answer={answer} />,
          ];
        }),
      ),
    );
    return () => onNotes(null);
  }, [state]);
  if (state.status === 'error') return <p class="qa-small qa-muted qa-auto-line">{t('ui.autoqa.failed')}</p>;
  if (state.status === 'ok' && !state.value.synced) return <p class="qa-small qa-muted qa-auto-line">{t('ui.autoqa.notSynced')}</p>;
  return null;
}

/** A check's value in words: yes or no, or the number in its unit. */
function valueText(t: Translate, result: AutoQaResult): string {
  const v = result.value;
  const value = typeof v === 'boolean' ? t(v ? 'ui.autoqa.yes' : 'ui.autoqa.no') : String(Math.round((v ?? 0) * 10) / 10);
  return t('ui.autoqa.value', { value, unit: checkUnit(t, result.checkId) }).trim();
}

export function AutoNote({
  criterion: c,
  suggestion,
  result,
  answer,
}: {
  criterion: Criterion;
  suggestion: SuggestedRating | undefined;
  result: AutoQaResult | undefined;
  answer: DraftAnswer | undefined;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const options = useOptionLabels()(c.scale);
  const check = checkName(t, c.auto!.check);
  const id = `qa-c-${c.id}-evidence`;
  if (!result) return null;
  if (!result.applicable)
    return (
      <p class="qa-auto qa-small qa-muted">
        {t('ui.autoqa.notApplicable', { check, reason: result.reason ? t(`ui.autoqa.reasons.${result.reason}`) : '' })}
      </p>
    );
  const rating = suggestion?.rating ?? null;
  if (rating === null) return <p class="qa-auto qa-small qa-muted">{t('ui.autoqa.noBand', { check, value: valueText(t, result) })}</p>;
  const changed = overridden(rating, answer);
  return (
    <div class={`qa-auto${changed ? ' qa-auto--changed' : ''}`}>
      <p class="qa-auto__line qa-small">
        <span class="qa-tag qa-tag--auto" id={`${id}-by`}>
          {t('ui.autoqa.suggested', { check })}
        </span>{' '}
        {changed ? <span class="qa-auto__changed">{t('ui.autoqa.changed', { option: options[rating] ?? '' })}</span> : null}{' '}
        <button
          type="button"
          class="qa-link"
          aria-expanded={open}
          aria-controls={id}
          aria-describedby={`${id}-by`}
          aria-keyshortcuts="w"
          data-why=""
          onClick={() => setOpen(!open)}
        >
          {t('ui.autoqa.evidence')}
        </button>
      </p>
      {open ? <Evidence id={id} result={result} check={check} trusted={result.trusted && suggestion?.trusted !== false} /> : null}
    </div>
  );
}

/** What decided the result: its value, and the words of each message it read with the deciding span marked. */
function Evidence({ id, result, check, trusted }: { id: string; result: AutoQaResult; check: string; trusted: boolean }) {
  const t = useT();
  const shown = result.evidence.slice(0, EVIDENCE_SHOWN);
  const more = result.evidence.length - shown.length;
  return (
    <section class="qa-evidence" id={id} aria-label={t('ui.autoqa.evidenceTitle', { check })}>
      <p class="qa-small">{valueText(t, result)}</p>
      {trusted ? null : <p class="qa-small qa-auto__untrusted">{t('ui.autoqa.untrusted')}</p>}
      {shown.length === 0 ? <p class="qa-small qa-muted">{t('ui.autoqa.evidenceNone')}</p> : null}
      {shown.map((e) => (
        <figure key={`${e.commentId}-${e.start}`} class="qa-evidence__item">
          <blockquote class="qa-evidence__quote">
            <span aria-hidden="true">… </span>
            <mark>{e.text}</mark>
            <span aria-hidden="true"> …</span>
          </blockquote>
          {e.note ? <figcaption class="qa-small qa-muted">{e.note}</figcaption> : null}
        </figure>
      ))}
      {more > 0 ? <p class="qa-small qa-muted">{t('ui.autoqa.more', { count: more })}</p> : null}
    </section>
  );
}
