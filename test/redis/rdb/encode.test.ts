import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDbs, type RedisDb, type RedisValue } from '../../../src/redis/keyspace.js';
import { decodeRdb, encodeRdb, rdbObjectType } from '../../../src/redis/rdb/index.js';
import { hash, hex, keyBytes, keyspace, list, range, set, str, zset } from './helpers.js';

const AUX = { replStreamDb: 0, replId: 'a'.repeat(40), replOffset: 453, ctimeSec: 1700000000, usedMem: 1194624 };

/** Encode then decode, expecting the same databases (Maps and Sets compare by content). */
function expectRoundTrip(dbs: RedisDb[]): RedisDb[] {
  const back = decodeRdb(encodeRdb(dbs, AUX)).dbs;
  for (let i = 0; i < dbs.length; i++) {
    expect(new Map(back[i].dict)).toEqual(new Map(dbs[i].dict));
    expect(back[i].expires).toEqual(dbs[i].expires);
  }
  return back;
}

const roundTripValue = (value: RedisValue): RedisValue => {
  const back = expectRoundTrip(keyspace([['k', value]]));
  return back[0].dict.get('k')!;
};

/** The type byte our file holds for a single key (also what rdbObjectType says). */
function typeByte(value: RedisValue): number {
  const t = keyBytes('k', value)[0];
  expect(t).toBe(rdbObjectType(value));
  return t;
}

describe('encodeRdb — the file around the keys', () => {
  it('starts with REDIS0010 and the AUX fields in rdbSaveInfoAuxFields order, numbers integer-encoded', () => {
    const file = Buffer.from(encodeRdb(createDbs(), AUX));
    expect(file.subarray(0, 9).toString('latin1')).toBe('REDIS0010');
    const { aux } = decodeRdb(file);
    expect(Object.entries(aux)).toEqual([
      ['redis-ver', '7.0.15'],
      ['redis-bits', '64'],
      ['ctime', '1700000000'],
      ['used-mem', '1194624'],
      ['repl-stream-db', '0'],
      ['repl-id', 'a'.repeat(40)],
      ['repl-offset', '453'],
      ['aof-base', '0'],
    ]);
    // redis-bits 64 = C0 40 and repl-offset 453 = C1 C5 01, as in a live 7.0.15 payload.
    expect(hex(file)).toContain(hex(Buffer.from('\x0aredis-bits', 'latin1')) + 'c040');
    expect(hex(file)).toContain(hex(Buffer.from('\x0brepl-offset', 'latin1')) + 'c1c501');
  });

  it('writes no repl-* fields for a plain SAVE (aux null), taking ctime and used-mem from saveInfo', () => {
    const { aux } = decodeRdb(encodeRdb(createDbs(), null, { ctimeSec: 42, usedMem: 1000 }));
    expect(aux).toEqual({ 'redis-ver': '7.0.15', 'redis-bits': '64', ctime: '42', 'used-mem': '1000', 'aof-base': '0' });
  });

  it('is header, AUX, EOF and checksum only when every database is empty', () => {
    const file = encodeRdb(createDbs(), null);
    expect(hex(file)).not.toContain('fe00fb');
    expect(file[file.length - 9]).toBe(0xff);
    expect(decodeRdb(file).dbs.every((db) => db.dict.size === 0)).toBe(true);
  });

  it('selects only non-empty databases, each with RESIZEDB (keys, keys with expiry)', () => {
    const dbs = keyspace([
      ['a', str('1'), 0],
      ['b', str('2'), 3],
      ['c', str('3'), 3],
      ['z', str('4'), 15],
    ]);
    dbs[3].expires.set('c', 4102444800000);
    const text = hex(encodeRdb(dbs, null));
    expect(text).toContain('fe00fb0100');
    expect(text).toContain('fe03fb0201');
    expect(text).toContain('fe0ffb0100');
    expect(text).not.toContain('fe01fb');
    expectRoundTrip(dbs);
  });

  it('writes an expiry as EXPIRETIME_MS with the absolute Unix ms little-endian before the type', () => {
    const bytes = keyBytes('k', str('v'), 4102444800000);
    expect(hex(bytes)).toBe('fc' + '00d8c32cbb030000' + '00' + '016b' + '0176');
    const dbs = keyspace([['k', str('v')], ['p', str('persist')]]);
    dbs[0].expires.set('k', 1);
    expectRoundTrip(dbs);
  });

  it('skips empty collections (Redis never holds one)', () => {
    const dbs = keyspace([['l', list()], ['s', str('x')]]);
    expect(decodeRdb(encodeRdb(dbs, null)).dbs[0].dict.has('l')).toBe(false);
  });
});

