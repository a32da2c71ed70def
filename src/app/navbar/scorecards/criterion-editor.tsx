/**
 * One criterion's fields: label, id, guidance, whether it counts and as a bonus, scale (presets, custom options with
 * their outcomes, points, percent, choices), weight, N/A, critical rule and its fail line, comment rule, root causes.
 */
import type { ComponentChildren } from 'preact';
import { CHECK_IDS, CHECK_KINDS, type AutoScore, type CheckId } from '../../../core/autoqa.ts';
import { DEFAULT_FAIL_BELOW, numericMax, scaleOptions } from '../../../core/scale.ts';
import { RootCauseKind, ScalePreset, type CriticalRule, type ScaleOption, type ScoringMethod } from '../../../core/scorecard.ts';
import type { Translate } from '../../i18n/translate.ts';
import { checkDescription, checkName, checkUnit } from '../../ui/checks.ts';
import {
  autoPatch,
  bandParts,
  bandWith,
  bonusPatch,
  rootCausePatch,
  rootCauseRows,
  scaleChoice,
  scaleFor,
  scoringPatch,
  type AutoBand,
  type BandSide,
  type CriterionPatch,
  type DraftCriterion,
  type ScaleChoice,
} from './editor-state.ts';
import { CheckboxField, FieldMessages, messagesFor, NumberField, SelectField, TextField, type Choice, type Errors } from './fields.tsx';
import type { RowControls } from './row-controls.tsx';
import { RowToolbar } from './row-controls.tsx';

export interface CriterionEditorProps {
  criterion: DraftCriterion;
  /** Schema path of this criterion, e.g. `sections[0].criteria[2]`. */
  path: string;
  number: string;
  method: ScoringMethod;
  /** The criterion's section is a bonus section: every criterion in it is a bonus. */
  sectionBonus: boolean;
  errors: Errors;
  t: Translate;
  onChange: (patch: CriterionPatch) => void;
  controls: RowControls;
}

/** What each part of a criterion's editor reads and how it reports a change. */
interface PartProps {
  c: DraftCriterion;
  path: string;
  errors: Errors;
  t: Translate;
  onChange: (p: CriterionPatch) => void;
}

/** A list row's Remove button, named for screen readers by what it removes. */
function RemoveButton({ name, t, onClick }: { name: string; t: Translate; onClick: () => void }) {
  return (
    <button type="button" class="c-btn c-btn--sm c-btn--basic c-btn--danger" aria-label={name} onClick={onClick}>
      {t('ui.admin.remove')}
    </button>
  );
}

/** A list of rows (options, choices, root causes): its legend, the list's own problems, the rows, Add, and hints. */
function ListFieldset(props: {
  class: string;
  legend: string;
  messagesId: string;
  messages: string[];
  addLabel: string;
  onAdd: () => void;
  hints?: string[];
  children: ComponentChildren;
}) {
  return (
    <fieldset class={props.class}>
      <legend>{props.legend}</legend>
      <FieldMessages id={props.messagesId} messages={props.messages} />
      {props.children}
      <button type="button" class="c-btn c-btn--sm" onClick={props.onAdd}>
        {props.addLabel}
      </button>
      {props.hints?.map((h) => (
        <p class="c-field__hint" key={h}>
          {h}
        </p>
      ))}
    </fieldset>
  );
}

const fractionText = (f: number) => String(Math.round(f * 100) / 100);

/** The picker's entries: the presets with their labels, custom options, points, percent, and choices for a question that does not count. */
function scaleChoices(c: DraftCriterion, t: Translate): Choice[] {
  return [
    ...ScalePreset.options.map((p) => ({
      value: p,
      label: t(`ui.admin.scale.${p}`, {
        options: scaleOptions({ preset: p })
          .map((o) => o.label)
          .join(' / '),
      }),
    })),
    { value: 'custom', label: t('ui.admin.scale.custom') },
    { value: 'points', label: t('ui.admin.scale.points') },
    { value: 'percent', label: t('ui.admin.scale.percent') },
    ...(c.scoring === false || 'choices' in c.scale ? [{ value: 'choices', label: t('ui.admin.scale.choices') }] : []),
  ];
}

