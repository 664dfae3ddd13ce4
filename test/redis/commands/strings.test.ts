import { describe, expect, it } from 'vitest';
import { T0, arr, err, fakeServer, int, nil, ok, str } from './ctx.js';

describe('SET', () => {
  it('set — stores a value, replies OK and dirties once', () => {
    const s = fakeServer();
    expect(s.run('SET', 'k', 'v')).toEqual(ok);
    expect(s.run('GET', 'k')).toEqual(str('v'));
    expect(s.dirty).toBe(1);
  });

  it('set — drops an existing TTL unless KEEPTTL', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v', 'EX', '100');
    s.run('SET', 'k', 'v2', 'KEEPTTL');
    expect(s.run('TTL', 'k')).toEqual(int(100));
    s.run('SET', 'k', 'v3');
    expect(s.run('TTL', 'k')).toEqual(int(-1));
  });

  it('set NX / XX — abort with nil and do not dirty', () => {
    const s = fakeServer();
    expect(s.run('SET', 'k', 'v', 'XX')).toEqual(nil);
    expect(s.run('SET', 'k', 'v', 'NX')).toEqual(ok);
    const before = s.dirty;
    expect(s.run('SET', 'k', 'other', 'NX')).toEqual(nil);
    expect(s.dirty).toBe(before);
    expect(s.lastFeed).toEqual([]);
    expect(s.run('SET', 'k', 'v2', 'xx')).toEqual(ok);
  });

  it('set GET — replies the old value (nil when missing); NX GET on an existing key replies it without writing', () => {
    const s = fakeServer();
    expect(s.run('SET', 'k', 'a', 'GET')).toEqual(nil);
    expect(s.run('SET', 'k', 'b', 'GET')).toEqual(str('a'));
    expect(s.run('SET', 'k', 'c', 'NX', 'GET')).toEqual(str('b'));
    expect(s.run('GET', 'k')).toEqual(str('b'));
    s.run('LPUSH', 'l', 'x');
    expect(s.run('SET', 'l', 'v', 'GET')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
  });

  it('set — rejects conflicting or unknown options with a syntax error, like 7.0', () => {
    const s = fakeServer();
    for (const args of [
      ['NX', 'XX'],
      ['PX', '100', 'EX', '100'],
      ['EX', '100', 'KEEPTTL'],
      ['KEEPTTL', 'EX', '100'],
      ['EX'],
      ['FOO'],
    ]) {
      expect(s.run('SET', 'k', 'v', ...args)).toEqual(err('ERR syntax error'));
    }
    expect(s.run('SET', 'k', 'v', 'EX', '100', 'EX', '200')).toEqual(ok);
    expect(s.run('TTL', 'k')).toEqual(int(200));
  });

  it('set — invalid expire times name the command', () => {
    const s = fakeServer();
    expect(s.run('SET', 'k', 'v', 'EX', '0')).toEqual(err("ERR invalid expire time in 'set' command"));
    expect(s.run('SET', 'k', 'v', 'PX', '-1')).toEqual(err("ERR invalid expire time in 'set' command"));
    expect(s.run('SET', 'k', 'v', 'EX', 'abc')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('SETEX', 'k', '0', 'v')).toEqual(err("ERR invalid expire time in 'setex' command"));
    expect(s.run('PSETEX', 'k', '-5', 'v')).toEqual(err("ERR invalid expire time in 'psetex' command"));
    expect(s.dirty).toBe(0);
  });

  it('set EX/PX/EXAT/PXAT — sets the absolute expire time', () => {
    const s = fakeServer();
    s.run('SET', 'a', 'v', 'EX', '10');
    s.run('SET', 'b', 'v', 'PX', '1500');
    s.run('SET', 'c', 'v', 'EXAT', String(T0 / 1000 + 20));
    s.run('SET', 'd', 'v', 'PXAT', String(T0 + 2500));
    expect(s.run('PEXPIRETIME', 'a')).toEqual(int(T0 + 10_000));
    expect(s.run('PTTL', 'b')).toEqual(int(1500));
    expect(s.run('TTL', 'c')).toEqual(int(20));
    expect(s.run('PTTL', 'd')).toEqual(int(2500));
  });
});