describe('encodeRdb — strings (rdbSaveRawString)', () => {
  it('integer-encodes canonical int32 strings in 1, 2 or 4 bytes, little-endian', () => {
    const value = (s: string) => hex(keyBytes('k', str(s)).subarray(3));
    expect(value('0')).toBe('c000');
    expect(value('127')).toBe('c07f');
    expect(value('-128')).toBe('c080');
    expect(value('128')).toBe('c18000');
    expect(value('-32768')).toBe('c10080');
    expect(value('32768')).toBe('c200800000');
    expect(value('2147483647')).toBe('c2ffffff7f');
    expect(value('-2147483648')).toBe('c200000080');
  });

  it('keeps the exact bytes of numbers that are not canonical or do not fit in 32 bits', () => {
    const value = (s: string) => hex(keyBytes('k', str(s)).subarray(3));
    for (const s of ['-0', '007', '+1', ' 1', '1 ', '1.5', '2147483648', '-2147483649', '12345678901']) {
      expect(value(s)).toBe(hex(Buffer.from(String.fromCharCode(s.length) + s, 'latin1')));
      expect(roundTripValue(str(s))).toEqual(str(s));
    }
  });

  it('LZF-compresses strings over 20 bytes when that saves at least 4 bytes', () => {
    expect(keyBytes('k', str('a'.repeat(20)))[3]).toBe(20); // 20 bytes: never tried
    expect(keyBytes('k', str('a'.repeat(21)))[3]).toBe(0xc3);
    expect(hex(keyBytes('k', str('a'.repeat(100))).subarray(3))).toBe('c3' + '09' + '4064' + '016161e05700016161') // DUMP of SET k a×100 on 7.0.15;
    const noisy = Buffer.from(range(40, (i) => (i * 149 + 7) & 0xff)).toString('latin1');
    expect(keyBytes('k', str(noisy))[3]).toBe(40);
    expect(roundTripValue(str('a'.repeat(100)))).toEqual(str('a'.repeat(100)));
    expect(roundTripValue(str(noisy))).toEqual(str(noisy));
  });

  it('round-trips every byte value and large strings (6-bit, 14-bit and 32-bit lengths)', () => {
    const all = String.fromCharCode(...range(256, (i) => i));
    for (const s of ['', all, 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(16383), 'w'.repeat(16384), all.repeat(300)]) {
      expect(roundTripValue(str(s))).toEqual(str(s));
    }
  });

  it('round-trips strings of every length from 0 to 40 over all byte values (short and long decode paths)', () => {
    for (let n = 0; n <= 40; n++) {
      const s = String.fromCharCode(...range(n, (i) => (i * 149 + n * 31 + 7) & 0xff));
      expect(roundTripValue(str(s))).toEqual(str(s));
      expectRoundTrip(keyspace([[s, str('v')]]));
    }
  });

  it('integer-encodes and compresses keys too', () => {
    const dbs = keyspace([['123', str('v')], ['k'.repeat(50), str('v')]]);
    expect(hex(encodeRdb(dbs, null))).toContain('00c07b0176');
    expectRoundTrip(dbs);
  });
});

