import { describe, expect, it } from 'vitest';
import { decodeRdb, encodeRdb, RdbError } from '../../../src/redis/rdb/index.js';
import { hash, keyspace, list, range, set, str, zset } from './helpers.js';
import { blob, len, rdbFile, rdbString, ziplist, zipmap } from './legacy-builders.js';

const b = (...bytes: number[]) => Buffer.from(bytes);
const key = (type: number, name: string, ...value: Buffer[]) => Buffer.concat([b(type), rdbString(name), ...value]);

function loadError(bytes: Uint8Array): string {
  try {
    decodeRdb(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(RdbError);
    return (err as Error).message;
  }
  throw new Error('decodeRdb accepted the input');
}

/** A file with a bit of everything, for the damage tests. */
const RICH = Buffer.from(
  encodeRdb(
    keyspace([
      ['s', str('hello')],
      ['n', str('12345')],
      ['lzf', str('abc'.repeat(30))],
      ['l', list(...range(50, String), 'x', 'y')],
      ['i', set('1', '2', '3')],
      ['t', set('a', 'b')],
      ['h', hash([['f', 'v']])],
      // A 65-byte value or member is enough to force the hashtable / skiplist encodings.
      ['bh', hash([['f', 'v'.repeat(65)], ['g', '1']])],
      ['z', zset([['m', 2.5]])],
      ['bz', zset([['m'.repeat(65), 1 / 3], ['n', 2]])],
      ['db2', str('two'), 2],
    ]),
    { replStreamDb: 0, replId: 'f'.repeat(40), replOffset: 1, ctimeSec: 1, usedMem: 1 },
  ),
);

describe('decodeRdb — rejecting damaged or foreign files like rdbLoad', () => {
  it('rejects a file that does not start with REDIS', () => {
    expect(loadError(Buffer.from('RAGIS0010\xff', 'latin1'))).toBe('Wrong signature trying to load DB from file');
  });

  it('rejects versions outside 1..10', () => {
    expect(loadError(rdbFile(11, b()))).toBe("Can't handle RDB format version 11");
    expect(loadError(Buffer.from('REDIS0000\xff', 'latin1'))).toBe("Can't handle RDB format version 0");
  });

  it('throws "Short read" for every truncation of a valid file', () => {
    for (let cut = 0; cut < RICH.length; cut++) {
      expect(loadError(RICH.subarray(0, cut))).toMatch(/^Short read or OOM loading DB|Listpack|Intset|Invalid LZF/);
    }
  });

  it('throws an RdbError (never a crash or a silent load) for any single corrupted byte', () => {
    for (let at = 9; at < RICH.length; at++) {
      const bad = Buffer.from(RICH);
      bad[at] ^= 0x5a;
      loadError(bad);
    }
  });

  it('reports a wrong checksum with the computed and the stored value', () => {
    const bad = Buffer.from(RICH);
    bad[bad.length - 1] ^= 1;
    expect(loadError(bad)).toMatch(/^Wrong RDB checksum expected: \([0-9a-f]+\) got \([0-9a-f]+\)\. Aborting now\.$/);
  });

  it('skips the check when the stored checksum is zero (rdbchecksum no)', () => {
    const file = rdbFile(10, key(0, 'k', rdbString('v')), 'zero');
    expect(decodeRdb(file).dbs[0].dict.get('k')).toEqual(str('v'));
  });

  it('rejects a duplicated key in one database', () => {
    const file = rdbFile(10, Buffer.concat([key(0, 'k', rdbString('a')), key(0, 'k', rdbString('b'))]));
    expect(loadError(file)).toBe("RDB has duplicated key 'k' in DB 0");
  });

  it('rejects SELECTDB beyond the 16 databases', () => {
    expect(loadError(rdbFile(10, b(0xfe, 16)))).toMatch(/configured to handle more than 16 databases/);
  });

  it('rejects unknown object types and a stream cut short', () => {
    expect(loadError(rdbFile(10, key(8, 'k')))).toBe('Unknown RDB encoding type 8');
    // A stream key with no body at all: the node count is missing.
    expect(loadError(rdbFile(10, key(19, 'k')))).not.toBe(null);
  });

  it('rejects MODULE_AUX naming the module, and the pre-release FUNCTION opcode', () => {
    // A module id: 9 six-bit name characters ("ReJSON-RL" is the RedisJSON type name), 10-bit version.
    const charset = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let id = 0n;
    for (const c of 'ReJSON-RL') id = (id << 6n) | BigInt(charset.indexOf(c));
    id = (id << 10n) | 3n;
    const idBytes = Buffer.alloc(9);
    idBytes[0] = 0x81;
    idBytes.writeBigUInt64BE(id, 1);
    expect(loadError(rdbFile(10, Buffer.concat([b(0xf7), idBytes])))).toBe(
      "The RDB file contains AUX module data I can't load: no matching module 'ReJSON-RL'",
    );
    expect(loadError(rdbFile(10, b(0xf6)))).toBe('Pre-release function format not supported.');
  });

  it('rejects a corrupt LZF string and an unknown quicklist container', () => {
    const lzf = Buffer.concat([b(0xc3), len(2), len(10), b(0x20, 0x00)]);
    expect(loadError(rdbFile(10, key(0, 'k', lzf)))).toBe('Invalid LZF compressed string');
    expect(loadError(rdbFile(10, key(18, 'k', len(1), len(3), rdbString('x'))))).toBe('Quicklist integrity check failed.');
  });

  it('rejects duplicate members in sets, hashes and zsets, and NaN scores', () => {
    expect(loadError(rdbFile(10, key(2, 's', len(2), rdbString('a'), rdbString('a'))))).toBe('Duplicate set members detected');
    expect(loadError(rdbFile(10, key(4, 'h', len(2), rdbString('f'), rdbString('1'), rdbString('f'), rdbString('2'))))).toBe(
      'Duplicate hash fields detected',
    );
    expect(loadError(rdbFile(10, key(3, 'z', len(1), rdbString('m'), b(253))))).toBe('Zset with NAN score detected');
  });
});

describe('decodeRdb — opcodes a loader must step over', () => {
  it('skips RESIZEDB, IDLE, FREQ and FUNCTION2 and keeps loading', () => {
    const body = Buffer.concat([
      b(0xfb, 5, 1),
      b(0xf8), len(1000), key(0, 'idle', rdbString('a')),
      b(0xf9, 7), key(0, 'freq', rdbString('b')),
      b(0xf5), rdbString('#!lua name=mylib\nredis.register_function("f", function() return 1 end)'),
      key(0, 'after', rdbString('c')),
    ]);
    const { dbs } = decodeRdb(rdbFile(10, body));
    expect([...dbs[0].dict.keys()]).toEqual(['idle', 'freq', 'after']);
  });

  it('puts keys before any SELECTDB into db 0 and keys after it into that db', () => {
    const body = Buffer.concat([key(0, 'a', rdbString('1')), b(0xfe, 9), key(0, 'b', rdbString('2'))]);
    const { dbs } = decodeRdb(rdbFile(10, body));
    expect(dbs[0].dict.has('a')).toBe(true);
    expect(dbs[9].dict.has('b')).toBe(true);
  });

  it('reads EXPIRETIME in seconds and EXPIRETIME_MS in ms, both absolute', () => {
    const secs = Buffer.alloc(4);
    secs.writeInt32LE(2000000000);
    const ms = Buffer.alloc(8);
    ms.writeBigInt64LE(4102444800123n);
    const body = Buffer.concat([b(0xfd), secs, key(0, 'a', rdbString('1')), b(0xfc), ms, key(0, 'b', rdbString('2')), key(0, 'c', rdbString('3'))]);
    const { dbs } = decodeRdb(rdbFile(10, body));
    expect(dbs[0].expires).toEqual(new Map([['a', 2000000000000], ['b', 4102444800123]]));
  });

  it('skips empty collections without failing (the RDB_LOAD_ERR_EMPTY_KEY case)', () => {
    const body = Buffer.concat([key(1, 'l', len(0)), key(2, 's', len(0)), key(0, 'k', rdbString('v'))]);
    expect([...decodeRdb(rdbFile(10, body)).dbs[0].dict.keys()]).toEqual(['k']);
  });
});

describe('decodeRdb — older formats 7.0 still loads', () => {
  it('loads a version 4 file, which has no checksum after EOF', () => {
    const { dbs } = decodeRdb(rdbFile(4, key(0, 'k', rdbString('v'))));
    expect(dbs[0].dict.get('k')).toEqual(str('v'));
  });

  it('loads the plain types: LIST (1), SET (2), ZSET with text scores (3), HASH (4), ZSET_2 (5)', () => {
    const double = Buffer.alloc(8);
    double.writeDoubleLE(-1.25);
    const body = Buffer.concat([
      key(1, 'l', len(3), rdbString('a'), b(0xc0, 0xfb), rdbString('c')),
      key(2, 's', len(2), rdbString('x'), rdbString('y')),
      key(3, 'z', len(4), rdbString('a'), b(3), Buffer.from('2.5'), rdbString('b'), b(254), rdbString('c'), b(255), rdbString('d'), b(2), Buffer.from('-0')),
      key(4, 'h', len(1), rdbString('f'), rdbString('v')),
      key(5, 'z2', len(1), rdbString('m'), double),
    ]);
    const { dbs } = decodeRdb(rdbFile(8, body));
    const dict = dbs[0].dict;
    expect(dict.get('l')).toEqual(list('a', '-5', 'c'));
    expect(dict.get('s')).toEqual(set('x', 'y'));
    expect(dict.get('z')).toEqual(zset([['a', 2.5], ['b', Infinity], ['c', -Infinity], ['d', -0]]));
    expect(dict.get('h')).toEqual(hash([['f', 'v']]));
    expect(dict.get('z2')).toEqual(zset([['m', -1.25]]));
  });

  it('loads ziplist-encoded lists, zsets and hashes (10, 12, 13) with every integer width', () => {
    const ints = ['0', '12', '13', '-1', '127', '-128', '200', '-32768', '40000', '-8388608', '8388608', '-2147483648', '5000000000', '-9223372036854775808'];
    const body = Buffer.concat([
      key(10, 'l', blob(ziplist(['hello', ...ints, 'x'.repeat(300)]))),
      key(12, 'z', blob(ziplist(['a', '1', 'b', '2.5']))),
      key(13, 'h', blob(ziplist(['f1', 'v1', 'f2', '7']))),
    ]);
    const { dbs } = decodeRdb(rdbFile(7, body));
    expect(dbs[0].dict.get('l')).toEqual(list('hello', ...ints, 'x'.repeat(300)));
    expect(dbs[0].dict.get('z')).toEqual(zset([['a', 1], ['b', 2.5]]));
    expect(dbs[0].dict.get('h')).toEqual(hash([['f1', 'v1'], ['f2', '7']]));
  });

  it('loads a zipmap hash (9) and a quicklist of ziplists (14)', () => {
    const body = Buffer.concat([
      key(9, 'h', blob(zipmap([['name', 'redis'], ['n', '1']]))),
      key(14, 'q', len(2), blob(ziplist(['a', 'b'])), blob(ziplist(['1', 'c']))),
    ]);
    const { dbs } = decodeRdb(rdbFile(7, body));
    expect(dbs[0].dict.get('h')).toEqual(hash([['name', 'redis'], ['n', '1']]));
    expect(dbs[0].dict.get('q')).toEqual(list('a', 'b', '1', 'c'));
  });

  it('loads a QUICKLIST_2 plain node (a single large element stored as itself)', () => {
    // Node 1: container 1 (plain) + the element; node 2: container 2 (packed) + listpack [a, b].
    const listpackAB = Buffer.from('0d000000' + '0200' + '816102' + '816202' + 'ff', 'hex');
    const body = key(18, 'l', len(2), len(1), rdbString('big element'), len(2), blob(listpackAB));
    const { dbs } = decodeRdb(rdbFile(10, body));
    expect(dbs[0].dict.get('l')).toEqual(list('big element', 'a', 'b'));
  });
});
