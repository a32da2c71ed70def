import { describe, expect, it } from 'vitest';
import { capAfter, heightFor, MIN_CAP } from './fit-frame.ts';

describe('the sidebar iframe fits what Zendesk shows of it', () => {
  it('caps the height at what is seen below its top, when its bottom is out of sight', () => {
    expect(capAfter(null, { top: 0, bottom: 461.6, viewport: 3147 })).toBe(461);
    expect(heightFor(3147, 461)).toBe(461);
    // a short form stays as tall as it is
    expect(heightFor(300, 461)).toBe(300);
  });

  it('learns nothing when all of it is in sight, when it is hidden, or when its top is scrolled away', () => {
    expect(capAfter(null, { top: 0, bottom: 500, viewport: 500 })).toBeNull();
    expect(capAfter(null, null)).toBeNull();
    expect(capAfter(null, { top: 120, bottom: 580, viewport: 3147 })).toBeNull();
    expect(capAfter(461, { top: 40, bottom: 461, viewport: 461 })).toBe(461);
  });

  it('only lowers the cap (the window grew: Zendesk says so, and the cap is lifted), never below the minimum', () => {
    expect(capAfter(461, { top: 0, bottom: 400, viewport: 461 })).toBe(400);
    expect(capAfter(400, { top: 0, bottom: 380, viewport: 461 })).toBe(380);
    expect(capAfter(null, { top: 0, bottom: 90, viewport: 3147 })).toBe(MIN_CAP);
  });
});
