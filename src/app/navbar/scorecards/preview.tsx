/** Score the draft as a reviewer would and watch the score move; and re-score the last 90 days with it. */
import { useState } from 'preact/hooks';
import type { Answer } from '../../../core/answers.ts';
import type { WhatIfResult } from '../../../core/api.ts';
import { numericMax, scaleOptions } from '../../../core/scale.ts';
import { isBonus, type Criterion, type ScorecardDefinition, type Section } from '../../../core/scorecard.ts';
import { roundForDisplay, scoreEvaluation } from '../../../core/scoring.ts';
import type { ScorecardsApi } from '../../api/scorecards-api.ts';
import type { Translate } from '../../i18n/translate.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { checkName } from '../../ui/checks.ts';
import { formatDelta, formatValue, type FigureKind } from '../reports/format.ts';

const shown = (n: number | null) => (n === null ? '–' : roundForDisplay(n).toFixed(2));

type Change = (a: Omit<Answer, 'criterionId'> | null) => void;

/** A criterion's label, with what sets it apart (Bonus, Not scored, Pre-rated by a check). */
function AnswerLegend({ text, badges }: { text: string; badges: string[] }) {
  return (
    <legend>
      {text}
      {badges.map((b) => (
        <span key={b}>
          {' '}
          <span class="qa-badge">{b}</span>
        </span>
      ))}
    </legend>
  );
}

/** What a typed number means: a whole number in 0..max (clamped), nothing (empty), or text that is not one. */
export function readNumber(text: string, max: number): { rating: number } | null | 'invalid' {
  const raw = text.trim();
  if (raw === '') return null;
  // "40 %" reads as 40 on a percent scale too
  const m = /^(-?\d+)\s*%?$/.exec(raw);
  if (!m) return 'invalid';
  return { rating: Math.max(0, Math.min(max, Number(m[1]))) };
}

/** Keys that step a typed number, as a native spin button does: arrows by 1, Page keys by a tenth of the scale, Home and End. */
function stepFor(key: string, max: number): ((n: number) => number) | null {
  const page = Math.max(1, Math.round(max / 10));
  const steps: Record<string, (n: number) => number> = {
    ArrowUp: (n) => n + 1,
    ArrowDown: (n) => n - 1,
    PageUp: (n) => n + page,
    PageDown: (n) => n - page,
    Home: () => 0,
    End: () => max,
  };
  return steps[key] ?? null;
}

/**
 * A points or percent criterion: the reviewer types the number (fast by keyboard), arrows and Page keys adjust it,
 * it is kept within 0..max; text that is not a whole number says so beside the field and leaves the answer empty.
 */
