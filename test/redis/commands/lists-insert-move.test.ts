import { describe, expect, it } from 'vitest';
import { arr, err, fakeServer, int, nil, str } from './ctx.js';

const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const ints = (...values: number[]) => ({ kind: 'array', items: values.map(int) });

describe('LINSERT', () => {
  it('inserts before or after the first pivot and answers the new length; propagated as typed', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c', 'b');
    expect(s.run('linsert', 'l', 'before', 'b', 'X')).toEqual(int(5));
    expect(s.lastFeed).toEqual([['linsert', 'l', 'before', 'b', 'X']]);
    expect(s.run('LINSERT', 'l', 'AFTER', 'b', 'Y')).toEqual(int(6));
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('a', 'X', 'b', 'Y', 'c', 'b'));
  });

  it('answers -1 for a missing pivot and 0 for a missing key, without dirtying', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a');
    const dirty = s.dirty;
    expect(s.run('LINSERT', 'l', 'BEFORE', 'zz', 'X')).toEqual(int(-1));
    expect(s.run('LINSERT', 'nope', 'BEFORE', 'a', 'X')).toEqual(int(0));
    expect(s.lastFeed).toEqual([]);
    expect(s.dirty).toBe(dirty);
    expect(s.run('EXISTS', 'nope')).toEqual(int(0));
  });

  it('rejects a position other than BEFORE/AFTER before looking at the key', () => {
    const s = fakeServer();
    s.run('SET', 'str', 'v');
    expect(s.run('LINSERT', 'str', 'middle', 'a', 'b')).toEqual(err('ERR syntax error'));
    expect(s.run('LINSERT', 'str', 'before', 'a', 'b')).toEqual(WRONGTYPE);
  });
});

describe('LPOS', () => {
  it('finds the first match, the Nth with RANK (negative from the tail), all with COUNT 0', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'X', 'b', 'Y', 'c', 'b');
    expect(s.run('LPOS', 'l', 'b')).toEqual(int(2));
    expect(s.run('LPOS', 'l', 'b', 'RANK', '-1')).toEqual(int(5));
    expect(s.run('LPOS', 'l', 'b', 'COUNT', '0')).toEqual(ints(2, 5));
    expect(s.run('LPOS', 'l', 'b', 'COUNT', '2', 'RANK', '2')).toEqual(ints(5));
    expect(s.run('LPOS', 'l', 'b', 'MAXLEN', '2')).toEqual(nil);
    expect(s.run('LPOS', 'l', 'zz')).toEqual(nil);
    expect(s.run('LPOS', 'l', 'zz', 'COUNT', '0')).toEqual(arr());
    expect(s.run('LPOS', 'nope', 'a')).toEqual(nil);
    expect(s.run('LPOS', 'nope', 'a', 'COUNT', '1')).toEqual(arr());
  });

  it('answers Redis 7.0 errors for bad options', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a');
    expect(s.run('LPOS', 'l', 'a', 'RANK', '0')).toEqual(
      err("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"),
    );
    expect(s.run('LPOS', 'l', 'a', 'RANK', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('LPOS', 'l', 'a', 'COUNT', '-1')).toEqual(err("ERR COUNT can't be negative"));
    expect(s.run('LPOS', 'l', 'a', 'COUNT', 'x')).toEqual(err("ERR COUNT can't be negative"));
    expect(s.run('LPOS', 'l', 'a', 'MAXLEN', '-1')).toEqual(err("ERR MAXLEN can't be negative"));
    expect(s.run('LPOS', 'l', 'a', 'RANK')).toEqual(err('ERR syntax error'));
    expect(s.run('LPOS', 'l', 'a', 'foo', '1')).toEqual(err('ERR syntax error'));
  });
});

describe('LMOVE / RPOPLPUSH', () => {
  it('pop from one end and push onto the other list, creating it; propagated as typed', () => {
    const s = fakeServer();
    s.run('RPUSH', 'src', 'a', 'b', 'c');
    expect(s.run('lmove', 'src', 'dst', 'left', 'right')).toEqual(str('a'));
    expect(s.lastFeed).toEqual([['lmove', 'src', 'dst', 'left', 'right']]);
    expect(s.run('RPOPLPUSH', 'src', 'dst')).toEqual(str('c'));
    expect(s.lastFeed).toEqual([['RPOPLPUSH', 'src', 'dst']]);
    expect(s.run('LRANGE', 'dst', '0', '-1')).toEqual(arr('c', 'a'));
    expect(s.run('RPOPLPUSH', 'src', 'dst')).toEqual(str('b'));
    expect(s.run('EXISTS', 'src')).toEqual(int(0));
  });

  it('rotates a list onto itself, also a one-element list', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(s.run('LMOVE', 'l', 'l', 'LEFT', 'RIGHT')).toEqual(str('a'));
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('b', 'c', 'a'));
    s.run('RPUSH', 'one', 'x');
    expect(s.run('RPOPLPUSH', 'one', 'one')).toEqual(str('x'));
    expect(s.run('LRANGE', 'one', '0', '-1')).toEqual(arr('x'));
  });

  it('answers nil for a missing source without creating the destination, and checks both types', () => {
    const s = fakeServer();
    s.run('SET', 'str', 'v');
    s.run('RPUSH', 'l', 'a');
    const dirty = s.dirty;
    expect(s.run('LMOVE', 'nope', 'dst', 'LEFT', 'LEFT')).toEqual(nil);
    expect(s.run('EXISTS', 'dst')).toEqual(int(0));
    expect(s.run('LMOVE', 'l', 'str', 'LEFT', 'LEFT')).toEqual(WRONGTYPE);
    expect(s.run('RPOPLPUSH', 'str', 'l')).toEqual(WRONGTYPE);
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('a'));
    expect(s.dirty).toBe(dirty);
    expect(s.run('LMOVE', 'l', 'dst', 'middle', 'LEFT')).toEqual(err('ERR syntax error'));
  });
});
