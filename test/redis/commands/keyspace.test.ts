import { describe, expect, it } from 'vitest';
import { T0, arr, bulkOf, err, fakeServer, int, itemsOf, nil, ok, str } from './ctx.js';
import type { Reply } from '../../../src/redis/reply.js';

function scanAll(s: ReturnType<typeof fakeServer>, ...opts: string[]): { keys: string[]; calls: number } {
  let cursor = '0';
  const keys: string[] = [];
  let calls = 0;
  do {
    const r = s.run('SCAN', cursor, ...opts) as Extract<Reply, { kind: 'array' }>;
    const [c, list] = r.items as [Extract<Reply, { kind: 'bulk' }>, Extract<Reply, { kind: 'array' }>];
    cursor = c.value as string;
    for (const item of list.items ?? []) keys.push((item as Extract<Reply, { kind: 'bulk' }>).value as string);
    calls++;
  } while (cursor !== '0' && calls < 10_000);
  return { keys, calls };
}

describe('generic key commands', () => {
  it('del / unlink — count only keys that existed; a miss does not dirty', () => {
    const s = fakeServer();
    s.run('MSET', 'a', '1', 'b', '2');
    const before = s.dirty;
    expect(s.run('DEL', 'nope')).toEqual(int(0));
    expect(s.dirty).toBe(before);
    expect(s.lastFeed).toEqual([]);
    expect(s.run('DEL', 'a', 'nope')).toEqual(int(1));
    expect(s.run('UNLINK', 'b')).toEqual(int(1));
    expect(s.run('DBSIZE')).toEqual(int(0));
  });

  it('exists — counts repeated keys each time', () => {
    const s = fakeServer();
    s.run('SET', 'a', '1');
    expect(s.run('EXISTS', 'a', 'a', 'nope')).toEqual(int(2));
  });

  it('type — names the value type, "none" when missing', () => {
    const s = fakeServer();
    s.run('SET', 's', 'v');
    s.run('RPUSH', 'l', 'v');
    s.run('HSET', 'h', 'f', 'v');
    s.run('SADD', 'st', 'v');
    s.run('ZADD', 'z', '1', 'v');
    const types = ['s', 'l', 'h', 'st', 'z', 'nope'].map((k) => s.run('TYPE', k));
    expect(types).toEqual(['string', 'list', 'hash', 'set', 'zset', 'none'].map((text) => ({ kind: 'status', text })));
  });

  it('keys — glob patterns like stringmatchlen, in insertion order', () => {
    const s = fakeServer();
    s.run('MSET', 'k1', '1', 'k2', '2', 'k3', '3', 'key', 'x', 'a*b', '1');
    expect(s.run('KEYS', '*')).toEqual(arr('k1', 'k2', 'k3', 'key', 'a*b'));
    expect(s.run('KEYS', 'k?')).toEqual(arr('k1', 'k2', 'k3'));
    expect(s.run('KEYS', 'k[1-2]')).toEqual(arr('k1', 'k2'));
    expect(s.run('KEYS', 'k[^1]')).toEqual(arr('k2', 'k3'));
    expect(s.run('KEYS', 'k[3-1]')).toEqual(arr('k1', 'k2', 'k3'));
    expect(s.run('KEYS', 'a\\*b')).toEqual(arr('a*b'));
    expect(s.run('KEYS', 'K*')).toEqual(arr());
  });

  it('keys — hides expired keys without deleting them', () => {
    const s = fakeServer();
    s.run('SET', 'a', '1', 'PX', '10');
    s.run('SET', 'b', '2');
    s.nowUnixMs += 11;
    expect(s.run('KEYS', '*')).toEqual(arr('b'));
    expect(s.run('DBSIZE')).toEqual(int(2));
  });

  it('scan — a full iteration returns every key exactly once and ends at cursor 0', () => {
    const s = fakeServer();
    for (let i = 0; i < 100; i++) s.run('SET', `key:${i}`, 'v');
    const { keys } = scanAll(s, 'COUNT', '7');
    expect(keys.slice().sort()).toEqual(Array.from({ length: 100 }, (_, i) => `key:${i}`).sort());
  });

  it('scan — keys present throughout are returned even when the keyspace grows mid-iteration', () => {
    const s = fakeServer();
    for (let i = 0; i < 20; i++) s.run('SET', `old:${i}`, 'v');
    let cursor = '0';
    const seen = new Set<string>();
    let round = 0;
    do {
      const [next, keys] = itemsOf(s.run('SCAN', cursor, 'COUNT', '3'));
      cursor = bulkOf(next);
      for (const item of itemsOf(keys)) seen.add(bulkOf(item));
      for (let j = 0; j < 10; j++) s.run('SET', `new:${round}:${j}`, 'v');
      round++;
    } while (cursor !== '0');
    for (let i = 0; i < 20; i++) expect(seen.has(`old:${i}`)).toBe(true);
  });

  it('scan — MATCH and TYPE filter; bad arguments give 7.0 errors', () => {
    const s = fakeServer();
    s.run('MSET', 'k1', '1', 'k2', '2');
    s.run('RPUSH', 'kl', 'x');
    expect(scanAll(s, 'MATCH', 'k?', 'TYPE', 'list').keys).toEqual(['kl']);
    expect(scanAll(s, 'MATCH', 'k[12]').keys.sort()).toEqual(['k1', 'k2']);
    expect(s.run('SCAN', 'abc')).toEqual(err('ERR invalid cursor'));
    expect(s.run('SCAN', '0', 'COUNT', '0')).toEqual(err('ERR syntax error'));
    expect(s.run('SCAN', '0', 'FOO')).toEqual(err('ERR syntax error'));
  });

  it('rename / renamenx — move value and TTL; errors and same-key cases like 7.0', () => {
    const s = fakeServer();
    expect(s.run('RENAME', 'nope', 'x')).toEqual(err('ERR no such key'));
    s.run('SET', 'a', '1', 'EX', '100');
    const before = s.dirty;
    expect(s.run('RENAME', 'a', 'a')).toEqual(ok);
    expect(s.run('RENAMENX', 'a', 'a')).toEqual(int(0));
    expect(s.dirty).toBe(before);
    expect(s.run('RENAME', 'a', 'b')).toEqual(ok);
    expect(s.run('TTL', 'b')).toEqual(int(100));
    expect(s.run('EXISTS', 'a')).toEqual(int(0));
    s.run('SET', 'c', '3');
    expect(s.run('RENAMENX', 'b', 'c')).toEqual(int(0));
    expect(s.run('RENAME', 'b', 'c')).toEqual(ok);
    expect(s.run('GET', 'c')).toEqual(str('1'));
  });

  it('randomkey — nil on an empty db, otherwise an existing key (seeded)', () => {
    const s = fakeServer();
    expect(s.run('RANDOMKEY')).toEqual(nil);
    s.run('MSET', 'a', '1', 'b', '2', 'c', '3');
    const picks = new Set(Array.from({ length: 30 }, () => bulkOf(s.run('RANDOMKEY'))));
    expect([...picks].every((k) => ['a', 'b', 'c'].includes(k))).toBe(true);
    expect(picks.size).toBeGreaterThan(1);
  });
});

