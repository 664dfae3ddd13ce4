/**
 * The RDB writer (rdb.c rdbSaveRio and friends): serialises all databases as an RDB version 10
 * file, choosing the same object encodings a default-configured Redis 7.0 would hold the values
 * in, so our dump.rdb loads in a real redis-server and looks like one it wrote.
 */
import type { RedisDb, RedisValue } from '../keyspace.js';
import { crc64Update } from './crc64.js';
import { writeIntset } from './intset.js';
import { LP_EMPTY_BYTES, lpAppendEntry, writeListpack } from './listpack.js';
import { lzfCompress } from './lzf.js';
import { d2string } from './score.js';
import { string2int32, string2ll } from './string2ll.js';
import { ByteWriter } from './writer.js';
import { streamNodeElements } from './stream-rdb.js';
import { firstId, type StreamValue } from '../stream.js';
import {
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  RDB_TYPE_HASH,
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_SET,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STRING,
  RDB_TYPE_ZSET_2,
  RDB_TYPE_ZSET_LISTPACK,
  RDB_VERSION,
  QUICKLIST_NODE_CONTAINER_PACKED,
  REDIS_VERSION,
} from './constants.js';

/** Replication info saved as AUX fields (rdbSaveInfo / rdbPopulateSaveInfo). */
export interface RdbAux {
  replStreamDb: number;
  replId: string;
  replOffset: number;
  ctimeSec: number;
  usedMem: number;
}

/** What a plain SAVE records about the moment (used when there is no replication info). */
export interface RdbSaveInfo {
  ctimeSec: number;
  usedMem: number;
}

/** The encoding thresholds of a default 7.0 config (redis.conf *-max-* settings). */
export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;
export const SET_MAX_INTSET_ENTRIES = 512;
/** list-max-listpack-size -2: a quicklist node holds at most 8 KB of listpack. */
export const LIST_MAX_LISTPACK_BYTES = 8192;
/** quicklist.c's per-element overestimate of listpack overhead when deciding to open a node. */
const SIZE_ESTIMATE_OVERHEAD = 8;

/** One encoder run: the output, a scratch buffer for blobs, and LZF's output buffer. */
class RdbEncoder {
  readonly out: ByteWriter;
  private readonly scratch = new ByteWriter(1 << 12);
  private lzfOut = new Uint8Array(1 << 12);

  constructor(sizeHint: number) {
    this.out = new ByteWriter(sizeHint);
  }

  /** rdbSaveLen: 6-bit, 14-bit, or 0x80 + 32-bit / 0x81 + 64-bit big-endian. */
  len(n: number): void {
    const w = this.out;
    w.ensure(9);
    const buf = w.buf;
    if (n < 64) {
      buf[w.pos++] = n;
    } else if (n < 16384) {
      buf[w.pos++] = 0x40 | (n >>> 8);
      buf[w.pos++] = n & 0xff;
    } else if (n <= 0xffffffff) {
      buf[w.pos++] = 0x80;
      buf[w.pos++] = n >>> 24;
      buf[w.pos++] = (n >>> 16) & 0xff;
      buf[w.pos++] = (n >>> 8) & 0xff;
      buf[w.pos++] = n & 0xff;
    } else {
      buf[w.pos++] = 0x81;
      buf.writeBigUInt64BE(BigInt(n), w.pos);
      w.pos += 8;
    }
  }

  /**
   * rdbSaveRawString: a canonical int32 of ≤ 11 bytes as INT8/16/32 (little-endian), then LZF
   * for strings over 20 bytes when it saves at least 4 bytes, else length + bytes.
   */
  string(s: string): void {
    const n = s.length;
    if (n <= 11) {
      const v = string2int32(s);
      if (!Number.isNaN(v)) {
        this.int(v);
        return;
      }
    }
    const w = this.out;
    // Write it raw first; if LZF wins, rewind and write the compressed form over it.
    const start = w.pos;
    this.len(n);
    const dataStart = w.pos;
    w.latin1(s);
    if (n > 20) this.tryLzf(start, dataStart, n);
  }

