/**
 * Streams in an RDB file (rdb.c rdbSaveObject / rdbLoadObject for RDB_TYPE_STREAM_LISTPACKS and
 * _2, t_stream.c's listpack node layout): each node is a listpack holding a master entry (live and
 * deleted counts, the master fields) and then every entry as flags, ID deltas from the master ID,
 * its fields (or only values when they are the master's fields) and its element count.
 * The tutor writes only live entries and no consumer groups.
 */

import { idString, type StreamEntry, type StreamNode, type StreamValue } from '../stream.js';
import { RdbError } from './errors.js';

/** STREAM_ITEM_FLAG_DELETED / _SAMEFIELDS. */
const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;

/** The 16-byte radix-tree key of a node: the master ID's ms and seq, big-endian. */
export function streamNodeKey(id: { ms: number; seq: number }): string {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(BigInt(id.ms), 0);
  b.writeBigUInt64BE(BigInt(id.seq), 8);
  return b.toString('latin1');
}

function sameFieldNames(e: StreamEntry, master: string[]): boolean {
  if (e.fields.length / 2 !== master.length) return false;
  for (let i = 0; i < master.length; i++) if (e.fields[2 * i] !== master[i]) return false;
  return true;
}

/** One node's listpack entries (as strings; integers take integer encodings when written). */
export function streamNodeElements(node: StreamNode): { key: string; elements: string[] } | null {
  const live = node.entries;
  if (live.length === 0) return null;
  const master = live[0];
  const masterFields: string[] = [];
  for (let i = 0; i < master.fields.length; i += 2) masterFields.push(master.fields[i]);
  const el: string[] = [String(live.length), '0', String(masterFields.length), ...masterFields, '0'];
  for (const e of live) {
    const same = sameFieldNames(e, masterFields);
    el.push(String(same ? FLAG_SAMEFIELDS : 0), String(e.ms - master.ms), String(e.seq - master.seq));
    const n = e.fields.length / 2;
    if (same) {
      for (let i = 1; i < e.fields.length; i += 2) el.push(e.fields[i]);
      el.push(String(n + 3));
    } else {
      el.push(String(n), ...e.fields);
      el.push(String(n * 2 + 1 + 3));
    }
  }
  return { key: streamNodeKey(master), elements: el };
}

function int(s: string | undefined): number {
  if (s === undefined || !/^-?\d+$/.test(s)) throw new RdbError('Stream listpack integrity check failed.');
  return Number(s);
}

/** Decode one node's listpack elements back into entries (deleted ones skipped). */
export function streamNodeFromElements(key: string, el: string[]): StreamNode {
  if (key.length !== 16) throw new RdbError('Stream node key entry is not the size of a stream ID');
  const kb = Buffer.from(key, 'latin1');
  const masterMs = Number(kb.readBigUInt64BE(0));
  const masterSeq = Number(kb.readBigUInt64BE(8));
  let p = 0;
  const count = int(el[p++]);
  const deleted = int(el[p++]);
  const nmf = int(el[p++]);
  const masterFields = el.slice(p, p + nmf);
  p += nmf;
  if (el[p++] !== '0') throw new RdbError('Stream listpack integrity check failed.');
  const entries: StreamEntry[] = [];
  while (p < el.length) {
    const flags = int(el[p++]);
    const ms = masterMs + int(el[p++]);
    const seq = masterSeq + int(el[p++]);
    const fields: string[] = [];
    if (flags & FLAG_SAMEFIELDS) {
      for (const f of masterFields) fields.push(f, el[p++]);
    } else {
      const n = int(el[p++]);
      for (let i = 0; i < n; i++) fields.push(el[p++], el[p++]);
    }
    p++; // lp-count
    if (fields.some((x) => x === undefined)) throw new RdbError('Stream listpack integrity check failed.');
    if (!(flags & FLAG_DELETED)) entries.push({ ms, seq, fields });
  }
  if (entries.length !== count) throw new RdbError('Stream listpack integrity check failed.');
  return { entries, total: count + deleted };
}

/** What a decoded stream must satisfy (the IDs in order, the length right). */
export function checkStream(s: StreamValue): void {
  let n = 0;
  let prev: StreamEntry | null = null;
  for (const node of s.nodes) {
    for (const e of node.entries) {
      if (prev !== null && (e.ms < prev.ms || (e.ms === prev.ms && e.seq <= prev.seq))) {
        throw new RdbError(`Stream entry ${idString(e)} is out of order`);
      }
      prev = e;
      n++;
    }
  }
  if (n !== s.length) throw new RdbError('Stream length inconsistent');
}
