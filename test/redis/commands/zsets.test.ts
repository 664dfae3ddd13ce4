import { describe, expect, it } from 'vitest';
import { arr, err, fakeServer, int, nil, str } from './ctx.js';

describe('sorted set commands', () => {
  it('zadd — counts added members; CH also counts updated ones', () => {
    const s = fakeServer();
    expect(s.run('ZADD', 'z', '1', 'a', '2', 'b')).toEqual(int(2));
    expect(s.run('ZADD', 'z', '5', 'a', '3', 'c')).toEqual(int(1));
    expect(s.run('ZADD', 'z', 'CH', '6', 'a', '4', 'd')).toEqual(int(2));
    const before = s.dirty;
    expect(s.run('ZADD', 'z', '6', 'a')).toEqual(int(0));
    expect(s.dirty).toBe(before);
  });

  it('zadd NX / XX / GT / LT — update rules of 7.0', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '5', 'a');
    expect(s.run('ZADD', 'z', 'NX', '1', 'a', '2', 'b')).toEqual(int(1));
    expect(s.run('ZSCORE', 'z', 'a')).toEqual(str('5'));
    expect(s.run('ZADD', 'z', 'XX', '1', 'a', '9', 'new')).toEqual(int(0));
    expect(s.run('ZSCORE', 'z', 'a')).toEqual(str('1'));
    expect(s.run('ZSCORE', 'z', 'new')).toEqual(nil);
    expect(s.run('ZADD', 'z', 'GT', 'CH', '0', 'a')).toEqual(int(0));
    expect(s.run('ZADD', 'z', 'GT', 'CH', '7', 'a')).toEqual(int(1));
    expect(s.run('ZADD', 'z', 'LT', 'CH', '3', 'a')).toEqual(int(1));
    expect(s.run('ZADD', 'nz', 'XX', '1', 'a')).toEqual(int(0));
    expect(s.run('EXISTS', 'nz')).toEqual(int(0));
  });

  it('zadd INCR / zincrby — reply the new score, nil when a condition blocks it', () => {
    const s = fakeServer();
    expect(s.run('ZADD', 'z', 'INCR', '1.5', 'a')).toEqual(str('1.5'));
    expect(s.run('ZINCRBY', 'z', '2', 'a')).toEqual(str('3.5'));
    expect(s.run('ZADD', 'z', 'NX', 'INCR', '1', 'a')).toEqual(nil);
    expect(s.run('ZADD', 'z', 'INCR', '1', 'a', '2', 'b')).toEqual(err('ERR INCR option supports a single increment-element pair'));
    s.run('ZADD', 'z', 'inf', 'i');
    expect(s.run('ZINCRBY', 'z', '-inf', 'i')).toEqual(err('ERR resulting score is not a number (NaN)'));
  });

  it('zadd — option and argument errors as in 7.0', () => {
    const s = fakeServer();
    expect(s.run('ZADD', 'z', 'NX', 'XX', '1', 'a')).toEqual(err('ERR XX and NX options at the same time are not compatible'));
    expect(s.run('ZADD', 'z', 'GT', 'LT', '1', 'a')).toEqual(
      err('ERR GT, LT, and/or NX options at the same time are not compatible'),
    );
    expect(s.run('ZADD', 'z', '1', 'a', '2')).toEqual(err('ERR syntax error'));
    expect(s.run('ZADD', 'z', 'x', 'a')).toEqual(err('ERR value is not a valid float'));
    expect(s.run('ZINCRBY', 'z', 'x', 'a')).toEqual(err('ERR value is not a valid float'));
  });

  it('zscore / withscores — scores printed with %.17g', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '0.1', 'p', '1.5', 'a', '3', 'b', '1e20', 'q', '-inf', 'r');
    expect(s.run('ZSCORE', 'z', 'p')).toEqual(str('0.10000000000000001'));
    expect(s.run('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toEqual(
      arr('r', '-inf', 'p', '0.10000000000000001', 'a', '1.5', 'b', '3', 'q', '1e+20'),
    );
  });

  it('zrange — ranks, REV, BYSCORE with exclusive bounds and LIMIT', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '3', 'bb', '4', 'd');
    expect(s.run('ZRANGE', 'z', '0', '-1')).toEqual(arr('a', 'b', 'bb', 'c', 'd'));
    expect(s.run('ZRANGE', 'z', '0', '1', 'REV')).toEqual(arr('d', 'c'));
    expect(s.run('ZREVRANGE', 'z', '0', '1', 'WITHSCORES')).toEqual(arr('d', '4', 'c', '3'));
    expect(s.run('ZRANGE', 'z', '(1', '3', 'BYSCORE')).toEqual(arr('b', 'bb', 'c'));
    expect(s.run('ZRANGE', 'z', '3', '(1', 'BYSCORE', 'REV')).toEqual(arr('c', 'bb', 'b'));
    expect(s.run('ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '1', '2')).toEqual(arr('b', 'bb'));
    expect(s.run('ZRANGEBYSCORE', 'z', '2', '3')).toEqual(arr('b', 'bb', 'c'));
    expect(s.run('ZREVRANGEBYSCORE', 'z', '3', '2')).toEqual(arr('c', 'bb', 'b'));
    expect(s.run('ZRANGE', 'z', '0', '-1', 'LIMIT', '1', '2')).toEqual(
      err('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'),
    );
    expect(s.run('ZRANGE', 'z', 'a', 'b', 'BYSCORE')).toEqual(err('ERR min or max is not a float'));
    expect(s.run('ZREVRANGE', 'z', '0', '1', 'REV')).toEqual(err('ERR syntax error'));
    expect(s.run('ZRANGE', 'nope', '0', '-1')).toEqual(arr());
  });

  it('zrank / zrevrank / zcard / zcount / zrem', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(s.run('ZRANK', 'z', 'b')).toEqual(int(1));
    expect(s.run('ZREVRANK', 'z', 'a')).toEqual(int(2));
    expect(s.run('ZRANK', 'z', 'zz')).toEqual(nil);
    expect(s.run('ZCARD', 'z')).toEqual(int(3));
    expect(s.run('ZCOUNT', 'z', '(1', '3')).toEqual(int(2));
    expect(s.run('ZCOUNT', 'z', '-inf', '+inf')).toEqual(int(3));
    expect(s.run('ZCOUNT', 'z', 'a', 'b')).toEqual(err('ERR min or max is not a float'));
    expect(s.run('ZREM', 'z', 'a', 'zz')).toEqual(int(1));
    expect(s.run('ZREM', 'z', 'b', 'c')).toEqual(int(2));
    expect(s.run('EXISTS', 'z')).toEqual(int(0));
  });
});
