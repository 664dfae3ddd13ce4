import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../src/repl/session.js';

/** Run lines through a fresh session; return each line's printed texts. */
function play(lines: string[]): string[][] {
  const s = new ReplSession({ seed: 1 });
  return lines.map((l) => s.submit(l).map((o) => o.text));
}

describe('the tutorial shell: ps, kill, ls', () => {
  it('ps lists this terminal\'s processes (daemonized servers have none); ps aux lists every redis-server with its title', () => {
    const out = play(['redis-server /data/6380/redis.conf', 'redis-server --port 6383', 'ps', 'ps aux']);
    expect(out[2]).toEqual(['    PID TTY          TIME CMD', '      1 pts/0    00:00:00 bash', '   4602 pts/0    00:00:00 redis-server', '   4606 pts/0    00:00:00 ps']);
    expect(out[3][0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(out[3].some((l) => /^root +4598 .* \? +Ssl .* redis-server \*:6380$/.test(l))).toBe(true);
    expect(out[3].some((l) => l.endsWith('redis-server *:6383'))).toBe(true);
  });

  it('kill PID shuts a server down gracefully (SIGTERM saves its dump.rdb); kill -9 PID crashes it', () => {
    const out = play([
      'redis-server /data/6380/redis.conf',
      'redis-server /data/6381/redis.conf',
      'redis-cli -p 6380 set k v',
      'kill 4598',
      'ls /data/6380',
      'kill -9 4602',
      'ls /data/6381',
      'ps aux',
      'kill 4598',
      'kill abc',
      'kill',
    ]);
    expect(out[3]).toEqual([]);
    expect(out[4][0].split(/\s+/)).toContain('dump.rdb');
    expect(out[5]).toEqual([]);
    expect(out[6][0].split(/\s+/)).not.toContain('dump.rdb');
    expect(out[7].filter((l) => l.includes('redis-server'))).toEqual([]);
    expect(out[8]).toEqual(['bash: kill: (4598) - No such process']);
    expect(out[9]).toEqual(['bash: kill: abc: arguments must be process or job IDs']);
    expect(out[10][0]).toMatch(/^kill: usage: kill/);
  });

  it('ls with no argument lists the working directory, /data at start', () => {
    expect(play(['pwd', 'ls'])).toEqual([['/data'], ['6380  6381  6382']]);
  });
});

describe('redis-cli waiting forever, and -r N', () => {
  it('REPLCONF ACK from a client is not answered: redis-cli waits until Ctrl-C ends it', () => {
    const s = new ReplSession({ seed: 1 });
    const out = ['redis-server --port 6380', 'redis-cli -p 6380', 'replconf ack 5', 'ping'].map((l) => s.submit(l).map((o) => o.text));
    expect(out[2].at(-1)).toMatch(/still waiting for the reply/);
    expect(out[3][0]).toMatch(/^\(redis-cli is waiting for the reply/);
    expect(s.cancelPending()).toBe(true);
    expect(s.prompt).toBe('$ ');
    expect(s.submit('redis-cli -p 6380 ping').map((o) => o.text)).toEqual(['PONG']);
  });

  it('redis-cli -r N runs the command N times', () => {
    const out = play(['redis-server --port 6380', 'redis-cli -p 6380 -r 3 incr c', 'redis-cli -r 0 -p 6380 incr c', 'redis-cli -p 6380 get c']);
    expect(out[1]).toEqual(['(integer) 1', '(integer) 2', '(integer) 3']);
    expect(out[2]).toEqual([]);
    expect(out[3]).toEqual(['"3"']);
  });
});

describe('redis-cli replica output mode (SYNC / PSYNC at the prompt, as redis-cli 7.0.15)', () => {
  it('SYNC skips the RDB and prints the master\'s stream as CSV until Ctrl-C', () => {
    const s = new ReplSession({ seed: 1 });
    s.submit('redis-server --port 6380');
    s.submit('redis-cli -p 6380 set a 1');
    s.submit('redis-cli -p 6380');
    const out = s.submit('sync').map((o) => o.text);
    expect(out[0]).toBe('Entering replica output mode...  (press Ctrl-C to quit)');
    expect(out[1]).toMatch(/^SYNC with master, discarding \d+ bytes of bulk transfer\.\.\.$/);
    expect(out[2]).toBe('SYNC done. Logging commands from master.');
    // Another client writes; the stream reaches this redis-cli as the world runs.
    const other = s.world.connect('127.0.0.1', 6380);
    if ('error' in other) throw new Error(other.error);
    other.send(['set', 'b c', '2'], () => {});
    s.world.runFor(100);
    const streamed = [...out, ...s.drainAsyncOutput().map((o) => o.text)];
    expect(streamed).toContain('"set","b c","2"');
    expect(s.cancelPending()).toBe(true);
    expect(s.prompt).toBe('$ ');
  });

  it('a refused SYNC prints "SYNC with master failed" and redis-cli exits; PSYNC waits for an EOF marker forever', () => {
    const s = new ReplSession({ seed: 1 });
    s.submit('redis-server --port 6380');
    s.submit('redis-cli -p 6380');
    s.submit('multi');
    expect(s.submit('sync').map((o) => o.text)).toEqual([
      'Entering replica output mode...  (press Ctrl-C to quit)',
      'SYNC with master failed: -ERR Command not allowed inside a transaction',
    ]);
    expect(s.prompt).toBe('$ ');
    s.submit('redis-cli -p 6380');
    expect(s.submit('psync ? -1').map((o) => o.text)).toEqual([
      'Entering replica output mode...  (press Ctrl-C to quit)',
      'SYNC with master, discarding bytes of bulk transfer until EOF marker...',
    ]);
    expect(s.waiting).toBe(true);
    expect(s.cancelPending()).toBe(true);
    expect(s.prompt).toBe('$ ');
  });
});
