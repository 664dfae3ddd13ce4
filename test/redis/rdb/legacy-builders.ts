/**
 * Hand-built RDB pieces for formats Redis 7.0 no longer writes but still loads (ziplists,
 * zipmaps, old object types, old versions), following ziplist.c, zipmap.c and rdb.c.
 */
import { crc64 } from '../../../src/redis/rdb/index.js';

/** rdbSaveLen for small test lengths. */
export function len(n: number): Buffer {
  if (n < 64) return Buffer.from([n]);
  if (n < 16384) return Buffer.from([0x40 | (n >> 8), n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0x80;
  b.writeUInt32BE(n, 1);
  return b;
}

/** A raw RDB string: length then bytes. */
export function rdbString(s: string): Buffer {
  return Buffer.concat([len(s.length), Buffer.from(s, 'latin1')]);
}

/** A whole file: REDIS + 4-digit version + body + EOF, + CRC-64 LE from version 5 on. */
export function rdbFile(version: number, body: Buffer, checksum: 'crc' | 'zero' = 'crc'): Buffer {
  const head = Buffer.concat([Buffer.from(`REDIS${String(version).padStart(4, '0')}`, 'latin1'), body, Buffer.from([0xff])]);
  if (version < 5) return head;
  const sum = Buffer.alloc(8);
  if (checksum === 'crc') sum.writeBigUInt64LE(crc64(head));
  return Buffer.concat([head, sum]);
}

/** One ziplist entry's encoding + data (zipStoreEntryEncoding / zipSaveInteger). */
function ziplistEntryBody(s: string): Buffer {
  if (/^(0|-?[1-9][0-9]*)$/.test(s) && s.length <= 20) {
    const v = BigInt(s);
    if (v >= 0n && v <= 12n) return Buffer.from([0xf1 + Number(v)]);
    if (v >= -128n && v <= 127n) return Buffer.from([0xfe, Number(v) & 0xff]);
    if (v >= -32768n && v <= 32767n) {
      const b = Buffer.alloc(3);
      b[0] = 0xc0;
      b.writeInt16LE(Number(v), 1);
      return b;
    }
    if (v >= -8388608n && v <= 8388607n) {
      const n = Number(v); // zipSaveInteger keeps the low 3 bytes, little-endian
      return Buffer.from([0xf0, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);
    }
    if (v >= -2147483648n && v <= 2147483647n) {
      const b = Buffer.alloc(5);
      b[0] = 0xd0;
      b.writeInt32LE(Number(v), 1);
      return b;
    }
    const b = Buffer.alloc(9);
    b[0] = 0xe0;
    b.writeBigInt64LE(v, 1);
    return b;
  }
  const data = Buffer.from(s, 'latin1');
  if (data.length < 64) return Buffer.concat([Buffer.from([data.length]), data]);
  if (data.length < 16384) return Buffer.concat([Buffer.from([0x40 | (data.length >> 8), data.length & 0xff]), data]);
  const h = Buffer.alloc(5);
  h[0] = 0x80;
  h.writeUInt32BE(data.length, 1);
  return Buffer.concat([h, data]);
}

/** A ziplist blob: zlbytes, zltail, zllen, entries (prevlen + body), 0xFF. */
export function ziplist(entries: string[]): Buffer {
  const parts: Buffer[] = [];
  let prev = 0;
  let offset = 10;
  let tail = 10;
  for (const e of entries) {
    const body = ziplistEntryBody(e);
    const prevlen = prev < 254 ? Buffer.from([prev]) : Buffer.concat([Buffer.from([0xfe]), u32(prev)]);
    const entry = Buffer.concat([prevlen, body]);
    tail = offset;
    offset += entry.length;
    prev = entry.length;
    parts.push(entry);
  }
  const total = offset + 1;
  const header = Buffer.concat([u32(total), u32(tail), Buffer.from([entries.length & 0xff, entries.length >> 8])]);
  return Buffer.concat([header, ...parts, Buffer.from([0xff])]);
}

/** A zipmap blob: count byte, (len field, len value, free 0, value)..., 0xFF. */
export function zipmap(pairs: [string, string][]): Buffer {
  const parts = pairs.map(([f, v]) =>
    Buffer.concat([Buffer.from([f.length]), Buffer.from(f, 'latin1'), Buffer.from([v.length, 0]), Buffer.from(v, 'latin1')]),
  );
  return Buffer.concat([Buffer.from([pairs.length]), ...parts, Buffer.from([0xff])]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** A blob stored as an RDB string. */
export const blob = (b: Buffer): Buffer => Buffer.concat([len(b.length), b]);
