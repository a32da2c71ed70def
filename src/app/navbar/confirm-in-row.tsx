/**
 * A question asked in place of a row's buttons (archive a scorecard, delete a draft or a target): the confirming
 * button takes focus as it appears; the other one, or Escape, goes back without doing anything.
 */
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmInRowProps {
  question: string;
  confirm: string;
  cancel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmInRow({ question, confirm, cancel, busy = false, onConfirm, onCancel }: ConfirmInRowProps) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div
      class="qa-row__tools"
      role="group"
      aria-label={question}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onCancel();
      }}
    >
      <span>{question}</span>
      <button type="button" ref={yes} class="c-btn c-btn--sm c-btn--danger" disabled={busy} onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
