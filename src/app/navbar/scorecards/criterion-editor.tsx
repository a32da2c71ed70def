/** One criterion's fields: label, id, guidance, scale, weight, N/A, critical rule, comment rule, root causes. */
import { scaleOptions } from '../../../core/scale.ts';
import { RootCauseKind, ScalePreset, type CriticalRule, type Scale, type ScoringMethod } from '../../../core/scorecard.ts';
import type { Translate } from '../../i18n/translate.ts';
import { CheckboxField, FieldMessages, messagesFor, NumberField, SelectField, TextField, type Errors } from './fields.tsx';
import { rootCausePatch, rootCauseRows, type CriterionPatch, type DraftCriterion } from './editor-state.ts';
import type { RowControls } from './row-controls.tsx';
import { RowToolbar } from './row-controls.tsx';

export interface CriterionEditorProps {
  criterion: DraftCriterion;
  /** Schema path of this criterion, e.g. `sections[0].criteria[2]`. */
  path: string;
  number: string;
  method: ScoringMethod;
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

const CUSTOM = 'custom';
const fractionText = (f: number) => String(Math.round(f * 100) / 100);

function ScaleEditor({ c, path, errors, t, onChange }: PartProps) {
  const id = `${c.key}-scale`;
  const custom = 'options' in c.scale;
  const setScale = (scale: Scale) => onChange({ scale });
  const choices = [
    ...ScalePreset.options.map((p) => ({
      value: p,
      label: t(`ui.admin.scale.${p}`, {
        options: scaleOptions({ preset: p })
          .map((o) => o.label)
          .join(' / '),
      }),
    })),
    { value: CUSTOM, label: t('ui.admin.scale.custom') },
  ];
  return (
    <div class="qa-scale">
      <SelectField
        id={id}
        label={t('ui.admin.criterion.scale')}
        path={`${path}.scale`}
        errors={errors}
        value={custom ? CUSTOM : (c.scale as { preset: string }).preset}
        choices={choices}
        onValue={(v) =>
          setScale(
            v === CUSTOM
              ? { options: scaleOptions(c.scale).map((o) => ({ ...o, fraction: Math.round(o.fraction * 100) / 100 })) }
              : { preset: v as ScalePreset },
          )
        }
      />
      {'options' in c.scale
        ? (() => {
            const scaleOpts = c.scale.options;
            return (
              <fieldset class="qa-options">
                <legend>{t('ui.admin.scale.optionsLegend')}</legend>
                <FieldMessages id={`${id}-options`} messages={messagesFor(errors, [`${path}.scale.options`])} />
                {c.scale.options.map((o, i) => {
                  const options = (c.scale as { options: (typeof o)[] }).options;
                  const setOption = (patch: Partial<typeof o>) =>
                    setScale({ options: options.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                  return (
                    <div class="qa-option-row" key={i}>
                      <TextField
                        id={`${id}-o${i}-label`}
                        compact
                        label={t('ui.admin.scale.optionLabel', { n: i + 1 })}
                        path={`${path}.scale.options[${i}].label`}
                        errors={errors}
                        value={o.label}
                        onValue={(label) => setOption({ label })}
                      />
                      <NumberField
                        id={`${id}-o${i}-fraction`}
                        compact
                        label={t('ui.admin.scale.optionFraction')}
                        path={`${path}.scale.options[${i}].fraction`}
                        errors={errors}
                        value={o.fraction}
                        onValue={(fraction) => setOption({ fraction })}
                      />
                      <button
                        type="button"
                        class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                        aria-label={t('ui.admin.scale.removeOption', { n: i + 1 })}
                        onClick={() => setScale({ options: options.filter((_, j) => j !== i) })}
                      >
                        {t('ui.admin.remove')}
                      </button>
                    </div>
                  );
                })}
                <button
                  type="button"
                  class="c-btn c-btn--sm"
                  onClick={() => setScale({ options: [...scaleOpts, { label: '', fraction: 0 }] })}
                >
                  {t('ui.admin.scale.addOption')}
                </button>
                <p class="c-field__hint">{t('ui.admin.scale.fractionHint')}</p>
              </fieldset>
            );
          })()
        : null}
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
    <fieldset class="qa-root-causes">
      <legend>{t('ui.admin.criterion.rootCauses')}</legend>
      <FieldMessages id={`${id}-all`} messages={messagesFor(errors, [`${path}.rootCauses`])} />
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
          <button
            type="button"
            class="c-btn c-btn--sm c-btn--basic c-btn--danger"
            aria-label={t('ui.admin.rootCause.remove', { label: row.label || String(i + 1) })}
            onClick={() => set(rows.filter((_, j) => j !== i))}
          >
            {t('ui.admin.remove')}
          </button>
        </div>
      ))}
      <button type="button" class="c-btn c-btn--sm" onClick={() => set([...rows, { label: '', kind: 'agent-skill' }])}>
        {t('ui.admin.rootCause.add')}
      </button>
    </fieldset>
  );
}

