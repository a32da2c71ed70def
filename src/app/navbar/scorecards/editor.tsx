/** The draft editor: settings, applies-to, sections and criteria, validated as you type; save with the lock version; publish. */
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { NaPolicy, ScoringMethod } from '../../../core/scorecard.ts';
import { createScorecardsApi, type DraftView } from '../../api/scorecards-api.ts';
import { useT } from '../../i18n/use-t.tsx';
import { useApi } from '../navbar-context.tsx';
import { AppliesToEditor } from './applies-to-editor.tsx';
import { CriterionEditor } from './criterion-editor.tsx';
import { editorReducer, fromDefinition, validate, type Draft, type EditorAction } from './editor-state.ts';
import { FieldMessages, messagesFor, NumberField, SelectField, TextField } from './fields.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';
import { Preview, WhatIf } from './preview.tsx';
import { RowToolbar, rowControls, type DragItem, type DragState } from './row-controls.tsx';
import { useDirectory } from './use-directory.ts';

type Notice = NoticeValue;

export interface EditorProps {
  scorecardId: string;
  draft: DraftView;
  /** Back to the list, with a message for it to show. */
  onDone: (message?: string) => void;
}

/** Focus to move after the next render, computed from the draft as it will be then. */
type FocusTarget = (draft: Draft) => string | undefined;

/** A moved row's DOM node is re-inserted, which drops focus: put it back on the same control. */
function keepFocus(rowKey: string, delta: -1 | 1): FocusTarget {
  const focused = document.activeElement?.id ?? '';
  return () => focused || `${rowKey}-${delta < 0 ? 'up' : 'down'}`;
}

