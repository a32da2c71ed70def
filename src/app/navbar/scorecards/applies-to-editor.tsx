/** Where a scorecard applies: channels, groups, brands, forms (the account's real ones) and tags. */
import { useEffect, useState } from 'preact/hooks';
import type { AppliesTo } from '../../../core/scorecard.ts';
import type { Translate } from '../../i18n/translate.ts';
import { channelLabel, summariseAppliesTo, type Directory } from './applies-to-summary.ts';
import { CHANNELS } from './channels.ts';
import { FieldMessages, messagesFor, type Errors } from './fields.tsx';

interface Props {
  value: AppliesTo;
  directory: Directory;
  directoryError: string | null;
  errors: Errors;
  t: Translate;
  onChange: (patch: Partial<AppliesTo>) => void;
}

function CheckList<T extends string | number>(props: {
  id: string;
  legend: string;
  items: ReadonlyArray<{ value: T; label: string }>;
  selected: readonly T[];
  empty: string;
  messages: string[];
  onChange: (next: T[]) => void;
}) {
  const { id, legend, items, selected, empty, messages, onChange } = props;
  return (
    <fieldset class="qa-checklist" id={id} aria-describedby={messages.length ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {items.length === 0 ? <p class="c-field__hint">{empty}</p> : null}
      <div class="qa-checklist__items">
        {items.map((item) => {
          const cid = `${id}-${String(item.value)}`;
          return (
            <div class="c-field qa-check" key={cid}>
              <input
                class="c-field__checkbox"
                type="checkbox"
                id={cid}
                checked={selected.includes(item.value)}
                onChange={(e) => onChange(e.currentTarget.checked ? [...selected, item.value] : selected.filter((v) => v !== item.value))}
              />
              <label class="c-field__label" for={cid}>
                {item.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldMessages id={id} messages={messages} />
    </fieldset>
  );
}

/** The directory's entries, plus ids the scorecard names that the account no longer has (so they can be unticked). */
function entries(names: ReadonlyMap<number, string>, chosen: readonly number[]) {
  const items = [...names].map(([value, label]) => ({ value, label }));
  for (const id of chosen) if (!names.has(id)) items.push({ value: id, label: `#${id}` });
  return items.sort((a, b) => a.label.localeCompare(b.label));
}

const parseTags = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

export function AppliesToEditor({ value, directory, directoryError, errors, t, onChange }: Props) {
  const [tagText, setTagText] = useState(value.tags.join(', '));
  useEffect(() => {
    if (parseTags(tagText).join() !== value.tags.join()) setTagText(value.tags.join(', '));
    // only an outside change (load) rewrites the text
  }, [value.tags]);
  const tagMessages = messagesFor(errors, ['appliesTo.tags', ...value.tags.map((_, i) => `appliesTo.tags[${i}]`)]);
  return (
    <section class="qa-panel" aria-labelledby="applies-title">
      <h3 id="applies-title">{t('ui.admin.appliesTo.title')}</h3>
      <p class="c-field__hint" aria-live="polite">
        {summariseAppliesTo(value, directory, t)}
      </p>
      {directoryError ? <p role="alert">{t('ui.admin.appliesTo.directoryError', { message: directoryError })}</p> : null}
      <CheckList
        id="applies-channels"
        legend={t('ui.admin.appliesTo.channels')}
        items={[...CHANNELS, ...value.channels.filter((c) => !(CHANNELS as readonly string[]).includes(c))].map((c) => ({
          value: c as string,
          label: channelLabel(c, t),
        }))}
        selected={value.channels}
        empty=""
        messages={messagesFor(errors, ['appliesTo.channels'])}
        onChange={(channels) => onChange({ channels })}
      />
      <CheckList
        id="applies-groups"
        legend={t('ui.admin.appliesTo.groups')}
        items={entries(directory.groups, value.groupIds)}
        selected={value.groupIds}
        empty={t('ui.admin.appliesTo.none')}
        messages={messagesFor(errors, ['appliesTo.groupIds'])}
        onChange={(groupIds) => onChange({ groupIds })}
      />
      <CheckList
        id="applies-brands"
        legend={t('ui.admin.appliesTo.brands')}
        items={entries(directory.brands, value.brandIds)}
        selected={value.brandIds}
        empty={t('ui.admin.appliesTo.none')}
        messages={messagesFor(errors, ['appliesTo.brandIds'])}
        onChange={(brandIds) => onChange({ brandIds })}
      />
      <CheckList
        id="applies-forms"
        legend={t('ui.admin.appliesTo.forms')}
        items={entries(directory.forms, value.formIds)}
        selected={value.formIds}
        empty={t('ui.admin.appliesTo.none')}
        messages={messagesFor(errors, ['appliesTo.formIds'])}
        onChange={(formIds) => onChange({ formIds })}
      />
      <div class={`c-field ${tagMessages.length ? 'c-field--error' : ''}`}>
        <label class="c-field__label" for="applies-tags">
          {t('ui.admin.appliesTo.tags')}
        </label>
        <div class="c-field__hint" id="applies-tags-hint">
          {t('ui.admin.appliesTo.tagsHint')}
        </div>
        <input
          class="c-field__input"
          id="applies-tags"
          type="text"
          value={tagText}
          aria-describedby={`applies-tags-hint${tagMessages.length ? ' applies-tags-error' : ''}`}
          onInput={(e) => {
            setTagText(e.currentTarget.value);
            onChange({ tags: parseTags(e.currentTarget.value) });
          }}
        />
        <FieldMessages id="applies-tags" messages={tagMessages} />
      </div>
    </section>
  );
}