  /** The bytes src[start, end) as an RDB string (for listpack and intset blobs). */
  blob(src: ByteWriter, start: number, end: number): void {
    const w = this.out;
    const n = end - start;
    const at = w.pos;
    this.len(n);
    const dataStart = w.pos;
    w.raw(src.buf, start, end);
    if (n > 20) this.tryLzf(at, dataStart, n);
  }

  private int(v: number): void {
    const w = this.out;
    w.ensure(5);
    const buf = w.buf;
    if (v >= -128 && v <= 127) {
      buf[w.pos++] = 0xc0 | RDB_ENC_INT8;
      buf[w.pos++] = v & 0xff;
    } else if (v >= -32768 && v <= 32767) {
      buf[w.pos++] = 0xc0 | RDB_ENC_INT16;
      buf[w.pos++] = v & 0xff;
      buf[w.pos++] = (v >>> 8) & 0xff;
    } else {
      buf[w.pos++] = 0xc0 | RDB_ENC_INT32;
      w.setU32LE(w.pos, v >>> 0);
      w.pos += 4;
    }
  }

  /** rdbSaveLzfStringObject over the n bytes just written at dataStart (len prefix at start). */
  private tryLzf(start: number, dataStart: number, n: number): void {
    if (this.lzfOut.length < n) this.lzfOut = new Uint8Array(n * 2);
    const w = this.out;
    const input = w.buf.subarray(dataStart, dataStart + n);
    const clen = lzfCompress(input, n, this.lzfOut.subarray(0, n - 4));
    if (clen === 0) return;
    w.pos = start;
    w.u8(0xc0 | RDB_ENC_LZF);
    this.len(clen);
    this.len(n);
    w.raw(this.lzfOut, 0, clen);
  }

  /**
   * A stream (RDB_TYPE_STREAM_LISTPACKS_2): its nodes as (master ID key, listpack), then length,
   * last ID, first ID, max deleted ID, entries added, and no consumer groups.
   */
  private stream(s: StreamValue): void {
    const nodes = s.nodes.map(streamNodeElements).filter((n) => n !== null);
    this.len(nodes.length);
    for (const n of nodes) {
      this.string(n.key);
      this.scratch.pos = 0;
      const [start, end] = writeListpack(this.scratch, n.elements);
      this.blob(this.scratch, start, end);
    }
    const first = firstId(s);
    for (const x of [s.length, s.lastId.ms, s.lastId.seq, first.ms, first.seq, s.maxDeletedId.ms, s.maxDeletedId.seq, s.entriesAdded, 0]) {
      this.len(x);
    }
  }

  /** rdbSaveKeyValuePair: [expire] type key value; false for an empty collection (not saved). */
  keyValue(key: string, value: RedisValue, expireMs: number | undefined): boolean {
    const type = rdbObjectType(value);
    if (type < 0) return false;
    const w = this.out;
    if (expireMs !== undefined) {
      w.u8(RDB_OPCODE_EXPIRETIME_MS);
      w.i64LE(expireMs);
    }
    w.u8(type);
    this.string(key);
    switch (type) {
      case RDB_TYPE_STRING:
        this.string(value as string);
        break;
      case RDB_TYPE_LIST_QUICKLIST_2:
        this.quicklist((value as { value: string[] }).value);
        break;
      case RDB_TYPE_SET_INTSET: {
        const ints: (number | bigint)[] = [];
        for (const m of (value as { value: Set<string> }).value) ints.push(string2ll(m)!);
        this.scratch.pos = 0;
        const [start, end] = writeIntset(this.scratch, ints);
        this.blob(this.scratch, start, end);
        break;
      }
      case RDB_TYPE_SET: {
        const members = (value as { value: Set<string> }).value;
        this.len(members.size);
        for (const m of members) this.string(m);
        break;
      }
      case RDB_TYPE_STREAM_LISTPACKS_2:
        this.stream((value as { value: StreamValue }).value);
        break;
      case RDB_TYPE_HASH_LISTPACK: {
        this.scratch.pos = 0;
        const [start, end] = writeListpack(this.scratch, flattenPairs((value as { value: Map<string, string> }).value));
        this.blob(this.scratch, start, end);
        break;
      }
      case RDB_TYPE_HASH: {
        const fields = (value as { value: Map<string, string> }).value;
        this.len(fields.size);
        for (const [f, v] of fields) {
          this.string(f);
          this.string(v);
        }
        break;
      }
      case RDB_TYPE_ZSET_LISTPACK: {
        const entries: string[] = [];
        for (const [m, score] of zsetOrder((value as { value: Map<string, number> }).value)) {
          entries.push(m, d2string(score));
        }
        this.scratch.pos = 0;
        const [start, end] = writeListpack(this.scratch, entries);
        this.blob(this.scratch, start, end);
        break;
      }
      case RDB_TYPE_ZSET_2: {
        // Written from the skiplist's tail (highest score first), so a loader inserting at the
        // head builds the skiplist without searching.
        const ordered = zsetOrder((value as { value: Map<string, number> }).value);
        this.len(ordered.length);
        for (let i = ordered.length - 1; i >= 0; i--) {
          this.string(ordered[i][0]);
          w.ensure(8);
          w.buf.writeDoubleLE(ordered[i][1], w.pos);
          w.pos += 8;
        }
        break;
      }
    }
    return true;
  }

