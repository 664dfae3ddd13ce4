import { describe, expect, it } from 'vitest';
import { T0, arr, err, fakeServer, int, nil, str } from './ctx.js';

describe('COPY', () => {
  it('copies the value and its TTL; propagated as typed', () => {
    const s = fakeServer();
    s.run('SET', 'src', 'v', 'PX', '100000');
    expect(s.run('copy', 'src', 'dst')).toEqual(int(1));
    expect(s.lastFeed).toEqual([['copy', 'src', 'dst']]);
    expect(s.run('GET', 'dst')).toEqual(str('v'));
    expect(s.run('PEXPIRETIME', 'dst')).toEqual(int(T0 + 100_000));
  });

  it('keeps an existing destination (0, not dirty) unless REPLACE', () => {
    const s = fakeServer();
    s.run('SET', 'src', 'new');
    s.run('SET', 'dst', 'old');
    const dirty = s.dirty;
    expect(s.run('COPY', 'src', 'dst')).toEqual(int(0));
    expect(s.run('COPY', 'nope', 'dst')).toEqual(int(0));
    expect(s.lastFeed).toEqual([]);
    expect(s.dirty).toBe(dirty);
    expect(s.run('COPY', 'src', 'dst', 'REPLACE', 'replace')).toEqual(int(1));
    expect(s.run('GET', 'dst')).toEqual(str('new'));
  });

  it('copies into another database with DB, leaving the selected one alone', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('COPY', 'k', 'k', 'DB', '1')).toEqual(int(1));
    expect(s.lastFeed).toEqual([['COPY', 'k', 'k', 'DB', '1']]);
    expect(s.dbs[1].dict.get('k')).toEqual('v');
    expect(s.run('COPY', 'k', 'k', 'DB', '1')).toEqual(int(0));
    expect(s.run('COPY', 'k', 'k2', 'DB', '0')).toEqual(int(1));
  });

  it('makes an independent copy of a collection', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a');
    s.run('COPY', 'l', 'l2');
    s.run('RPUSH', 'l2', 'b');
    expect(s.run('LRANGE', 'l', '0', '-1')).toEqual(arr('a'));
    expect(s.run('LRANGE', 'l2', '0', '-1')).toEqual(arr('a', 'b'));
  });

  it('answers Redis 7.0 errors for the same key, DB and options', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('COPY', 'k', 'k')).toEqual(err('ERR source and destination objects are the same'));
    expect(s.run('COPY', 'k', 'k', 'DB', '0', 'REPLACE')).toEqual(err('ERR source and destination objects are the same'));
    expect(s.run('COPY', 'k', 'x', 'DB', '16')).toEqual(err('ERR DB index is out of range'));
    expect(s.run('COPY', 'k', 'x', 'DB', '-1')).toEqual(err('ERR DB index is out of range'));
    expect(s.run('COPY', 'k', 'x', 'DB', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('COPY', 'k', 'x', 'DB')).toEqual(err('ERR syntax error'));
    expect(s.run('COPY', 'k', 'x', 'foo')).toEqual(err('ERR syntax error'));
  });
});

