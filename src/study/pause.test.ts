import { describe, expect, it } from 'vitest';
import { pause } from './pause.js';

describe('pause', () => {
  it('resolves true after the delay, false at once when aborted', async () => {
    expect(await pause(1)).toBe(true);
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await pause(10, controller.signal)).toBe(false);
  });
});
