/**
 * Where the writes of the replication stream are between a master and a replica, as plain data for
 * snapshots: in flight on the link (sent by the master, not yet read by the replica), held by a
 * replica still loading its RDB, and the latest ones a replica applied (replication.c's
 * master->reploff moving). Read from state the engine keeps anyway: the socket's queue, the
 * replica's held frames, one small record per master link.
 */

import type { BufferedWrite, InFlightWrites, StreamWrite } from './api.js';
import type { ReplFrame } from './backlog.js';
import type { WireMessage } from './wire.js';
import type { SocketEnd } from '../sim/network.js';

/** How many writes a snapshot keeps per batch (counts and bytes still cover all of them). */
export const WRITES_KEPT = 16;

/**
 * The writes a replica applied at one virtual instant (the latest one): counts, and the last
 * WRITES_KEPT frames in a ring (frames and the offset after each), reused so that applying a
 * write allocates nothing — this runs for every write a replica applies.
 */
export interface AppliedWrites {
  atMs: number;
  count: number;
  bytes: number;
  frames: ReplFrame[];
  offsets: number[];
}

/**
 * Replica side: record one frame of the master's stream just applied, `offset` being the replica's
 * offset after it. A new virtual instant starts the record again, so it always says what the
 * latest apply did (one write, or every write a +CONTINUE or an RDB load released at once).
 */
export function noteApplied(link: { applied: AppliedWrites | null }, f: ReplFrame, offset: number, nowMs: number): void {
  let a = link.applied;
  if (a === null) link.applied = a = { atMs: nowMs, count: 0, bytes: 0, frames: new Array<ReplFrame>(WRITES_KEPT), offsets: new Array<number>(WRITES_KEPT).fill(0) };
  else if (a.atMs !== nowMs) {
    a.atMs = nowMs;
    a.count = 0;
    a.bytes = 0;
  }
  const i = a.count % WRITES_KEPT;
  a.frames[i] = f;
  a.offsets[i] = offset;
  a.count++;
  a.bytes += f.bytes;
}

/** The applied record for a snapshot: the kept writes oldest first, each with the offset after it. */
export function appliedView(a: AppliedWrites | null): { atMs: number; count: number; bytes: number; writes: StreamWrite[] } | null {
  if (a === null || a.count === 0) return null;
  const kept = Math.min(a.count, WRITES_KEPT);
  const writes: StreamWrite[] = [];
  for (let k = a.count - kept; k < a.count; k++) {
    const i = k % WRITES_KEPT;
    writes.push({ argv: a.frames[i].argv, bytes: a.frames[i].bytes, offset: a.offsets[i] });
  }
  return { atMs: a.atMs, count: a.count, bytes: a.bytes, writes };
}

/**
 * Master side: the stream writes on the link to one replica, oldest first, and the RDB bytes still
 * ahead of them. `endOffset` is the offset just after the newest write sent: master_repl_offset
 * less what still waits in the replica's output buffer (every frame fed to an online replica is
 * written at once, so the socket's newest frame ends there). Worked example: master_repl_offset 81,
 * nothing buffered, frames of 23, 29 and 29 bytes in flight → their offsets are 23, 52 and 81.
 * Returns null when no write is in flight.
 */
export function inFlightWrites(sock: SocketEnd<WireMessage>, endOffset: number): InFlightWrites | null {
  let rdbBytes = 0;
  let count = 0;
  let bytes = 0;
  const kept: ReplFrame[] = [];
  sock.forEachInFlight((m) => {
    if (m.k === 'chunk') rdbBytes += m.data.length;
    else if (m.k === 'cmd') {
      count++;
      bytes += m.bytes;
      if (kept.length < WRITES_KEPT) kept.push(m);
    }
  });
  if (count === 0) return null;
  let offset = endOffset - bytes;
  const writes = kept.map((f) => ({ argv: f.argv, bytes: f.bytes, offset: (offset += f.bytes) }));
  return { rdbBytes, count, bytes, writes };
}

/** Replica side: the frames received while the RDB loads (applied when it ends), or null when none. */
export function heldWritesView(held: readonly ReplFrame[]): { count: number; bytes: number; writes: BufferedWrite[] } | null {
  if (held.length === 0) return null;
  let bytes = 0;
  for (const f of held) bytes += f.bytes;
  return { count: held.length, bytes, writes: held.slice(0, WRITES_KEPT).map((f) => ({ argv: f.argv, bytes: f.bytes })) };
}