describe('encodeRdb — collection encodings at the default thresholds', () => {
  it('writes lists as QUICKLIST_2 (18), one packed listpack node while it stays under 8 KB', () => {
    const small = list('a', '1', 'b');
    expect(typeByte(small)).toBe(18);
    // The live 7.0.15 bytes for RPUSH l1 a 1 b: 1 node, container 2, then the listpack.
    expect(hex(keyBytes('l1', small))).toBe('12026c31' + '0102' + '0f' + '0f000000030081610201018162' + '02ff');
  });

  it('splits a long list into several ≤ 8 KB nodes and keeps order, integers and big elements', () => {
    const items = range(3000, (i) => (i % 3 === 0 ? String(i) : `item:${i}`));
    items.push('x'.repeat(10000), '-0', '007', '9223372036854775807');
    const bytes = keyBytes('l', list(...items));
    expect(bytes[3] & 0x3f).toBeGreaterThan(3); // node count
    expect(roundTripValue(list(...items))).toEqual(list(...items));
  });

  it('writes sets of ≤ 512 canonical integers as INTSET (11), else SET (2)', () => {
    const ints = range(512, (i) => String(i * 7 - 1000));
    expect(typeByte(set(...ints))).toBe(11);
    expect(typeByte(set(...ints, '5000'))).toBe(2);
    expect(typeByte(set('1', '2', '007'))).toBe(2);
    expect(typeByte(set('1', '-0'))).toBe(2);
    expect(typeByte(set('9223372036854775807', '-9223372036854775808'))).toBe(11);
    expect(typeByte(set('9223372036854775808'))).toBe(2);
    expect(typeByte(set('apple', 'banana'))).toBe(2);
    for (const s of [set(...ints), set(...ints, '5000'), set('1', '007'), set('9223372036854775807', '-9223372036854775808', '0')]) {
      expect(roundTripValue(s)).toEqual(s);
    }
  });

  it('writes hashes of ≤ 512 fields with fields and values ≤ 64 bytes as LISTPACK (16), else HASH (4)', () => {
    const fields = (n: number): [string, string][] => range(n, (i) => [`f:${i}`, String(i)]);
    expect(typeByte(hash(fields(512)))).toBe(16);
    expect(typeByte(hash(fields(513)))).toBe(4);
    expect(typeByte(hash([['f', 'v'.repeat(64)]]))).toBe(16);
    expect(typeByte(hash([['f', 'v'.repeat(65)]]))).toBe(4);
    expect(typeByte(hash([['f'.repeat(65), 'v']]))).toBe(4);
    for (const h of [hash(fields(512)), hash(fields(513)), hash([['f', 'v'.repeat(65)], ['007', '-0']])]) {
      expect(roundTripValue(h)).toEqual(h);
    }
  });

  it('writes zsets of ≤ 128 members ≤ 64 bytes as LISTPACK (17), else ZSET_2 (5)', () => {
    const members = (n: number): [string, number][] => range(n, (i) => [`m:${i}`, i * 1.5]);
    expect(typeByte(zset(members(128)))).toBe(17);
    expect(typeByte(zset(members(129)))).toBe(5);
    expect(typeByte(zset([['m'.repeat(64), 1]]))).toBe(17);
    expect(typeByte(zset([['m'.repeat(65), 1]]))).toBe(5);
    for (const z of [zset(members(128)), zset(members(129)), zset([['m'.repeat(65), 2.5]])]) {
      expect(roundTripValue(z)).toEqual(z);
    }
  });

  it('orders a listpack zset by score then member, scores as integers or %.17g text', () => {
    const z = zset([['b', 2.5], ['a', 1], ['c', 1], ['d', -3]]);
    const lp = keyBytes('k', z);
    // listpack: d -3 a 1 c 1 b "2.5"
    expect(hex(lp)).toContain('816402dffd02' + '8161020101' + '8163020101' + '81620283322e3504' + 'ff');
  });

  it('keeps special scores exact through both zset encodings: -0, ±inf, 0.1, 2^60', () => {
    const special: [string, number][] = [['neg0', -0], ['inf', Infinity], ['ninf', -Infinity], ['tenth', 0.1], ['huge', 2 ** 60]];
    const small = roundTripValue(zset(special));
    expect(Object.is((small as { value: Map<string, number> }).value.get('neg0'), -0)).toBe(true);
    expect(small).toEqual(zset(special));
    const big = zset([...special, ...range(200, (i): [string, number] => [`m${i}`, i / 7])]);
    expect(roundTripValue(big)).toEqual(big);
  });

  it('writes ZSET_2 members from the highest score down with binary little-endian doubles', () => {
    const z = zset(range(129, (i): [string, number] => [`m${i}`, i]));
    const bytes = keyBytes('z', z);
    // type 5, key "z", count 129 (14-bit), then "m128" and 128.0 = 0x4060000000000000.
    expect(hex(bytes.subarray(0, 14))).toBe('05017a' + '4081' + '046d313238' + '00000000');
  });
});

describe('encodeRdb — round trip of any keyspace', () => {
  const byteString = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 30 }).map((c) => String.fromCharCode(...c)),
    fc.integer().map(String),
    fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
    fc.constantFrom('-0', '007', '+1', '', ' ', 'x'.repeat(64), 'x'.repeat(65)),
    fc.tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 1, max: 40 })).map(([u, n]) => u.repeat(n)),
  );
  const score = fc.oneof(fc.double({ noNaN: true }), fc.integer().map((i) => i / 4));
  const value: fc.Arbitrary<RedisValue> = fc.oneof(
    byteString.map(str),
    fc.array(byteString, { minLength: 1, maxLength: 20 }).map((xs) => list(...xs)),
    fc.uniqueArray(byteString, { minLength: 1, maxLength: 20 }).map((xs) => set(...xs)),
    fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }).map(String), { minLength: 1, maxLength: 20 }).map((xs) => set(...xs)),
    fc.uniqueArray(fc.tuple(byteString, byteString), { minLength: 1, maxLength: 20, selector: (p) => p[0] }).map(hash),
    fc.uniqueArray(fc.tuple(byteString, score), { minLength: 1, maxLength: 20, selector: (p) => p[0] }).map(zset),
  );

  it('decodes to the same databases, values and expiry times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(byteString, value, fc.integer({ min: 0, max: 15 }), fc.option(fc.nat({ max: 2 ** 45 }))), {
          maxLength: 25,
        }),
        (entries) => {
          const dbs = createDbs();
          for (const [key, v, db, expire] of entries) {
            dbs[db].dict.set(key, v);
            if (expire !== null) dbs[db].expires.set(key, expire);
            else dbs[db].expires.delete(key);
          }
          expectRoundTrip(dbs);
        },
      ),
      { numRuns: 200 },
    );
  });
});

