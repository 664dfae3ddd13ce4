import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lzfCompress, lzfDecompress } from '../../../src/redis/rdb/lzf.js';

function roundTrip(input: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(input.length + 64);
  const clen = lzfCompress(input, input.length, out);
  if (clen === 0) return null;
  const back = new Uint8Array(input.length);
  expect(lzfDecompress(out, 0, clen, back)).toBe(input.length);
  return back;
}

describe('lzf', () => {
  it('compresses a repetitive string well and decompresses it exactly', () => {
    const input = Buffer.from('abcdefgh'.repeat(16));
    const out = new Uint8Array(input.length);
    const clen = lzfCompress(input, input.length, out);
    expect(clen).toBeGreaterThan(0);
    expect(clen).toBeLessThan(20);
    const back = Buffer.alloc(input.length);
    expect(lzfDecompress(out, 0, clen, back)).toBe(input.length);
    expect(back.equals(input)).toBe(true);
  });

  it('round-trips arbitrary bytes, random and repetitive, given room for the worst case', () => {
    const repetitive = fc
      .tuple(fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 80 }))
      .map(([unit, times]) => {
        const out = new Uint8Array(unit.length * times);
        for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
        return out;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), repetitive), (input) => {
        if (input.length === 0) return;
        const back = roundTrip(input);
        expect(back).not.toBeNull();
        expect(Buffer.from(back!).equals(Buffer.from(input))).toBe(true);
      }),
    );
  });

  it('returns 0 when the output would not fit (how rdbSaveLzfStringObject asks for a 4-byte saving)', () => {
    const random = Uint8Array.from({ length: 40 }, (_, i) => (i * 149 + 7) & 0xff);
    expect(lzfCompress(random, random.length, new Uint8Array(random.length - 4))).toBe(0);
  });

  it('rejects a back-reference before the start of the output', () => {
    // ctrl 0x20 = match of length 3 at offset (0 << 8) + next byte + 1, with nothing written yet.
    expect(lzfDecompress(Uint8Array.from([0x20, 0x00]), 0, 2, new Uint8Array(10))).toBe(-1);
  });

  it('rejects a literal run longer than the input or the output', () => {
    expect(lzfDecompress(Uint8Array.from([0x05, 0x61]), 0, 2, new Uint8Array(10))).toBe(-1);
    expect(lzfDecompress(Uint8Array.from([0x02, 0x61, 0x62, 0x63]), 0, 4, new Uint8Array(2))).toBe(-1);
  });
});
