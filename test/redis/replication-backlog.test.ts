import { describe, expect, it } from 'vitest';
import { ReplBacklog, jemallocUsableSize, newBlockSize, type ReplFrame } from '../../src/redis/backlog.js';
import { respCommandLength } from '../../src/redis/resp.js';

const f = (...argv: string[]): ReplFrame => ({ k: 'cmd', argv, bytes: respCommandLength(argv) });

/** Feed `n` copies of a frame; returns the offset after the last byte + 1. */
function feed(b: ReplBacklog, from: number, n: number, frame: ReplFrame): number {
  let off = from;
  for (let i = 0; i < n; i++) {
    b.append(frame, off);
    off += frame.bytes;
  }
  return off;
}

describe('the replication backlog (7.0 replication buffer blocks)', () => {
  it('first byte offset is master_repl_offset + 1 at creation; histlen counts the bytes fed', () => {
    const b = new ReplBacklog(1024, 0);
    expect(b.firstByteOffset).toBe(1);
    b.append(f('SELECT', '0'), 1);
    b.append(f('SET', 'a', '10'), 24);
    expect(b.histlen).toBe(51);
    expect(b.framesFrom(24)!.map((x) => x.argv[0])).toEqual(['SET']);
    expect(b.framesFrom(52)).toEqual([]);
    expect(b.framesFrom(53)).toBe(null);
    expect(b.framesFrom(10)).toBe(null); // not a frame boundary
  });

  it('blocks are at least 16 KB plus a 40-byte header, sized up to jemalloc\'s classes: 20440 data bytes', () => {
    expect(jemallocUsableSize(16384 + 40)).toBe(20480);
    expect(newBlockSize(10)).toBe(20440);
    expect(newBlockSize(30000)).toBe(32768 - 40);
  });

  it('never trims below repl-backlog-size: with 16 KB, nothing goes before histlen passes 16384 + 20440', () => {
    const b = new ReplBacklog(16384, 0);
    const x = f('RPUSH', 'big', 'x'.repeat(500)); // 532 bytes
    let off = feed(b, 1, 60, x); // 31920 bytes: more than 16 KB, less than 36824
    expect([b.firstByteOffset, b.histlen, b.blockCount]).toEqual([1, 31920, 2]);
    expect(b.framesFrom(1)).not.toBe(null);
    off = feed(b, off, 10, x); // 37240 bytes: the first block (20440) can go
    expect([b.firstByteOffset, b.histlen]).toEqual([20441, 37240 - 20440]);
    expect(b.firstByteOffset + b.histlen).toBe(off);
    // 20441 falls inside a command: no replica stands there, and the next command is still whole.
    expect(b.framesFrom(20441)).toBe(null);
    expect(b.framesFrom(1)).toBe(null);
    const next = Math.ceil((20441 - 1) / 532) * 532 + 1;
    expect(b.framesFrom(next)!.length).toBe((off - next) / 532);
  });

  it('what matches real 7.0.15 (conformance 05): 23 + 100 × 630 bytes through 16 KB → first byte 40881, histlen 22375', () => {
    const b = new ReplBacklog(16384, 0);
    // conformance 05: SELECT 0 + SET before 1, then a dropped link and 100 RPUSH of 600 x.
    let off = 1;
    b.append(f('SELECT', '0'), off);
    off += 23;
    b.append(f('set', 'before', '1'), off);
    off += respCommandLength(['set', 'before', '1']);
    feed(b, off, 100, f('rpush', 'big', 'x'.repeat(600)));
    expect([b.firstByteOffset, b.histlen]).toEqual([40881, 22375]);
  });
});
