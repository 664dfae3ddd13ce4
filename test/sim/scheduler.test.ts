// The scheduler's bounds: time has an end, so nothing scheduled aeons away can freeze the clock.
import { describe, expect, it } from 'vitest';
import { END_OF_TIME_MS, Scheduler } from '../../src/sim/scheduler.js';

describe('Scheduler — the end of virtual time', () => {
  it('an event asked for after END_OF_TIME_MS never fires; the clock stops at the end', () => {
    const s = new Scheduler();
    let fired = false;
    s.after(1e303, { kind: 'aeons away' }, () => (fired = true));
    expect(s.isSettled()).toBe(true);
    expect(s.step()).toBeUndefined();
    s.runUntil(1e303);
    expect(fired).toBe(false);
    expect(s.now).toBe(END_OF_TIME_MS);
    // At the end a second still counts: a cron would not spin at one instant.
    expect(END_OF_TIME_MS + 1000).toBeGreaterThan(END_OF_TIME_MS);
  });
});
