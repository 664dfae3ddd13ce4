/**
 * The tutor's world-wide memory budget, enforced the way evict.c's performEvictions() enforces
 * `maxmemory` under the `noeviction` policy: when the memory in use is over the limit, commands
 * flagged `denyoom` are refused with -OOM. Every simulated process lives in one JavaScript heap,
 * so the budget covers all of them (and the virtual disk) together.
 *
 * The figure is deterministic (never the real heap), so a replay refuses the same commands: it is
 * `usedMemory()`'s walk of each dataset, redone when it may have gone stale, plus what was written
 * since (each write's argument bytes: an upper bound for input-driven growth).
 */

import { usedMemory } from './persistence.js';
import type { RedisServer } from './server.js';

/** A value this large, once written, makes the next check walk the dataset again. */
const BIG_VALUE_BYTES = 1 << 20;
/** Walk again after this many writes, or a sixteenth of the keys, whichever is more (amortised). */
const MIN_WRITES_BETWEEN_WALKS = 16;

interface ServerUsage {
  /** usedMemory() at the last walk. */
  walkedBytes: number;
  /** Argument bytes of the writes since that walk. */
  writtenBytes: number;
  writes: number;
  /** A walk is needed before the figure can be trusted (a big value, a load, a flush). */
  stale: boolean;
}

export class MemoryBudget {
  private readonly usage = new Map<RedisServer, ServerUsage>();

  /** `limitBytes` 0: no budget (every check passes). */
  constructor(
    readonly limitBytes: number,
    private readonly servers: () => Iterable<RedisServer>,
    private readonly diskBytes: () => number,
  ) {}

  get enabled(): boolean {
    return this.limitBytes > 0;
  }

  /** A write ran on `server` with these arguments; `valueBytes`: the size of the value it left. */
  noteWrite(server: RedisServer, argv: readonly string[], valueBytes: number): void {
    if (!this.enabled) return;
    const u = this.usage.get(server);
    if (u === undefined) return; // never measured: the next check walks anyway
    let n = 0;
    for (const a of argv) n += a.length;
    u.writtenBytes += n;
    u.writes++;
    if (valueBytes >= BIG_VALUE_BYTES) u.stale = true;
  }

  /** The dataset of `server` changed wholesale (loaded, flushed, populated): walk it next time. */
  invalidate(server: RedisServer): void {
    const u = this.usage.get(server);
    if (u) u.stale = true;
  }

  /** The memory in use by the whole world, as this budget counts it. */
  used(): number {
    let total = this.diskBytes();
    for (const s of this.servers()) total += this.serverUsed(s);
    return total;
  }

  private serverUsed(s: RedisServer): number {
    let u = this.usage.get(s);
    // writes ≥ max(16, keys / 16), with the keys counted only once the first half holds.
    if (u === undefined || u.stale || (u.writes >= MIN_WRITES_BETWEEN_WALKS && u.writes >= keyCount(s) >> 4)) {
      u = { walkedBytes: usedMemory(s, this.limitBytes), writtenBytes: 0, writes: 0, stale: false };
      this.usage.set(s, u);
    }
    return u.walkedBytes + u.writtenBytes;
  }

  /** performEvictions() with noeviction: is the memory in use over the limit? */
  overLimit(): boolean {
    return this.wouldExceed(0);
  }

  /**
   * Would `extraBytes` more go over the limit? (For commands that build big values themselves.)
   * The cheap figure only ever overstates (deletes are not subtracted), so before saying yes it
   * walks every dataset afresh: a FLUSHALL at the limit frees the budget at once.
   */
  wouldExceed(extraBytes: number): boolean {
    if (!this.enabled) return false;
    if (this.used() + extraBytes <= this.limitBytes) return false;
    for (const u of this.usage.values()) u.stale = true;
    return this.used() + extraBytes > this.limitBytes;
  }

  /** What `server`'s dataset holds by this budget's count (DEBUG RELOAD needs it twice over). */
  serverBytes(server: RedisServer): number {
    return this.enabled ? this.serverUsed(server) : 0;
  }
}

function keyCount(s: RedisServer): number {
  let n = 0;
  for (const db of s.dbs) n += db.dict.size;
  return n;
}

/** -OOM, as 7.0 words it (shared.oomerr). */
export const OOM_TEXT = "OOM command not allowed when used memory > 'maxmemory'.";
