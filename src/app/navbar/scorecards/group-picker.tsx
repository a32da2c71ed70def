/**
 * Several Zendesk groups chosen by name: a fieldset of checkboxes (native keyboard and screen-reader behaviour),
 * with a filter once the list is long. The policy stores ids; ids Zendesk no longer lists stay visible so they
 * can be removed.
 */
import { useState } from 'preact/hooks';
import type { Translate } from '../../i18n/translate.ts';
import type { Async } from '../../ui/use-async.ts';

/** Above this many groups the list gets a filter box. */
const FILTER_FROM = 8;

/** The account's groups by id, as Zendesk lists them (or not yet, or not at all). */
export type GroupNames = Async<ReadonlyMap<number, string>>;

export interface GroupPickerProps {
  id: string;
  legend: string;
  hint: string;
  groups: GroupNames;
  selected: readonly number[];
  onChange: (ids: number[]) => void;
  t: Translate;
}

export function GroupPicker({ id, legend, hint, groups, selected, onChange, t }: GroupPickerProps) {
  const [filter, setFilter] = useState('');
  const names = groups.status === 'ok' ? groups.value : new Map<number, string>();
  // "not in Zendesk" only once Zendesk has listed its groups; before (or if it failed) just the id
  const nameOf = (gid: number) =>
    names.get(gid) ?? t(groups.status === 'ok' ? 'ui.admin.policy.groups.unknown' : 'ui.admin.policy.groups.byId', { id: gid });
  const chosen = new Set(selected);
  // every listed group by name, then chosen ids Zendesk did not list
  const rows = [...[...names].sort(([, a], [, b]) => a.localeCompare(b)).map(([gid]) => gid), ...selected.filter((gid) => !names.has(gid))];
  const wanted = filter.trim().toLowerCase();
  const shown = wanted ? rows.filter((gid) => chosen.has(gid) || nameOf(gid).toLowerCase().includes(wanted)) : rows;
  const toggle = (gid: number, on: boolean) => onChange(on ? [...selected, gid] : selected.filter((x) => x !== gid));
  const summary = selected.length
    ? t('ui.admin.policy.groups.chosen', { names: selected.map(nameOf).join(', ') })
    : t('ui.admin.policy.groups.none');

  return (
    <fieldset class="qa-groups" data-testid={id} aria-describedby={`${id}-hint ${id}-summary`}>
      <legend>{legend}</legend>
      <p class="c-field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <p class="qa-groups__summary" id={`${id}-summary`}>
        {summary}
      </p>
      {groups.status === 'loading' ? (
        <p class="qa-muted" role="status">
          {t('ui.admin.policy.groups.loading')}
        </p>
      ) : null}
      {groups.status === 'error' ? (
        <p class="qa-field-error" role="alert">
          {t('ui.admin.policy.groups.failed', { message: groups.error.message })}
        </p>
      ) : null}
      {rows.length > FILTER_FROM ? (
        <div class="c-field c-field--compact">
          <label class="c-field__label" for={`${id}-filter`}>
            {t('ui.admin.policy.groups.filter')}
          </label>
          <input
            class="c-field__input"
            type="search"
            id={`${id}-filter`}
            value={filter}
            aria-controls={`${id}-list`}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
      ) : null}
      <ul class="qa-groups__list" id={`${id}-list`}>
        {shown.map((gid) => (
          <li key={gid} class="c-field qa-check">
            <input
              class="c-field__checkbox"
              type="checkbox"
              id={`${id}-${gid}`}
              checked={chosen.has(gid)}
              onChange={(e) => toggle(gid, e.currentTarget.checked)}
            />
            <label class="c-field__label" for={`${id}-${gid}`}>
              {nameOf(gid)}
            </label>
          </li>
        ))}
      </ul>
      {wanted && shown.length === 0 ? <p class="qa-muted">{t('ui.admin.policy.groups.noMatch')}</p> : null}
    </fieldset>
  );
}