describe('other string writes', () => {
  it('setnx — 1 when set, 0 when the key exists', () => {
    const s = fakeServer();
    expect(s.run('SETNX', 'k', 'a')).toEqual(int(1));
    expect(s.run('SETNX', 'k', 'b')).toEqual(int(0));
    expect(s.run('GET', 'k')).toEqual(str('a'));
  });

  it('getset / getdel — reply the old value', () => {
    const s = fakeServer();
    expect(s.run('GETSET', 'k', 'a')).toEqual(nil);
    expect(s.run('GETSET', 'k', 'b')).toEqual(str('a'));
    expect(s.run('GETDEL', 'k')).toEqual(str('b'));
    expect(s.run('GETDEL', 'k')).toEqual(nil);
    expect(s.run('EXISTS', 'k')).toEqual(int(0));
  });

  it('getex — sets or removes the TTL, a plain GETEX writes nothing', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    const before = s.dirty;
    expect(s.run('GETEX', 'k')).toEqual(str('v'));
    expect(s.dirty).toBe(before);
    expect(s.run('GETEX', 'k', 'EX', '50')).toEqual(str('v'));
    expect(s.run('TTL', 'k')).toEqual(int(50));
    expect(s.run('GETEX', 'k', 'PERSIST')).toEqual(str('v'));
    expect(s.run('TTL', 'k')).toEqual(int(-1));
    expect(s.run('GETEX', 'k', 'PERSIST', 'EX', '5')).toEqual(err('ERR syntax error'));
  });

  it('mset / msetnx / mget — MSETNX sets nothing if any key exists; MGET gives nil for non-strings', () => {
    const s = fakeServer();
    expect(s.run('MSET', 'a', '1', 'b', '2')).toEqual(ok);
    expect(s.run('MSET', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'mset' command"));
    expect(s.run('MSETNX', 'a', '1', 'c', '3')).toEqual(int(0));
    expect(s.run('MSETNX', 'c', '3', 'd', '4')).toEqual(int(1));
    s.run('LPUSH', 'l', 'x');
    expect(s.run('MGET', 'a', 'c', 'nope', 'l')).toEqual(arr('1', '3', null, null));
  });

  it('incr family — integer arithmetic with Redis errors', () => {
    const s = fakeServer();
    expect(s.run('INCR', 'n')).toEqual(int(1));
    expect(s.run('INCRBY', 'n', '10')).toEqual(int(11));
    expect(s.run('DECR', 'n')).toEqual(int(10));
    expect(s.run('DECRBY', 'n', '15')).toEqual(int(-5));
    expect(s.run('INCRBY', 'n', '1.5')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('DECRBY', 'n', '-9223372036854775808')).toEqual(err('ERR decrement would overflow'));
    s.run('SET', 'big', '9223372036854775806');
    // The reply holds LLONG_MAX as the nearest double, 2^63; GET shows the exact digits.
    expect(s.run('INCR', 'big')).toEqual(int(2 ** 63));
    expect(s.run('GET', 'big')).toEqual(str('9223372036854775807'));
    expect(s.run('INCR', 'big')).toEqual(err('ERR increment or decrement would overflow'));
    for (const bad of [' 1', '01', '+1', '1.5', 'abc']) {
      s.run('SET', 'x', bad);
      expect(s.run('INCR', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    }
  });

  it('incr — keeps the TTL', () => {
    const s = fakeServer();
    s.run('SET', 'n', '1', 'EX', '100');
    s.run('INCR', 'n');
    expect(s.run('TTL', 'n')).toEqual(int(100));
  });

  it('incrbyfloat — long double results printed like Redis (0.1 + 0.2 = 0.3)', () => {
    const s = fakeServer();
    expect(s.run('INCRBYFLOAT', 'f', '0.1')).toEqual(str('0.1'));
    expect(s.run('INCRBYFLOAT', 'f', '0.2')).toEqual(str('0.3'));
    expect(s.run('INCRBYFLOAT', 'g', '100.1')).toEqual(str('100.1'));
    expect(s.run('INCRBYFLOAT', 'g', '-200.3')).toEqual(str('-100.2'));
    expect(s.run('INCRBYFLOAT', 'h', '3.0e3')).toEqual(str('3000'));
    expect(s.run('INCRBYFLOAT', 'i', '1.23456789012345678')).toEqual(str('1.23456789012345678'));
    expect(s.run('INCRBYFLOAT', 'j', '123456789.987654321')).toEqual(str('123456789.98765432099753525'));
    expect(s.run('INCRBYFLOAT', 'k', '1e5000')).toEqual(err('ERR value is not a valid float'));
    expect(s.run('INCRBYFLOAT', 'k', 'inf')).toEqual(err('ERR increment would produce NaN or Infinity'));
    expect(s.run('INCRBYFLOAT', 'k', ' 1')).toEqual(err('ERR value is not a valid float'));
    expect(s.run('INCRBYFLOAT', 'z', '-0.0')).toEqual(str('0'));
  });

  it('append / strlen / getrange / setrange — byte ranges like 7.0', () => {
    const s = fakeServer();
    expect(s.run('APPEND', 'k', 'hello')).toEqual(int(5));
    expect(s.run('APPEND', 'k', ' world')).toEqual(int(11));
    expect(s.run('STRLEN', 'k')).toEqual(int(11));
    expect(s.run('STRLEN', 'nope')).toEqual(int(0));
    expect(s.run('GETRANGE', 'k', '0', '4')).toEqual(str('hello'));
    expect(s.run('GETRANGE', 'k', '-5', '-1')).toEqual(str('world'));
    expect(s.run('GETRANGE', 'k', '5', '2')).toEqual(str(''));
    expect(s.run('GETRANGE', 'k', '0', '100')).toEqual(str('hello world'));
    expect(s.run('SETRANGE', 'k', '6', 'WORLD')).toEqual(int(11));
    expect(s.run('GET', 'k')).toEqual(str('hello WORLD'));
    expect(s.run('SETRANGE', 'p', '3', 'x')).toEqual(int(4));
    expect(s.run('GET', 'p')).toEqual(str('\0\0\0x'));
    expect(s.run('SETRANGE', 'q', '3', '')).toEqual(int(0));
    expect(s.run('EXISTS', 'q')).toEqual(int(0));
    expect(s.run('SETRANGE', 'k', '-1', 'x')).toEqual(err('ERR offset is out of range'));
  });
});
