/**
 * The RDB loader (rdb.c rdbLoadRio / rdbLoadObject), from the loading side: a replica after a
 * full resync, or a server starting from dump.rdb. Reads versions 1..10 and every encoding 7.0
 * reads, except module and stream values, which the simulated keyspace cannot hold.
 */
import { createDbs, type RedisDb, type RedisValue } from '../keyspace.js';
import {
  QUICKLIST_NODE_CONTAINER_PACKED,
  QUICKLIST_NODE_CONTAINER_PLAIN,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_FREQ,
  RDB_OPCODE_FUNCTION,
  RDB_OPCODE_FUNCTION2,
  RDB_OPCODE_IDLE,
  RDB_OPCODE_MODULE_AUX,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  RDB_TYPE_HASH,
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_HASH_ZIPMAP,
  RDB_TYPE_LIST,
  RDB_TYPE_LIST_QUICKLIST,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_LIST_ZIPLIST,
  RDB_TYPE_MODULE,
  RDB_TYPE_MODULE_2,
  RDB_TYPE_SET,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_STREAM_LISTPACKS,
  RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STRING,
  RDB_TYPE_ZSET,
  RDB_TYPE_ZSET_2,
  RDB_TYPE_ZSET_LISTPACK,
  RDB_TYPE_ZSET_ZIPLIST,
  RDB_VERSION,
} from './constants.js';
import { crc64Update } from './crc64.js';
import { checkStream, streamNodeFromElements } from './stream-rdb.js';
import type { StreamNode, StreamValue } from '../stream.js';
import { RdbError, SHORT_READ } from './errors.js';
import { intsetDecode } from './intset.js';
import { asBuffer, latin1Slice } from './latin1.js';
import { lpDecode } from './listpack.js';
import { lzfDecompress } from './lzf.js';
import { strtod } from './score.js';
import { ziplistDecode, zipmapDecode } from './ziplist.js';

/** A blob (listpack, intset, ziplist...) read as a string: where its bytes are. */
interface Span {
  buf: Buffer;
  start: number;
  end: number;
}

/** Characters of a module type name (module.c ModuleTypeNameCharSet). */
const MODULE_NAME_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** moduleTypeNameByID: a 64-bit module id holds 9 six-bit characters and a 10-bit version. */
function moduleTypeName(id: bigint): string {
  let rest = id >> 10n;
  let name = '';
  for (let j = 0; j < 9; j++) {
    name = MODULE_NAME_CHARSET[Number(rest & 63n)] + name;
    rest >>= 6n;
  }
  return name;
}

class RdbReader {
  pos = 0;
  readonly end: number;

  constructor(readonly buf: Buffer) {
    this.end = buf.length;
  }

  u8(): number {
    if (this.pos >= this.end) throw new RdbError(SHORT_READ);
    return this.buf[this.pos++];
  }

  need(n: number): void {
    if (this.pos + n > this.end) throw new RdbError(SHORT_READ);
  }

  /**
   * rdbLoadLenByRef: a length, or for the 11xxxxxx form a special string encoding returned as
   * -1 - encoding (so INT8 → -1, LZF → -4).
   */
  lenOrEncoding(): number {
    const first = this.u8();
    const kind = first >>> 6;
    if (kind === 0) return first & 0x3f;
    if (kind === 1) return ((first & 0x3f) << 8) | this.u8();
    if (kind === 3) return -1 - (first & 0x3f);
    const b = this.buf;
    if (first === 0x80) {
      this.need(4);
      const p = this.pos;
      this.pos += 4;
      return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
    }
    if (first === 0x81) {
      this.need(8);
      const v = b.readBigUInt64BE(this.pos);
      this.pos += 8;
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RdbError(SHORT_READ);
      return Number(v);
    }
    throw new RdbError(`Unknown length encoding ${first} in rdbLoadLen()`);
  }

  len(): number {
    const n = this.lenOrEncoding();
    if (n < 0) throw new RdbError(`Unknown length encoding in rdbLoadLen()`);
    return n;
  }

  /**
   * An element count: each element takes at least one byte, so a count beyond the bytes left is
   * damage; failing here avoids allocating for a corrupt 4-billion-element header.
   */
  count(): number {
    const n = this.len();
    if (n > this.end - this.pos) throw new RdbError(SHORT_READ);
    return n;
  }

  /** A length that may be a full 64-bit value (module ids). */
  len64(): bigint {
    const first = this.buf[this.pos];
    if (first === 0x81) {
      this.pos++;
      this.need(8);
      const v = this.buf.readBigUInt64BE(this.pos);
      this.pos += 8;
      return v;
    }
    return BigInt(this.len());
  }