export function CriterionEditor({ criterion: c, path, number, method, errors, t, onChange, controls }: CriterionEditorProps) {
  const effect: CriticalEffect = c.critical?.effect ?? 'none';
  const options = scaleOptions(c.scale);
  const commentChoices = [
    { value: '', label: t('ui.admin.criterion.commentNever') },
    ...options.map((o) => ({
      value: String(o.fraction),
      label: t('ui.admin.criterion.commentAtOrBelow', { label: o.label, fraction: fractionText(o.fraction) }),
    })),
  ];
  const comment = c.commentRequiredAtOrBelow === undefined ? '' : String(c.commentRequiredAtOrBelow);
  if (!commentChoices.some((x) => x.value === comment)) {
    commentChoices.push({ value: comment, label: t('ui.admin.criterion.commentAtOrBelow', { label: '', fraction: comment }) });
  }
  const title = c.label.trim() || t('ui.admin.criterion.untitled');
  return (
    <fieldset class="qa-row qa-criterion" {...controls.rowProps} aria-labelledby={`${c.key}-legend`}>
      <legend id={`${c.key}-legend`} class="qa-row__legend">
        <span class="qa-drag" data-drag={controls.kind} {...controls.handleProps} aria-hidden="true">
          ⠿
        </span>
        {t('ui.admin.criterion.legend', { n: number, label: title })}
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
        <NumberField
          id={`${c.key}-weight`}
          label={t(method === 'total-points' ? 'ui.admin.criterion.points' : 'ui.admin.criterion.weight')}
          path={`${path}.weight`}
          errors={errors}
          value={c.weight}
          onValue={(weight) => onChange({ weight })}
        />
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
      <ScaleEditor c={c} path={path} errors={errors} t={t} onChange={onChange} />
      <div class="qa-grid">
        <CheckboxField
          id={`${c.key}-na`}
          label={t('ui.admin.criterion.allowNA')}
          checked={c.allowNA}
          onValue={(allowNA) => onChange({ allowNA })}
        />
        <SelectField
          id={`${c.key}-critical`}
          label={t('ui.admin.criterion.critical')}
          hint={t('ui.admin.criterion.criticalHint')}
          path={`${path}.critical`}
          errors={errors}
          value={effect}
          choices={(Object.keys(CRITICAL) as CriticalEffect[]).map((e) => ({ value: e, label: t(`ui.admin.critical.${e}`) }))}
          onValue={(e) => onChange({ critical: CRITICAL[e as CriticalEffect](c.critical?.effect === 'cap' ? c.critical.cap : 50) })}
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
        <SelectField
          id={`${c.key}-comment`}
          label={t('ui.admin.criterion.commentRequired')}
          path={`${path}.commentRequiredAtOrBelow`}
          errors={errors}
          value={comment}
          choices={commentChoices}
          onValue={(v) => onChange({ commentRequiredAtOrBelow: v === '' ? undefined : Number(v) })}
        />
      </div>
      <RootCauses c={c} path={path} errors={errors} t={t} onChange={onChange} />
      <FieldMessages id={`${c.key}-other`} messages={messagesFor(errors, [path, `${path}.metric`])} />
    </fieldset>
  );
}
