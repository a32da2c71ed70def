/** Every scorecard of the account: status, version, where it applies, how many evaluations use it; and its actions. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ScorecardSummary } from '../../../core/api.ts';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { TEMPLATES, type TemplateName } from '../../../core/templates.ts';
import type { ScorecardsApi } from '../../api/scorecards-api.ts';
import type { Translate } from '../../i18n/translate.ts';
import { downloadText } from '../../ui/download.ts';
import { ConfirmInRow } from '../confirm-in-row.tsx';
import { summariseAppliesTo, type Directory } from './applies-to-summary.ts';
import { exportFileName, exportJson, parseImport } from './import-file.ts';
import { NoticeBar, type NoticeValue } from './notice-bar.tsx';

export interface ListProps {
  items: ScorecardSummary[];
  directory: Directory;
  api: ScorecardsApi;
  t: Translate;
  /** Back from the editor without a message: put focus on the list's title. */
  focusTitle: boolean;
  /** Open the editor on a scorecard's draft, or on its next version (stored at its first save). */
  onEdit: (item: ScorecardSummary) => void;
  /** Open the editor on a new scorecard from a template, stored at its first save. */
  onNew: (definition: ScorecardDefinition) => void;
  onChanged: (message: string) => void;
  onError: (message: string, issues?: string[]) => void;
}

const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** A row's question in place of its buttons. */
type Asking = { id: string; action: 'archive' | 'delete' } | null;

