import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeRdb } from '../../../src/redis/rdb/index.js';
import { hash, keyBytes, list, range, set, str, zset } from './helpers.js';

/** dump.rdb written by a real redis-server 7.0.15 (see fixtures/make-fixture.sh). */
const FIXTURE = readFileSync(fileURLToPath(new URL('./fixtures/redis-7.0.rdb', import.meta.url)));

describe('decodeRdb — a dump.rdb written by real Redis 7.0.15', () => {
  const { dbs, aux } = decodeRdb(FIXTURE);

  it('reads the AUX fields of a plain SAVE', () => {
    expect(Object.keys(aux)).toEqual(['redis-ver', 'redis-bits', 'ctime', 'used-mem', 'aof-base']);
    expect(aux['redis-ver']).toBe('7.0.15');
    expect(aux['redis-bits']).toBe('64');
    expect(aux['aof-base']).toBe('0');
  });

  it('loads exactly the keys make-fixture.sh wrote, in db 0 and db 3 only', () => {
    expect([...dbs[0].dict.keys()].sort()).toEqual(
      ['bighash', 'biglist', 'bigzset', 'int', 'intset', 'list', 'lzf', 'negint', 'notint', 'smallhash', 'smallzset', 'str', 'strset', 'widehash'].sort(),
    );
    expect([...dbs[3].dict.keys()].sort()).toEqual(['db3key', 'db3set']);
    expect(dbs.filter((db) => db.dict.size > 0).map((db) => db.id)).toEqual([0, 3]);
  });

  it('loads strings: plain, integer-encoded, not-quite-integer, and LZF-compressed', () => {
    const d = dbs[0].dict;
    expect(d.get('str')).toEqual(str('hello'));
    expect(d.get('int')).toEqual(str('12345'));
    expect(d.get('negint')).toEqual(str('-70000'));
    expect(d.get('notint')).toEqual(str('007'));
    expect(d.get('lzf')).toEqual(str('abcdefgh'.repeat(16)));
    expect(dbs[3].dict.get('db3key')).toEqual(str('in db three'));
  });

  it('loads lists from quicklist listpack nodes, including a 3-node list', () => {
    expect(dbs[0].dict.get('list')).toEqual(list('a', '1', 'b', '-5', '300', '70000', '+1', '-0'));
    expect(dbs[0].dict.get('biglist')).toEqual(list(...range(2000, (i) => `item:${i + 1}`)));
  });

  it('loads an intset (with a 64-bit member) and hashtable sets', () => {
    expect(dbs[0].dict.get('intset')).toEqual(set('-100', '1', '2', '3', '40000', '5000000000'));
    expect(dbs[0].dict.get('strset')).toEqual(set('apple', 'banana', 'cherry'));
    expect(dbs[3].dict.get('db3set')).toEqual(set('x', 'y'));
  });

  it('loads listpack and hashtable hashes', () => {
    expect(dbs[0].dict.get('smallhash')).toEqual(hash([['name', 'redis'], ['version', '7'], ['n', '-3']]));
    expect(dbs[0].dict.get('widehash')).toEqual(hash([['f', 'x'.repeat(100)]]));
    expect(dbs[0].dict.get('bighash')).toEqual(hash(range(600, (i) => [`f:${i + 1}`, `v:${i + 1}`])));
  });

  it('loads a listpack zset with a 2.5 score and a skiplist zset', () => {
    expect(dbs[0].dict.get('smallzset')).toEqual(zset([['a', 1], ['b', 2.5], ['c', -3], ['d', 0.1]]));
    expect(dbs[0].dict.get('bigzset')).toEqual(zset(range(200, (i) => [`m:${i + 1}`, (i + 1) * 1.5])));
  });

  it('loads the expiry, absolute Unix ms, on the one key that has one', () => {
    expect(dbs[0].expires).toEqual(new Map([['str', 4102444800000]]));
    expect(dbs[3].expires.size).toBe(0);
  });

  it("re-encodes every key to the very bytes Redis wrote for it (hashtable order is the order we loaded)", () => {
    for (const db of dbs) {
      for (const [k, v] of db.dict) {
        const ours = keyBytes(k, v, db.expires.get(k));
        expect(FIXTURE.indexOf(ours), k).toBeGreaterThan(0);
      }
    }
  });
});