describe('OBJECT', () => {
  it('ENCODING — strings: int for canonical int64s, embstr up to 44 bytes, raw beyond', () => {
    const s = fakeServer();
    const enc = (value: string) => {
      s.run('SET', 'k', value);
      return s.run('OBJECT', 'ENCODING', 'k');
    };
    expect(enc('123')).toEqual(str('int'));
    expect(enc('-9223372036854775808')).toEqual(str('int'));
    expect(enc('-12345678901234567890')).toEqual(str('embstr'));
    expect(enc('007')).toEqual(str('embstr'));
    expect(enc('x'.repeat(44))).toEqual(str('embstr'));
    expect(enc('x'.repeat(45))).toEqual(str('raw'));
  });

  it('ENCODING — collections by the default thresholds: quicklist, intset/hashtable, listpack/hashtable, listpack/skiplist', () => {
    const s = fakeServer();
    s.run('RPUSH', 'l', 'a');
    expect(s.run('object', 'encoding', 'l')).toEqual(str('quicklist'));
    s.run('SADD', 's', '1', '2');
    expect(s.run('OBJECT', 'ENCODING', 's')).toEqual(str('intset'));
    s.run('SADD', 's', 'x');
    expect(s.run('OBJECT', 'ENCODING', 's')).toEqual(str('hashtable'));
    s.run('HSET', 'h', 'f', 'v');
    expect(s.run('OBJECT', 'ENCODING', 'h')).toEqual(str('listpack'));
    s.run('HSET', 'h', 'long', 'v'.repeat(65));
    expect(s.run('OBJECT', 'ENCODING', 'h')).toEqual(str('hashtable'));
    s.run('ZADD', 'z', '1', 'a');
    expect(s.run('OBJECT', 'ENCODING', 'z')).toEqual(str('listpack'));
    for (let i = 0; i < 128; i++) s.run('ZADD', 'z', String(i), `m${i}`);
    expect(s.run('OBJECT', 'ENCODING', 'z')).toEqual(str('skiplist'));
    expect(s.run('OBJECT', 'ENCODING', 'nope')).toEqual(nil);
  });

  it('REFCOUNT — shared integers 0…9999 answer INT_MAX, everything else 1', () => {
    const s = fakeServer();
    s.run('SET', 'n', '123');
    s.run('SET', 'big', '123456');
    s.run('RPUSH', 'l', 'a');
    expect(s.run('OBJECT', 'REFCOUNT', 'n')).toEqual(int(2147483647));
    expect(s.run('OBJECT', 'REFCOUNT', 'big')).toEqual(int(1));
    expect(s.run('OBJECT', 'REFCOUNT', 'l')).toEqual(int(1));
    expect(s.run('OBJECT', 'REFCOUNT', 'nope')).toEqual(nil);
  });

  it('IDLETIME — whole seconds since a command last touched the key; OBJECT itself does not touch', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('OBJECT', 'IDLETIME', 'k')).toEqual(int(0));
    s.nowUnixMs += 2_500;
    expect(s.run('OBJECT', 'IDLETIME', 'k')).toEqual(int(2));
    s.nowUnixMs += 1_000;
    expect(s.run('OBJECT', 'IDLETIME', 'k')).toEqual(int(3));
    s.run('GET', 'k');
    expect(s.run('OBJECT', 'IDLETIME', 'k')).toEqual(int(0));
  });

  it('FREQ — the default (LRU) policy tracks no frequencies; a missing key answers nil first', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('OBJECT', 'FREQ', 'nope')).toEqual(nil);
    expect(s.run('OBJECT', 'FREQ', 'k')).toEqual(
      err('ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.'),
    );
  });

  it('HELP, subcommand arity and unknown subcommands as in 7.0; nothing is ever propagated', () => {
    const s = fakeServer();
    const help = s.run('OBJECT', 'help');
    expect(help.kind).toBe('array');
    const lines = (help as { items: Array<{ kind: string; text: string }> }).items;
    expect(lines).toHaveLength(15);
    expect(lines[0]).toEqual({ kind: 'status', text: 'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:' });
    expect(lines[14]).toEqual({ kind: 'status', text: '    Prints this help.' });
    expect(s.run('OBJECT', 'HELP', 'x')).toEqual(err("ERR wrong number of arguments for 'object|help' command"));
    expect(s.run('OBJECT', 'ENCODING')).toEqual(err("ERR wrong number of arguments for 'object|encoding' command"));
    expect(s.run('OBJECT', 'encoding', 'a', 'b')).toEqual(err("ERR wrong number of arguments for 'object|encoding' command"));
    expect(s.run('object', 'foo')).toEqual(err("ERR unknown subcommand 'foo'. Try OBJECT HELP."));
    expect(s.run('OBJECT')).toEqual(err("ERR wrong number of arguments for 'object' command"));
    expect(s.lastFeed).toEqual([]);
    expect(s.dirty).toBe(0);
  });
});
