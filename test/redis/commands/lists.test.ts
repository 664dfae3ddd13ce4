import { describe, expect, it } from 'vitest';
import { arr, err, fakeServer, int, nil, ok, str } from './ctx.js';

const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');

describe('list commands', () => {
  it('lpush / rpush — push in argument order and reply the new length', () => {
    const s = fakeServer();
    expect(s.run('RPUSH', 'l', 'a', 'b')).toEqual(int(2));
    expect(s.run('LPUSH', 'l', 'x', 'y')).toEqual(int(4));
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('y', 'x', 'a', 'b'));
  });

  it('lpushx / rpushx — only push to an existing list', () => {
    const s = fakeServer();
    expect(s.run('LPUSHX', 'l', 'a')).toEqual(int(0));
    expect(s.run('EXISTS', 'l')).toEqual(int(0));
    s.run('RPUSH', 'l', 'a');
    expect(s.run('RPUSHX', 'l', 'b')).toEqual(int(2));
  });

  it('lpop / rpop — single, with count, and the empty list is deleted', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c', 'd');
    expect(s.run('LPOP', 'l')).toEqual(str('a'));
    expect(s.run('RPOP', 'l', '2')).toEqual(arr('d', 'c'));
    expect(s.run('RPOP', 'l', '0')).toEqual(arr());
    expect(s.run('LPOP', 'l', '10')).toEqual(arr('b'));
    expect(s.run('EXISTS', 'l')).toEqual(int(0));
    expect(s.run('LPOP', 'l')).toEqual(nil);
    expect(s.run('LPOP', 'l', '2')).toEqual({ kind: 'array', items: null });
  });

  it('lpop — count errors as in 7.0', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a');
    expect(s.run('LPOP', 'l', '-1')).toEqual(err('ERR value is out of range, must be positive'));
    expect(s.run('LPOP', 'l', 'x')).toEqual(err('ERR value is out of range, must be positive'));
    expect(s.run('LPOP', 'l', '1', '2')).toEqual(err("ERR wrong number of arguments for 'lpop' command"));
  });

  it('lrange / llen / lindex — Redis index rules', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e');
    expect(s.run('LRANGE', 'l', '-3', '-1')).toEqual(arr('c', 'd', 'e'));
    expect(s.run('LRANGE', 'l', '5', '1')).toEqual(arr());
    expect(s.run('LRANGE', 'l', '0', '100')).toEqual(arr('a', 'b', 'c', 'd', 'e'));
    expect(s.run('LRANGE', 'l', 'a', '1')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('LLEN', 'l')).toEqual(int(5));
    expect(s.run('LLEN', 'nope')).toEqual(int(0));
    expect(s.run('LINDEX', 'l', '-1')).toEqual(str('e'));
    expect(s.run('LINDEX', 'l', '10')).toEqual(nil);
  });

  it('lset — replaces; no such key and out-of-range errors', () => {
    const s = fakeServer();
    expect(s.run('LSET', 'l', '0', 'x')).toEqual(err('ERR no such key'));
    s.run('RPUSH', 'l', 'a', 'b');
    expect(s.run('LSET', 'l', '-1', 'B')).toEqual(ok);
    expect(s.run('LSET', 'l', '5', 'x')).toEqual(err('ERR index out of range'));
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('a', 'B'));
  });

  it('lrem — from the head, from the tail, or all', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'x', 'a', 'y', 'a');
    expect(s.run('LREM', 'l', '-1', 'a')).toEqual(int(1));
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('a', 'x', 'a', 'y'));
    expect(s.run('LREM', 'l', '1', 'a')).toEqual(int(1));
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('x', 'a', 'y'));
    const before = s.dirty;
    expect(s.run('LREM', 'l', '0', 'zz')).toEqual(int(0));
    expect(s.dirty).toBe(before);
  });

  it('ltrim — keeps the range; an empty result deletes the key; a no-op does not dirty', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c');
    const before = s.dirty;
    expect(s.run('LTRIM', 'l', '0', '-1')).toEqual(ok);
    expect(s.dirty).toBe(before);
    expect(s.run('LTRIM', 'l', '1', '1')).toEqual(ok);
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('b'));
    expect(s.run('LTRIM', 'l', '5', '10')).toEqual(ok);
    expect(s.run('EXISTS', 'l')).toEqual(int(0));
    expect(s.run('LTRIM', 'nope', '0', '1')).toEqual(ok);
  });

  it('list commands on a string — WRONGTYPE', () => {
    const s = fakeServer();
    s.run('SET', 's', 'v');
    for (const argv of [['LPUSH', 's', 'a'], ['LRANGE', 's', '0', '1'], ['LPOP', 's'], ['LLEN', 's']]) {
      expect(s.run(...argv)).toEqual(WRONGTYPE);
    }
  });
});
