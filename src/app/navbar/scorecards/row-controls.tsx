/** Move up / move down / remove for a section or criterion row, Alt+ArrowUp/Down, and HTML5 drag and drop. */
import type { FieldsetHTMLAttributes, HTMLAttributes } from 'preact';
import type { Translate } from '../../i18n/translate.ts';

export interface RowControls {
  key: string;
  index: number;
  count: number;
  moveBy: (delta: -1 | 1) => void;
  remove: () => void;
  /** Spread on the row element: keyboard shortcuts and drop target. */
  rowProps: FieldsetHTMLAttributes<HTMLFieldSetElement>;
  /** Spread on the drag handle. */
  handleProps: HTMLAttributes<HTMLSpanElement>;
  kind: 'section' | 'criterion';
}

export type DragItem = { kind: 'section'; section: number } | { kind: 'criterion'; section: number; criterion: number };

/** Shared between rows of one editor: what is being dragged right now. */
export interface DragState {
  current: DragItem | null;
}

export interface RowControlsInput {
  kind: 'section' | 'criterion';
  key: string;
  index: number;
  count: number;
  moveBy: (delta: -1 | 1) => void;
  remove: () => void;
  drag: DragState;
  self: DragItem;
  /** Called when something acceptable is dropped on this row. */
  onDrop: (item: DragItem) => void;
  accepts: (item: DragItem) => boolean;
}

export function rowControls(input: RowControlsInput): RowControls {
  const { kind, key, index, count, moveBy, remove, drag, self, onDrop, accepts } = input;
  return {
    key,
    index,
    count,
    moveBy,
    remove,
    kind,
    rowProps: {
      onKeyDown: (e) => {
        // the innermost row handles the shortcut; a criterion's Alt+Arrow must not also move its section
        if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.defaultPrevented) return;
        e.preventDefault();
        const delta = e.key === 'ArrowUp' ? -1 : 1;
        if (index + delta >= 0 && index + delta < count) moveBy(delta);
      },
      onDragOver: (e) => {
        if (!drag.current || !accepts(drag.current) || e.defaultPrevented) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
        e.currentTarget.classList.add('qa-row--over');
      },
      onDragLeave: (e) => e.currentTarget.classList.remove('qa-row--over'),
      onDrop: (e) => {
        e.currentTarget.classList.remove('qa-row--over');
        const item = drag.current;
        if (!item || !accepts(item) || e.defaultPrevented) return;
        e.preventDefault();
        drag.current = null;
        onDrop(item);
      },
    },
    handleProps: {
      draggable: true,
      title: '',
      onDragStart: (e) => {
        drag.current = self;
        e.dataTransfer?.setData('text/plain', `${kind}:${key}`);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
        e.stopPropagation();
      },
      onDragEnd: () => {
        drag.current = null;
      },
    },
  };
}

export function RowToolbar({ controls, t, name }: { controls: RowControls; t: Translate; name: string }) {
  const { key, index, count, moveBy, remove, kind } = controls;
  const first = index === 0;
  const last = index === count - 1;
  // aria-disabled keeps the focused button focusable when the row reaches the top or bottom
  return (
    <div class="qa-row__tools" role="group" aria-label={t(`ui.admin.${kind}.tools`, { name })}>
      <button
        type="button"
        id={`${key}-up`}
        class="c-btn c-btn--sm c-btn--basic"
        aria-disabled={first || undefined}
        aria-label={t('ui.admin.moveUp', { name })}
        aria-keyshortcuts="Alt+ArrowUp"
        onClick={() => !first && moveBy(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        id={`${key}-down`}
        class="c-btn c-btn--sm c-btn--basic"
        aria-disabled={last || undefined}
        aria-label={t('ui.admin.moveDown', { name })}
        aria-keyshortcuts="Alt+ArrowDown"
        onClick={() => !last && moveBy(1)}
      >
        ↓
      </button>
      <button
        type="button"
        id={`${key}-remove`}
        class="c-btn c-btn--sm c-btn--basic c-btn--danger"
        aria-label={t('ui.admin.removeNamed', { name })}
        onClick={remove}
      >
        {t('ui.admin.remove')}
      </button>
    </div>
  );
}
