/**
 * Listpack (listpack.c): the compact blob 7.0 uses for small hashes, small zsets and every list
 * node. Layout: u32 LE total bytes, u16 LE element count (65535 = "count it"), entries, 0xFF.
 * Each entry is an encoding byte plus data, then a backlen (the entry's size in 7-bit groups)
 * so the list can be walked backwards too.
 */
import { RdbError } from './errors.js';
import { asBuffer, latin1Slice } from './latin1.js';
import { string2ll } from './string2ll.js';
import type { ByteWriter } from './writer.js';

const LP_HDR_SIZE = 6;
const LP_EOF = 0xff;
const LP_HDR_NUMELE_UNKNOWN = 65535;

const INTEGRITY = 'Listpack integrity check failed.';

/** Bytes the backlen of an entry of size l takes (lpEncodeBacklen). */
function backlenSize(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

function writeBacklen(w: ByteWriter, l: number): void {
  const size = backlenSize(l);
  w.ensure(size);
  const buf = w.buf;
  let p = w.pos;
  // Most significant group first; every byte but the first carries the 128 "more" bit, because
  // a backwards reader starts from the last byte.
  for (let k = size - 1; k >= 0; k--) {
    const group = Math.floor(l / 2 ** (7 * k)) & 127;
    buf[p++] = k === size - 1 ? group : group | 128;
  }
  w.pos = p;
}

function writeInt(w: ByteWriter, v: number | bigint): void {
  w.ensure(9);
  const buf = w.buf;
  let p = w.pos;
  if (typeof v === 'bigint') {
    buf[p++] = 0xf4;
    buf.writeBigInt64LE(v, p);
    w.pos = p + 8;
    return;
  }
  if (v >= 0 && v <= 127) {
    buf[p++] = v; // 0xxxxxxx
  } else if (v >= -4096 && v <= 4095) {
    const u = v < 0 ? 8192 + v : v; // 13-bit two's complement
    buf[p++] = 0xc0 | (u >>> 8);
    buf[p++] = u & 0xff;
  } else if (v >= -32768 && v <= 32767) {
    buf[p++] = 0xf1;
    buf[p++] = v & 0xff;
    buf[p++] = (v >>> 8) & 0xff;
  } else if (v >= -8388608 && v <= 8388607) {
    buf[p++] = 0xf2;
    buf[p++] = v & 0xff;
    buf[p++] = (v >>> 8) & 0xff;
    buf[p++] = (v >>> 16) & 0xff;
  } else if (v >= -2147483648 && v <= 2147483647) {
    buf[p++] = 0xf3;
    buf[p++] = v & 0xff;
    buf[p++] = (v >>> 8) & 0xff;
    buf[p++] = (v >>> 16) & 0xff;
    buf[p++] = (v >>> 24) & 0xff;
  } else {
    buf[p++] = 0xf4;
    w.pos = p;
    w.i64LE(v);
    return;
  }
  w.pos = p;
}

function writeStr(w: ByteWriter, s: string): void {
  const n = s.length;
  w.ensure(5);
  if (n < 64) {
    w.buf[w.pos++] = 0x80 | n; // 10xxxxxx
  } else if (n < 4096) {
    w.buf[w.pos++] = 0xe0 | (n >>> 8); // 1110xxxx yyyyyyyy
    w.buf[w.pos++] = n & 0xff;
  } else {
    w.buf[w.pos++] = 0xf0;
    w.setU32LE(w.pos, n);
    w.pos += 4;
  }
  w.latin1(s);
}

/** Append one entry (lpAppend): canonical integers take an integer encoding, the rest stay strings. */
export function lpAppendEntry(w: ByteWriter, s: string): void {
  const start = w.pos;
  const v = string2ll(s);
  if (v !== null) writeInt(w, v);
  else writeStr(w, s);
  writeBacklen(w, w.pos - start);
}

/**
 * Write a whole listpack of the given entries at w.pos; returns the [start, end) it occupies.
 * The caller stores it as one RDB string.
 */
export function writeListpack(w: ByteWriter, entries: Iterable<string>): [number, number] {
  const start = w.pos;
  w.ensure(LP_HDR_SIZE);
  w.pos += LP_HDR_SIZE;
  let count = 0;
  for (const s of entries) {
    lpAppendEntry(w, s);
    count++;
  }
  w.u8(LP_EOF);
  w.setU32LE(start, w.pos - start);
  w.setU16LE(start + 4, count < LP_HDR_NUMELE_UNKNOWN ? count : LP_HDR_NUMELE_UNKNOWN);
  return [start, w.pos];
}

/** Bytes an empty listpack takes: header plus the end byte (what a fresh quicklist node starts at). */
export const LP_EMPTY_BYTES = LP_HDR_SIZE + 1;

/** lpDecodeBacklen: read a backlen ending at `at`, walking backwards through its 7-bit groups. */
function decodeBacklen(b: Uint8Array, at: number): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    value += (b[at] & 127) * 2 ** shift;
    if (!(b[at] & 128)) return value;
    shift += 7;
    at--;
  }
}

