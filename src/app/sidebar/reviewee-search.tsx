/**
 * Whose work is scored, found by name: an editable combobox with a list (WAI-ARIA combobox pattern). Focus stays in
 * the text box; Down and Up move the active option (aria-activedescendant), Enter picks it, Escape closes the list, a
 * second Escape the search. The ticket's group members come first, then Zendesk's autocomplete for what is typed.
 * Fetched on the first "Change": most reviews score the assignee.
 */
import './reviewee-search.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import { rememberNames } from '../ui/use-names.ts';
import { useZaf } from '../zaf/use-zaf.tsx';
import { candidates, useGroupMembers, useNameSearch, type Person } from './use-reviewee.ts';

const LIST = 'qa-reviewee-list';
const optionId = (p: Person) => `qa-reviewee-option-${p.id}`;

export interface RevieweeSearchProps {
  groupId: number | null;
  /** Who scores: not offered. */
  reviewerId: number;
  onPick(person: Person): void;
  /** Escape with the list closed: the search is left without a choice. */
  onCancel(): void;
}

export function RevieweeSearch({ groupId, reviewerId, onPick, onCancel }: RevieweeSearchProps) {
  const t = useT();
  const { zaf } = useZaf();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  const members = useGroupMembers(groupId);
  const found = useNameSearch(text.trim());
  const options = candidates(members.status === 'ok' ? members.value : [], found.status === 'ok' ? found.value : [], text, reviewerId);
  const current = expanded ? options[Math.min(active, options.length - 1)] : undefined;

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (current) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  }, [current?.id]);

  const pick = (p: Person) => {
    rememberNames(zaf, [p]);
    onPick(p);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (move) {
      if (!expanded) setExpanded(true);
      else setActive(Math.max(0, Math.min(options.length - 1, (current ? options.indexOf(current) : 0) + move)));
    } else if (e.key === 'Enter') {
      if (!current) return;
      pick(current);
    } else if (e.key === 'Escape') {
      if (expanded && options.length > 0) setExpanded(false);
      else onCancel();
    } else return;
    e.preventDefault();
    // the sidebar's own keys (submit, help) are not meant here
    e.stopPropagation();
  };

  const loading = members.status === 'loading' || (text.trim().length > 0 && found.status === 'loading');
  const failed = members.status === 'error' || found.status === 'error';
  const status = loading
    ? t('ui.common.loading')
    : options.length > 0
      ? ''
      : failed
        ? t('ui.sidebar.searchFailed')
        : text.trim()
          ? t('ui.sidebar.noMatch', { text: text.trim() })
          : t('ui.sidebar.typeName');
  return (
    <div class="qa-field qa-combo">
      <label class="qa-label" for="qa-reviewee-search">
        {t('ui.sidebar.findByName')}
      </label>
      <input
        ref={input}
        id="qa-reviewee-search"
        class="qa-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded && options.length > 0}
        aria-controls={LIST}
        aria-activedescendant={current ? optionId(current) : undefined}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
          setExpanded(true);
        }}
        onKeyDown={onKeyDown}
      />
      <div
        id={LIST}
        role="listbox"
        class="qa-combo__list"
        aria-label={t('ui.sidebar.findByName')}
        hidden={!expanded || options.length === 0}
      >
        {options.map((p) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keys act in the text box (aria-activedescendant); an option never has focus
          <div
            key={p.id}
            id={optionId(p)}
            role="option"
            tabIndex={-1}
            class="qa-combo__option"
            aria-selected={p === current}
            // a click must not take focus from the text box first
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(p)}
          >
            <span>{p.name}</span>
            {p.member && <span class="qa-muted qa-small">{t('ui.sidebar.groupMember')}</span>}
          </div>
        ))}
      </div>
      <p class="qa-small qa-muted" role="status">
        {status}
      </p>
    </div>
  );
}