type Outcome = 'score' | 'fail' | 'pass';
const OUTCOMES: Record<Outcome, boolean | undefined> = { score: undefined, fail: true, pass: false };
const outcomeOf = (o: ScaleOption): Outcome => (o.countsAsFail === undefined ? 'score' : o.countsAsFail ? 'fail' : 'pass');

/** An option with its outcome; "by its score" leaves the field out, so a card that never says one stays format 1. */
function withOutcome({ countsAsFail: _c, ...option }: ScaleOption, outcome: Outcome): ScaleOption {
  const countsAsFail = OUTCOMES[outcome];
  return countsAsFail === undefined ? option : { ...option, countsAsFail };
}

function OptionsEditor({ c, path, errors, t, onChange, options }: PartProps & { options: ScaleOption[] }) {
  const id = `${c.key}-scale`;
  const setOptions = (next: ScaleOption[]) => onChange({ scale: { options: next } });
  const setOption = (i: number, next: ScaleOption) => setOptions(options.map((x, j) => (j === i ? next : x)));
  // a non-scoring criterion never fails: its options have no outcome to choose
  const outcomes = c.scoring !== false;
  return (
    <ListFieldset
      class="qa-options"
      legend={t('ui.admin.scale.optionsLegend')}
      messagesId={`${id}-options`}
      messages={messagesFor(errors, [`${path}.scale.options`])}
      addLabel={t('ui.admin.scale.addOption')}
      onAdd={() => setOptions([...options, { label: '', fraction: 0 }])}
      hints={[t('ui.admin.scale.fractionHint'), ...(outcomes ? [t('ui.admin.scale.outcomeHint')] : [])]}
    >
      {options.map((o, i) => (
        <div class="qa-option-row" key={i}>
          <TextField
            id={`${id}-o${i}-label`}
            compact
            label={t('ui.admin.scale.optionLabel', { n: i + 1 })}
            path={`${path}.scale.options[${i}].label`}
            errors={errors}
            value={o.label}
            onValue={(label) => setOption(i, { ...o, label })}
          />
          <NumberField
            id={`${id}-o${i}-fraction`}
            compact
            label={t('ui.admin.scale.optionFraction')}
            path={`${path}.scale.options[${i}].fraction`}
            errors={errors}
            value={o.fraction}
            onValue={(fraction) => setOption(i, { ...o, fraction })}
          />
          {outcomes ? (
            <SelectField
              id={`${id}-o${i}-outcome`}
              compact
              label={t('ui.admin.scale.outcome')}
              path={`${path}.scale.options[${i}].countsAsFail`}
              errors={errors}
              value={outcomeOf(o)}
              choices={(Object.keys(OUTCOMES) as Outcome[]).map((k) => ({ value: k, label: t(`ui.admin.scale.outcomes.${k}`) }))}
              onValue={(v) => setOption(i, withOutcome(o, v as Outcome))}
            />
          ) : null}
          <RemoveButton
            name={t('ui.admin.scale.removeOption', { n: i + 1 })}
            t={t}
            onClick={() => setOptions(options.filter((_, j) => j !== i))}
          />
        </div>
      ))}
    </ListFieldset>
  );
}

