import { describe, expect, it } from 'vitest';
import { mallocSize } from '../../src/redis/memory-usage.js';
import { cmd, run, worldWith } from '../helpers/world.js';

describe('MEMORY USAGE', () => {
  it('jemalloc size classes: 8, then 16-byte steps to 128, then four classes per doubling', () => {
    expect([1, 8, 9, 23, 49, 104, 129, 161, 16424].map(mallocSize)).toEqual([8, 8, 16, 32, 64, 112, 160, 192, 20480]);
  });

  it('counts what redis-server 7.0.15 counts for strings, lists, listpacks, intsets and hashtables', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'foo', 'bar');
    run(w, 6380, 'SET', 'n', '12345');
    run(w, 6380, 'SET', 'big', 'x'.repeat(100));
    run(w, 6380, 'RPUSH', 'l', 'a', 'b', 'c');
    run(w, 6380, 'HSET', 'h', 'f', 'v');
    run(w, 6380, 'SADD', 'si', '1', '2', '3');
    run(w, 6380, 'SADD', 'ss', 'a', 'b');
    const usage = (k: string) => run(w, 6380, 'MEMORY', 'USAGE', k);
    // Values printed by redis-server 7.0.15 for the same commands.
    expect(['foo', 'n', 'big', 'l', 'h', 'si', 'ss'].map(usage)).toEqual(['64', '48', '160', '144', '64', '64', '200']);
    expect(cmd(w, 6380, 'MEMORY', 'USAGE', 'nokey')).toEqual({ kind: 'bulk', value: null });
    expect(run(w, 6380, 'MEMORY', 'USAGE', 'foo', 'SAMPLES', '-1')).toBe('ERR syntax error');
    expect(run(w, 6380, 'MEMORY', 'STATS')).toMatch(/not simulate/);
    expect(run(w, 6380, 'MEMORY', 'BOGUS')).toBe("ERR unknown subcommand 'BOGUS'. Try MEMORY HELP.");
  });
});
