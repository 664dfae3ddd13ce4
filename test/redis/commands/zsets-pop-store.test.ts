import { describe, expect, it } from 'vitest';
import { arr, err, fakeServer, int } from './ctx.js';

const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');

describe('ZPOPMIN / ZPOPMAX', () => {
  it('pop lowest or highest members as a flat member, score array; propagated as typed', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(s.run('zpopmin', 'z')).toEqual(arr('a', '1'));
    expect(s.lastFeed).toEqual([['zpopmin', 'z']]);
    expect(s.run('ZPOPMAX', 'z', '5')).toEqual(arr('c', '3', 'b', '2'));
    expect(s.lastFeed).toEqual([['ZPOPMAX', 'z', '5']]);
    expect(s.run('EXISTS', 'z')).toEqual(int(0));
  });

  it('answer an empty array for a missing key or count 0, without dirtying', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '1', 'a');
    const dirty = s.dirty;
    expect(s.run('ZPOPMIN', 'nope')).toEqual(arr());
    expect(s.run('ZPOPMIN', 'nope', '2')).toEqual(arr());
    expect(s.run('ZPOPMIN', 'z', '0')).toEqual(arr());
    expect(s.lastFeed).toEqual([]);
    expect(s.dirty).toBe(dirty);
  });

  it('reject a negative or non-integer count, extra arguments and other types', () => {
    const s = fakeServer();
    s.run('SET', 'str', 'v');
    expect(s.run('ZPOPMIN', 'z', '-1')).toEqual(err('ERR value is out of range, must be positive'));
    expect(s.run('ZPOPMIN', 'z', 'x')).toEqual(err('ERR value is out of range, must be positive'));
    expect(s.run('ZPOPMIN', 'z', '1', '2')).toEqual(err('ERR syntax error'));
    expect(s.run('ZPOPMAX', 'str')).toEqual(WRONGTYPE);
    expect(s.run('ZPOPMAX', 'str', '0')).toEqual(WRONGTYPE);
  });
});

describe('ZMSCORE', () => {
  it('answers a score or nil per member; a missing key answers all nils', () => {
    const s = fakeServer();
    s.run('ZADD', 'z', '1.5', 'a');
    expect(s.run('ZMSCORE', 'z', 'a', 'nope')).toEqual(arr('1.5', null));
    expect(s.run('ZMSCORE', 'nope', 'a', 'b')).toEqual(arr(null, null));
    s.run('SET', 'str', 'v');
    expect(s.run('ZMSCORE', 'str', 'a')).toEqual(WRONGTYPE);
  });
});

describe('ZUNIONSTORE / ZINTERSTORE', () => {
  it('sum scores by default, take sets as score 1, weights and aggregates; propagated as typed', () => {
    const s = fakeServer();
    s.run('ZADD', 'z1', '1', 'a', '2', 'b');
    s.run('ZADD', 'z2', '10', 'b', '20', 'c');
    s.run('SADD', 's1', 'a', 'd');
    expect(s.run('zunionstore', 'out', '2', 'z1', 'z2')).toEqual(int(3));
    expect(s.lastFeed).toEqual([['zunionstore', 'out', '2', 'z1', 'z2']]);
    expect(s.run('ZRANGE', 'out', '0', '-1', 'WITHSCORES')).toEqual(arr('a', '1', 'b', '12', 'c', '20'));
    expect(s.run('ZINTERSTORE', 'out', '2', 'z1', 'z2')).toEqual(int(1));
    expect(s.run('ZRANGE', 'out', '0', '-1', 'WITHSCORES')).toEqual(arr('b', '12'));
    expect(s.run('ZUNIONSTORE', 'out', '3', 'z1', 'z2', 's1', 'WEIGHTS', '1', '2', '3', 'AGGREGATE', 'MAX')).toEqual(int(4));
    expect(s.run('ZRANGE', 'out', '0', '-1', 'WITHSCORES')).toEqual(arr('a', '3', 'd', '3', 'b', '20', 'c', '40'));
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'z2', 'AGGREGATE', 'MIN', 'WEIGHTS', '2', '2')).toEqual(int(3));
    expect(s.run('ZRANGE', 'out', '0', '-1', 'WITHSCORES')).toEqual(arr('a', '2', 'b', '4', 'c', '40'));
  });

  it('count inf + -inf (NaN) as 0', () => {
    const s = fakeServer();
    s.run('ZADD', 'z1', '1', 'a', '2', 'b');
    s.run('ZADD', 'z2', '10', 'b', '20', 'c');
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'z2', 'WEIGHTS', 'inf', '-inf')).toEqual(int(3));
    expect(s.run('ZRANGE', 'out', '0', '-1', 'WITHSCORES')).toEqual(arr('c', '-inf', 'b', '0', 'a', 'inf'));
  });

  it('an empty result deletes the destination (propagated), or over a missing one changes nothing', () => {
    const s = fakeServer();
    s.run('ZADD', 'z1', '1', 'a');
    s.run('ZADD', 'out', '1', 'old');
    expect(s.run('ZINTERSTORE', 'out', '2', 'z1', 'nope')).toEqual(int(0));
    expect(s.lastFeed).toEqual([['ZINTERSTORE', 'out', '2', 'z1', 'nope']]);
    expect(s.run('EXISTS', 'out')).toEqual(int(0));
    expect(s.run('ZINTERSTORE', 'out', '2', 'z1', 'nope')).toEqual(int(0));
    expect(s.lastFeed).toEqual([]);
  });

  it('answer Redis 7.0 errors for numkeys, options and types', () => {
    const s = fakeServer();
    s.run('ZADD', 'z1', '1', 'a');
    s.run('SET', 'str', 'v');
    expect(s.run('ZUNIONSTORE', 'out', '0', 'z1')).toEqual(err("ERR at least 1 input key is needed for 'zunionstore' command"));
    expect(s.run('ZINTERSTORE', 'out', '-1', 'z1')).toEqual(err("ERR at least 1 input key is needed for 'zinterstore' command"));
    expect(s.run('ZUNIONSTORE', 'out', '3', 'z1')).toEqual(err('ERR syntax error'));
    expect(s.run('ZUNIONSTORE', 'out', 'x', 'z1')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'z2', 'WEIGHTS', '1')).toEqual(err('ERR syntax error'));
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'z2', 'WEIGHTS', '1', 'x')).toEqual(err('ERR weight value is not a float'));
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'z2', 'AGGREGATE', 'foo')).toEqual(err('ERR syntax error'));
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'z2', 'WITHSCORES')).toEqual(err('ERR syntax error'));
    expect(s.run('ZUNIONSTORE', 'out', '2', 'z1', 'str')).toEqual(WRONGTYPE);
    expect(s.run('EXISTS', 'out')).toEqual(int(0));
  });
});

