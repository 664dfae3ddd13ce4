/** The trace log: the newest `capacity` events, in order, whatever number was pushed. */
import { describe, expect, it } from 'vitest';
import { TraceLog, type TraceEvent } from '../../src/redis/trace.js';

const ping = (master: number) => ({ type: 'ping.send' as const, master, offset: 0 });

describe('trace log', () => {
  it('keeps the newest capacity events; all, since and last read them in order across compactions', () => {
    const log = new TraceLog(4);
    const heard: number[] = [];
    log.onEvent((e) => heard.push(e.seq));
    for (let i = 0; i < 23; i++) {
      log.push(i * 10, ping(i));
      const kept = log.all();
      const want = Array.from({ length: Math.min(i + 1, 4) }, (_, k) => i - Math.min(i, 3) + k);
      expect(kept.map((e) => e.seq)).toEqual(want);
      expect(kept.every((e: TraceEvent) => e.type === 'ping.send' && e.t === e.seq * 10)).toBe(true);
      expect(log.last(2).map((e) => e.seq)).toEqual(want.slice(-2));
      expect(log.since(i - 1).map((e) => e.seq)).toEqual(want.filter((s) => s >= i - 1));
      expect(log.since(0).map((e) => e.seq)).toEqual(want);
      expect(log.since(i + 1)).toEqual([]);
      expect(log.last(10).map((e) => e.seq)).toEqual(want);
    }
    expect(log.total).toBe(23);
    expect(heard).toEqual(Array.from({ length: 23 }, (_, i) => i));
    // Events counted while the log is off are not kept: the kept ones still read in order.
    log.enabled = false;
    log.push(300, ping(99));
    log.enabled = true;
    log.push(310, ping(100));
    expect(log.all().map((e) => e.seq)).toEqual([20, 21, 22, 24]);
    expect(log.since(22).map((e) => e.seq)).toEqual([22, 24]);
  });

  it('a listener that unsubscribes while an event is delivered does not stop the others hearing it', () => {
    const log = new TraceLog(10);
    const heard: string[] = [];
    const off = log.onEvent(() => {
      heard.push('a');
      off();
    });
    log.onEvent(() => heard.push('b'));
    log.push(0, ping(1));
    log.push(1, ping(2));
    expect(heard).toEqual(['a', 'b', 'b']);
  });
});