export function ScorecardList({ items, directory, api, t, focusTitle, onEdit, onNew, onChanged, onError }: ListProps) {
  const [template, setTemplate] = useState<TemplateName>('email');
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) title.current?.focus();
  }, [focusTitle]);

  // one object per refusal, so the notice takes focus once, not on every render
  const importNotice = useMemo<NoticeValue | null>(
    () =>
      importErrors && {
        tone: 'error',
        text: t('ui.admin.list.importRefused', { file: importErrors.file, count: importErrors.errors.length }),
        issues: importErrors.errors,
      },
    [importErrors, t],
  );

  const back = (id: string, control: 'archive' | 'delete') => {
    setAsking(null);
    requestAnimationFrame(() => document.getElementById(`${control}-${id}`)?.focus());
  };

  async function importFile(file: File) {
    const parsed = parseImport(await file.text(), t);
    if (!parsed.ok) {
      // nothing is sent: the file is refused here with the same messages the service would give
      setImportErrors({ file: file.name, errors: parsed.errors });
      return;
    }
    setImportErrors(null);
    const r = await api.importDefinition(parsed.value);
    if (r.status === 'ok') onChanged(t('ui.admin.list.imported', { name: parsed.value.name }));
    else if (r.error.issues?.length) setImportErrors({ file: file.name, errors: r.error.issues });
    else onError(r.error.message);
  }

  async function exportOne(item: ScorecardSummary) {
    const version = item.currentVersion ?? item.latestVersion;
    const r = await api.exportDefinition(item.id, version);
    if (r.status === 'ok') downloadText(exportFileName(item.name, version), exportJson(r.value), 'application/json');
    else onError(r.error.message);
  }

  async function duplicate(item: ScorecardSummary) {
    const r = await api.duplicate(item.id);
    if (r.status === 'ok') onChanged(t('ui.admin.list.duplicated', { name: r.value.name }));
    else onError(r.error.message);
  }

  async function archive(item: ScorecardSummary) {
    setBusy(true);
    const r = await api.archive(item.id);
    setBusy(false);
    setAsking(null);
    if (r.status === 'ok') onChanged(t('ui.admin.list.archived', { name: item.name }));
    else onError(r.error.message);
  }

  /** Deletes the draft as the list read it (a save since is refused); a scorecard never published goes with it. */
  async function deleteDraft(item: ScorecardSummary) {
    const draft = item.draft;
    if (!draft) return;
    setBusy(true);
    const r = await api.deleteDraft(item.id, draft.version, draft.lockVersion);
    setBusy(false);
    setAsking(null);
    const name = item.name;
    if (r.status === 'ok')
      onChanged(
        item.currentVersion === null
          ? t('ui.admin.list.scorecardDeleted', { name })
          : t('ui.admin.list.draftDeleted', { name, version: draft.version }),
      );
    else onError(r.error.kind === 'conflict' ? t('ui.admin.list.deleteConflict') : r.error.message);
  }

  return (
    <section aria-labelledby="list-title" class="qa-list">
      <div class="qa-list__head">
        <h2 id="list-title" tabIndex={-1} ref={title}>
          {t('ui.admin.list.title')}
        </h2>
        <div class="qa-list__actions">
          <div class="c-field qa-inline">
            <label class="c-field__label" for="template-pick">
              {t('ui.admin.list.template')}
            </label>
            <select
              id="template-pick"
              class="c-field__input c-field__input--select"
              value={template}
              onChange={(e) => setTemplate(e.currentTarget.value as TemplateName)}
            >
              {TEMPLATE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`ui.admin.templates.${name}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="c-btn c-btn--primary" onClick={() => onNew(ScorecardDefinition.parse(TEMPLATES[template]))}>
            {t('ui.admin.list.newFromTemplate')}
          </button>
          <button type="button" class="c-btn" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('ui.admin.list.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            class="qa-visually-hidden"
            tabIndex={-1}
            aria-label={t('ui.admin.list.import')}
            data-testid="import-file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </div>

      <NoticeBar notice={importNotice} testId="import-errors">
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => setImportErrors(null)}>
          {t('ui.admin.dismiss')}
        </button>
      </NoticeBar>

      {items.length === 0 ? (
        <p class="qa-empty">{t('ui.admin.list.empty')}</p>
      ) : (
        <table class="qa-table">
          <caption class="qa-visually-hidden">{t('ui.admin.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.admin.list.name')}</th>
              <th scope="col">{t('ui.admin.list.status')}</th>
              <th scope="col">{t('ui.admin.list.version')}</th>
              <th scope="col">{t('ui.admin.list.appliesTo')}</th>
              <th scope="col" class="qa-num">
                {t('ui.admin.list.evaluations')}
              </th>
              <th scope="col">{t('ui.admin.list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const definition = item.current ?? item.draft?.definition ?? null;
              const archived = item.status === 'archived';
              return (
                <tr key={item.id} data-scorecard={item.name}>
                  <th scope="row">{item.name}</th>
                  <td>
                    <span class={`qa-status qa-status--${item.status}`}>{t(`ui.admin.status.${item.status}`)}</span>
                    {item.draft && item.status === 'published' ? (
                      <span class="qa-muted"> · {t('ui.admin.list.draftOpen', { version: item.draft.version })}</span>
                    ) : null}
                  </td>
                  <td>
                    {item.currentVersion === null
                      ? t('ui.admin.list.notPublished')
                      : t('ui.admin.list.versionN', { version: item.currentVersion })}
                  </td>
                  <td>{definition ? summariseAppliesTo(definition.appliesTo, directory, t) : '–'}</td>
                  <td class="qa-num">{item.evaluationCount}</td>
                  <td>
                    {asking?.id === item.id ? (
                      asking.action === 'archive' ? (
                        <ConfirmInRow
                          question={t('ui.admin.list.confirmArchive', { name: item.name })}
                          confirm={t('ui.admin.list.archive')}
                          cancel={t('ui.admin.cancel')}
                          busy={busy}
                          onConfirm={() => void archive(item)}
                          onCancel={() => back(item.id, 'archive')}
                        />
                      ) : (
                        <ConfirmInRow
                          question={
                            item.currentVersion === null
                              ? t('ui.admin.list.confirmDeleteNew', { name: item.name })
                              : t('ui.admin.list.confirmDeleteDraft', {
                                  name: item.name,
                                  version: item.draft?.version ?? item.latestVersion,
                                  current: item.currentVersion,
                                })
                          }
                          confirm={t('ui.admin.list.deleteDraft')}
                          cancel={t('ui.admin.cancel')}
                          busy={busy}
                          onConfirm={() => void deleteDraft(item)}
                          onCancel={() => back(item.id, 'delete')}
                        />
                      )
                    ) : (
                      <div class="qa-row__tools" role="group" aria-label={t('ui.admin.list.actionsFor', { name: item.name })}>
                        {archived ? null : (
                          <button
                            type="button"
                            class="c-btn c-btn--sm"
                            disabled={busy}
                            aria-label={t('ui.admin.list.editNamed', { name: item.name })}
                            onClick={() => onEdit(item)}
                          >
                            {t('ui.admin.list.edit')}
                          </button>
                        )}
                        <button
                          type="button"
                          class="c-btn c-btn--sm c-btn--basic"
                          disabled={busy}
                          aria-label={t('ui.admin.list.duplicateNamed', { name: item.name })}
                          onClick={() => void duplicate(item)}
                        >
                          {t('ui.admin.list.duplicate')}
                        </button>
                        <button
                          type="button"
                          class="c-btn c-btn--sm c-btn--basic"
                          disabled={busy}
                          aria-label={t('ui.admin.list.exportNamed', { name: item.name })}
                          onClick={() => void exportOne(item)}
                        >
                          {t('ui.admin.list.export')}
                        </button>
                        {item.draft ? (
                          <button
                            type="button"
                            id={`delete-${item.id}`}
                            class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                            disabled={busy}
                            aria-label={t('ui.admin.list.deleteDraftNamed', { name: item.name, version: item.draft.version })}
                            onClick={() => setAsking({ id: item.id, action: 'delete' })}
                          >
                            {t('ui.admin.list.deleteDraft')}
                          </button>
                        ) : null}
                        {archived ? null : (
                          <button
                            type="button"
                            id={`archive-${item.id}`}
                            class="c-btn c-btn--sm c-btn--basic c-btn--danger"
                            disabled={busy}
                            aria-label={t('ui.admin.list.archiveNamed', { name: item.name })}
                            onClick={() => setAsking({ id: item.id, action: 'archive' })}
                          >
                            {t('ui.admin.list.archive')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