/** Unordered labels with no score, for a question that does not count. */
function ChoicesEditor({ c, path, errors, t, onChange, choices }: PartProps & { choices: string[] }) {
  const id = `${c.key}-choices`;
  const set = (next: string[]) => onChange({ scale: { choices: next } });
  return (
    <ListFieldset
      class="qa-options"
      legend={t('ui.admin.scale.choicesLegend')}
      messagesId={`${id}-all`}
      messages={messagesFor(errors, [`${path}.scale.choices`])}
      addLabel={t('ui.admin.scale.addChoice')}
      onAdd={() => set([...choices, ''])}
      hints={[t('ui.admin.scale.choicesHint')]}
    >
      {choices.map((label, i) => (
        <div class="qa-option-row" key={i}>
          <TextField
            id={`${id}${i}`}
            compact
            label={t('ui.admin.scale.choiceLabel', { n: i + 1 })}
            path={`${path}.scale.choices[${i}]`}
            errors={errors}
            value={label}
            onValue={(v) => set(choices.map((x, j) => (j === i ? v : x)))}
          />
          <RemoveButton
            name={t('ui.admin.scale.removeChoice', { n: i + 1 })}
            t={t}
            onClick={() => set(choices.filter((_, j) => j !== i))}
          />
        </div>
      ))}
    </ListFieldset>
  );
}

function ScaleEditor(props: PartProps) {
  const { c, path, errors, t, onChange } = props;
  const id = `${c.key}-scale`;
  return (
    <div class="qa-scale">
      <div class="qa-grid">
        <SelectField
          id={id}
          label={t('ui.admin.criterion.scale')}
          path={`${path}.scale`}
          errors={errors}
          value={scaleChoice(c.scale)}
          choices={scaleChoices(c, t)}
          onValue={(v) => {
            const scale = scaleFor(v as ScaleChoice, c);
            // unordered choices have no "at or below"
            onChange('choices' in scale ? { scale, commentRequiredAtOrBelow: undefined } : { scale });
          }}
        />
        {'points' in c.scale ? (
          <NumberField
            id={`${id}-points`}
            label={t('ui.admin.scale.pointsMax')}
            hint={t('ui.admin.scale.pointsHint')}
            path={`${path}.scale.points`}
            errors={errors}
            value={c.scale.points}
            onValue={(points) => onChange({ scale: { points } })}
          />
        ) : null}
      </div>
      {'options' in c.scale ? <OptionsEditor {...props} options={c.scale.options} /> : null}
      {'choices' in c.scale ? <ChoicesEditor {...props} choices={c.scale.choices} /> : null}
    </div>
  );
}

/** The scale's options as choices of a mapping ("1: Yes"), and "leave it to the reviewer" where the mapping may say none. */
function optionChoices(c: DraftCriterion, t: Translate, none: boolean): Choice[] {
  return [
    ...(none ? [{ value: '', label: t('ui.admin.auto.otherwiseNone') }] : []),
    ...scaleOptions(c.scale).map((o, i) => ({ value: String(i), label: t('ui.admin.auto.option', { n: i + 1, label: o.label }) })),
  ];
}

