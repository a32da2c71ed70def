import { describe, expect, it } from 'vitest';
import { parseChannels } from './plan-editor.tsx';

describe('channel targets as typed', () => {
  it('reads "email:2, chat:1" (or = and ;), keeps channels Zendesk may add, and skips what is not a count', () => {
    expect(parseChannels('email:2, chat:1')).toEqual({ email: 2, chat: 1 });
    expect(parseChannels('Voice = 3; any_channel:0')).toEqual({ voice: 3, any_channel: 0 });
    expect(parseChannels('email, chat:x, :2, web:1')).toEqual({ web: 1 });
  });
});