  /**
   * A list as QUICKLIST_2: listpack nodes filled the way RPUSH fills them
   * (_quicklistNodeAllowInsert with fill -2: a node takes an element while its listpack bytes
   * plus the element's length plus SIZE_ESTIMATE_OVERHEAD (8) stay within 8 KB).
   */
  private quicklist(elements: string[]): void {
    const s = this.scratch;
    s.pos = 0;
    const nodes: number[] = []; // start offsets into scratch; each node runs to the next start
    let nodeStart = -1;
    let count = 0;
    for (const e of elements) {
      const nodeBytes = s.pos - nodeStart + 1; // + the end byte not yet written
      if (nodeStart < 0 || nodeBytes + e.length + SIZE_ESTIMATE_OVERHEAD > LIST_MAX_LISTPACK_BYTES) {
        if (nodeStart >= 0) this.closeListpack(nodeStart, count);
        nodeStart = s.pos;
        nodes.push(nodeStart);
        count = 0;
        s.ensure(LP_EMPTY_BYTES - 1);
        s.pos += LP_EMPTY_BYTES - 1;
      }
      lpAppendEntry(s, e);
      count++;
    }
    this.closeListpack(nodeStart, count);
    nodes.push(s.pos);
    this.len(nodes.length - 1);
    for (let i = 0; i + 1 < nodes.length; i++) {
      this.len(QUICKLIST_NODE_CONTAINER_PACKED);
      this.blob(s, nodes[i], nodes[i + 1]);
    }
  }

  private closeListpack(start: number, count: number): void {
    const s = this.scratch;
    s.u8(0xff);
    s.setU32LE(start, s.pos - start);
    s.setU16LE(start + 4, count < 65535 ? count : 65535);
  }

  /** rdbSaveAuxField: two strings after the AUX opcode. */
  aux(key: string, value: string): void {
    this.out.u8(RDB_OPCODE_AUX);
    this.string(key);
    this.string(value);
  }
}

function* flattenPairs(fields: Map<string, string>): Generator<string> {
  for (const [f, v] of fields) {
    yield f;
    yield v;
  }
}

