/**
 * The draft editor: settings, applies-to, sections and criteria, validated as you type; save with the lock version;
 * publish; delete the draft. A new scorecard (from a template) or the next version of a published one is stored only
 * at its first save: opening the editor and leaving it keeps nothing.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { NaPolicy, ScoringMethod, type ScorecardDefinition } from '../../../core/scorecard.ts';
import { mapOk, type Result } from '../../api/result.ts';
import { createScorecardsApi, type DraftView } from '../../api/scorecards-api.ts';
import { useT } from '../../i18n/use-t.tsx';
import { ConfirmInRow } from '../confirm-in-row.tsx';
import { useApi } from '../navbar-context.tsx';
import { AppliesToEditor } from './applies-to-editor.tsx';
import { CriterionEditor } from './criterion-editor.tsx';
import { bonusReach, editorReducer, fromDefinition, hasBonus, validate, type Draft, type EditorAction } from './editor-state.ts';
import { CheckboxField, FieldMessages, messagesFor, NumberField, SelectField, TextField, type Errors } from './fields.tsx';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';
import { Preview, WhatIf } from './preview.tsx';
import { RowToolbar, rowControls, type DragItem, type DragState } from './row-controls.tsx';
import { useDirectory } from './use-directory.ts';
import './scorecards.css';

type Notice = NoticeValue;

/** What the editor opens: a stored draft, or one stored only at its first save (a new scorecard, the next version). */
export type Opened =
  | { kind: 'saved'; scorecardId: string; draft: DraftView }
  | { kind: 'new'; definition: ScorecardDefinition }
  | { kind: 'next'; scorecardId: string; version: number; definition: ScorecardDefinition };

/** What is stored of the draft being edited; `lockVersion` null: nothing yet. */
interface Stored {
  scorecardId: string | null;
  version: number;
  lockVersion: number | null;
}

const storedOf = (o: Opened): Stored =>
  o.kind === 'saved'
    ? { scorecardId: o.scorecardId, version: o.draft.version, lockVersion: o.draft.lockVersion }
    : { scorecardId: o.kind === 'next' ? o.scorecardId : null, version: o.kind === 'next' ? o.version : 1, lockVersion: null };