  /** rdbGenericLoadStringObject as a byte string. */
  string(): string {
    const n = this.lenOrEncoding();
    const b = this.buf;
    if (n >= 0) {
      const p = this.pos;
      if (p + n > this.end) throw new RdbError(SHORT_READ);
      this.pos = p + n;
      return latin1Slice(b, p, p + n);
    }
    return this.encodedString(n);
  }

  /** The rest of a string whose length byte said INT8/16/32 or LZF (n = -1 - encoding). */
  private encodedString(n: number): string {
    const b = this.buf;
    if (n === -1 - RDB_ENC_INT8) {
      return String((this.u8() << 24) >> 24);
    }
    if (n === -1 - RDB_ENC_INT16) {
      this.need(2);
      const p = this.pos;
      this.pos += 2;
      return String(((b[p] | (b[p + 1] << 8)) << 16) >> 16);
    }
    if (n === -1 - RDB_ENC_INT32) {
      this.need(4);
      const p = this.pos;
      this.pos += 4;
      return String(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24));
    }
    if (n === -1 - RDB_ENC_LZF) {
      const span = this.lzf();
      return latin1Slice(span.buf, span.start, span.end);
    }
    throw new RdbError(`Unknown RDB string encoding type ${-1 - n}`);
  }

  /** A string as raw bytes (for blobs): a view into the file, or a fresh buffer after LZF. */
  blob(): Span {
    const n = this.lenOrEncoding();
    if (n >= 0) {
      const p = this.pos;
      if (p + n > this.end) throw new RdbError(SHORT_READ);
      this.pos = p + n;
      return { buf: this.buf, start: p, end: p + n };
    }
    if (n === -1 - RDB_ENC_LZF) return this.lzf();
    const text = Buffer.from(this.encodedString(n), 'latin1');
    return { buf: text, start: 0, end: text.length };
  }

  /** rdbLoadLzfStringObject: compressed length, original length, data. */
  private lzf(): Span {
    const clen = this.len();
    const len = this.len();
    if (this.pos + clen > this.end) throw new RdbError(SHORT_READ);
    // Three LZF bytes expand to at most 264, so anything claiming more is damage, not data.
    if (len > clen * 88 + 64) throw new RdbError('Invalid LZF compressed string');
    const out = Buffer.allocUnsafe(len);
    const got = lzfDecompress(this.buf, this.pos, this.pos + clen, out);
    this.pos += clen;
    if (got !== len) throw new RdbError('Invalid LZF compressed string');
    return { buf: out, start: 0, end: len };
  }

  /** rdbLoadBinaryDoubleValue: 8 bytes, little-endian IEEE 754. */
  binaryDouble(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** rdbLoadDoubleValue (old ZSET): length byte (253 nan, 254 +inf, 255 -inf) then ASCII. */
  textDouble(): number {
    const n = this.u8();
    if (n === 253) return NaN;
    if (n === 254) return Infinity;
    if (n === 255) return -Infinity;
    this.need(n);
    const s = latin1Slice(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return strtod(s);
  }

  int64LE(): number {
    this.need(8);
    const v = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return Number(v);
  }

  int32LE(): number {
    this.need(4);
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
}

/** Pairs a flat [field, value, field, value...] list into a hash, refusing duplicate fields. */
function hashFromPairs(flat: string[]): RedisValue | null {
  if (flat.length % 2 !== 0) throw new RdbError('Hash listpack integrity check failed.');
  const map = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
  if (map.size * 2 !== flat.length) throw new RdbError('Hash listpack integrity check failed.');
  return map.size === 0 ? null : { type: 'hash', value: map };
}

/** Pairs a flat [member, score, ...] list into a zset, refusing duplicates and NaN scores. */
function zsetFromPairs(flat: string[]): RedisValue | null {
  if (flat.length % 2 !== 0) throw new RdbError('Zset listpack integrity check failed.');
  const map = new Map<string, number>();
  for (let i = 0; i < flat.length; i += 2) {
    const score = strtod(flat[i + 1]);
    if (Number.isNaN(score)) throw new RdbError('Zset with NAN score detected');
    map.set(flat[i], score);
  }
  if (map.size * 2 !== flat.length) throw new RdbError('Zset listpack integrity check failed.');
  return map.size === 0 ? null : { type: 'zset', value: map };
}

/** rdbLoadObject: the value of one key; null for an empty collection (skipped, like Redis). */
function readObject(r: RdbReader, type: number): RedisValue | null {
  switch (type) {
    case RDB_TYPE_STRING:
      return r.string();
    case RDB_TYPE_LIST: {
      const n = r.count();
      const list: string[] = new Array(n);
      for (let i = 0; i < n; i++) list[i] = r.string();
      return n === 0 ? null : { type: 'list', value: list };
    }
    case RDB_TYPE_SET: {
      const n = r.count();
      const set = new Set<string>();
      for (let i = 0; i < n; i++) set.add(r.string());
      if (set.size !== n) throw new RdbError('Duplicate set members detected');
      return n === 0 ? null : { type: 'set', value: set };
    }
    case RDB_TYPE_ZSET:
    case RDB_TYPE_ZSET_2: {
      const n = r.count();
      const zset = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const member = r.string();
        const score = type === RDB_TYPE_ZSET_2 ? r.binaryDouble() : r.textDouble();
        if (Number.isNaN(score)) throw new RdbError('Zset with NAN score detected');
        zset.set(member, score);
      }
      if (zset.size !== n) throw new RdbError('Duplicate zset fields detected');
      return n === 0 ? null : { type: 'zset', value: zset };
    }
    case RDB_TYPE_HASH: {
      const n = r.count();
      const hash = new Map<string, string>();
      for (let i = 0; i < n; i++) {
        const field = r.string();
        hash.set(field, r.string());
      }
      if (hash.size !== n) throw new RdbError('Duplicate hash fields detected');
      return n === 0 ? null : { type: 'hash', value: hash };
    }
    case RDB_TYPE_HASH_ZIPMAP: {
      const s = r.blob();
      return hashFromPairs(zipmapDecode(s.buf, s.start, s.end));
    }
    case RDB_TYPE_LIST_ZIPLIST: {
      const s = r.blob();
      const list = ziplistDecode(s.buf, s.start, s.end);
      return list.length === 0 ? null : { type: 'list', value: list };
    }
    case RDB_TYPE_SET_INTSET: {
      const s = r.blob();
      const members = intsetDecode(s.buf, s.start, s.end);
      return members.length === 0 ? null : { type: 'set', value: new Set(members) };
    }
    case RDB_TYPE_ZSET_ZIPLIST: {
      const s = r.blob();
      return zsetFromPairs(ziplistDecode(s.buf, s.start, s.end));
    }
    case RDB_TYPE_HASH_ZIPLIST: {
      const s = r.blob();
      return hashFromPairs(ziplistDecode(s.buf, s.start, s.end));
    }
    case RDB_TYPE_HASH_LISTPACK: {
      const s = r.blob();
      return hashFromPairs(lpDecode(s.buf, s.start, s.end));
    }
    case RDB_TYPE_ZSET_LISTPACK: {
      const s = r.blob();
      return zsetFromPairs(lpDecode(s.buf, s.start, s.end));
    }
    case RDB_TYPE_LIST_QUICKLIST:
    case RDB_TYPE_LIST_QUICKLIST_2: {
      const nodes = r.count();
      const list: string[] = [];
      for (let i = 0; i < nodes; i++) {
        if (type === RDB_TYPE_LIST_QUICKLIST) {
          const s = r.blob();
          ziplistDecode(s.buf, s.start, s.end, list);
          continue;
        }
        const container = r.len();
        if (container === QUICKLIST_NODE_CONTAINER_PLAIN) {
          list.push(r.string());
        } else if (container === QUICKLIST_NODE_CONTAINER_PACKED) {
          // An empty node adds nothing (rdbLoadObject drops it), which is not an error.
          const s = r.blob();
          lpDecode(s.buf, s.start, s.end, list);
        } else {
          throw new RdbError('Quicklist integrity check failed.');
        }
      }
      return list.length === 0 ? null : { type: 'list', value: list };
    }
    case RDB_TYPE_STREAM_LISTPACKS:
    case RDB_TYPE_STREAM_LISTPACKS_2: {
      const n = r.count();
      const nodes: StreamNode[] = [];
      for (let i = 0; i < n; i++) {
        const key = r.string();
        const s = r.blob();
        const node = streamNodeFromElements(key, lpDecode(s.buf, s.start, s.end));
        if (node.entries.length === 0) throw new RdbError('Empty listpack inside stream');
        nodes.push(node);
      }
      const length = r.len();
      const lastId = { ms: r.len(), seq: r.len() };
      let maxDeletedId = { ms: 0, seq: 0 };
      let entriesAdded = length;
      if (type === RDB_TYPE_STREAM_LISTPACKS_2) {
        r.len(); // first ID: recomputed from the entries
        r.len();
        maxDeletedId = { ms: r.len(), seq: r.len() };
        entriesAdded = r.len();
      }
      if (r.len() !== 0) throw new RdbError('Stream consumer groups are not supported by this simulated Redis');
      const stream: StreamValue = { nodes, length, lastId, maxDeletedId, entriesAdded };
      checkStream(stream);
      return { type: 'stream', value: stream };
    }
    case RDB_TYPE_MODULE:
    case RDB_TYPE_MODULE_2: {
      const name = moduleTypeName(r.len64());
      throw new RdbError(`The RDB file contains module data I can't load: no matching module type '${name}'`);
    }
    default:
      throw new RdbError(`Unknown RDB encoding type ${type}`);
  }
}

/**
 * Decode an RDB file (versions 1..10, as Redis 7.0 loads them) into 16 databases plus its AUX
 * fields. Expired keys are kept with their expire times: dropping them needs a clock, which is
 * the caller's (a master drops them on load, a replica keeps them). Throws RdbError on a bad
 * signature, an unsupported version, truncation, damage, a wrong checksum, duplicate keys,
 * module data, or stream keys.
 */
export function decodeRdb(bytes: Uint8Array): { dbs: RedisDb[]; aux: Record<string, string> } {
  const buf = asBuffer(bytes);
  if (buf.length < 9) throw new RdbError(SHORT_READ);
  if (buf.toString('latin1', 0, 5) !== 'REDIS') {
    throw new RdbError('Wrong signature trying to load DB from file');
  }
  const version = parseInt(buf.toString('latin1', 5, 9), 10) || 0; // atoi
  if (version < 1 || version > RDB_VERSION) {
    throw new RdbError(`Can't handle RDB format version ${version}`);
  }

  const r = new RdbReader(buf);
  r.pos = 9;
  const dbs = createDbs();
  const aux: Record<string, string> = {};
  let db = dbs[0];
  let expireMs = -1;

  for (;;) {
    const type = r.u8();
    if (type === RDB_OPCODE_EOF) break;
    switch (type) {
      case RDB_OPCODE_EXPIRETIME_MS:
        expireMs = r.int64LE();
        continue;
      case RDB_OPCODE_EXPIRETIME:
        expireMs = r.int32LE() * 1000;
        continue;
      case RDB_OPCODE_FREQ:
        r.u8(); // LFU counter: only meaningful under an LFU maxmemory-policy
        continue;
      case RDB_OPCODE_IDLE:
        r.len(); // LRU idle seconds: likewise
        continue;
      case RDB_OPCODE_SELECTDB: {
        const id = r.len();
        if (id >= dbs.length) {
          throw new RdbError(
            `FATAL: Data file was created with a Redis server configured to handle more than ${dbs.length} databases. Exiting`,
          );
        }
        db = dbs[id];
        continue;
      }
      case RDB_OPCODE_RESIZEDB:
        r.len(); // sizing hints for the dicts; Maps need none
        r.len();
        continue;
      case RDB_OPCODE_AUX: {
        const key = r.string();
        // defineProperty, so a field named "__proto__" is stored like any other.
        Object.defineProperty(aux, key, { value: r.string(), enumerable: true, writable: true, configurable: true });
        continue;
      }
      case RDB_OPCODE_MODULE_AUX: {
        const name = moduleTypeName(r.len64());
        throw new RdbError(`The RDB file contains AUX module data I can't load: no matching module '${name}'`);
      }
      case RDB_OPCODE_FUNCTION:
        throw new RdbError('Pre-release function format not supported.');
      case RDB_OPCODE_FUNCTION2:
        // A function library's source: the simulated server has no FUNCTION support, so the
        // library is skipped rather than failing the whole load.
        r.string();
        continue;
    }

    const key = r.string();
    const value = readObject(r, type);
    if (value !== null) {
      // One hash lookup instead of has() + set(): a duplicate leaves the size unchanged.
      const before = db.dict.size;
      db.dict.set(key, value);
      if (db.dict.size === before) throw new RdbError(`RDB has duplicated key '${key}' in DB ${db.id}`);
      if (expireMs !== -1) db.expires.set(key, expireMs);
    }
    expireMs = -1;
  }

  // Since version 5 the file ends with a CRC-64 of everything before it; zero means "not computed".
  if (version >= 5) {
    const covered = r.pos;
    r.need(8);
    const storedLo = buf.readUInt32LE(covered);
    const storedHi = buf.readUInt32LE(covered + 4);
    if (storedLo !== 0 || storedHi !== 0) {
      const { hi, lo } = crc64Update({ hi: 0, lo: 0 }, buf, 0, covered);
      if (hi !== storedHi || lo !== storedLo) {
        const hex = (h: number, l: number) => ((BigInt(h) << 32n) | BigInt(l)).toString(16);
        throw new RdbError(
          `Wrong RDB checksum expected: (${hex(hi, lo)}) got (${hex(storedHi, storedLo)}). Aborting now.`,
        );
      }
    }
  }
  return { dbs, aux };
}
