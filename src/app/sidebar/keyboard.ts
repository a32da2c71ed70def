/**
 * Keyboard-first scoring: number keys rate the focused criterion, arrows move, `n` marks N/A, `w` opens or closes a
 * pre-rated criterion's evidence,
 * Ctrl/Cmd+Enter submits, `?` toggles the help line. Pure: the view maps actions to state.
 */
export type KeyAction =
  | { type: 'rate'; index: number }
  | { type: 'move'; by: 1 | -1 }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'na' }
  | { type: 'comment' }
  | { type: 'why' }
  | { type: 'submit' }
  | { type: 'help' }
  | { type: 'leave-field' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/**
 * `inTextField`: typing in a comment must not rate or move; only submit and Escape work there. `inNumberField`, a
 * points or percent box: digits are the box's, and the arrows once it holds a number; Enter (the number typed) goes on
 * to the next criterion, Shift+Enter back.
 */
export function keyAction(e: KeyInput, inTextField: boolean, inNumberField = false): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Enter' && mod) return { type: 'submit' };
  // an empty box leaves ↑ ↓ to the form (number-field.tsx); Shift+Enter goes back
  if (inNumberField && !e.altKey && (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp'))
    return { type: 'move', by: e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1 };
  if (inTextField) return e.key === 'Escape' ? { type: 'leave-field' } : null;
  if (mod || e.altKey) return null;
  if (/^[1-9]$/.test(e.key)) return { type: 'rate', index: Number(e.key) - 1 };
  if (e.key === '0') return { type: 'rate', index: 9 };
  const byKey: Record<string, KeyAction> = {
    ArrowDown: { type: 'move', by: 1 },
    ArrowUp: { type: 'move', by: -1 },
    ArrowRight: { type: 'step', by: 1 },
    ArrowLeft: { type: 'step', by: -1 },
    n: { type: 'na' },
    N: { type: 'na' },
    c: { type: 'comment' },
    w: { type: 'why' },
    '?': { type: 'help' },
  };
  return byKey[e.key] ?? null;
}

/** The help list's lines, one per kind of key (`ui.sidebar.help.<key>`). */
export const HELP_KEYS = ['rate', 'number', 'move', 'step', 'na', 'comment', 'why', 'leave', 'submit'] as const;

/** The next criterion index, staying in range. */
export const moveIndex = (current: number, by: number, count: number): number =>
  count === 0 ? 0 : Math.min(count - 1, Math.max(0, current + by));

/** Left/right within a scale: from nothing, right picks the lowest and left the highest. */
export function stepRating(current: number | undefined, by: 1 | -1, options: number): number {
  if (current === undefined) return by === 1 ? 0 : options - 1;
  return Math.min(options - 1, Math.max(0, current + by));
}
