import { describe, expect, it } from 'vitest';
import { T0, bulkOf, fakeServer, itemsOf } from './ctx.js';

/** What a replica receives for each command, per Redis 7.0's rewrites (facts §3, checked live). */
describe('propagation rewrites', () => {
  it('commands without a rewrite — propagated as typed, case preserved', () => {
    const s = fakeServer();
    s.run('set', 'a', '10');
    expect(s.lastFeed).toEqual([['set', 'a', '10']]);
    s.run('rpush', 'l', 'x');
    expect(s.lastFeed).toEqual([['rpush', 'l', 'x']]);
    s.run('INCR', 'n');
    expect(s.lastFeed).toEqual([['INCR', 'n']]);
  });

  it('reads and no-op writes — nothing propagated', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    for (const argv of [
      ['GET', 'k'],
      ['DEL', 'nope'],
      ['SET', 'k', 'x', 'NX'],
      ['SET', 'k', 'x', 'NX', 'GET'],
      ['EXPIRE', 'nope', '10'],
      ['PERSIST', 'k'],
      ['SREM', 'nope', 'a'],
      ['HDEL', 'nope', 'a'],
      ['LPUSHX', 'nope', 'a'],
    ]) {
      s.run(...argv);
      expect(s.lastFeed, argv.join(' ')).toEqual([]);
    }
  });

  it('EXPIRE / PEXPIRE / EXPIREAT → PEXPIREAT with the absolute ms time, flags kept', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    s.run('expire', 'k', '100', 'gt');
    expect(s.lastFeed).toEqual([]);
    s.run('expire', 'k', '100');
    expect(s.lastFeed).toEqual([['PEXPIREAT', 'k', String(T0 + 100_000)]]);
    s.run('PEXPIRE', 'k', '500', 'lt');
    expect(s.lastFeed).toEqual([['PEXPIREAT', 'k', String(T0 + 500), 'lt']]);
    s.run('EXPIREAT', 'k', String(T0 / 1000 + 60));
    expect(s.lastFeed).toEqual([['PEXPIREAT', 'k', String(T0 + 60_000)]]);
    s.run('pexpireat', 'k', String(T0 + 70_000));
    expect(s.lastFeed).toEqual([['pexpireat', 'k', String(T0 + 70_000)]]);
  });

  it('EXPIRE with a past time → DEL', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    s.run('EXPIRE', 'k', '-1');
    expect(s.lastFeed).toEqual([['DEL', 'k']]);
  });

  it('SET EX/PX/EXAT/PXAT, SETEX, PSETEX → SET key value PXAT <abs-ms>', () => {
    const s = fakeServer();
    s.run('set', 'k', 'v', 'ex', '10');
    expect(s.lastFeed).toEqual([['SET', 'k', 'v', 'PXAT', String(T0 + 10_000)]]);
    s.run('SET', 'k', 'v', 'PX', '250', 'GET');
    expect(s.lastFeed).toEqual([['SET', 'k', 'v', 'PXAT', String(T0 + 250)]]);
    s.run('SET', 'k', 'v', 'EXAT', String(T0 / 1000 + 5));
    expect(s.lastFeed).toEqual([['SET', 'k', 'v', 'PXAT', String(T0 + 5000)]]);
    s.run('SETEX', 'k', '3', 'v');
    expect(s.lastFeed).toEqual([['SET', 'k', 'v', 'PXAT', String(T0 + 3000)]]);
    s.run('PSETEX', 'k', '30', 'v');
    expect(s.lastFeed).toEqual([['SET', 'k', 'v', 'PXAT', String(T0 + 30)]]);
  });

  it('SET … GET without an expire → the same command without GET', () => {
    const s = fakeServer();
    s.run('set', 'k', 'v', 'get');
    expect(s.lastFeed).toEqual([['set', 'k', 'v']]);
    s.run('SET', 'k', 'v2', 'GET', 'XX', 'GET');
    expect(s.lastFeed).toEqual([['SET', 'k', 'v2', 'XX']]);
  });

  it('GETSET → SET; GETDEL → DEL; GETEX EX → PEXPIREAT; GETEX PERSIST → PERSIST', () => {
    const s = fakeServer();
    s.run('getset', 'k', 'v');
    expect(s.lastFeed).toEqual([['SET', 'k', 'v']]);
    s.run('GETEX', 'k', 'EX', '9');
    expect(s.lastFeed).toEqual([['PEXPIREAT', 'k', String(T0 + 9000)]]);
    s.run('GETEX', 'k', 'PERSIST');
    expect(s.lastFeed).toEqual([['PERSIST', 'k']]);
    s.run('getdel', 'k');
    expect(s.lastFeed).toEqual([['DEL', 'k']]);
  });

  it('INCRBYFLOAT → SET key <result> KEEPTTL; HINCRBYFLOAT → HSET key field <result>', () => {
    const s = fakeServer();
    s.run('INCRBYFLOAT', 'f', '100.1');
    expect(s.lastFeed).toEqual([['SET', 'f', '100.1', 'KEEPTTL']]);
    s.run('hincrbyfloat', 'h', 'x', '10.5');
    expect(s.lastFeed).toEqual([['HSET', 'h', 'x', '10.5']]);
  });

  it('SPOP → one SREM per popped member; popping the whole set → DEL', () => {
    const s = fakeServer();
    s.run('SADD', 's', 'a', 'b', 'c', 'd');
    const one = bulkOf(s.run('SPOP', 's'));
    expect(s.lastFeed).toEqual([['SREM', 's', one]]);
    const two = itemsOf(s.run('SPOP', 's', '2')).map(bulkOf);
    expect(s.lastFeed).toEqual(two.map((m: string) => ['SREM', 's', m]));
    s.run('SPOP', 's', '5');
    expect(s.lastFeed).toEqual([['DEL', 's']]);
  });

  it('FLUSHDB / FLUSHALL — always propagated, even on an empty dataset', () => {
    const s = fakeServer();
    s.run('flushdb');
    expect(s.lastFeed).toEqual([['flushdb']]);
    s.run('FLUSHALL');
    expect(s.lastFeed).toEqual([['FLUSHALL']]);
  });
});
