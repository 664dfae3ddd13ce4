import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RdbError } from '../../../src/redis/rdb/index.js';
import { lpDecode, writeListpack } from '../../../src/redis/rdb/listpack.js';
import { ByteWriter } from '../../../src/redis/rdb/writer.js';
import { fromHex, hex } from './helpers.js';

function listpack(entries: string[]): Buffer {
  const w = new ByteWriter(16);
  const [start, end] = writeListpack(w, entries);
  return Buffer.from(w.buf.subarray(start, end));
}

/** The bytes of the single entry of a one-entry listpack (encoding, data, backlen). */
const entryHex = (s: string): string => {
  const lp = listpack([s]);
  return hex(lp.subarray(6, lp.length - 1));
};

describe('listpack (listpack.c)', () => {
  it('writes [a, 1, b] exactly as Redis 7.0 does for RPUSH l1 a 1 b', () => {
    expect(hex(listpack(['a', '1', 'b']))).toBe('0f000000030081610201018162' + '02ff');
  });

  it('stores the score 2.5 as the text "2.5" (83 32 2e 35 04)', () => {
    expect(entryHex('2.5')).toBe('83322e3504');
  });

  it('chooses the smallest integer encoding at every boundary', () => {
    expect(entryHex('0')).toBe('0001');
    expect(entryHex('127')).toBe('7f01'); // 0xxxxxxx
    expect(entryHex('128')).toBe('c08002'); // 110xxxxx 13-bit
    expect(entryHex('-1')).toBe('dfff02');
    expect(entryHex('4095')).toBe('cfff02');
    expect(entryHex('-4096')).toBe('d00002');
    expect(entryHex('4096')).toBe('f1001003'); // int16
    expect(entryHex('-32768')).toBe('f1008003');
    expect(entryHex('32768')).toBe('f200800004'); // int24
    expect(entryHex('-8388608')).toBe('f200008004');
    expect(entryHex('8388608')).toBe('f30000800005'); // int32
    expect(entryHex('-2147483648')).toBe('f30000008005');
    expect(entryHex('2147483648')).toBe('f4000000800000000009'); // int64
    expect(entryHex('9223372036854775807')).toBe('f4ffffffffffffff7f09');
    expect(entryHex('-9223372036854775808')).toBe('f4000000000000008009');
  });

  it('keeps non-canonical numbers as strings: "-0", "007", "+1", " 1", and int64 overflow', () => {
    expect(entryHex('-0')).toBe('822d3003');
    expect(entryHex('007')).toBe('8330303704');
    expect(entryHex('+1')).toBe('822b3103');
    expect(entryHex(' 1')).toBe('82203103');
    expect(entryHex('9223372036854775808').slice(0, 2)).toBe('93');
  });

  it('uses the 6-bit, 12-bit and 32-bit string encodings and multi-byte backlens', () => {
    const s63 = 'x'.repeat(63);
    expect(entryHex(s63).slice(0, 2)).toBe('bf');
    expect(entryHex(s63).slice(-2)).toBe('40'); // backlen 64
    const s64 = 'x'.repeat(64);
    expect(entryHex(s64).slice(0, 4)).toBe('e040');
    expect(entryHex(s64).slice(-4)).toBe('7842'); // last 'x', then backlen 66 in one byte (≤ 127)
    const s200 = 'x'.repeat(200);
    expect(entryHex(s200).slice(-4)).toBe('01ca'); // 202 = 1·128 + 74 → 01, 74|128
    const s4096 = 'x'.repeat(4096);
    expect(entryHex(s4096).slice(0, 10)).toBe('f000100000');
  });

  it('decodes what it writes, for any byte strings', () => {
    const byteString = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 70 }).map((c) => String.fromCharCode(...c));
    const intString = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
    fc.assert(
      fc.property(fc.array(fc.oneof(byteString, intString), { maxLength: 40 }), (entries) => {
        const lp = listpack(entries);
        expect(lpDecode(lp, 0, lp.length)).toEqual(entries);
      }),
    );
  });

  it('decodes a 5000-byte string entry (32-bit length, 2-byte backlen)', () => {
    const big = 'y'.repeat(5000);
    const lp = listpack(['a', big, '-7']);
    expect(lpDecode(lp, 0, lp.length)).toEqual(['a', big, '-7']);
  });

  it('rejects a listpack whose header size, count, end byte or a backlen disagrees with its contents', () => {
    const good = listpack(['a', '1', 'b']);
    const badSize = Buffer.from(good);
    badSize[0] = 0x10;
    const badCount = Buffer.from(good);
    badCount[4] = 4;
    const badEnd = Buffer.from(good);
    badEnd[badEnd.length - 1] = 0;
    const truncatedEntry = fromHex('0a000000 0100 85 6162 ff'); // claims 5 bytes, has 2
    const badBacklen = fromHex('0d000000 0200 816602 817605 ff'); // "v" is 2 bytes, backlen says 5
    for (const bad of [badSize, badCount, badEnd, truncatedEntry, badBacklen]) {
      expect(() => lpDecode(bad, 0, bad.length)).toThrow(RdbError);
    }
  });
});
