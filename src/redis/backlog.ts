/**
 * The replication backlog as Redis 7.0 keeps it (replication.c createReplicationBacklog,
 * feedReplicationBuffer, incrementalTrimReplicationBacklog): the recent replication stream, held
 * in the blocks of the shared replication buffer, so that a replica that was briefly away can
 * PSYNC the bytes it missed.
 *
 * 7.0 appends the stream to blocks of at least 16 KB (PROTO_REPLY_CHUNK_BYTES) plus a 40-byte
 * header, and each block keeps what jemalloc really gives it: a 16 KB block holds 20440 bytes.
 * A command fills the free end of the last block, and what does not fit opens one new block big
 * enough for the rest. Trimming drops whole blocks from the head — only while the history stays
 * above repl-backlog-size without that block, and never the last block — so histlen runs between
 * repl-backlog-size and about one block more, and the first byte kept can fall inside a command.
 *
 * Here the bytes themselves are kept as frames (one RESP command each, with its start offset),
 * block sizes are kept for the trimming arithmetic. PSYNC resumes at frame boundaries — where a
 * replica always stands.
 */

/** One command of the replication stream: argv and its exact RESP byte length. */
export interface ReplFrame {
  readonly k: 'cmd';
  readonly argv: string[];
  readonly bytes: number;
}

/** PROTO_REPLY_CHUNK_BYTES: the smallest replication buffer block. */
const MIN_BLOCK_BYTES = 16 * 1024;
/** sizeof(replBufBlock): refcount, id, repl_offset, size, used (with padding). */
const BLOCK_HEADER_BYTES = 40;
/** REPL_BACKLOG_TRIM_BLOCKS_PER_CALL: blocks freed at most per write. */
const TRIM_BLOCKS_PER_CALL = 10;

/**
 * jemalloc's usable size for an allocation of `n` bytes at and above 16 KB: four size classes per
 * power of two (16 KB, 20 KB, 24 KB, 28 KB, 32 KB, 40 KB …). 16384 + 40 bytes → 20480.
 */
export function jemallocUsableSize(n: number): number {
  const k = Math.floor(Math.log2(n - 1));
  const step = 2 ** (k - 2);
  return Math.ceil(n / step) * step;
}

/** The data bytes a new block gets for `len` bytes still to write (replBufBlock.size). */
export function newBlockSize(len: number): number {
  const size = Math.max(len, MIN_BLOCK_BYTES);
  return jemallocUsableSize(size + BLOCK_HEADER_BYTES) - BLOCK_HEADER_BYTES;
}

export class ReplBacklog {
  // Frames kept, in a ring (power-of-two capacity, doubled when full) with their start offsets and
  // byte lengths in parallel arrays: appending and trimming never copy.
  private frames: Array<ReplFrame | undefined> = new Array(1024).fill(undefined);
  private starts: number[] = new Array(1024).fill(0);
  private sizes: number[] = new Array(1024).fill(0);
  private mask = 1023;
  /** Ring index of the oldest frame kept, and how many frames are kept. */
  private head = 0;
  private count = 0;
  /** The buffer blocks' data sizes, oldest first (a queue: `blocks[blockHead…]`). */
  private blocks: number[] = [];
  private blockHead = 0;
  /** Bytes used in the last block. */
  private tailUsed = 0;
  /** Offset of the last byte fed (master_repl_offset when the backlog is the master's). */
  private endOffset: number;
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
    this.endOffset = masterReplOffset;
  }

  /** Blocks in the buffer (for tests and the picture). */
  get blockCount(): number {
    return this.blocks.length - this.blockHead;
  }

  /**
   * feedReplicationBuffer(): append a frame whose first byte is at `startOffset`, filling the last
   * block and opening one more if needed, then trim. Returns true if blocks were freed.
   * Worked example: an empty backlog created at offset 0; SELECT 0 (23 B) at 1 opens a 20440-byte
   * block, SET a 10 (28 B) at 24 fills it further: histlen 51, first byte 1.
   */
  append(frame: ReplFrame, startOffset: number): boolean {
    if (this.count === this.mask + 1) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.frames[i] = frame;
    this.starts[i] = startOffset;
    this.sizes[i] = frame.bytes;
    this.count++;
    let len = frame.bytes;
    if (this.blockCount > 0) {
      const free = this.blocks[this.blocks.length - 1] - this.tailUsed;
      const copy = Math.min(free, len);
      this.tailUsed += copy;
      len -= copy;
    }
    if (len > 0) {
      this.blocks.push(newBlockSize(len));
      this.tailUsed = len;
    }
    this.histlen += frame.bytes;
    this.endOffset = startOffset + frame.bytes - 1;
    return this.trim();
  }

  /**
   * incrementalTrimReplicationBacklog(): free whole blocks from the head while the history is
   * larger than repl-backlog-size, but only when it stays larger without the block, and never the
   * last one. Worked example: size 16384, blocks of 20440: nothing is freed until histlen passes
   * 16384 + 20440 = 36824; then the first block goes and histlen drops by 20440.
   */
  trim(): boolean {
    let freed = 0;
    while (this.histlen > this.sizeBytes && freed < TRIM_BLOCKS_PER_CALL) {
      if (this.blockCount <= 1) break;
      const first = this.blocks[this.blockHead];
      if (this.histlen - first <= this.sizeBytes) break;
      this.blockHead++;
      this.histlen -= first;
      freed++;
    }
    // Set on every call, as 7.0 does: the first byte is where the history kept begins.
    this.firstByteOffset = this.endOffset - this.histlen + 1;
    if (freed === 0) return false;
    if (this.blockHead > 64 && this.blockHead * 2 > this.blocks.length) {
      this.blocks = this.blocks.slice(this.blockHead);
      this.blockHead = 0;
    }
    this.dropFramesBefore(this.firstByteOffset);
    return true;
  }

  /** Forget frames that lie wholly before `offset` (a frame cut by a block edge stays). */
  private dropFramesBefore(offset: number): void {
    const mask = this.mask;
    while (this.count > 0) {
      const h = this.head;
      if (this.starts[h] + this.sizes[h] > offset) break;
      this.frames[h] = undefined; // let the frame be collected
      this.head = (h + 1) & mask;
      this.count--;
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

  /** Change repl-backlog-size (CONFIG SET): resizeReplicationBacklog() trims if it can. */
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
