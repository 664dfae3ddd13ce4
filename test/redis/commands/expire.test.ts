import { describe, expect, it } from 'vitest';
import { activeExpireCycle, lookupKeyRead } from '../../../src/redis/commands/index.js';
import { createDbs } from '../../../src/redis/keyspace.js';
import { T0, arr, fakeServer, int, nil, str } from './ctx.js';

describe('lazy expiry on a master', () => {
  it('get — an expired key reads as missing, is deleted, and its DEL is propagated', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v', 'PX', '100');
    s.nowUnixMs = T0 + 100;
    expect(s.run('GET', 'k')).toEqual(str('v')); // expired only when now > when
    s.nowUnixMs = T0 + 101;
    expect(s.run('GET', 'k')).toEqual(nil);
    expect(s.db.dict.has('k')).toBe(false);
    expect(s.lastFeed).toEqual([['DEL', 'k']]);
  });

  it('set on an expired key — the expiry DEL goes before the SET itself', () => {
    const s = fakeServer();
    s.run('SET', 'lz', 'old', 'EX', '1');
    s.nowUnixMs += 1001;
    s.run('set', 'lz', 'new');
    expect(s.lastFeed).toEqual([['DEL', 'lz'], ['set', 'lz', 'new']]);
  });

  it('del of an expired key — deleted by expiry, not counted', () => {
    const s = fakeServer();
    s.run('SET', 'k', 'v', 'PX', '5');
    s.nowUnixMs += 6;
    expect(s.run('DEL', 'k')).toEqual(int(0));
    expect(s.lastFeed).toEqual([['DEL', 'k']]);
  });
});

describe('lazy expiry on a replica', () => {
  it('reads — an expired key looks missing but is kept until the master deletes it', () => {
    const s = fakeServer({ isMaster: false });
    s.db.dict.set('k', 'v');
    s.db.expires.set('k', T0 - 1);
    expect(s.run('GET', 'k')).toEqual(nil);
    expect(s.run('EXISTS', 'k')).toEqual(int(0));
    expect(s.run('TTL', 'k')).toEqual(int(-2));
    expect(s.run('KEYS', '*')).toEqual(arr());
    expect(s.run('DBSIZE')).toEqual(int(1));
    expect(s.expired).toEqual([]);
  });

  it('the master stream — keys are never seen as expired', () => {
    const s = fakeServer({ isMaster: false, fromMaster: true });
    s.db.dict.set('k', '1');
    s.db.expires.set('k', T0 - 1);
    expect(s.run('INCR', 'k')).toEqual(int(2));
    expect(s.run('DEL', 'k')).toEqual(int(1));
    expect(s.expired).toEqual([]);
  });

  it('pexpireat in the past from the master — stored, not deleted (only masters delete)', () => {
    const s = fakeServer({ isMaster: false, fromMaster: true });
    s.run('SET', 'k', 'v');
    expect(s.run('PEXPIREAT', 'k', String(T0 - 1000))).toEqual(int(1));
    expect(s.db.dict.has('k')).toBe(true);
    expect(s.db.expires.get('k')).toBe(T0 - 1000);
  });

  it('lookupKeyRead — on a replica, not from the master, an expired key is undefined and kept', () => {
    const s = fakeServer({ isMaster: false });
    s.db.dict.set('k', 'v');
    s.db.expires.set('k', T0 - 1);
    const ctx = {
      db: s.db, dbs: s.dbs, nowUnixMs: T0, isMaster: false, fromMaster: false,
      dirty: () => {}, propagate: () => {}, expired: () => { throw new Error('replicas do not expire'); }, rng: s.rng,
    };
    expect(lookupKeyRead(ctx, s.db, 'k')).toBeUndefined();
    expect(s.db.dict.has('k')).toBe(true);
  });
});

describe('activeExpireCycle', () => {
  it('deletes only past keys, db by db in insertion order, and reports each one', () => {
    const dbs = createDbs();
    const put = (db: number, key: string, when: number | null) => {
      dbs[db].dict.set(key, 'v');
      if (when !== null) dbs[db].expires.set(key, when);
    };
    put(0, 'b', T0 - 5);
    put(0, 'a', T0 - 1);
    put(0, 'future', T0 + 1000);
    put(0, 'persistent', null);
    put(2, 'c', T0 - 2);
    put(0, 'exact', T0);
    const seen: string[] = [];
    const n = activeExpireCycle(dbs, T0, (db, key) => seen.push(`${db.id}:${key}`));
    expect(n).toBe(3);
    expect(seen).toEqual(['0:b', '0:a', '2:c']);
    expect([...dbs[0].dict.keys()]).toEqual(['future', 'persistent', 'exact']);
    expect(dbs[0].expires.has('b')).toBe(false);
  });

  it('stops after the budget and picks up the rest on the next call', () => {
    const dbs = createDbs();
    for (let i = 0; i < 5; i++) {
      dbs[0].dict.set(`k${i}`, 'v');
      dbs[0].expires.set(`k${i}`, T0 - 1);
    }
    const seen: string[] = [];
    expect(activeExpireCycle(dbs, T0, (_db, key) => seen.push(key), 2)).toBe(2);
    expect(activeExpireCycle(dbs, T0, (_db, key) => seen.push(key), 2)).toBe(2);
    expect(activeExpireCycle(dbs, T0, (_db, key) => seen.push(key), 2)).toBe(1);
    expect(seen).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });
});