/** A number check's bands, first match wins, each an at least / at most line and the option it gives. */
function BandsEditor({ c, path, errors, t, onChange, auto }: PartProps & { auto: AutoScore }) {
  const id = `${c.key}-auto-bands`;
  const bands = auto.bands ?? [];
  // no band left: core says the check needs bands (an empty list would only say "at least 1 entry")
  const set = (next: AutoBand[]) => onChange({ auto: { ...auto, bands: next.length ? next : undefined } });
  const setBand = (i: number, change: Parameters<typeof bandWith>[1]) => set(bands.map((b, j) => (j === i ? bandWith(b, change) : b)));
  const options = optionChoices(c, t, false);
  const unit = checkUnit(t, auto.check);
  return (
    <ListFieldset
      class="qa-options qa-auto__bands"
      legend={t('ui.admin.auto.bandsLegend', { unit })}
      messagesId={`${id}-all`}
      messages={messagesFor(errors, [`${path}.auto.bands`])}
      addLabel={t('ui.admin.auto.addBand')}
      onAdd={() => set([...bands, { atLeast: 0, option: 0 }])}
      hints={[t('ui.admin.auto.bandsHint')]}
    >
      {bands.map((b, i) => {
        const { side, value } = bandParts(b);
        return (
          <div class="qa-option-row" key={i}>
            <SelectField
              id={`${id}${i}-side`}
              compact
              label={t('ui.admin.auto.bandSide', { n: i + 1 })}
              path={`${path}.auto.bands[${i}]`}
              errors={errors}
              value={side}
              choices={(['atLeast', 'atMost'] as const).map((k) => ({ value: k, label: t(`ui.admin.auto.sides.${k}`) }))}
              onValue={(v) => setBand(i, { side: v as BandSide })}
            />
            <NumberField
              id={`${id}${i}-value`}
              compact
              label={t('ui.admin.auto.bandValue', { unit })}
              path={`${path}.auto.bands[${i}].${side}`}
              errors={errors}
              value={value}
              onValue={(v) => setBand(i, { value: v })}
            />
            <SelectField
              id={`${id}${i}-option`}
              compact
              label={t('ui.admin.auto.bandOption')}
              path={`${path}.auto.bands[${i}].option`}
              errors={errors}
              value={String(b.option)}
              choices={options}
              onValue={(v) => setBand(i, { option: Number(v) })}
            />
            <RemoveButton name={t('ui.admin.auto.removeBand', { n: i + 1 })} t={t} onClick={() => set(bands.filter((_, j) => j !== i))} />
          </div>
        );
      })}
    </ListFieldset>
  );
}

/** "Pre-rated by a check": which check, and how its value maps to the criterion's options. */
function AutoEditor(props: PartProps) {
  const { c, path, errors, t, onChange } = props;
  const id = `${c.key}-auto`;
  const auto = c.auto;
  const setIndex = (key: 'whenTrue' | 'whenFalse' | 'otherwise', v: string) =>
    auto && onChange({ auto: { ...auto, [key]: v === '' ? undefined : Number(v) } });
  const index = (n: number | undefined) => (n === undefined ? '' : String(n));
  return (
    <div class="qa-auto">
      <SelectField
        id={id}
        label={t('ui.admin.auto.check')}
        hint={auto ? checkDescription(t, auto.check) : t('ui.admin.auto.hint')}
        path={`${path}.auto`}
        morePaths={[`${path}.auto.check`]}
        errors={errors}
        value={auto?.check ?? ''}
        choices={[{ value: '', label: t('ui.admin.auto.none') }, ...CHECK_IDS.map((k) => ({ value: k, label: checkName(t, k) }))]}
        onValue={(v) => onChange(autoPatch(c, v === '' ? null : (v as CheckId)))}
      />
      {auto && CHECK_KINDS[auto.check] === 'boolean' ? (
        <div class="qa-grid">
          {(['whenTrue', 'whenFalse'] as const).map((k) => (
            <SelectField
              key={k}
              id={`${id}-${k}`}
              label={t(`ui.admin.auto.${k}`)}
              path={`${path}.auto.${k}`}
              errors={errors}
              value={index(auto[k])}
              choices={optionChoices(c, t, auto[k] === undefined)}
              onValue={(v) => setIndex(k, v)}
            />
          ))}
        </div>
      ) : null}
      {auto && CHECK_KINDS[auto.check] === 'number' ? (
        <>
          <BandsEditor {...props} auto={auto} />
          <SelectField
            id={`${id}-otherwise`}
            label={t('ui.admin.auto.otherwise')}
            path={`${path}.auto.otherwise`}
            errors={errors}
            value={index(auto.otherwise)}
            choices={optionChoices(c, t, true)}
            onValue={(v) => setIndex('otherwise', v)}
          />
        </>
      ) : null}
    </div>
  );
}

type CriticalEffect = 'none' | NonNullable<CriticalRule>['effect'];
const CRITICAL: Record<CriticalEffect, (cap: number) => CriticalRule> = {
  none: () => null,
  zero: () => ({ effect: 'zero' }),
  'zero-section': () => ({ effect: 'zero-section' }),
  cap: (cap) => ({ effect: 'cap', cap }),
  fail: () => ({ effect: 'fail' }),
};

