import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../src/repl/api.js';
import { ReplSession } from '../../src/repl/session.js';
import { runBatch } from '../../src/batch.js';
import { loadLessons } from '../../src/lessons/loader.js';
import { runLines, runSetup } from '../../src/lessons/runner.js';

const texts = (lines: OutputLine[]) => lines.map((l) => l.text);

/** A session with the seed's 6380 and 6381 started from their config files. */
function seedSession(opts: { followEndsOnLine?: boolean } = {}): ReplSession {
  const s = new ReplSession({ seed: 1, ...opts });
  s.setup(['redis-server /data/6380/redis.conf', 'redis-server /data/6381/redis.conf']);
  return s;
}

describe('cat and tail of the servers’ own log files', () => {
  it('ls shows redis.log and redis.pid next to the config; cat prints the pid', () => {
    const s = seedSession();
    expect(texts(s.submit('ls /data/6380'))).toEqual(['redis.conf  redis.log  redis.pid']);
    expect(texts(s.submit('cat /data/6380/redis.pid'))).toEqual(['4598']);
  });

  it('tail prints the last 10 lines; -n N, -N and -nN choose how many', () => {
    const s = seedSession();
    const all = texts(s.submit('cat /data/6380/redis.log'));
    expect(all).toHaveLength(7);
    expect(texts(s.submit('tail /data/6380/redis.log'))).toEqual(all);
    expect(texts(s.submit('tail -n 2 /data/6380/redis.log'))).toEqual(all.slice(-2));
    expect(texts(s.submit('tail -3 /data/6380/redis.log'))).toEqual(all.slice(-3));
    expect(texts(s.submit('tail -n1 /data/6380/redis.log'))).toEqual(all.slice(-1));
    expect(texts(s.submit('tail -n 0 /data/6380/redis.log'))).toEqual([]);
  });

  it('tail of several files puts ==> FILE <== headers between them, like coreutils', () => {
    const s = seedSession();
    const out = texts(s.submit('tail -n 1 /data/6380/redis.log /data/6381/redis.log'));
    expect(out).toEqual([
      '==> /data/6380/redis.log <==',
      expect.stringContaining('Ready to accept connections'),
      '',
      '==> /data/6381/redis.log <==',
      expect.stringContaining('Ready to accept connections'),
    ]);
  });

  it('tail errors use coreutils wording and never throw', () => {
    const s = seedSession();
    expect(texts(s.submit('tail /data/6389/redis.log'))).toEqual(["tail: cannot open '/data/6389/redis.log' for reading: No such file or directory"]);
    expect(texts(s.submit('tail -n x /data/6380/redis.log'))).toEqual(["tail: invalid number of lines: 'x'", "Try 'tail --help' for more information."]);
    expect(texts(s.submit('tail -n'))[0]).toBe("tail: option requires an argument -- 'n'");
    expect(texts(s.submit('tail'))[0]).toMatch(/no standard input/);
    expect(texts(s.submit('tail -f /nope'))).toEqual(["tail: cannot open '/nope' for reading: No such file or directory", 'tail: no files remaining']);
  });

  it('tail -n 20 after a full sync shows the replica’s lines in 7.0’s order', () => {
    const s = seedSession();
    s.submit('redis-cli -p 6381 slaveof 127.0.0.1 6380');
    const out = texts(s.submit('tail -n 20 /data/6381/redis.log')).map((l) => l.replace(/^\d+:([CMS]) .{24} /, '$1 '));
    expect(out.slice(-17)).toEqual([
      'S * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
      'S * Connecting to MASTER 127.0.0.1:6380',
      'S * MASTER <-> REPLICA sync started',
      expect.stringMatching(/^S \* REPLICAOF 127\.0\.0\.1:6380 enabled \(user request from 'id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:6381 .* cmd=slaveof user=default redir=-1 resp=2'\)$/),
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      expect.stringMatching(/^S \* Trying a partial resynchronization \(request [0-9a-f]{40}:1\)\.$/),
      expect.stringMatching(/^S \* Full resync from master: [0-9a-f]{40}:0$/),
      'S * MASTER <-> REPLICA sync: receiving 172 bytes from master to disk',
      'S * Discarding previously cached master state.',
      'S * MASTER <-> REPLICA sync: Flushing old data',
      'S * MASTER <-> REPLICA sync: Loading DB in memory',
      'S * Loading RDB produced by version 7.0.15',
      'S * RDB age 0 seconds',
      expect.stringMatching(/^S \* RDB memory usage when created \d+\.\d\d Mb$/),
      'S * Done loading RDB, keys loaded: 0, keys expired: 0.',
      'S * MASTER <-> REPLICA sync: Finished with success',
    ]);
  });

  it("tail -n 20 after lesson 2's full sync: the slow transfer, the load, in 7.0's order", () => {
    const lesson = loadLessons(new URL('../../lessons/', import.meta.url).pathname).lessons.find((l) => l.id === 'full-sync')!;
    const s = new ReplSession({ seed: 1 });
    for (const step of lesson.steps) {
      runSetup(s, step);
      runLines(s, step.solution);
    }
    s.submit('exit');
    const out = texts(s.submit('tail -n 20 /data/6381/redis.log')).map((l) => l.replace(/^\d+:([CMS]) \d\d Jan 2026 (\S+) /, '$1 $2 '));
    expect(out).toHaveLength(20);
    expect(out.slice(-10)).toEqual([
      expect.stringMatching(/^S 00:00:00\.071 \* Full resync from master: [0-9a-f]{40}:0$/),
      'S 00:00:00.180 * MASTER <-> REPLICA sync: receiving 18979 bytes from master to disk',
      'S 00:00:04.713 * Discarding previously cached master state.',
      'S 00:00:04.713 * MASTER <-> REPLICA sync: Flushing old data',
      'S 00:00:04.713 * MASTER <-> REPLICA sync: Loading DB in memory',
      'S 00:00:04.724 * Loading RDB produced by version 7.0.15',
      'S 00:00:04.724 * RDB age 4 seconds',
      expect.stringMatching(/^S 00:00:04\.724 \* RDB memory usage when created \d\.\d\d Mb$/),
      'S 00:00:04.724 * Done loading RDB, keys loaded: 1003, keys expired: 0.',
      'S 00:00:04.724 * MASTER <-> REPLICA sync: Finished with success',
    ]);
  });

  it('tail -f prints new lines as the servers write them, until the next typed line (a key)', () => {
    const s = seedSession();
    s.timeMode = 'manual';
    expect(texts(s.submit('tail -n 0 -f /data/6380/redis.log'))).toEqual([]);
    expect(s.following).toBe(true);
    // Lines written while time moves (the app's step keys) arrive as asynchronous output.
    s.world.crash(6381);
    s.world.startServer({ configText: 'port 6382\n' });
    const c = s.world.connect('127.0.0.1', 6382);
    if ('error' in c) throw new Error(c.error);
    c.send(['REPLICAOF', '127.0.0.1', '6380'], () => {});
    s.world.runFor(100);
    const followed = texts(s.drainAsyncOutput());
    expect(followed[0]).toMatch(/Replica 127\.0\.0\.1:6382 asks for synchronization$/);
    expect(followed.at(-1)).toMatch(/Synchronization with replica 127\.0\.0\.1:6382 succeeded$/);
    // `:` lines move time and cause faults while it follows; any other line interrupts it.
    expect(texts(s.submit(':kill 6382'))).toEqual([
      expect.stringMatching(/^\d+:M .{24} # Connection with replica 127\.0\.0\.1:6382 lost\.$/),
      'killed 6382: the process crashed, nothing was saved',
    ]);
    expect(s.following).toBe(true);
    expect(texts(s.submit('pwd'))).toEqual(['^C', '/data']);
    expect(s.following).toBe(false);
  });

  it('in batch mode tail -f follows while the later lines run, until the input ends', async () => {
    const out: string[] = [];
    await runBatch({
      input: 'redis-server /data/6380/redis.conf\nredis-server /data/6381/redis.conf\ntail -n 1 -f /data/6380/redis.log\nredis-cli -p 6381 replicaof 127.0.0.1 6380\n',
      out: (l) => out.push(l.trimEnd()),
    });
    const after = out.slice(out.indexOf('$ redis-cli -p 6381 replicaof 127.0.0.1 6380'));
    expect(after[1]).toBe('OK');
    expect(after.some((l) => l.endsWith('* Replica 127.0.0.1:6381 asks for synchronization'))).toBe(true);
    expect(after.at(-1)).toMatch(/Synchronization with replica 127\.0\.0\.1:6381 succeeded$/);
  });
});
