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
  private frames: ReplFrame[] = [];
  private starts: number[] = [];
  private head = 0;
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
    this.frames.push(frame);
    this.starts.push(startOffset);
    this.histlen += frame.bytes;
    if (this.histlen <= this.sizeBytes) return false;
    this.trim();
    return true;
  }

  /** Drop whole frames from the head while the history is larger than the configured size. */
  trim(): void {
    while (this.histlen > this.sizeBytes && this.frames.length - this.head > 1) {
      this.histlen -= this.frames[this.head].bytes;
      this.head++;
      this.firstByteOffset = this.starts[this.head];
    }
    if (this.head > 4096 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
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
    // Binary search for the frame starting at `offset`.
    let lo = this.head;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.starts[mid];
      if (s === offset) return this.frames.slice(mid);
      if (s < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }
}
