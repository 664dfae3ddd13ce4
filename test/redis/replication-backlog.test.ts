import { describe, expect, it } from 'vitest';
import { ReplBacklog, type ReplFrame } from '../../src/redis/backlog.js';
import { respCommandLength } from '../../src/redis/resp.js';

const f = (...argv: string[]): ReplFrame => ({ k: 'cmd', argv, bytes: respCommandLength(argv) });

describe('the replication backlog', () => {
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

  it('drops whole frames from the head once histlen exceeds the size', () => {
    const b = new ReplBacklog(100, 0);
    let off = 1;
    for (let i = 0; i < 10; i++) {
      const fr = f('SET', 'k', String(i));
      b.append(fr, off);
      off += fr.bytes;
    }
    expect(b.histlen).toBeLessThanOrEqual(100);
    expect(b.firstByteOffset + b.histlen).toBe(off);
    expect(b.framesFrom(1)).toBe(null);
    expect(b.framesFrom(b.firstByteOffset)!.length).toBeGreaterThan(0);
  });
});