describe('lexicographical ranges', () => {
  const lex = () => {
    const s = fakeServer();
    s.run('ZADD', 'lex', '0', 'a', '0', 'b', '0', 'c', '0', 'd');
    return s;
  };

  it('ZRANGEBYLEX / ZREVRANGEBYLEX / ZRANGE BYLEX — [ inclusive, ( exclusive, - and + the ends, LIMIT', () => {
    const s = lex();
    expect(s.run('ZRANGEBYLEX', 'lex', '-', '+')).toEqual(arr('a', 'b', 'c', 'd'));
    expect(s.run('ZRANGEBYLEX', 'lex', '[b', '(d')).toEqual(arr('b', 'c'));
    expect(s.run('ZRANGEBYLEX', 'lex', '(a', '[c', 'LIMIT', '1', '1')).toEqual(arr('c'));
    expect(s.run('ZREVRANGEBYLEX', 'lex', '+', '-', 'LIMIT', '0', '2')).toEqual(arr('d', 'c'));
    expect(s.run('ZRANGE', 'lex', '[a', '[b', 'BYLEX')).toEqual(arr('a', 'b'));
    expect(s.run('ZRANGE', 'lex', '+', '-', 'BYLEX', 'REV', 'LIMIT', '0', '1')).toEqual(arr('d'));
    expect(s.run('ZRANGEBYLEX', 'lex', '+', '-')).toEqual(arr());
    expect(s.run('ZRANGEBYLEX', 'nope', '-', '+')).toEqual(arr());
  });

  it('ZLEXCOUNT counts members in the range', () => {
    const s = lex();
    expect(s.run('ZLEXCOUNT', 'lex', '-', '+')).toEqual(int(4));
    expect(s.run('ZLEXCOUNT', 'lex', '[b', '+')).toEqual(int(3));
    expect(s.run('ZLEXCOUNT', 'nope', '-', '+')).toEqual(int(0));
  });

  it('answer Redis 7.0 errors: bad range items (before the type check), WITHSCORES, LIMIT arity', () => {
    const s = lex();
    s.run('SET', 'str', 'v');
    const invalid = err('ERR min or max not valid string range item');
    expect(s.run('ZRANGEBYLEX', 'lex', 'a', 'b')).toEqual(invalid);
    expect(s.run('ZLEXCOUNT', 'str', 'a', 'b')).toEqual(invalid);
    expect(s.run('ZLEXCOUNT', 'str', '-', '+')).toEqual(WRONGTYPE);
    expect(s.run('ZRANGEBYLEX', 'lex', '-', '+', 'WITHSCORES')).toEqual(
      err('ERR syntax error, WITHSCORES not supported in combination with BYLEX'),
    );
    expect(s.run('ZRANGEBYLEX', 'lex', '-', '+', 'LIMIT', '1')).toEqual(err('ERR syntax error'));
    expect(s.run('ZRANGE', 'lex', '-', '+', 'BYLEX', 'BYSCORE')).toEqual(err('ERR syntax error'));
  });
});
