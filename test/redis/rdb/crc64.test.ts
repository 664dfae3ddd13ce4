import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../src/redis/rdb/index.js';
import { crc64Update } from '../../../src/redis/rdb/crc64.js';

/** The definition, one bit at a time with BigInt: reflected Jones polynomial, init 0, no xor out. */
function crc64Reference(bytes: Uint8Array): bigint {
  const poly = 0x95ac9329ac4bc9b5n;
  let crc = 0n;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return crc;
}

describe('crc64 (Jones, as crc64.c)', () => {
  it('has the check value 0xe9c6d914c4b8d9ca for "123456789"', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0xe9c6d914c4b8d9can);
  });

  it('is 0 for no bytes', () => {
    expect(crc64(new Uint8Array(0))).toBe(0n);
  });

  it('matches the bit-at-a-time definition for any bytes (slicing-by-8 and the tail loop)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(crc64(bytes)).toBe(crc64Reference(bytes));
      }),
    );
  });

  it('matches the definition for views that start at any address (the word-at-a-time path)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 100 }), fc.integer({ min: 0, max: 7 }), (bytes, shift) => {
        const backing = new Uint8Array(bytes.length + shift);
        backing.set(bytes, shift);
        expect(crc64(backing.subarray(shift))).toBe(crc64Reference(bytes));
        expect(crc64(backing, shift)).toBe(crc64Reference(bytes));
      }),
    );
  });

  it('gives the same result fed in chunks as in one go', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), (bytes, cutSeed) => {
        const cut = cutSeed % bytes.length;
        const first = crc64Update({ hi: 0, lo: 0 }, bytes, 0, cut);
        const both = crc64Update(first, bytes, cut, bytes.length);
        expect((BigInt(both.hi) << 32n) | BigInt(both.lo)).toBe(crc64(bytes));
      }),
    );
  });
});
