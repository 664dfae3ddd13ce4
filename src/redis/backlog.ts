/**
 * The replication backlog (replication.c createReplicationBacklog / feedReplicationBuffer /
 * incrementalTrimReplicationBacklog): the recent replication stream kept so that a replica
 * that was briefly away can PSYNC the bytes it missed.
 *
 * The stream is held as frames (one RESP command each) with their start offsets, not as raw bytes.
 * Approximation: 7.0 trims in whole blocks of max(16 KB, size/16), so its histlen may exceed
 * repl-backlog-size by up to a block; here whole frames are dropped as soon as histlen exceeds
 * repl-backlog-size, so histlen ≤ repl-backlog-size (+ at most one frame larger than the backlog).
 * PSYNC can therefore resume only at frame boundaries — which is where replicas always stand.
 */

/** One command of the replication stream: argv and its exact RESP byte length. */
export interface ReplFrame {
  readonly k: 'cmd';
  readonly argv: string[];
  readonly bytes: number;
}

export class ReplBacklog {
  // A ring of frames (power-of-two capacity, doubled when full) with their start offsets and byte
  // lengths in parallel arrays: appending and trimming never copy, and trimming reads no frame.
  private frames: Array<ReplFrame | undefined> = new Array(1024).fill(undefined);
  private starts: number[] = new Array(1024).fill(0);
  private sizes: number[] = new Array(1024).fill(0);
  private mask = 1023;
  /** Ring index of the oldest frame kept, and how many frames are kept. */
  private head = 0;
  private count = 0;
  /** Bytes of history kept (repl_backlog_histlen). */
  histlen = 0;
  /** Offset of the first byte kept (repl_backlog_first_byte_offset). */
  firstByteOffset: number;

  /**
   * Created when the master offset is `masterReplOffset`: the next byte fed will be
   * masterReplOffset + 1, so that is the first byte offset even while empty.
   */
  constructor(
    public sizeBytes: number,
    masterReplOffset: number,
  ) {
    this.firstByteOffset = masterReplOffset + 1;
  }

  /**
   * Append a frame whose first byte is at `startOffset`. Returns true if old frames were trimmed.
   * Worked example: empty backlog created at offset 0 (first byte 1); SELECT 0 (23 B) is appended
   * at 1, SET a 10 (28 B) at 24; histlen 51, master_repl_offset 51.
   */
  append(frame: ReplFrame, startOffset: number): boolean {
    if (this.histlen === 0) this.firstByteOffset = startOffset;
    if (this.count === this.mask + 1) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.frames[i] = frame;
    this.starts[i] = startOffset;
    this.sizes[i] = frame.bytes;
    this.count++;
    this.histlen += frame.bytes;
    if (this.histlen <= this.sizeBytes) return false;
    this.trim();
    return true;
  }

  /** Drop whole frames from the head while the history is larger than the configured size. */
  trim(): void {
    const mask = this.mask;
    while (this.histlen > this.sizeBytes && this.count > 1) {
      const h = this.head;
      this.histlen -= this.sizes[h];
      this.frames[h] = undefined; // let the frame be collected
      this.head = (h + 1) & mask;
      this.count--;
      this.firstByteOffset = this.starts[this.head];
    }
  }

  /** Double the ring, oldest frame first. */
  private grow(): void {
    const cap = this.mask + 1;
    const frames: Array<ReplFrame | undefined> = new Array(cap * 2).fill(undefined);
    const starts: number[] = new Array(cap * 2).fill(0);
    const sizes: number[] = new Array(cap * 2).fill(0);
    for (let k = 0; k < this.count; k++) {
      const j = (this.head + k) & this.mask;
      frames[k] = this.frames[j];
      starts[k] = this.starts[j];
      sizes[k] = this.sizes[j];
    }
    this.frames = frames;
    this.starts = starts;
    this.sizes = sizes;
    this.mask = cap * 2 - 1;
    this.head = 0;
  }

  /** Change repl-backlog-size (CONFIG SET), trimming if needed. */
  resize(sizeBytes: number): void {
    this.sizeBytes = sizeBytes;
    this.trim();
  }

  /**
   * The frames from `offset` (the first byte the replica lacks) to the end, or null when that
   * offset is not in the backlog or not at a frame boundary. `offset` may equal
   * firstByteOffset + histlen: nothing is missing, the answer is an empty list.
   */
  framesFrom(offset: number): ReplFrame[] | null {
    const end = this.firstByteOffset + this.histlen;
    if (offset < this.firstByteOffset || offset > end) return null;
    if (offset === end) return [];
    // Binary search (over positions from the oldest frame) for the frame starting at `offset`.
    const mask = this.mask;
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.starts[(this.head + mid) & mask];
      if (s === offset) {
        const out: ReplFrame[] = [];
        for (let k = mid; k < this.count; k++) out.push(this.frames[(this.head + k) & mask]!);
        return out;
      }
      if (s < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }
}