/** Read a signed little-endian integer of `bytes` bytes (≤ 4) at p. */
function readIntLE(b: Uint8Array, p: number, bytes: number): number {
  let u = 0;
  for (let k = bytes - 1; k >= 0; k--) u = u * 256 + b[p + k];
  const bits = bytes * 8;
  return u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
}

/** A signed 64-bit little-endian value at p, as the decimal string Redis would print. */
export function int64LEString(b: Uint8Array, p: number): string {
  const lo = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  const hi = b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24); // signed
  if (hi >= -0x200000 && hi < 0x200000) return String(hi * 4294967296 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/**
 * Decode the listpack at b[start, end) into its entries as strings (integers in decimal), checking
 * every length against the blob like lpValidateIntegrity; appends to `out` when given (the nodes
 * of one long list). Throws RdbError on damage.
 */
export function lpDecode(bytes: Uint8Array, start: number, end: number, out: string[] = []): string[] {
  const b = asBuffer(bytes);
  if (end - start < LP_HDR_SIZE + 1) throw new RdbError(INTEGRITY);
  const total = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  const count = b[start + 4] | (b[start + 5] << 8);
  if (total !== end - start || b[end - 1] !== LP_EOF) throw new RdbError(INTEGRITY);
  const first = out.length;
  let p = start + LP_HDR_SIZE;
  const last = end - 1;
  while (p < last) {
    const enc = b[p];
    let size: number; // encoding + data
    let value: string;
    if (enc < 0x80) {
      size = 1;
      value = String(enc);
    } else if (enc < 0xc0) {
      const n = enc & 0x3f;
      size = 1 + n;
      if (p + size > last) throw new RdbError(INTEGRITY);
      value = latin1Slice(b, p + 1, p + size);
    } else if (enc < 0xe0) {
      size = 2;
      if (p + size > last) throw new RdbError(INTEGRITY);
      const u = ((enc & 0x1f) << 8) | b[p + 1];
      value = String(u >= 4096 ? u - 8192 : u);
    } else if (enc < 0xf0) {
      if (p + 2 > last) throw new RdbError(INTEGRITY);
      const n = ((enc & 0x0f) << 8) | b[p + 1];
      size = 2 + n;
      if (p + size > last) throw new RdbError(INTEGRITY);
      value = latin1Slice(b, p + 2, p + size);
    } else if (enc === 0xf0) {
      if (p + 5 > last) throw new RdbError(INTEGRITY);
      const n = (b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24)) >>> 0;
      size = 5 + n;
      if (p + size > last) throw new RdbError(INTEGRITY);
      value = latin1Slice(b, p + 5, p + size);
    } else if (enc >= 0xf1 && enc <= 0xf4) {
      const width = enc === 0xf1 ? 2 : enc === 0xf2 ? 3 : enc === 0xf3 ? 4 : 8;
      size = 1 + width;
      if (p + size > last) throw new RdbError(INTEGRITY);
      value = width === 8 ? int64LEString(b, p + 1) : String(readIntLE(b, p + 1, width));
    } else {
      throw new RdbError(INTEGRITY);
    }
    const backlen = backlenSize(size);
    if (p + size + backlen > last) throw new RdbError(INTEGRITY);
    // The backlen must say the entry's size, or walking the list from its tail would go astray.
    if (backlen === 1 ? b[p + size] !== size : decodeBacklen(b, p + size + backlen - 1) !== size) {
      throw new RdbError(INTEGRITY);
    }
    out.push(value);
    p += size + backlen;
  }
  if (p !== last) throw new RdbError(INTEGRITY);
  if (count !== LP_HDR_NUMELE_UNKNOWN && count !== out.length - first) throw new RdbError(INTEGRITY);
  return out;
}
