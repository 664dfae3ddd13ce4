/**
 * Ziplist (ziplist.c) and zipmap (zipmap.c): the compact blobs of RDB files written before 7.0
 * (types 9, 10, 12, 13 and the nodes of type 14). Redis 7.0 still loads them, converting to
 * listpacks; we decode them straight into strings.
 */
import { RdbError } from './errors.js';
import { asBuffer, latin1Slice } from './latin1.js';
import { int64LEString } from './listpack.js';

const ZL_INTEGRITY = 'Ziplist integrity check failed.';
const ZM_INTEGRITY = 'Zipmap integrity check failed.';

function u32LE(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

/**
 * Decode the ziplist at b[start, end): u32 total bytes, u32 tail offset, u16 count, entries, 0xFF.
 * Entry = prevlen (1 byte, or 0xFE + u32), encoding, data. Appends to `out` when given.
 */
export function ziplistDecode(bytes: Uint8Array, start: number, end: number, out: string[] = []): string[] {
  const b = asBuffer(bytes);
  if (end - start < 11 || u32LE(b, start) !== end - start || b[end - 1] !== 0xff) {
    throw new RdbError(ZL_INTEGRITY);
  }
  const count = b[start + 8] | (b[start + 9] << 8);
  const last = end - 1;
  const first = out.length;
  let p = start + 10;
  while (p < last) {
    p += b[p] < 254 ? 1 : 5; // prevlen
    if (p >= last) throw new RdbError(ZL_INTEGRITY);
    const enc = b[p];
    const top = enc >>> 6;
    let dataStart: number;
    let len: number;
    if (top === 0) {
      len = enc & 0x3f;
      dataStart = p + 1;
    } else if (top === 1) {
      len = ((enc & 0x3f) << 8) | b[p + 1];
      dataStart = p + 2;
    } else if (enc === 0x80) {
      len = ((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]) >>> 0; // big-endian
      dataStart = p + 5;
    } else {
      // Integer encodings.
      let value: string;
      let size: number;
      if (enc === 0xc0) {
        size = 3;
        value = String(((b[p + 1] | (b[p + 2] << 8)) << 16) >> 16);
      } else if (enc === 0xd0) {
        size = 5;
        value = String(b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24));
      } else if (enc === 0xe0) {
        size = 9;
        value = p + 9 <= last ? int64LEString(b, p + 1) : '';
      } else if (enc === 0xf0) {
        size = 4;
        value = String(((b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16)) << 8) >> 8);
      } else if (enc === 0xfe) {
        size = 2;
        value = String((b[p + 1] << 24) >> 24);
      } else if (enc >= 0xf1 && enc <= 0xfd) {
        size = 1;
        value = String((enc & 0x0f) - 1);
      } else {
        throw new RdbError(ZL_INTEGRITY);
      }
      if (p + size > last) throw new RdbError(ZL_INTEGRITY);
      out.push(value);
      p += size;
      continue;
    }
    if (dataStart + len > last) throw new RdbError(ZL_INTEGRITY);
    out.push(latin1Slice(b, dataStart, dataStart + len));
    p = dataStart + len;
  }
  if (p !== last) throw new RdbError(ZL_INTEGRITY);
  // 65535 means "too many to count in the header".
  if (count !== 65535 && count !== out.length - first) throw new RdbError(ZL_INTEGRITY);
  return out;
}

/**
 * Decode the zipmap at b[start, end) into field, value, field, value...: a 1-byte count, then
 * per pair len(field) field len(value) free-byte value + free bytes, then 0xFF. A length is one
 * byte below 254, else 254 and a u32.
 */
export function zipmapDecode(bytes: Uint8Array, start: number, end: number): string[] {
  const b = asBuffer(bytes);
  const out: string[] = [];
  let p = start + 1;
  const readLen = (): number => {
    if (p >= end) throw new RdbError(ZM_INTEGRITY);
    const first = b[p];
    if (first < 254) {
      p += 1;
      return first;
    }
    if (first === 254 && p + 5 <= end) {
      const n = u32LE(b, p + 1);
      p += 5;
      return n;
    }
    throw new RdbError(ZM_INTEGRITY);
  };
  while (p < end && b[p] !== 0xff) {
    const fieldLen = readLen();
    if (p + fieldLen > end) throw new RdbError(ZM_INTEGRITY);
    out.push(latin1Slice(b, p, p + fieldLen));
    p += fieldLen;
    const valueLen = readLen();
    if (p >= end) throw new RdbError(ZM_INTEGRITY);
    const free = b[p++];
    if (p + valueLen + free > end) throw new RdbError(ZM_INTEGRITY);
    out.push(latin1Slice(b, p, p + valueLen));
    p += valueLen + free;
  }
  if (p !== end - 1) throw new RdbError(ZM_INTEGRITY);
  return out;
}
