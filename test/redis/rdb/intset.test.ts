import { describe, expect, it } from 'vitest';
import { RdbError } from '../../../src/redis/rdb/index.js';
import { intsetDecode, writeIntset } from '../../../src/redis/rdb/intset.js';
import { ByteWriter } from '../../../src/redis/rdb/writer.js';
import { fromHex, hex } from './helpers.js';

function intset(values: (number | bigint)[]): Buffer {
  const w = new ByteWriter(8);
  const [start, end] = writeIntset(w, values);
  return Buffer.from(w.buf.subarray(start, end));
}

describe('intset (intset.c)', () => {
  it('writes {1,2,3} as Redis 7.0 does: width 2, count 3, sorted values', () => {
    expect(hex(intset([3, 1, 2]))).toBe('02000000' + '03000000' + '010002000300');
  });

  it('widens to 4 and 8 bytes only when a value needs it', () => {
    expect(hex(intset([32767, -32768])).slice(0, 8)).toBe('02000000');
    expect(hex(intset([32768])).slice(0, 8)).toBe('04000000');
    expect(hex(intset([-2147483648, 2147483647])).slice(0, 8)).toBe('04000000');
    expect(hex(intset([2147483648])).slice(0, 8)).toBe('08000000');
    expect(hex(intset([-(2n ** 63n), 5]))).toBe('08000000' + '02000000' + '0000000000000080' + '0500000000000000');
  });

  it('decodes every width back to canonical decimal strings, ascending', () => {
    const values = [5000000000, -70000, 9223372036854775807n, 3, -9223372036854775808n, 0];
    expect(intsetDecode(intset(values), 0, intset(values).length)).toEqual([
      '-9223372036854775808',
      '-70000',
      '0',
      '3',
      '5000000000',
      '9223372036854775807',
    ]);
  });

  it('rejects a bad width, a wrong count, and values out of order', () => {
    for (const bad of [
      fromHex('03000000 01000000 010000'),
      fromHex('02000000 03000000 0100 0200'),
      fromHex('02000000 02000000 0200 0100'),
      fromHex('02000000 02000000 0100 0100'),
    ]) {
      expect(() => intsetDecode(bad, 0, bad.length)).toThrow(RdbError);
    }
  });
});
