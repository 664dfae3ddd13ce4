/**
 * Intset (intset.c): the blob for a set of only integers (at most set-max-intset-entries).
 * Layout: u32 LE encoding width in bytes (2, 4 or 8), u32 LE count, then the values sorted
 * ascending, each that many bytes, little-endian two's complement.
 */
import { RdbError } from './errors.js';
import { int64LEString } from './listpack.js';
import type { ByteWriter } from './writer.js';

const INTEGRITY = 'Intset integrity check failed.';

/** Write the intset of the given values at w.pos (values need not be sorted); returns [start, end). */
export function writeIntset(w: ByteWriter, values: (number | bigint)[]): [number, number] {
  const sorted = values.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let width = 2;
  for (const v of sorted) {
    if (v < -2147483648 || v > 2147483647) {
      width = 8;
      break;
    }
    if (v < -32768 || v > 32767) width = 4;
  }
  const start = w.pos;
  w.ensure(8 + width * sorted.length);
  w.setU32LE(w.pos, width);
  w.setU32LE(w.pos + 4, sorted.length);
  w.pos += 8;
  for (const v of sorted) {
    if (width === 8) {
      w.i64LE(v);
    } else {
      const n = Number(v);
      w.buf[w.pos++] = n & 0xff;
      w.buf[w.pos++] = (n >>> 8) & 0xff;
      if (width === 4) {
        w.buf[w.pos++] = (n >>> 16) & 0xff;
        w.buf[w.pos++] = (n >>> 24) & 0xff;
      }
    }
  }
  return [start, w.pos];
}

/** Decode the intset at b[start, end) into decimal strings, validating like intsetValidateIntegrity. */
export function intsetDecode(b: Uint8Array, start: number, end: number): string[] {
  if (end - start < 8) throw new RdbError(INTEGRITY);
  const width = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  const count = (b[start + 4] | (b[start + 5] << 8) | (b[start + 6] << 16) | (b[start + 7] << 24)) >>> 0;
  if ((width !== 2 && width !== 4 && width !== 8) || 8 + width * count !== end - start) {
    throw new RdbError(INTEGRITY);
  }
  const out: string[] = new Array(count);
  let p = start + 8;
  for (let i = 0; i < count; i++, p += width) {
    if (width === 2) out[i] = String(((b[p] | (b[p + 1] << 8)) << 16) >> 16);
    else if (width === 4) out[i] = String(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24));
    else out[i] = int64LEString(b, p);
  }
  // Values must be strictly ascending, or a lookup by binary search would miss them.
  const toValue = width === 8 ? BigInt : Number;
  for (let i = 1; i < count; i++) {
    if (!(toValue(out[i - 1]) < toValue(out[i]))) throw new RdbError(INTEGRITY);
  }
  return out;
}