export function ScorecardEditor({ scorecardId, draft: opened, onDone }: EditorProps) {
  const t = useT();
  const api = useApi(createScorecardsApi);
  const { directory, error: directoryError } = useDirectory();
  const [draft, dispatchRaw] = useReducer(editorReducer, opened.definition, fromDefinition);
  const [lockVersion, setLockVersion] = useState(opened.lockVersion);
  const [version, setVersion] = useState(opened.version);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const validation = useMemo(() => validate(draft, t), [draft, t]);
  const errors = validation.errors;
  const drag = useRef<DragState>({ current: null }).current;
  const focusNext = useRef<FocusTarget | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const dispatch = (action: EditorAction, focus?: FocusTarget) => {
    focusNext.current = focus ?? null;
    setDirty(true);
    dispatchRaw(action);
  };

  // the Edit button that opened the editor is gone: start keyboard and screen-reader users at its title
  useEffect(() => {
    document.getElementById('editor-title')?.focus();
  }, []);

  useEffect(() => {
    const target = focusNext.current?.(draft);
    focusNext.current = null;
    if (target) document.getElementById(target)?.focus();
  });

  // Leaving with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  async function save(): Promise<boolean> {
    if (!validation.ok) {
      setNotice({ tone: 'error', text: t('ui.admin.editor.fixFirst', { count: validation.all.length }) });
      summaryRef.current?.focus();
      return false;
    }
    setBusy(true);
    const r = await api.saveDraft(scorecardId, validation.value, lockVersion);
    setBusy(false);
    if (r.status === 'ok') {
      setLockVersion(r.value.lockVersion);
      setDirty(false);
      setNotice({ tone: 'ok', text: t('ui.admin.editor.saved', { version }) });
      return true;
    }
    if (r.error.kind === 'conflict') setNotice({ tone: 'conflict', text: t('ui.admin.editor.conflict') });
    else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }), issues: r.error.issues });
    return false;
  }

  async function publish() {
    if (dirty && !(await save())) return;
    if (!validation.ok) return void save();
    setBusy(true);
    const r = await api.publish(scorecardId);
    setBusy(false);
    if (r.status === 'ok') onDone(t('ui.admin.editor.published', { name: draft.name, version }));
    else
      setNotice({
        tone: r.error.kind === 'conflict' ? 'conflict' : 'error',
        text: t('ui.common.error', { message: r.error.message }),
        issues: r.error.issues,
      });
  }

  async function reload() {
    setBusy(true);
    const r = await api.get(scorecardId);
    setBusy(false);
    if (r.status === 'ok' && r.value.draft) {
      dispatchRaw({ type: 'load', draft: fromDefinition(r.value.draft.definition) });
      setLockVersion(r.value.draft.lockVersion);
      setVersion(r.value.draft.version);
      setDirty(false);
      setNotice({ tone: 'ok', text: t('ui.admin.editor.reloaded') });
    } else {
      setNotice({ tone: 'error', text: t('ui.common.error', { message: r.status === 'error' ? r.error.message : 'no draft' }) });
    }
  }

  const dropOnCriterion = (s: number, c: number) => (item: DragItem) => {
    if (item.kind !== 'criterion') return;
    dispatch({ type: 'move-criterion', from: { section: item.section, criterion: item.criterion }, to: { section: s, criterion: c } });
  };

  return (
    <div class="qa-editor">
      <header class="qa-editor__head">
        <div>
          {leaving ? (
            // asked inline: a sandboxed app iframe may not be allowed window.confirm
            <div class="qa-row__tools" role="alert">
              <span>{t('ui.admin.editor.discard')}</span>
              <button type="button" class="c-btn c-btn--sm c-btn--danger" onClick={() => onDone()}>
                {t('ui.admin.editor.leave')}
              </button>
              <button type="button" class="c-btn c-btn--sm c-btn--basic" ref={(el) => el?.focus()} onClick={() => setLeaving(false)}>
                {t('ui.admin.editor.stay')}
              </button>
            </div>
          ) : (
            <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => (dirty ? setLeaving(true) : onDone())}>
              ← {t('ui.admin.editor.back')}
            </button>
          )}
          <h2 id="editor-title" tabIndex={-1}>
            {draft.name.trim() || t('ui.admin.editor.untitled')} <span class="qa-badge">{t('ui.admin.editor.draftOf', { version })}</span>
          </h2>
          <p class="c-field__hint" aria-live="polite">
            {dirty ? t('ui.admin.editor.unsaved') : t('ui.admin.editor.allSaved')}
          </p>
        </div>
        <div class="qa-editor__actions">
          <button type="button" class="c-btn" disabled={busy} onClick={() => void save()}>
            {t('ui.admin.editor.save')}
          </button>
          <button type="button" class="c-btn c-btn--primary" disabled={busy} onClick={() => void publish()}>
            {t('ui.admin.editor.publish', { version })}
          </button>
        </div>
      </header>

      <NoticeBar notice={notice} testId="editor-notice">
        {notice?.tone === 'conflict' ? (
          <button type="button" class="c-btn c-btn--sm" onClick={() => void reload()}>
            {t('ui.admin.editor.reload')}
          </button>
        ) : null}
      </NoticeBar>

      <div ref={summaryRef} tabIndex={-1} class="qa-error-summary" aria-live="polite" data-testid="editor-errors">
        {validation.all.length ? (
          <>
            <p>{t('ui.admin.editor.problems', { count: validation.all.length })}</p>
            <ul>
              {validation.all.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </>
        ) : (
          <p class="qa-ok">
            <span aria-hidden="true">✓ </span>
            {t('ui.admin.editor.valid')}
          </p>
        )}
      </div>

      <div class="qa-editor__body">
        <form class="qa-editor__form" onSubmit={(e) => e.preventDefault()} aria-labelledby="editor-title" noValidate>
          <section class="qa-panel" aria-labelledby="settings-title">
            <h3 id="settings-title">{t('ui.admin.editor.settings')}</h3>
            <TextField
              id="card-name"
              label={t('ui.admin.card.name')}
              path="name"
              errors={errors}
              value={draft.name}
              onValue={(name) => dispatch({ type: 'set', patch: { name } })}
            />
            <TextField
              id="card-description"
              multiline
              label={t('ui.admin.card.description')}
              path="description"
              errors={errors}
              value={draft.description}
              onValue={(description) => dispatch({ type: 'set', patch: { description } })}
            />
            <div class="qa-grid">
              <SelectField
                id="card-method"
                label={t('ui.admin.card.method')}
                hint={t(`ui.admin.methods.${draft.method}.hint`)}
                path="method"
                errors={errors}
                value={draft.method}
                choices={ScoringMethod.options.map((m) => ({ value: m, label: t(`ui.admin.methods.${m}.label`) }))}
                onValue={(method) => dispatch({ type: 'set', patch: { method: method as ScoringMethod } })}
              />
              <NumberField
                id="card-threshold"
                label={t('ui.admin.card.passThreshold')}
                path="passThreshold"
                errors={errors}
                value={draft.passThreshold}
                onValue={(passThreshold) => dispatch({ type: 'set', patch: { passThreshold } })}
              />
              <SelectField
                id="card-na"
                label={t('ui.admin.card.naPolicy')}
                path="naPolicy"
                errors={errors}
                value={draft.naPolicy}
                choices={NaPolicy.options.map((p) => ({ value: p, label: t(`ui.admin.naPolicies.${p}`) }))}
                onValue={(naPolicy) => dispatch({ type: 'set', patch: { naPolicy: naPolicy as NaPolicy } })}
              />
            </div>
          </section>

          <AppliesToEditor
            value={draft.appliesTo}
            directory={directory}
            directoryError={directoryError}
            errors={errors}
            t={t}
            onChange={(patch) => dispatch({ type: 'set-applies-to', patch })}
          />

          <section class="qa-panel" aria-labelledby="sections-title">
            <h3 id="sections-title">{t('ui.admin.editor.sections')}</h3>
            <p class="c-field__hint">{t('ui.admin.editor.reorderHint')}</p>
            <FieldMessages id="sections-all" messages={messagesFor(errors, ['sections'])} />
            {draft.sections.map((section, s) => {
              const path = `sections[${s}]`;
              const name = section.name.trim() || t('ui.admin.section.untitled');
              const controls = rowControls({
                kind: 'section',
                key: section.key,
                index: s,
                count: draft.sections.length,
                drag,
                self: { kind: 'section', section: s },
                accepts: (item) => item.kind === 'section' || item.kind === 'criterion',
                onDrop: (item) =>
                  item.kind === 'section'
                    ? dispatch({ type: 'move-section', from: item.section, to: s })
                    : dispatch({ type: 'move-criterion', from: item, to: { section: s, criterion: section.criteria.length } }),
                moveBy: (delta) => dispatch({ type: 'move-section', from: s, to: s + delta }, keepFocus(section.key, delta)),
                remove: () =>
                  dispatch({ type: 'remove-section', section: s }, (d) => {
                    const near = d.sections[s] ?? d.sections[s - 1];
                    return near ? `${near.key}-name` : 'add-section';
                  }),
              });
              return (
                <fieldset class="qa-row qa-section" key={section.key} {...controls.rowProps} aria-labelledby={`${section.key}-legend`}>
                  <legend id={`${section.key}-legend`} class="qa-row__legend">
                    <span class="qa-drag" data-drag={controls.kind} {...controls.handleProps} aria-hidden="true">
                      ⠿
                    </span>
                    {t('ui.admin.section.legend', { n: s + 1, name })}
                  </legend>
                  <RowToolbar controls={controls} t={t} name={name} />
                  <div class="qa-grid">
                    <TextField
                      id={`${section.key}-name`}
                      label={t('ui.admin.section.name')}
                      path={`${path}.name`}
                      errors={errors}
                      value={section.name}
                      onValue={(v) => dispatch({ type: 'set-section', section: s, patch: { name: v } })}
                    />
                    <TextField
                      id={`${section.key}-id`}
                      label={t('ui.admin.section.id')}
                      path={`${path}.id`}
                      errors={errors}
                      value={section.id}
                      onValue={(v) => dispatch({ type: 'set-section', section: s, patch: { id: v } })}
                    />
                    {draft.method === 'weighted-sections' ? (
                      <NumberField
                        id={`${section.key}-weight`}
                        label={t('ui.admin.section.weight')}
                        path={`${path}.weight`}
                        errors={errors}
                        value={section.weight}
                        onValue={(weight) => dispatch({ type: 'set-section', section: s, patch: { weight } })}
                      />
                    ) : null}
                  </div>
                  <FieldMessages id={`${section.key}-criteria`} messages={messagesFor(errors, [`${path}.criteria`, path])} />
                  {section.criteria.map((criterion, c) => (
                    <CriterionEditor
                      key={criterion.key}
                      criterion={criterion}
                      path={`${path}.criteria[${c}]`}
                      number={`${s + 1}.${c + 1}`}
                      method={draft.method}
                      errors={errors}
                      t={t}
                      onChange={(patch) => dispatch({ type: 'set-criterion', at: { section: s, criterion: c }, patch })}
                      controls={rowControls({
                        kind: 'criterion',
                        key: criterion.key,
                        index: c,
                        count: section.criteria.length,
                        drag,
                        self: { kind: 'criterion', section: s, criterion: c },
                        accepts: (item) => item.kind === 'criterion',
                        onDrop: dropOnCriterion(s, c),
                        moveBy: (delta) =>
                          dispatch(
                            { type: 'move-criterion', from: { section: s, criterion: c }, to: { section: s, criterion: c + delta } },
                            keepFocus(criterion.key, delta),
                          ),
                        remove: () =>
                          dispatch({ type: 'remove-criterion', at: { section: s, criterion: c } }, (d) => {
                            const list = d.sections[s]?.criteria ?? [];
                            const near = list[c] ?? list[c - 1];
                            return near ? `${near.key}-label` : `${section.key}-add`;
                          }),
                      })}
                    />
                  ))}
                  <button
                    type="button"
                    id={`${section.key}-add`}
                    class="c-btn c-btn--sm"
                    onClick={() => dispatch({ type: 'add-criterion', section: s }, (d) => `${d.sections[s]?.criteria.at(-1)?.key}-label`)}
                  >
                    {t('ui.admin.section.addCriterion', { name })}
                  </button>
                </fieldset>
              );
            })}
            <button
              type="button"
              id="add-section"
              class="c-btn"
              onClick={() => dispatch({ type: 'add-section' }, (d) => `${d.sections.at(-1)?.key}-name`)}
            >
              {t('ui.admin.editor.addSection')}
            </button>
          </section>
        </form>
        <aside class="qa-editor__side" aria-label={t('ui.admin.preview.aside')}>
          <Preview definition={validation.ok ? validation.value : null} t={t} />
          <WhatIf scorecardId={scorecardId} definition={validation.ok ? validation.value : null} api={api} t={t} />
        </aside>
      </div>
    </div>
  );
}
