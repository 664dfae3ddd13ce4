/**
 * MEMORY USAGE (object.c memoryCommand / objectComputeSize in Redis 7.0): the bytes a key and its
 * value take, as jemalloc hands them out — the robj, the key's sds, the dictEntry, and the value's
 * own allocations, sampling at most SAMPLES elements of a big collection. Exact (equal to
 * redis-server 7.0.15) for strings, quicklist lists, listpack hashes and sorted sets, intsets and
 * hashtable sets and hashes; an estimate for skiplist sorted sets (their node heights are random
 * in Redis) and for streams (a radix tree of listpacks). A hashtable that grew by single inserts
 * is still rehashing in Redis for a while (two tables, more slots): not modelled.
 */

import type { RedisValue } from './keyspace.js';
import { objectEncoding } from './commands/object.js';
import { LIST_MAX_LISTPACK_BYTES } from './rdb/encode.js';
import { lpAppendEntry, writeListpack } from './rdb/listpack.js';
import { ByteWriter } from './rdb/writer.js';
import { streamEntries } from './stream.js';
import { zsetOrdered } from './commands/zsets.js';
import { d2string } from './rdb/score.js';

/** jemalloc's usable size for `n` bytes: 8, 16, 32, 48 … 128 by 16, then four classes per doubling. */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const k = Math.floor(Math.log2(n - 1));
  const step = 2 ** (k - 2);
  return Math.ceil(n / step) * step;
}

const ROBJ = 16;
const DICT_ENTRY = 24;
const DICT = 56;
const QUICKLIST = 40;
const QUICKLIST_NODE = 40;
const ZSET = 16;
const ZSKIPLIST = 32;
/** The skiplist header node: robj-less node with ZSKIPLIST_MAXLEVEL (32) levels. */
const ZSL_HEADER = 24 + 32 * 16;

/** sdsZmallocSize of an sds holding `len` bytes, created exactly (sdsnewlen): header by length. */
function sdsSize(len: number): number {
  const hdr = len < 256 ? 3 : len < 65536 ? 5 : len < 2 ** 32 ? 9 : 17;
  return mallocSize(hdr + len + 1);
}

/** The slots of a dict holding `n` entries grown one insert at a time: 4, then powers of two. */
function dictSlots(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

function listpackBytes(entries: Iterable<string>): number {
  const w = new ByteWriter(256);
  const [start, end] = writeListpack(w, entries);
  return end - start;
}

/** The listpack sizes of a list's quicklist nodes (about 8 KB each, list-max-listpack-size -2). */
function quicklistNodeBytes(elements: readonly string[]): number[] {
  const sizes: number[] = [];
  const w = new ByteWriter(256);
  let node = -1; // bytes of the open node (header + entries), -1 = none
  for (const e of elements) {
    w.pos = 0;
    lpAppendEntry(w, e);
    const entry = w.pos;
    if (node < 0 || node + 1 + e.length + 8 > LIST_MAX_LISTPACK_BYTES) {
      if (node >= 0) sizes.push(node + 1);
      node = 6;
    }
    node += entry;
  }
  if (node >= 0) sizes.push(node + 1);
  return sizes;
}

/** Average of the first `samples` element sizes (0 = all) times the element count. */
function sampled(sizes: Iterable<number>, count: number, samples: number): number {
  let total = 0;
  let n = 0;
  for (const s of sizes) {
    total += s;
    n++;
    if (samples > 0 && n >= samples) break;
  }
  return n === 0 ? 0 : (total / n) * count;
}

/** objectComputeSize(): the value's bytes. */
function objectComputeSize(value: RedisValue, samples: number): number {
  const enc = objectEncoding(value);
  if (typeof value === 'string') {
    if (enc === 'int') return ROBJ;
    if (enc === 'embstr') return mallocSize(ROBJ + 3 + value.length + 1);
    return sdsSize(value.length) + ROBJ;
  }
  switch (value.type) {
    case 'list': {
      const nodes = quicklistNodeBytes(value.value);
      return ROBJ + QUICKLIST + sampled(nodes.map((b) => QUICKLIST_NODE + mallocSize(b)), nodes.length, samples);
    }
    case 'set': {
      if (enc === 'intset') {
        let width = 2;
        for (const m of value.value) {
          const v = Math.abs(Number(m));
          if (v > 2147483647) width = 8;
          else if (v > 32767 && width < 4) width = 4;
        }
        return ROBJ + mallocSize(8 + width * value.value.size);
      }
      const n = value.value.size;
      const head = ROBJ + DICT + 8 * dictSlots(n);
      return head + sampled([...value.value].map((m) => DICT_ENTRY + sdsSize(m.length)), n, samples);
    }
    case 'hash': {
      if (enc === 'listpack') return ROBJ + mallocSize(listpackBytes([...value.value].flat()));
      const n = value.value.size;
      const head = ROBJ + DICT + 8 * dictSlots(n);
      return head + sampled([...value.value].map(([f, v]) => DICT_ENTRY + sdsSize(f.length) + sdsSize(v.length)), n, samples);
    }
    case 'zset': {
      if (enc === 'listpack') {
        const entries: string[] = [];
        for (const [m, s] of zsetOrdered(value.value)) entries.push(m, d2string(s));
        return ROBJ + mallocSize(listpackBytes(entries));
      }
      const n = value.value.size;
      const head = ROBJ + ZSET + ZSKIPLIST + DICT + 8 * dictSlots(n) + mallocSize(ZSL_HEADER);
      // A node: ele, score, backward, then levels of 16 bytes (estimated at the mean height 1.33).
      return head + sampled([...value.value.keys()].map((m) => sdsSize(m.length) + DICT_ENTRY + mallocSize(24 + 16 + 16 * 1.33)), n, samples);
    }
    case 'stream': {
      // Estimate: one listpack per 100 entries plus the radix tree and the stream header.
      let bytes = ROBJ + 100 + 4096 * value.value.nodes.length;
      for (const e of streamEntries(value.value)) bytes += 8 + e.fields.reduce((a, f) => a + f.length + 2, 0);
      return bytes;
    }
  }
}

/** MEMORY USAGE key: value, key sds and dict entry, as a whole number of bytes. */
export function memoryUsage(key: string, value: RedisValue, samples: number): number {
  return Math.floor(objectComputeSize(value, samples)) + sdsSize(key.length) + DICT_ENTRY;
}
