import { describe, expect, it } from 'vitest';
import { selectDbIndex } from '../../../src/redis/commands/index.js';
import { err, fakeServer, int, ok, str } from './ctx.js';

describe('connection and database commands', () => {
  it('ping / echo — PONG, or the message as a bulk string', () => {
    const s = fakeServer();
    expect(s.run('PING')).toEqual({ kind: 'status', text: 'PONG' });
    expect(s.run('PING', 'hello')).toEqual(str('hello'));
    expect(s.run('PING', 'a', 'b')).toEqual(err("ERR wrong number of arguments for 'ping' command"));
    expect(s.run('ECHO', 'hi')).toEqual(str('hi'));
  });

  it('selectDbIndex — the db to switch to, or the 7.0 error', () => {
    expect(selectDbIndex(['SELECT', '1'])).toBe(1);
    expect(selectDbIndex(['SELECT', '15'])).toBe(15);
    expect(selectDbIndex(['SELECT', '16'])).toEqual(err('ERR DB index is out of range'));
    expect(selectDbIndex(['SELECT', '-1'])).toEqual(err('ERR DB index is out of range'));
    expect(selectDbIndex(['SELECT', 'a'])).toEqual(err('ERR value is not an integer or out of range'));
    expect(selectDbIndex(['SELECT'])).toEqual(err("ERR wrong number of arguments for 'select' command"));
  });

  it('dbsize — keys in the selected db, including not yet reclaimed expired ones', () => {
    const s = fakeServer();
    s.run('SET', 'a', '1', 'PX', '5');
    s.run('SET', 'b', '1');
    s.nowUnixMs += 10;
    expect(s.run('DBSIZE')).toEqual(int(2));
  });

  it('flushdb — empties only the selected db and is propagated even when already empty', () => {
    const s = fakeServer();
    s.run('SET', 'a', '1');
    s.db = s.dbs[1];
    s.run('SET', 'b', '1');
    expect(s.run('FLUSHDB')).toEqual(ok);
    expect(s.dbs[0].dict.size).toBe(1);
    expect(s.dbs[1].dict.size).toBe(0);
    expect(s.run('FLUSHDB', 'ASYNC')).toEqual(ok);
    expect(s.lastFeed).toEqual([['FLUSHDB', 'ASYNC']]);
    expect(s.run('FLUSHDB', 'foo')).toEqual(err('ERR syntax error'));
  });

  it('flushall — empties every db; dirty counts keys plus one', () => {
    const s = fakeServer();
    s.run('SET', 'a', '1');
    s.db = s.dbs[3];
    s.run('SET', 'b', '1');
    const before = s.dirty;
    expect(s.run('flushall', 'sync')).toEqual(ok);
    expect(s.dirty - before).toBe(3);
    expect(s.dbs.every((db) => db.dict.size === 0)).toBe(true);
    expect(s.lastFeed).toEqual([['flushall', 'sync']]);
    expect(s.run('FLUSHALL', 'a', 'b')).toEqual(err('ERR syntax error'));
  });

  it('swapdb — exchanges contents; index errors as in 7.0', () => {
    const s = fakeServer();
    s.run('SET', 'a', '1', 'EX', '100');
    expect(s.run('SWAPDB', '0', '2')).toEqual(ok);
    expect(s.run('EXISTS', 'a')).toEqual(int(0));
    s.db = s.dbs[2];
    expect(s.run('TTL', 'a')).toEqual(int(100));
    expect(s.run('SWAPDB', '0', 'a')).toEqual(err('ERR invalid second DB index'));
    expect(s.run('SWAPDB', 'x', '0')).toEqual(err('ERR invalid first DB index'));
    expect(s.run('SWAPDB', '0', '16')).toEqual(err('ERR DB index is out of range'));
  });
});
