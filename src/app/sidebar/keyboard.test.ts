import { describe, expect, it } from 'vitest';
import { keyAction, moveIndex, stepRating } from './keyboard.ts';

describe('keyboard', () => {
  it.each([
    ['1', { type: 'rate', index: 0 }],
    ['5', { type: 'rate', index: 4 }],
    ['0', { type: 'rate', index: 9 }],
    ['ArrowDown', { type: 'move', by: 1 }],
    ['ArrowUp', { type: 'move', by: -1 }],
    ['ArrowRight', { type: 'step', by: 1 }],
    ['n', { type: 'na' }],
    ['w', { type: 'why' }],
    ['?', { type: 'help' }],
    ['x', null],
  ])('%s', (key, action) => {
    expect(keyAction({ key }, false)).toEqual(action);
  });

  it('submits with Ctrl+Enter or Cmd+Enter, also while typing a comment', () => {
    expect(keyAction({ key: 'Enter', ctrlKey: true }, true)).toEqual({ type: 'submit' });
    expect(keyAction({ key: 'Enter', metaKey: true }, false)).toEqual({ type: 'submit' });
    expect(keyAction({ key: 'Enter' }, false)).toBeNull();
  });

  it('leaves typing alone: digits and n go into the comment', () => {
    expect(keyAction({ key: '1' }, true)).toBeNull();
    expect(keyAction({ key: 'n' }, true)).toBeNull();
    expect(keyAction({ key: 'Escape' }, true)).toEqual({ type: 'leave-field' });
    expect(keyAction({ key: '1', ctrlKey: true }, false)).toBeNull();
  });

  it('in a points or percent box: digits are the number, Enter goes on to the next criterion, Shift+Enter back', () => {
    expect(keyAction({ key: '1' }, true, true)).toBeNull();
    expect(keyAction({ key: 'n' }, true, true)).toBeNull();
    expect(keyAction({ key: 'Enter' }, true, true)).toEqual({ type: 'move', by: 1 });
    expect(keyAction({ key: 'Enter', shiftKey: true }, true, true)).toEqual({ type: 'move', by: -1 });
    // the arrows reach the form only from an empty box (one with a number keeps them: number-field.tsx)
    expect(keyAction({ key: 'ArrowUp' }, true, true)).toEqual({ type: 'move', by: -1 });
    expect(keyAction({ key: 'Enter', ctrlKey: true }, true, true)).toEqual({ type: 'submit' });
    expect(keyAction({ key: 'Escape' }, true, true)).toEqual({ type: 'leave-field' });
    // Enter in a comment is a new line
    expect(keyAction({ key: 'Enter' }, true)).toBeNull();
  });

  it('moves and steps within range', () => {
    expect(moveIndex(0, -1, 3)).toBe(0);
    expect(moveIndex(2, 1, 3)).toBe(2);
    expect(moveIndex(1, 1, 3)).toBe(2);
    expect(stepRating(undefined, 1, 5)).toBe(0);
    expect(stepRating(undefined, -1, 5)).toBe(4);
    expect(stepRating(4, 1, 5)).toBe(4);
  });
});
