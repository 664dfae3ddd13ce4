/**
 * The stream value (t_stream.c in Redis 7.0): entries ordered by ID, held in nodes the way 7.0's
 * radix tree of listpacks holds them — a node takes entries until it has had
 * stream-node-max-entries (100) of them, deleted ones included — because approximate trimming
 * (MAXLEN ~ / MINID ~) removes whole nodes only. The 4096-byte node limit is not modelled: with
 * the short fields a learner types, 100 entries stay under it.
 */

export interface StreamId {
  ms: number;
  seq: number;
}

/** One entry: its ID and its fields and values, alternating. */
export interface StreamEntry extends StreamId {
  fields: string[];
}

/** One listpack node: the entries still in it, and how many it ever took (live + deleted). */
export interface StreamNode {
  entries: StreamEntry[];
  total: number;
}

export interface StreamValue {
  nodes: StreamNode[];
  length: number;
  lastId: StreamId;
  /** max_deleted_entry_id: the largest ID XDEL removed (7.0). */
  maxDeletedId: StreamId;
  /** entries_added: every entry ever added (7.0). */
  entriesAdded: number;
}

/** stream-node-max-entries' default. */
export const STREAM_NODE_MAX_ENTRIES = 100;

export function newStream(): StreamValue {
  return { nodes: [], length: 0, lastId: { ms: 0, seq: 0 }, maxDeletedId: { ms: 0, seq: 0 }, entriesAdded: 0 };
}

export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

export function idString(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/** The first entry's ID (first_id), or 0-0 when the stream is empty. */
export function firstId(s: StreamValue): StreamId {
  for (const n of s.nodes) if (n.entries.length > 0) return n.entries[0];
  return { ms: 0, seq: 0 };
}

/** streamAppendItem(): add an entry (its ID already checked to be above lastId). */
export function streamAppend(s: StreamValue, id: StreamId, fields: string[]): void {
  let tail = s.nodes[s.nodes.length - 1];
  if (tail === undefined || tail.total >= STREAM_NODE_MAX_ENTRIES) {
    tail = { entries: [], total: 0 };
    s.nodes.push(tail);
  }
  tail.entries.push({ ms: id.ms, seq: id.seq, fields });
  tail.total++;
  s.length++;
  s.lastId = { ms: id.ms, seq: id.seq };
  s.entriesAdded++;
}

/** Every entry in ID order. */
export function* streamEntries(s: StreamValue): Generator<StreamEntry> {
  for (const n of s.nodes) yield* n.entries;
}

/** streamDeleteItem(): remove one entry; a node left with no live entry goes too. */
export function streamDelete(s: StreamValue, id: StreamId): boolean {
  for (let i = 0; i < s.nodes.length; i++) {
    const n = s.nodes[i];
    const j = n.entries.findIndex((e) => e.ms === id.ms && e.seq === id.seq);
    if (j < 0) continue;
    n.entries.splice(j, 1);
    s.length--;
    if (n.entries.length === 0) s.nodes.splice(i, 1);
    return true;
  }
  return false;
}

export type TrimStrategy = { kind: 'maxlen'; maxlen: number } | { kind: 'minid'; minid: StreamId };

/**
 * streamTrim(): remove entries from the head. Whole nodes go while the strategy allows; with
 * `approx` (~) it stops at the first node it cannot remove whole, otherwise it removes single
 * entries from that node. `limit` (0 = none) caps the entries removed. Returns how many went.
 */
export function streamTrim(s: StreamValue, strategy: TrimStrategy, approx: boolean, limit: number): number {
  let deleted = 0;
  while (s.nodes.length > 0) {
    const node = s.nodes[0];
    const live = node.entries.length;
    const last = node.entries[live - 1];
    const wholeNode =
      strategy.kind === 'maxlen' ? s.length - live >= strategy.maxlen : compareIds(last, strategy.minid) < 0;
    if (wholeNode) {
      if (limit > 0 && deleted + live > limit) break;
      s.nodes.shift();
      s.length -= live;
      deleted += live;
      continue;
    }
    if (approx) break;
    // Exact: remove entries one by one from this node, then stop (the rest is kept).
    while (node.entries.length > 0) {
      const e = node.entries[0];
      const remove = strategy.kind === 'maxlen' ? s.length > strategy.maxlen : compareIds(e, strategy.minid) < 0;
      if (!remove) break;
      node.entries.shift();
      s.length--;
      deleted++;
    }
    if (node.entries.length === 0) s.nodes.shift();
    break;
  }
  return deleted;
}

/** A deep copy (checkpoints and COPY must not share entries that commands mutate). */
export function copyStream(s: StreamValue): StreamValue {
  return {
    nodes: s.nodes.map((n) => ({ entries: n.entries.map((e) => ({ ms: e.ms, seq: e.seq, fields: e.fields.slice() })), total: n.total })),
    length: s.length,
    lastId: { ...s.lastId },
    maxDeletedId: { ...s.maxDeletedId },
    entriesAdded: s.entriesAdded,
  };
}