/** The zset order (zslInsert): by score, then by member bytes (memcmp, shorter first on a tie). */
export function compareScoreThenMember(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** A zset's members in skiplist order (ascending score, then member). */
function zsetOrder(scores: Map<string, number>): [string, number][] {
  return [...scores].sort(compareScoreThenMember);
}

/**
 * The RDB type byte 7.0 writes for a value (rdbSaveObjectType), i.e. the encoding a default
 * config would hold it in: string 0; list QUICKLIST_2; set INTSET (≤ 512 canonical integers)
 * or SET; hash LISTPACK (≤ 512 fields, every field and value ≤ 64 bytes) or HASH; zset LISTPACK
 * (≤ 128 members, each ≤ 64 bytes) or ZSET_2. -1 for an empty collection, which Redis never holds.
 */
export function rdbObjectType(value: RedisValue): number {
  if (typeof value === 'string') return RDB_TYPE_STRING;
  switch (value.type) {
    case 'list':
      return value.value.length === 0 ? -1 : RDB_TYPE_LIST_QUICKLIST_2;
    case 'set': {
      const members = value.value;
      if (members.size === 0) return -1;
      if (members.size > SET_MAX_INTSET_ENTRIES) return RDB_TYPE_SET;
      for (const m of members) if (string2ll(m) === null) return RDB_TYPE_SET;
      return RDB_TYPE_SET_INTSET;
    }
    case 'hash': {
      const fields = value.value;
      if (fields.size === 0) return -1;
      if (fields.size > HASH_MAX_LISTPACK_ENTRIES) return RDB_TYPE_HASH;
      for (const [f, v] of fields) {
        if (f.length > HASH_MAX_LISTPACK_VALUE || v.length > HASH_MAX_LISTPACK_VALUE) return RDB_TYPE_HASH;
      }
      return RDB_TYPE_HASH_LISTPACK;
    }
    case 'zset': {
      const scores = value.value;
      if (scores.size === 0) return -1;
      if (scores.size > ZSET_MAX_LISTPACK_ENTRIES) return RDB_TYPE_ZSET_2;
      for (const m of scores.keys()) if (m.length > ZSET_MAX_LISTPACK_VALUE) return RDB_TYPE_ZSET_2;
      return RDB_TYPE_ZSET_LISTPACK;
    }
    case 'stream':
      // An emptied stream is still a key (XDEL / XTRIM keep it).
      return RDB_TYPE_STREAM_LISTPACKS_2;
  }
}

/**
 * Encode all databases as an RDB v10 file (rdbSaveRio), from the master's side for a BGSAVE or
 * SAVE. aux null → no repl-* fields (a plain SAVE); saveInfo then supplies ctime and used-mem,
 * which default to 0 because the engine has no wall clock of its own. Returns the whole file,
 * CRC-64 included.
 */
export function encodeRdb(
  dbs: readonly RedisDb[],
  aux: RdbAux | null,
  saveInfo: RdbSaveInfo = { ctimeSec: aux?.ctimeSec ?? 0, usedMem: aux?.usedMem ?? 0 },
): Uint8Array {
  let keys = 0;
  for (const db of dbs) keys += db.dict.size;
  const enc = new RdbEncoder(1024 + keys * 32);
  const w = enc.out;
  w.latin1(`REDIS${String(RDB_VERSION).padStart(4, '0')}`);

  // rdbSaveInfoAuxFields, in Redis's order.
  enc.aux('redis-ver', REDIS_VERSION);
  enc.aux('redis-bits', '64');
  enc.aux('ctime', String(aux ? aux.ctimeSec : saveInfo.ctimeSec));
  enc.aux('used-mem', String(aux ? aux.usedMem : saveInfo.usedMem));
  if (aux) {
    enc.aux('repl-stream-db', String(aux.replStreamDb));
    enc.aux('repl-id', aux.replId);
    enc.aux('repl-offset', String(aux.replOffset));
  }
  enc.aux('aof-base', '0');

  dbs.forEach((db, dbId) => {
    if (db.dict.size === 0) return;
    w.u8(RDB_OPCODE_SELECTDB);
    enc.len(dbId);
    w.u8(RDB_OPCODE_RESIZEDB);
    enc.len(db.dict.size);
    enc.len(db.expires.size);
    const expires = db.expires.size > 0 ? db.expires : null;
    for (const [key, value] of db.dict) {
      enc.keyValue(key, value, expires === null ? undefined : expires.get(key));
    }
  });

  w.u8(RDB_OPCODE_EOF);
  const { hi, lo } = crc64Update({ hi: 0, lo: 0 }, w.buf, 0, w.pos);
  w.ensure(8);
  w.setU32LE(w.pos, lo);
  w.setU32LE(w.pos + 4, hi);
  w.pos += 8;
  // Hand back exactly the file; copy only when the buffer is mostly slack.
  return w.buf.length - w.pos > 1 << 20 ? new Uint8Array(w.buf.subarray(0, w.pos)) : w.buf.subarray(0, w.pos);
}
