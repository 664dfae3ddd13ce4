import { describe, expect, it } from 'vitest';
import type { World } from '../../src/redis/world.js';
import { run, worldWith } from '../helpers/world.js';

function withReplica(): World {
  const w = worldWith([6380, 6381]);
  run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
  w.runUntilSettled();
  return w;
}

/** Move to just after a cron second, so that the next few hundred ms have no active expiry. */
function justAfterCron(w: World): void {
  w.runFor(1001 - (w.now % 1000));
}

function propagatedSince(w: World, seq: number): string[] {
  return w.trace.since(seq).filter((e) => e.type === 'propagate').map((e) => (e.type === 'propagate' ? e.argv.join(' ') : ''));
}

describe('command propagation (7.0 rewrites, expiry, offsets)', () => {
  it('DEL k3 — the seed\'s propagation figure: the replica executes the same DEL', () => {
    const w = withReplica();
    for (const k of ['k1', 'k2', 'k3']) run(w, 6380, 'SET', k, 'v');
    w.runUntilSettled();
    const seq = w.trace.total;
    expect(run(w, 6380, 'DEL', 'k3')).toBe('1');
    expect(run(w, 6381, 'EXISTS', 'k3')).toBe('1');
    w.runUntilSettled();
    expect(propagatedSince(w, seq)).toEqual(['DEL k3']);
    expect(run(w, 6381, 'EXISTS', 'k3')).toBe('0');
    const applied = w.trace.since(seq).filter((e) => e.type === 'stream.apply').map((e) => (e.type === 'stream.apply' ? e.argv.join(' ') : ''));
    expect(applied).toEqual(['DEL k3']);
  });

  it('EXPIRE goes as PEXPIREAT, SET EX as SET PXAT; reads and no-op writes are not propagated', () => {
    const w = withReplica();
    run(w, 6380, 'SET', 'a', '1');
    const seq = w.trace.total;
    run(w, 6380, 'EXPIRE', 'a', '100');
    run(w, 6380, 'SET', 'b', '2', 'EX', '10');
    run(w, 6380, 'GET', 'a');
    run(w, 6380, 'DEL', 'nokey');
    run(w, 6380, 'SET', 'a', 'x', 'NX');
    const now = w.now + 1767225600000;
    expect(propagatedSince(w, seq)).toEqual([`PEXPIREAT a ${now + 100_000}`, `SET b 2 PXAT ${now + 10_000}`]);
    w.runUntilSettled();
    expect(w.keys(6381).find((k) => k.key === 'a')!.expiresAtMs).toBe(now + 100_000);
  });

  it('lazy expiry — a write on an expired key goes as MULTI, DEL, the write, EXEC; a read as a bare DEL', () => {
    const w = withReplica();
    justAfterCron(w);
    run(w, 6380, 'SET', 'lz', 'old', 'PX', '100');
    run(w, 6380, 'SET', 'gz', 'old', 'PX', '100');
    w.runFor(150);
    const seq = w.trace.total;
    run(w, 6380, 'set', 'lz', 'new');
    run(w, 6380, 'GET', 'gz');
    expect(propagatedSince(w, seq)).toEqual(['MULTI', 'DEL lz', 'set lz new', 'EXEC', 'DEL gz']);
  });

  it('a replica never expires keys itself: it answers as if gone but keeps them until the DEL', () => {
    const w = withReplica();
    justAfterCron(w);
    run(w, 6380, 'SET', 'e', 'v', 'PX', '50');
    w.runFor(10);
    w.dropLink(6380, 6381);
    w.runFor(100);
    expect(run(w, 6381, 'GET', 'e')).toBe('(nil)');
    expect(w.keys(6381).map((k) => k.key)).toContain('e');
    w.heal();
    w.runUntilSettled();
    w.runFor(2000);
    expect(w.keys(6381).map((k) => k.key)).not.toContain('e');
  });

  it('active expiry on the master propagates bare DELs', () => {
    const w = withReplica();
    run(w, 6380, 'SET', 'x', '1', 'PX', '10');
    const seq = w.trace.total;
    w.runFor(1100);
    expect(propagatedSince(w, seq)).toContain('DEL x');
    w.runUntilSettled();
    expect(w.keys(6381)).toEqual([]);
  });

  it('FLUSHALL with save points saves dump.rdb right away', () => {
    const w = worldWith([6380], { extra: 'save 3600 1' });
    run(w, 6380, 'SET', 'a', '1');
    expect(run(w, 6380, 'FLUSHALL')).toBe('OK');
    expect(w.disk.has('/data/6380/dump.rdb')).toBe(true);
  });
});