function RootCauses({ c, path, errors, t, onChange }: PartProps) {
  const rows = rootCauseRows(c);
  const id = `${c.key}-rc`;
  const set = (next: typeof rows) => onChange(rootCausePatch(next));
  return (
    <ListFieldset
      class="qa-root-causes"
      legend={t('ui.admin.criterion.rootCauses')}
      messagesId={`${id}-all`}
      messages={messagesFor(errors, [`${path}.rootCauses`])}
      addLabel={t('ui.admin.rootCause.add')}
      onAdd={() => set([...rows, { label: '', kind: 'agent-skill' }])}
    >
      {rows.map((row, i) => (
        <div class="qa-option-row" key={i}>
          <TextField
            id={`${id}${i}-label`}
            compact
            label={t('ui.admin.rootCause.label', { n: i + 1 })}
            path={`${path}.rootCauses[${i}]`}
            morePaths={[`${path}.rootCauseKinds[${JSON.stringify(row.label)}]`, `${path}.rootCauseKinds.${row.label}`]}
            errors={errors}
            value={row.label}
            onValue={(label) => set(rows.map((r, j) => (j === i ? { ...r, label } : r)))}
          />
          <SelectField
            id={`${id}${i}-kind`}
            compact
            label={t('ui.admin.rootCause.kind')}
            path={`${path}.rootCauseKinds`}
            errors={new Map()}
            value={row.kind}
            choices={RootCauseKind.options.map((k) => ({ value: k, label: t(`ui.admin.rootCauseKinds.${k}`) }))}
            onValue={(kind) => set(rows.map((r, j) => (j === i ? { ...r, kind: kind as RootCauseKind } : r)))}
          />
          <RemoveButton
            name={t('ui.admin.rootCause.remove', { label: row.label || String(i + 1) })}
            t={t}
            onClick={() => set(rows.filter((_, j) => j !== i))}
          />
        </div>
      ))}
    </ListFieldset>
  );
}

/** "Comment required" entries: each option by its label and fraction, or on a points or percent scale each number. */
function commentChoices(c: DraftCriterion, t: Translate): Choice[] {
  const options = scaleOptions(c.scale);
  const max = numericMax(c.scale);
  const atOrBelow = (fraction: number, label: string) =>
    max === null
      ? t('ui.admin.criterion.commentAtOrBelow', { label, fraction: fractionText(fraction) })
      : t('percent' in c.scale ? 'ui.admin.criterion.commentAtOrBelowPercent' : 'ui.admin.criterion.commentAtOrBelowPoints', {
          count: Math.round(fraction * max * 100) / 100,
        });
  const choices = [
    { value: '', label: t('ui.admin.criterion.commentNever') },
    ...options.map((o) => ({ value: String(o.fraction), label: atOrBelow(o.fraction, o.label) })),
  ];
  const current = c.commentRequiredAtOrBelow;
  if (current !== undefined && !choices.some((x) => x.value === String(current)))
    choices.push({ value: String(current), label: atOrBelow(current, '') });
  return choices;
}

/**
 * "Fails below" entries: the default (the middle of the scale), then below each option above the lowest, named as
 * the scale is (points, percent, or the option's label and fraction).
 */
function failBelowChoices(c: DraftCriterion, t: Translate): Choice[] {
  const max = numericMax(c.scale);
  const below = (fraction: number, label: string) =>
    max === null
      ? t('ui.admin.criterion.failBelowOption', { label, fraction: fractionText(fraction) })
      : t('percent' in c.scale ? 'ui.admin.criterion.failBelowPercent' : 'ui.admin.criterion.failBelowPoints', {
          count: Math.round(fraction * max * 100) / 100,
        });
  const seen = new Set<number>([DEFAULT_FAIL_BELOW]);
  const choices: Choice[] = [{ value: '', label: t('ui.admin.criterion.failBelowDefault') }];
  for (const o of [...scaleOptions(c.scale)].sort((a, b) => a.fraction - b.fraction)) {
    if (o.fraction <= 0 || seen.has(o.fraction)) continue;
    seen.add(o.fraction);
    choices.push({ value: String(o.fraction), label: below(o.fraction, o.label) });
  }
  if (c.failBelow !== undefined && !seen.has(c.failBelow)) choices.push({ value: String(c.failBelow), label: below(c.failBelow, '') });
  return choices;
}