function NumberAnswer({
  id,
  legend,
  badges,
  max,
  percent,
  value,
  allowNA,
  t,
  onChange,
}: {
  id: string;
  legend: string;
  badges: string[];
  max: number;
  percent: boolean;
  value: Answer | undefined;
  allowNA: boolean;
  t: Translate;
  onChange: Change;
}) {
  const [text, setText] = useState(value?.rating === undefined ? '' : String(value.rating));
  const invalid = readNumber(text, max) === 'invalid';
  const set = (next: string) => {
    const read = readNumber(next, max);
    if (read === 'invalid') {
      setText(next);
      onChange(null);
    } else {
      // a number past either end is kept at the end, and shown so
      setText(read === null ? next : String(read.rating));
      onChange(read);
    }
  };
  const inputId = `${id}-number`;
  const na = value?.na === true;
  return (
    <fieldset class="qa-seg" id={id}>
      <AnswerLegend text={legend} badges={badges} />
      <div class="qa-seg__items qa-number-answer">
        <label class="qa-number-answer__label" for={inputId}>
          {t(percent ? 'ui.admin.preview.percentInput' : 'ui.admin.preview.pointsInput', { max })}
        </label>
        <input
          id={inputId}
          class="c-field__input qa-number-answer__input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          role="spinbutton"
          aria-valuemin={0}
          aria-valuemax={max}
          aria-valuenow={value?.rating}
          aria-valuetext={percent && value?.rating !== undefined ? `${value.rating}%` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${inputId}-error` : undefined}
          disabled={na}
          value={na ? '' : text}
          onInput={(e) => set(e.currentTarget.value)}
          onKeyDown={(e) => {
            const step = stepFor(e.key, max);
            if (!step) return;
            e.preventDefault();
            set(String(step(value?.rating ?? 0)));
          }}
        />
        {allowNA ? (
          <label class={`qa-seg__item qa-seg__item--na ${na ? 'is-on' : ''}`}>
            <input
              type="checkbox"
              checked={na}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                onChange(on ? { na: true } : readNumberAnswer(text, max));
              }}
            />
            <span>{t('ui.admin.preview.na')}</span>
          </label>
        ) : null}
      </div>
      {invalid ? (
        <div class="c-field__message qa-field-error qa-number-answer__error" id={`${inputId}-error`}>
          {t('ui.admin.preview.numberInvalid', { max })}
        </div>
      ) : null}
    </fieldset>
  );
}

const readNumberAnswer = (text: string, max: number) => {
  const read = readNumber(text, max);
  return read === 'invalid' ? null : read;
};

function Segmented({
  id,
  legend,
  badges,
  options,
  value,
  allowNA,
  naLabel,
  clearLabel,
  onChange,
}: {
  id: string;
  legend: string;
  badges: string[];
  options: string[];
  value: Answer | undefined;
  allowNA: boolean;
  naLabel: string;
  clearLabel: string;
  onChange: Change;
}) {
  const choice = value?.na ? 'na' : value?.rating === undefined ? '' : String(value.rating);
  const radio = (v: string, label: string, extra = '') => (
    <label class={`qa-seg__item ${extra} ${choice === v ? 'is-on' : ''}`} key={v}>
      <input
        type="radio"
        name={id}
        value={v}
        checked={choice === v}
        onChange={() => onChange(v === 'na' ? { na: true } : { rating: Number(v) })}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset class="qa-seg" id={id}>
      <AnswerLegend text={legend} badges={badges} />
      <div class="qa-seg__items">
        {options.map((label, i) => radio(String(i), label))}
        {allowNA ? radio('na', naLabel, 'qa-seg__item--na') : null}
        {/* always there, hidden when empty: choosing a rating never shifts the row */}
        <button type="button" class={`qa-seg__clear ${choice ? '' : 'is-hidden'}`} aria-label={clearLabel} onClick={() => onChange(null)}>
          ×
        </button>
      </div>
    </fieldset>
  );
}

/** One criterion as a reviewer answers it: a number for points and percent, otherwise its options as buttons. */
function PreviewAnswer({
  section,
  criterion: c,
  value,
  t,
  onChange,
}: {
  section: Section;
  criterion: Criterion;
  value: Answer | undefined;
  t: Translate;
  onChange: Change;
}) {
  const badge = c.scoring === false ? t('ui.admin.preview.notScored') : isBonus(section, c) ? t('ui.admin.preview.bonus') : null;
  const badges = [...(badge ? [badge] : []), ...(c.auto ? [t('ui.admin.preview.auto', { check: checkName(t, c.auto.check) })] : [])];
  const id = `preview-${c.id}`;
  const max = numericMax(c.scale);
  if (max !== null)
    return (
      <NumberAnswer
        id={id}
        legend={c.label}
        badges={badges}
        max={max}
        percent={'percent' in c.scale}
        value={value}
        allowNA={c.allowNA}
        t={t}
        onChange={onChange}
      />
    );
  return (
    <Segmented
      id={id}
      legend={c.label}
      badges={badges}
      options={scaleOptions(c.scale).map((o) => o.label)}
      value={value}
      allowNA={c.allowNA}
      naLabel={t('ui.admin.preview.na')}
      clearLabel={t('ui.admin.preview.clear', { label: c.label })}
      onChange={onChange}
    />
  );
}

export function Preview({ definition, t }: { definition: ScorecardDefinition | null; t: Translate }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  if (!definition) {
    return (
      <section class="qa-panel qa-preview" aria-labelledby="preview-title">
        <h3 id="preview-title">{t('ui.admin.preview.title')}</h3>
        <p>{t('ui.admin.preview.invalid')}</p>
      </section>
    );
  }
  const ids = new Set(definition.sections.flatMap((s) => s.criteria.map((c) => c.id)));
  const list = Object.values(answers).filter((a) => ids.has(a.criterionId));
  const result = scoreEvaluation(definition, list);
  const label = (id: string) => definition.sections.flatMap((s) => s.criteria).find((c) => c.id === id)?.label ?? id;
  // as in the sidebar: never a plain Pass while unrated criteria could still fail it
  const verdict = result.passed === null ? 'none' : !result.passed ? 'fail' : list.length < ids.size ? 'passSoFar' : 'pass';
  return (
    <section class="qa-panel qa-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('ui.admin.preview.title')}</h3>
      <p class="c-field__hint">{t('ui.admin.preview.hint')}</p>
      {definition.sections.map((section) => (
        <div class="qa-preview__section" key={section.id}>
          <h4>{section.name}</h4>
          {section.criteria.map((c) => (
            <PreviewAnswer
              key={c.id}
              section={section}
              criterion={c}
              value={answers[c.id]}
              t={t}
              onChange={(a) =>
                setAnswers((prev) => {
                  const next = { ...prev };
                  if (a) next[c.id] = { criterionId: c.id, ...a };
                  else delete next[c.id];
                  return next;
                })
              }
            />
          ))}
        </div>
      ))}
      <div class="qa-preview__result" role="status" aria-live="polite" data-testid="preview-result">
        <div class="qa-figure">
          <span class="qa-figure__label">{t('ui.admin.preview.final')}</span>
          <span class="qa-figure__value" data-testid="preview-final">
            {shown(result.finalScore)}
            {definition.maxScore === undefined || result.finalScore === null ? null : (
              <span class="qa-figure__of"> {t('ui.admin.preview.ofMax', { max: definition.maxScore })}</span>
            )}
          </span>
        </div>
        <div class="qa-figure">
          <span class="qa-figure__label">{t('ui.admin.preview.raw')}</span>
          <span class="qa-figure__value" data-testid="preview-raw">
            {shown(result.rawScore)}
          </span>
        </div>
        {definition.method === 'total-points' ? (
          <div class="qa-figure">
            <span class="qa-figure__label">{t('ui.admin.preview.points')}</span>
            <span class="qa-figure__value" data-testid="preview-points">
              {t(result.bonusPossible > 0 ? 'ui.admin.preview.pointsBonus' : 'ui.admin.preview.pointsValue', {
                earned: roundForDisplay(result.earned),
                possible: roundForDisplay(result.possible),
                bonus: roundForDisplay(result.bonusPossible),
              })}
            </span>
          </div>
        ) : null}
        <div class={`qa-verdict qa-verdict--${verdict}`} data-testid="preview-verdict">
          <span aria-hidden="true">{verdict === 'pass' ? '✓' : verdict === 'fail' ? '✗' : verdict === 'passSoFar' ? '…' : '·'}</span>{' '}
          {t(`ui.admin.preview.verdict.${verdict}`)}
        </div>
        {result.rawScore !== null && result.rawScore > 100 ? (
          <p class="qa-preview__note" data-testid="preview-above">
            {t('ui.admin.preview.aboveHundred', { max: result.maxScore, threshold: definition.passThreshold })}
          </p>
        ) : null}
        {result.criticalFailures.length ? (
          <p class="qa-critical" data-testid="preview-critical">
            {t('ui.admin.preview.critical', { list: result.criticalFailures.map(label).join(', ') })}
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** Each figure now and under the draft, over the same n evaluations: the change is the draft's, exact for them. */
function WhatIfTable({ result: r, t }: { result: WhatIfResult; t: Translate }) {
  const { locale } = useI18n();
  const rows: Array<{ key: string; label: string; kind: FigureKind; now: number | null; draft: number | null }> = [
    { key: 'average', label: t('ui.admin.whatIf.average'), kind: 'score', now: r.currentAverage, draft: r.whatIfAverage },
    { key: 'pass', label: t('ui.admin.whatIf.passRate'), kind: 'rate', now: r.passRate.current, draft: r.passRate.whatIf },
    {
      key: 'critical',
      label: t('ui.admin.whatIf.criticalFailRate'),
      kind: 'rate',
      now: r.criticalFailRate.current,
      draft: r.criticalFailRate.whatIf,
    },
  ];
  return (
    <>
      <table class="qa-whatif">
        <caption>{t('ui.admin.whatIf.caption', { days: r.days, n: r.n })}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('ui.admin.whatIf.now')}</th>
            <th scope="col">{t('ui.admin.whatIf.draft')}</th>
            <th scope="col">{t('ui.admin.whatIf.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-what-if={row.key}>
              <th scope="row">{row.label}</th>
              <td>{formatValue(row.kind, row.now, locale)}</td>
              <td>{formatValue(row.kind, row.draft, locale)}</td>
              <td>{row.now === null || row.draft === null ? '–' : formatDelta(row.kind, row.draft - row.now, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-what-if="flips">{t('ui.admin.whatIf.flips', { fail: r.wouldFail, pass: r.wouldPass, n: r.n })}</p>
    </>
  );
}

export function WhatIf({
  scorecardId,
  definition,
  api,
  t,
}: {
  scorecardId: string;
  definition: ScorecardDefinition | null;
  api: ScorecardsApi;
  t: Translate;
}) {
  const [state, setState] = useState<{ busy: boolean; result?: WhatIfResult; error?: string }>({ busy: false });
  const run = async () => {
    if (!definition) return;
    setState({ busy: true });
    const r = await api.whatIf(scorecardId, definition);
    setState(r.status === 'ok' ? { busy: false, result: r.value } : { busy: false, error: r.error.message });
  };
  const r = state.result;
  return (
    <section class="qa-panel" aria-labelledby="whatif-title">
      <h3 id="whatif-title">{t('ui.admin.whatIf.title')}</h3>
      <p class="c-field__hint">{t('ui.admin.whatIf.hint')}</p>
      <button type="button" class="c-btn c-btn--sm" disabled={!definition || state.busy} onClick={() => void run()}>
        {state.busy ? t('ui.common.loading') : t('ui.admin.whatIf.run')}
      </button>
      <div role="status" aria-live="polite" data-testid="what-if-result">
        {state.error ? <p class="qa-error">{t('ui.common.error', { message: state.error })}</p> : null}
        {r && r.n === 0 ? <p>{t('ui.admin.whatIf.nothing', { days: r.days, skipped: r.notRescored })}</p> : null}
        {r && r.n > 0 ? <WhatIfTable result={r} t={t} /> : null}
        {r && r.n > 0 && r.notRescored ? <p>{t('ui.admin.whatIf.skipped', { skipped: r.notRescored })}</p> : null}
      </div>
    </section>
  );
}
