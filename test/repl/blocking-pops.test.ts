import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../src/repl/session.js';

function run(s: ReplSession, ...lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) out.push(...s.submit(l).filter((o) => o.kind !== 'echo').map((o) => o.text));
  return out;
}

function started(opts: { manual?: boolean } = {}): ReplSession {
  const s = new ReplSession({ seed: 1 });
  run(s, 'redis-server /data/6380/redis.conf');
  if (opts.manual) run(s, ':mode manual');
  return s;
}

describe('blocking pops at a redis-cli prompt', () => {
  it('BLPOP with a timeout waits, then prints (nil) and the elapsed time like redis-cli 7.0', () => {
    const s = started();
    run(s, 'redis-cli -p 6380');
    const out = run(s, 'blpop q 1');
    expect(out[0]).toBe('(nil)');
    expect(out[1]).toMatch(/^\(1\.\d\ds\)$/);
    expect(s.waiting).toBe(false);
  });

  it('BLPOP on a list with elements answers at once with the key and the element', () => {
    const s = started();
    run(s, 'redis-cli -p 6380', 'rpush q a b');
    expect(run(s, 'blpop q 0')).toEqual(['1) "q"', '2) "a"']);
    expect(run(s, 'bzpopmin nothing 0.2')).toEqual(['(nil)']);
    run(s, 'zadd z 1 m');
    expect(run(s, 'bzmpop 0 1 z min')).toEqual(['1) "z"', '2) 1) 1) "m"', '      2) "1"']);
  });

  it('a BLPOP without timeout keeps redis-cli waiting; Ctrl-C quits redis-cli and the server forgets the client', () => {
    const s = started({ manual: true });
    run(s, 'redis-cli -p 6380');
    expect(run(s, 'blpop q 0')).toEqual([]);
    expect(s.waiting).toBe(true);
    expect(run(s, ':run 5s')).not.toContain('(nil)');
    expect(s.waiting).toBe(true);
    expect(s.cancelPending()).toBe(true);
    expect(s.waiting).toBe(false);
    expect(run(s, 'redis-cli -p 6380 info clients').join('\n')).toContain('blocked_clients:0');
    expect(run(s, 'redis-cli -p 6380 rpush q a')).toEqual(['(integer) 1']);
  });
});