/** Critical rule, its cap, and the line below which an answer fails it. */
function CriticalFields({ c, path, errors, t, onChange }: PartProps) {
  const effect: CriticalEffect = c.critical?.effect ?? 'none';
  return (
    <>
      <SelectField
        id={`${c.key}-critical`}
        label={t('ui.admin.criterion.critical')}
        hint={t('ui.admin.criterion.criticalHint')}
        path={`${path}.critical`}
        errors={errors}
        value={effect}
        choices={(Object.keys(CRITICAL) as CriticalEffect[]).map((e) => ({ value: e, label: t(`ui.admin.critical.${e}`) }))}
        onValue={(e) => {
          const critical = CRITICAL[e as CriticalEffect](c.critical?.effect === 'cap' ? c.critical.cap : 50);
          // the fail line belongs to the critical rule: it goes with it
          onChange(critical ? { critical } : { critical, failBelow: undefined });
        }}
      />
      {c.critical?.effect === 'cap' ? (
        <NumberField
          id={`${c.key}-cap`}
          label={t('ui.admin.criterion.cap')}
          path={`${path}.critical.cap`}
          errors={errors}
          value={c.critical.cap}
          onValue={(cap) => onChange({ critical: { effect: 'cap', cap } })}
        />
      ) : null}
      {c.critical ? (
        <SelectField
          id={`${c.key}-fail-below`}
          label={t('ui.admin.criterion.failBelow')}
          hint={t('ui.admin.criterion.failBelowHint')}
          path={`${path}.failBelow`}
          errors={errors}
          value={c.failBelow === undefined ? '' : String(c.failBelow)}
          choices={failBelowChoices(c, t)}
          onValue={(v) => onChange({ failBelow: v === '' ? undefined : Number(v) })}
        />
      ) : null}
    </>
  );
}

