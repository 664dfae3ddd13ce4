import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/redis/reply.js';
import { arr, bulkOf, err, fakeServer, int, itemsOf } from './ctx.js';

const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const ints = (...values: number[]) => ({ kind: 'array', items: values.map(int) });
const members = (r: Reply) => itemsOf(r).map(bulkOf).sort();

describe('SMOVE', () => {
  it('moves a member, creating the destination and deleting an emptied source; propagated as SMOVE', () => {
    const s = fakeServer();
    s.run('SADD', 'a', 'x');
    expect(s.run('smove', 'a', 'b', 'x')).toEqual(int(1));
    expect(s.lastFeed).toEqual([['smove', 'a', 'b', 'x']]);
    expect(s.run('EXISTS', 'a')).toEqual(int(0));
    expect(s.run('SMEMBERS', 'b')).toEqual(arr('x'));
  });

  it('answers 0 without dirtying for a missing member or source, and checks both types', () => {
    const s = fakeServer();
    s.run('SADD', 'a', 'x', 'y');
    s.run('SET', 'str', 'v');
    const dirty = s.dirty;
    expect(s.run('SMOVE', 'a', 'b', 'nope')).toEqual(int(0));
    expect(s.run('SMOVE', 'missing', 'str', 'x')).toEqual(int(0));
    expect(s.lastFeed).toEqual([]);
    expect(s.run('SMOVE', 'a', 'str', 'x')).toEqual(WRONGTYPE);
    expect(s.run('SMOVE', 'str', 'a', 'x')).toEqual(WRONGTYPE);
    expect(s.dirty).toBe(dirty);
  });

  it('within one set answers membership and changes nothing (not propagated)', () => {
    const s = fakeServer();
    s.run('SADD', 'a', 'x');
    expect(s.run('SMOVE', 'a', 'a', 'x')).toEqual(int(1));
    expect(s.lastFeed).toEqual([]);
    expect(s.run('SMOVE', 'a', 'a', 'zz')).toEqual(int(0));
    expect(s.run('SMEMBERS', 'a')).toEqual(arr('x'));
  });
});

describe('SMISMEMBER', () => {
  it('answers 1 or 0 per member; a missing key answers all zeros', () => {
    const s = fakeServer();
    s.run('SADD', 's', 'a', 'b');
    expect(s.run('SMISMEMBER', 's', 'b', 'zz', 'a')).toEqual(ints(1, 0, 1));
    expect(s.run('SMISMEMBER', 'nope', 'a')).toEqual(ints(0));
    s.run('SET', 'str', 'v');
    expect(s.run('SMISMEMBER', 'str', 'a')).toEqual(WRONGTYPE);
  });
});

describe('SINTERSTORE / SUNIONSTORE / SDIFFSTORE', () => {
  it('store the result, overwriting any type and dropping the TTL; propagated as typed', () => {
    const s = fakeServer();
    s.run('SADD', 'a', 'x', 'y', 'z');
    s.run('SADD', 'b', 'y', 'z', 'w');
    s.run('SET', 'dst', 'v', 'EX', '100');
    expect(s.run('sinterstore', 'dst', 'a', 'b')).toEqual(int(2));
    expect(s.lastFeed).toEqual([['sinterstore', 'dst', 'a', 'b']]);
    expect(members(s.run('SMEMBERS', 'dst'))).toEqual(['y', 'z']);
    expect(s.run('TTL', 'dst')).toEqual(int(-1));
    expect(s.run('SUNIONSTORE', 'dst', 'a', 'b', 'nope')).toEqual(int(4));
    expect(members(s.run('SMEMBERS', 'dst'))).toEqual(['w', 'x', 'y', 'z']);
    expect(s.run('SDIFFSTORE', 'dst', 'a', 'b')).toEqual(int(1));
    expect(s.run('SMEMBERS', 'dst')).toEqual(arr('x'));
  });

  it('an empty result deletes the destination (propagated), or over a missing one changes nothing', () => {
    const s = fakeServer();
    s.run('SADD', 'a', '1', '2');
    s.run('SADD', 'b', '3');
    s.run('SADD', 'dst', 'old');
    expect(s.run('SINTERSTORE', 'dst', 'a', 'b')).toEqual(int(0));
    expect(s.lastFeed).toEqual([['SINTERSTORE', 'dst', 'a', 'b']]);
    expect(s.run('EXISTS', 'dst')).toEqual(int(0));
    const dirty = s.dirty;
    for (const argv of [
      ['SINTERSTORE', 'd1', 'a', 'b'],
      ['SINTERSTORE', 'd2', 'nope'],
      ['SUNIONSTORE', 'd3', 'nope'],
      ['SDIFFSTORE', 'd4', 'a', 'a'],
    ]) {
      expect(s.run(...argv), argv.join(' ')).toEqual(int(0));
      expect(s.lastFeed, argv.join(' ')).toEqual([]);
    }
    expect(s.dirty).toBe(dirty);
  });

  it('type-check every source, even after a missing key empties an intersection', () => {
    const s = fakeServer();
    s.run('SET', 'str', 'v');
    expect(s.run('SINTER', 'nope', 'str')).toEqual(WRONGTYPE);
    expect(s.run('SINTERSTORE', 'd', 'nope', 'str')).toEqual(WRONGTYPE);
    expect(s.run('SUNIONSTORE', 'd', 'str')).toEqual(WRONGTYPE);
    expect(s.run('EXISTS', 'd')).toEqual(int(0));
  });

  it('check arity like Redis 7.0 (destination plus at least one key)', () => {
    const s = fakeServer();
    expect(s.run('SINTERSTORE', 'd')).toEqual(err("ERR wrong number of arguments for 'sinterstore' command"));
  });
});