export interface EditorProps {
  opened: Opened;
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

/** The card's highest score, shown while it has bonus criteria; its hint says what every answer at its best reaches. */
function MaxScoreField({ draft, errors, onValue }: { draft: Draft; errors: Errors; onValue: (maxScore: number) => void }) {
  const t = useT();
  const reach = bonusReach(draft);
  return (
    <NumberField
      id="card-max-score"
      label={t('ui.admin.card.maxScore')}
      hint={reach === undefined ? t('ui.admin.card.maxScoreHint') : t('ui.admin.card.maxScoreReach', { reach })}
      path="maxScore"
      errors={errors}
      value={draft.maxScore}
      onValue={onValue}
    />
  );
}

export function ScorecardEditor({ opened, onDone }: EditorProps) {
  const t = useT();
  const api = useApi(createScorecardsApi);
  const { directory, error: directoryError } = useDirectory();
  const [draft, dispatchRaw] = useReducer(
    editorReducer,
    opened.kind === 'saved' ? opened.draft.definition : opened.definition,
    fromDefinition,
  );
  const [stored, setStored] = useState<Stored>(() => storedOf(opened));
  const { scorecardId, version } = stored;
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
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

  /** Stores the definition: a save of the stored draft, or the first save that creates the scorecard or the draft. */
  async function store(definition: ScorecardDefinition): Promise<Result<Stored>> {
    const { scorecardId: id, lockVersion } = stored;
    if (id === null)
      return mapOk(await api.create(definition), (v) => ({ scorecardId: v.id, version: v.version, lockVersion: v.lockVersion }));
    let current = stored;
    if (lockVersion === null) {
      const started = await api.startDraft(id);
      if (started.status !== 'ok') return started;
      current = { scorecardId: id, version: started.value.version, lockVersion: started.value.lockVersion };
      setStored(current);
    }
    return mapOk(await api.saveDraft(id, definition, current.lockVersion!), (v) => ({ ...current, lockVersion: v.lockVersion }));
  }

  /** Saves the draft; what is stored then, or null (the problem shown). */
  async function save(): Promise<Stored | null> {
    if (!validation.ok) {
      setNotice({ tone: 'error', text: t('ui.admin.editor.fixFirst', { count: validation.all.length }) });
      summaryRef.current?.focus();
      return null;
    }
    setBusy(true);
    const r = await store(validation.value);
    setBusy(false);
    if (r.status === 'ok') {
      setStored(r.value);
      setDirty(false);
      setNotice({ tone: 'ok', text: t('ui.admin.editor.saved', { version: r.value.version }) });
      return r.value;
    }
    if (r.error.kind === 'conflict') setNotice({ tone: 'conflict', text: t('ui.admin.editor.conflict') });
    else setNotice({ tone: 'error', text: t('ui.common.error', { message: r.error.message }), issues: r.error.issues });
    return null;
  }

  async function publish() {
    const now = dirty || stored.lockVersion === null ? await save() : stored;
    if (!now?.scorecardId) return;
    if (!validation.ok) return void save();
    setBusy(true);
    const r = await api.publish(now.scorecardId);
    setBusy(false);
    if (r.status === 'ok') onDone(t('ui.admin.editor.published', { name: draft.name, version: now.version }));
    else
      setNotice({
        tone: r.error.kind === 'conflict' ? 'conflict' : 'error',
        text: t('ui.common.error', { message: r.error.message }),
        issues: r.error.issues,
      });
  }

  async function reload() {
    if (!scorecardId) return;
    setBusy(true);
    const r = await api.get(scorecardId);
    setBusy(false);
    if (r.status === 'ok' && r.value.draft) {
      dispatchRaw({ type: 'load', draft: fromDefinition(r.value.draft.definition) });
      setStored({ scorecardId, version: r.value.draft.version, lockVersion: r.value.draft.lockVersion });
      setDirty(false);
      setNotice({ tone: 'ok', text: t('ui.admin.editor.reloaded') });
    } else {
      setNotice({ tone: 'error', text: t('ui.common.error', { message: r.status === 'error' ? r.error.message : 'no draft' }) });
    }
  }

  async function deleteDraft() {
    if (!scorecardId || stored.lockVersion === null) return;
    setBusy(true);
    const r = await api.deleteDraft(scorecardId, version, stored.lockVersion);
    setBusy(false);
    setDeleting(false);
    if (r.status === 'ok')
      return onDone(t('ui.admin.editor.deleted', { name: draft.name.trim() || t('ui.admin.editor.untitled'), version }));
    setNotice(
      r.error.kind === 'conflict'
        ? { tone: 'conflict', text: t('ui.admin.editor.deleteConflict') }
        : { tone: 'error', text: t('ui.common.error', { message: r.error.message }) },
    );
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
            {dirty
              ? t('ui.admin.editor.unsaved')
              : stored.lockVersion === null
                ? t('ui.admin.editor.notStored')
                : t('ui.admin.editor.allSaved')}
          </p>
        </div>
        <div class="qa-editor__actions">
          {deleting ? (
            <ConfirmInRow
              question={
                // a version 1 draft is a scorecard never published: it goes with its draft
                version === 1 ? t('ui.admin.editor.confirmDeleteNew') : t('ui.admin.editor.confirmDelete', { version })
              }
              confirm={t('ui.admin.editor.deleteDraft')}
              cancel={t('ui.admin.cancel')}
              busy={busy}
              onConfirm={() => void deleteDraft()}
              onCancel={() => {
                setDeleting(false);
                requestAnimationFrame(() => document.getElementById('editor-delete')?.focus());
              }}
            />
          ) : (
            <>
              <button type="button" class="c-btn" disabled={busy} onClick={() => void save()}>
                {t('ui.admin.editor.save')}
              </button>
              <button type="button" class="c-btn c-btn--primary" disabled={busy} onClick={() => void publish()}>
                {t('ui.admin.editor.publish', { version })}
              </button>
              {stored.lockVersion !== null ? (
                <button
                  type="button"
                  id="editor-delete"
                  class="c-btn c-btn--basic c-btn--danger"
                  disabled={busy}
                  onClick={() => setDeleting(true)}
                >
                  {t('ui.admin.editor.deleteDraft')}
                </button>
              ) : null}
            </>
          )}
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
              {hasBonus(draft) ? (
                <MaxScoreField draft={draft} errors={errors} onValue={(maxScore) => dispatch({ type: 'set', patch: { maxScore } })} />
              ) : null}
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
                  <CheckboxField
                    id={`${section.key}-bonus`}
                    label={t('ui.admin.section.bonus')}
                    hint={t('ui.admin.section.bonusHint')}
                    checked={section.bonus === true}
                    // unticked, the field goes: a card without bonus stays format 1
                    onValue={(on) => dispatch({ type: 'set-section', section: s, patch: { bonus: on || undefined } })}
                  />
                  <FieldMessages id={`${section.key}-criteria`} messages={messagesFor(errors, [`${path}.criteria`, path])} />
                  {section.criteria.map((criterion, c) => (
                    <CriterionEditor
                      key={criterion.key}
                      criterion={criterion}
                      path={`${path}.criteria[${c}]`}
                      number={`${s + 1}.${c + 1}`}
                      method={draft.method}
                      sectionBonus={section.bonus === true}
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
          {scorecardId ? <WhatIf scorecardId={scorecardId} definition={validation.ok ? validation.value : null} api={api} t={t} /> : null}
        </aside>
      </div>
    </div>
  );
}