export function CriterionEditor({ criterion: c, path, number, method, sectionBonus, errors, t, onChange, controls }: CriterionEditorProps) {
  const scoring = c.scoring !== false;
  const bonus = sectionBonus || c.bonus === true;
  const comment = c.commentRequiredAtOrBelow === undefined ? '' : String(c.commentRequiredAtOrBelow);
  const title = c.label.trim() || t('ui.admin.criterion.untitled');
  const part: PartProps = { c, path, errors, t, onChange };
  // messages about fields this criterion does not show right now (e.g. a weight on a criterion that does not count)
  const hidden = [
    ...(scoring ? [] : [`${path}.weight`, `${path}.critical`, `${path}.bonus`, `${path}.failBelow`, `${path}.auto`]),
    ...(bonus ? [`${path}.allowNA`, `${path}.critical`] : []),
    ...('choices' in c.scale ? [`${path}.commentRequiredAtOrBelow`] : []),
  ];
  return (
    <fieldset class="qa-row qa-criterion" {...controls.rowProps} aria-labelledby={`${c.key}-legend`}>
      <legend id={`${c.key}-legend`} class="qa-row__legend">
        <span class="qa-drag" data-drag={controls.kind} {...controls.handleProps} aria-hidden="true">
          ⠿
        </span>
        {t('ui.admin.criterion.legend', { n: number, label: title })}
        {scoring && bonus ? (
          <>
            {' '}
            <span class="qa-badge qa-badge--bonus">{t('ui.admin.criterion.bonusBadge')}</span>
          </>
        ) : null}
        {scoring ? null : (
          <>
            {' '}
            <span class="qa-badge">{t('ui.admin.criterion.notScoredBadge')}</span>
          </>
        )}
        {c.auto ? (
          <>
            {' '}
            <span class="qa-badge qa-badge--auto">{t('ui.admin.auto.badge', { check: checkName(t, c.auto.check) })}</span>
          </>
        ) : null}
      </legend>
      <RowToolbar controls={controls} t={t} name={title} />
      <div class="qa-grid">
        <TextField
          id={`${c.key}-label`}
          label={t('ui.admin.criterion.label')}
          path={`${path}.label`}
          errors={errors}
          value={c.label}
          onValue={(label) => onChange({ label })}
        />
        <TextField
          id={`${c.key}-id`}
          label={t('ui.admin.criterion.id')}
          hint={t('ui.admin.criterion.idHint')}
          path={`${path}.id`}
          errors={errors}
          value={c.id}
          onValue={(id) => onChange({ id })}
        />
        {scoring ? (
          <NumberField
            id={`${c.key}-weight`}
            label={t(method === 'total-points' ? 'ui.admin.criterion.points' : 'ui.admin.criterion.weight')}
            hint={'points' in c.scale ? t('ui.admin.criterion.weightPointsHint') : undefined}
            path={`${path}.weight`}
            errors={errors}
            value={c.weight}
            onValue={(weight) => onChange({ weight })}
          />
        ) : null}
      </div>
      <TextField
        id={`${c.key}-guidance`}
        multiline
        label={t('ui.admin.criterion.guidance')}
        hint={t('ui.admin.criterion.guidanceHint')}
        path={`${path}.guidance`}
        errors={errors}
        value={c.guidance}
        onValue={(guidance) => onChange({ guidance })}
      />
      <div class="qa-checks">
        {/* a criterion scored from the ticket's figures always counts */}
        {c.metric ? null : (
          <CheckboxField
            id={`${c.key}-scoring`}
            label={t('ui.admin.criterion.scoring')}
            hint={t('ui.admin.criterion.scoringHint')}
            checked={scoring}
            onValue={(on) => onChange(scoringPatch(c, on))}
          />
        )}
        {sectionBonus && scoring ? <p class="c-field__hint qa-checks__note">{t('ui.admin.criterion.inBonusSection')}</p> : null}
        {scoring && !sectionBonus && !c.metric ? (
          <CheckboxField
            id={`${c.key}-bonus`}
            label={t('ui.admin.criterion.bonus')}
            hint={t('ui.admin.criterion.bonusHint')}
            checked={c.bonus === true}
            onValue={(on) => onChange(bonusPatch(on))}
          />
        ) : null}
        {bonus && scoring ? null : (
          <CheckboxField
            id={`${c.key}-na`}
            label={t('ui.admin.criterion.allowNA')}
            checked={c.allowNA}
            onValue={(allowNA) => onChange({ allowNA })}
          />
        )}
      </div>
      <ScaleEditor {...part} />
      {/* a check pre-rates only a criterion a reviewer answers and that counts (core: auto-on-metric) */}
      {scoring && !c.metric ? <AutoEditor {...part} /> : null}
      <div class="qa-grid qa-grid--wide">
        {scoring && !bonus ? <CriticalFields {...part} /> : null}
        {'choices' in c.scale ? null : (
          <SelectField
            id={`${c.key}-comment`}
            label={t('ui.admin.criterion.commentRequired')}
            path={`${path}.commentRequiredAtOrBelow`}
            errors={errors}
            value={comment}
            choices={commentChoices(c, t)}
            onValue={(v) => onChange({ commentRequiredAtOrBelow: v === '' ? undefined : Number(v) })}
          />
        )}
      </div>
      <RootCauses {...part} />
      <FieldMessages id={`${c.key}-other`} messages={messagesFor(errors, [path, `${path}.metric`, ...new Set(hidden)])} />
    </fieldset>
  );
}
