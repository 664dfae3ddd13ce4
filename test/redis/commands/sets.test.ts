import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/redis/reply.js';
import { arr, bulkOf, err, fakeServer, int, itemsOf, nil } from './ctx.js';

const values = (r: Reply) => itemsOf(r).map(bulkOf);

describe('set commands', () => {
  it('sadd / srem — count members actually added or removed; no-ops do not dirty', () => {
    const s = fakeServer();
    expect(s.run('SADD', 's', 'a', 'b', 'c')).toEqual(int(3));
    const before = s.dirty;
    expect(s.run('SADD', 's', 'a')).toEqual(int(0));
    expect(s.run('SREM', 's', 'zz')).toEqual(int(0));
    expect(s.dirty).toBe(before);
    expect(s.run('SREM', 's', 'a', 'zz')).toEqual(int(1));
    expect(s.run('SREM', 's', 'b', 'c')).toEqual(int(2));
    expect(s.run('EXISTS', 's')).toEqual(int(0));
  });

  it('smembers — integer-only sets come back sorted like an intset; others in insertion order', () => {
    const s = fakeServer();
    s.run('SADD', 'n', '3', '1', '10', '2');
    expect(s.run('SMEMBERS', 'n')).toEqual(arr('1', '2', '3', '10'));
    s.run('SADD', 'w', 'b', 'a', 'c');
    expect(s.run('SMEMBERS', 'w')).toEqual(arr('b', 'a', 'c'));
    expect(s.run('SMEMBERS', 'nope')).toEqual(arr());
  });

  it('sismember / scard', () => {
    const s = fakeServer();
    s.run('SADD', 's', 'a');
    expect(s.run('SISMEMBER', 's', 'a')).toEqual(int(1));
    expect(s.run('SISMEMBER', 's', 'b')).toEqual(int(0));
    expect(s.run('SCARD', 's')).toEqual(int(1));
    expect(s.run('SCARD', 'nope')).toEqual(int(0));
  });

  it('sinter / sunion / sdiff — a missing key is an empty set', () => {
    const s = fakeServer();
    s.run('SADD', 'a', 'x', 'y', 'z');
    s.run('SADD', 'b', 'y', 'z', 'w');
    expect(values(s.run('SINTER', 'a', 'b')).sort()).toEqual(['y', 'z']);
    expect(values(s.run('SUNION', 'a', 'b')).sort()).toEqual(['w', 'x', 'y', 'z']);
    expect(values(s.run('SDIFF', 'a', 'b'))).toEqual(['x']);
    expect(s.run('SINTER', 'a', 'nope')).toEqual(arr());
    expect(s.run('SDIFF', 'nope', 'a')).toEqual(arr());
    s.run('SET', 'str', 'v');
    expect(s.run('SINTER', 'a', 'str')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
  });

  it('spop — removes random members (seeded); popping everything deletes the key', () => {
    const s = fakeServer({ seed: 7 });
    s.run('SADD', 's', 'a', 'b', 'c', 'd');
    const one = bulkOf(s.run('SPOP', 's'));
    expect(['a', 'b', 'c', 'd']).toContain(one);
    const two = values(s.run('SPOP', 's', '2'));
    expect(new Set([one, ...two]).size).toBe(3);
    expect(s.run('SCARD', 's')).toEqual(int(1));
    expect(values(s.run('SPOP', 's', '10'))).toHaveLength(1);
    expect(s.run('EXISTS', 's')).toEqual(int(0));
    expect(s.run('SPOP', 's')).toEqual(nil);
    expect(s.run('SPOP', 's', '-1')).toEqual(err('ERR value is out of range, must be positive'));
    expect(s.run('SPOP', 's', '1', '2')).toEqual(err('ERR syntax error'));
  });

  it('spop — the same seed pops the same members', () => {
    const pop = () => {
      const s = fakeServer({ seed: 42 });
      s.run('SADD', 's', ...'abcdefghij'.split(''));
      return values(s.run('SPOP', 's', '4'));
    };
    expect(pop()).toEqual(pop());
  });

  it('srandmember — distinct members for a positive count, repeats for a negative one', () => {
    const s = fakeServer();
    s.run('SADD', 's', 'a', 'b', 'c');
    expect(new Set(values(s.run('SRANDMEMBER', 's', '2'))).size).toBe(2);
    expect(values(s.run('SRANDMEMBER', 's', '10')).sort()).toEqual(['a', 'b', 'c']);
    expect(values(s.run('SRANDMEMBER', 's', '-5'))).toHaveLength(5);
    expect(s.run('SRANDMEMBER', 'nope')).toEqual(nil);
    expect(s.run('SRANDMEMBER', 'nope', '3')).toEqual(arr());
    expect(s.run('SCARD', 's')).toEqual(int(3));
  });
});