describe('TTL and EXPIRE', () => {
  it('ttl / pttl — -2 missing, -1 persistent, rounded seconds otherwise', () => {
    const s = fakeServer();
    expect(s.run('TTL', 'nope')).toEqual(int(-2));
    s.run('SET', 'k', 'v');
    expect(s.run('TTL', 'k')).toEqual(int(-1));
    s.run('PEXPIRE', 'k', '1500');
    expect(s.run('TTL', 'k')).toEqual(int(2));
    expect(s.run('PTTL', 'k')).toEqual(int(1500));
    expect(s.run('EXPIRETIME', 'k')).toEqual(int(Math.floor((T0 + 1500 + 500) / 1000)));
    expect(s.run('PEXPIRETIME', 'k')).toEqual(int(T0 + 1500));
  });

  it('expire NX / XX / GT / LT — conditions as in 7.0', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('EXPIRE', 'k', '100', 'XX')).toEqual(int(0));
    expect(s.run('EXPIRE', 'k', '100', 'GT')).toEqual(int(0));
    expect(s.run('EXPIRE', 'k', '100', 'NX')).toEqual(int(1));
    expect(s.run('EXPIRE', 'k', '200', 'NX')).toEqual(int(0));
    expect(s.run('EXPIRE', 'k', '50', 'GT')).toEqual(int(0));
    expect(s.run('EXPIRE', 'k', '300', 'gt')).toEqual(int(1));
    expect(s.run('EXPIRE', 'k', '400', 'LT')).toEqual(int(0));
    expect(s.run('EXPIRE', 'k', '10', 'LT')).toEqual(int(1));
    expect(s.run('TTL', 'k')).toEqual(int(10));
  });

  it('expire — option errors, integer errors and overflow', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('EXPIRE', 'k', '10', 'NX', 'XX')).toEqual(
      err('ERR NX and XX, GT or LT options at the same time are not compatible'),
    );
    expect(s.run('EXPIRE', 'k', '10', 'GT', 'LT')).toEqual(err('ERR GT and LT options at the same time are not compatible'));
    expect(s.run('EXPIRE', 'k', '10', 'FOO')).toEqual(err('ERR Unsupported option FOO'));
    expect(s.run('EXPIRE', 'k', 'abc')).toEqual(err('ERR value is not an integer or out of range'));
    expect(s.run('EXPIRE', 'k', '9223372036854775807')).toEqual(err("ERR invalid expire time in 'expire' command"));
    expect(s.run('PEXPIRE', 'k', '9223372036854775807')).toEqual(err("ERR invalid expire time in 'pexpire' command"));
    expect(s.run('EXPIRE', 'nope', '10')).toEqual(int(0));
  });

  it('expire — a time already past deletes the key on a master', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('EXPIRE', 'k', '-1')).toEqual(int(1));
    expect(s.run('EXISTS', 'k')).toEqual(int(0));
  });

  it('persist — 1 only when a TTL was removed', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v', 'EX', '10');
    expect(s.run('PERSIST', 'k')).toEqual(int(1));
    const before = s.dirty;
    expect(s.run('PERSIST', 'k')).toEqual(int(0));
    expect(s.run('PERSIST', 'nope')).toEqual(int(0));
    expect(s.dirty).toBe(before);
  });
});
