import { describe, expect, it } from 'vitest';
import { arr, err, fakeServer, int, nil, ok, str } from './ctx.js';

describe('hash commands', () => {
  it('hset / hmset — HSET replies fields created, HMSET OK; odd pairs are an arity error', () => {
    const s = fakeServer();
    expect(s.run('HSET', 'h', 'a', '1', 'b', '2')).toEqual(int(2));
    expect(s.run('HSET', 'h', 'a', '3', 'c', '4')).toEqual(int(1));
    expect(s.run('HMSET', 'h', 'd', '5')).toEqual(ok);
    expect(s.run('HSET', 'h', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'hset' command"));
    expect(s.run('HGETALL', 'h')).toEqual(arr('a', '3', 'b', '2', 'c', '4', 'd', '5'));
  });

  it('hsetnx / hget / hmget / hexists / hlen / hkeys / hvals', () => {
    const s = fakeServer();
    s.run('HSET', 'h', 'a', '1');
    expect(s.run('HSETNX', 'h', 'a', '9')).toEqual(int(0));
    expect(s.run('HSETNX', 'h', 'b', '2')).toEqual(int(1));
    expect(s.run('HGET', 'h', 'a')).toEqual(str('1'));
    expect(s.run('HGET', 'h', 'zz')).toEqual(nil);
    expect(s.run('HMGET', 'h', 'a', 'zz', 'b')).toEqual(arr('1', null, '2'));
    expect(s.run('HMGET', 'nope', 'a')).toEqual(arr(null));
    expect(s.run('HEXISTS', 'h', 'b')).toEqual(int(1));
    expect(s.run('HLEN', 'h')).toEqual(int(2));
    expect(s.run('HKEYS', 'h')).toEqual(arr('a', 'b'));
    expect(s.run('HVALS', 'h')).toEqual(arr('1', '2'));
    expect(s.run('HGETALL', 'nope')).toEqual(arr());
  });

  it('hdel — counts removed fields and deletes the emptied hash', () => {
    const s = fakeServer();
    s.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(s.run('HDEL', 'h', 'a', 'zz')).toEqual(int(1));
    const before = s.dirty;
    expect(s.run('HDEL', 'h', 'zz')).toEqual(int(0));
    expect(s.dirty).toBe(before);
    expect(s.run('HDEL', 'h', 'b')).toEqual(int(1));
    expect(s.run('EXISTS', 'h')).toEqual(int(0));
  });

  it('hincrby / hincrbyfloat — arithmetic and 7.0 error strings', () => {
    const s = fakeServer();
    expect(s.run('HINCRBY', 'h', 'n', '5')).toEqual(int(5));
    expect(s.run('HINCRBY', 'h', 'n', '-7')).toEqual(int(-2));
    expect(s.run('HINCRBY', 'h', 'n', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    s.run('HSET', 'h', 's', 'abc');
    expect(s.run('HINCRBY', 'h', 's', '1')).toEqual(err('ERR hash value is not an integer'));
    expect(s.run('HINCRBYFLOAT', 'h', 's', '1')).toEqual(err('ERR hash value is not a float'));
    expect(s.run('HINCRBYFLOAT', 'h', 'f', '10.5')).toEqual(str('10.5'));
    expect(s.run('HINCRBYFLOAT', 'h', 'f', '0.1')).toEqual(str('10.6'));
    expect(s.run('HINCRBYFLOAT', 'h', 'f', 'inf')).toEqual(err('ERR value is NaN or Infinity'));
    expect(s.run('HINCRBYFLOAT', 'h', 'f', 'x')).toEqual(err('ERR value is not a valid float'));
  });

  it('hash commands on a string — WRONGTYPE', () => {
    const s = fakeServer();
    s.run('SET', 's', 'v');
    expect(s.run('HSET', 's', 'a', 'b')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
    expect(s.run('HGET', 's', 'a')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
  });
});

describe('HSTRLEN', () => {
  it('answers the byte length of a field value, 0 for a missing field or key', () => {
    const s = fakeServer();
    s.run('HSET', 'h', 'f', 'hello');
    expect(s.run('HSTRLEN', 'h', 'f')).toEqual(int(5));
    expect(s.run('HSTRLEN', 'h', 'nope')).toEqual(int(0));
    expect(s.run('HSTRLEN', 'nope', 'f')).toEqual(int(0));
    s.run('SET', 'str', 'v');
    expect(s.run('HSTRLEN', 'str', 'f')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
    expect(s.run('HSTRLEN', 'h')).toEqual(err("ERR wrong number of arguments for 'hstrlen' command"));
  });
});
