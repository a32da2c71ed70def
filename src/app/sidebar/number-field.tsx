/**
 * A points (0..N) or percent (0..100) answer, typed: the reviewer types the number, or adjusts it with the arrows,
 * PageUp/PageDown (by 10), Home (0) and End (N), which stay within 0..N (an empty box leaves the up and down arrows to
 * the form, which moves between criteria with them). A number typed that is not a whole number in
 * range is never changed behind the reviewer's back: it stays as typed, says what is wrong beside it, and leaves the
 * criterion unanswered until corrected. An APG spin button on a text box, so digits go to the box.
 */
import './number-field.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';

export interface NumberFieldProps {
  id: string;
  /** The highest number: the scale's points, or 100 for a percentage. */
  max: number;
  percent: boolean;
  value: number | undefined;
  disabled?: boolean | undefined;
  labelledBy: string;
  /** Ids of more text describing the field (a problem shown under the criterion). */
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
  /** A whole number in range, or null when the box is emptied or holds something that is not one. */
  onValue: (value: number | null) => void;
  /** `n` in the box marks the criterion N/A (numbers never contain it); absent where N/A is not allowed. */
  onNA?: (() => void) | undefined;
}

/** A whole number 0..max, 'empty', or 'wrong' (not a whole number, or above max). */
export function parseNumber(text: string, max: number): number | 'empty' | 'wrong' {
  const s = text.trim();
  if (s === '') return 'empty';
  if (!/^\d{1,4}$/.test(s)) return 'wrong';
  const n = Number(s);
  return n > max ? 'wrong' : n;
}

const STEP: Record<string, (n: number, max: number) => number> = {
  ArrowUp: (n) => n + 1,
  ArrowDown: (n) => n - 1,
  PageUp: (n) => n + 10,
  PageDown: (n) => n - 10,
  Home: () => 0,
  End: (_n, max) => max,
};

export function NumberField(p: NumberFieldProps) {
  const t = useT();
  const [text, setText] = useState(p.value === undefined ? '' : String(p.value));
  const wrong = parseNumber(text, p.max) === 'wrong';
  // the stored answer changed from elsewhere (N/A, a restored draft, a digit key on the row): show it
  const shown = useRef(p.value);
  useEffect(() => {
    if (p.value === shown.current) return;
    shown.current = p.value;
    setText(p.value === undefined ? '' : String(p.value));
  }, [p.value]);

  const take = (next: string) => {
    setText(next);
    const n = parseNumber(next, p.max);
    const value = typeof n === 'number' ? n : null;
    shown.current = value ?? undefined;
    if (value !== (p.value ?? null)) p.onValue(value);
  };

  const hintId = `${p.id}-hint`;
  const errorId = `${p.id}-error`;
  const describedBy = [hintId, wrong ? errorId : '', p.describedBy ?? ''].filter(Boolean).join(' ');
  return (
    <div class="qa-num">
      <div class="qa-num__row">
        <input
          id={p.id}
          data-num=""
          type="text"
          inputMode="numeric"
          autoComplete="off"
          enterKeyHint="next"
          role="spinbutton"
          class="qa-input qa-num__box"
          size={4}
          aria-labelledby={p.labelledBy}
          aria-describedby={describedBy}
          aria-valuemin={0}
          aria-valuemax={p.max}
          aria-valuenow={p.value}
          aria-valuetext={p.value !== undefined && p.percent ? t('ui.sidebar.scale.percentValue', { value: p.value }) : undefined}
          aria-invalid={wrong || p.invalid ? true : undefined}
          disabled={p.disabled}
          value={text}
          onInput={(e) => take(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.ctrlKey || e.metaKey || e.altKey) return;
            const step = STEP[e.key];
            const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : p.value;
            // nothing typed yet: the up and down arrows keep the form's meaning (previous, next criterion), so walking
            // the form with them never sets a number by itself
            if (step && !(n === undefined && (e.key === 'ArrowUp' || e.key === 'ArrowDown'))) {
              e.preventDefault();
              e.stopPropagation();
              take(String(Math.min(p.max, Math.max(0, step(n ?? 0, p.max)))));
            } else if ((e.key === 'n' || e.key === 'N') && p.onNA) {
              e.preventDefault();
              p.onNA();
            } else if (e.key === 'Escape' && wrong) {
              // back to the answer kept, the wrong entry dropped
              take(p.value === undefined ? '' : String(p.value));
            } else if (e.key === 'Enter') {
              // never the form's implicit submit; the scoring form takes Enter on to the next criterion, but not past a
              // number that is wrong
              e.preventDefault();
              if (wrong) e.stopPropagation();
            }
          }}
        />
        <span class="qa-small qa-muted" id={hintId}>
          {t(p.percent ? 'ui.sidebar.scale.percentHint' : 'ui.sidebar.scale.pointsHint', { max: p.max })}
        </span>
      </div>
      {/* said as it appears, without taking focus from the box */}
      <div aria-live="polite">
        {wrong && (
          <p class="qa-error qa-small" id={errorId}>
            {t('ui.sidebar.scale.wrong', { max: p.max })}
          </p>
        )}
      </div>
    </div>
  );
}
