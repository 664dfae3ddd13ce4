import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redisLogTime, readRdbAuxHeader } from '../../src/redis/server-log.js';
import { World } from '../../src/redis/world.js';
import { seedConfig } from '../../src/repl/vfs.js';
import { cmd, run } from '../helpers/world.js';

/** A world with the seed's servers started from their config files (logfile /data/638N/redis.log). */
function seedWorld(ports: number[]): World {
  const w = new World({ seed: 1 });
  for (const p of ports) {
    const r = w.startServer({ configText: seedConfig(p), configPath: `/data/${p}/redis.conf`, flags: [['repl-ping-replica-period', '3600']] });
    if (!r.ok) throw new Error(r.lines.join('\n'));
  }
  return w;
}

const log = (w: World, port: number) => (w.logs.files.get(`/data/${port}/redis.log`) ?? '').trimEnd().split('\n');
/** A log line without its pid and time, as the fixtures are compared: `M * text`. */
const body = (line: string) => line.replace(/^\d+:([CMS]) .{24} ([*#]) /, '$1 $2 ');
/** A real 7.0.15 fixture's lines, in the same form, without host-dependent warnings. */
const fixture = (name: string) =>
  readFileSync(new URL(`../../conformance/logs/fixtures/${name}.log`, import.meta.url), 'utf8')
    .trimEnd()
    .split('\n')
    .filter((l) => !/ # WARNING /.test(l))
    .map(body);
/** Ids, ports, sizes and the REPLICAOF sender's client info differ between runs: compare the words. */
const shape = (line: string) =>
  line
    .replace(/\b[0-9a-f]{40}\b/g, '<id>')
    .replace(/\b1?63(8\d)\b/g, '63$1')
    .replace(/\(user request from '.*'\)/, '(user request from …)')
    .replace(/\d+/g, 'N');

describe('server logs — redis.log and redis.pid where the config says', () => {
  it('formats times like serverLogRaw: dd Mon yyyy hh:mm:ss.mmm, whole milliseconds', () => {
    expect(redisLogTime(1767225600000 + 29.56)).toBe('01 Jan 2026 00:00:00.029');
    expect(redisLogTime(1767225600000 + 86_400_000 * 59 + 3_723_004)).toBe('01 Mar 2026 01:02:03.004');
  });

  it('a seed server writes its pid file and the start-up lines of 7.0', () => {
    const w = seedWorld([6380]);
    const pid = w.logs.files.get('/data/6380/redis.pid');
    expect(pid).toMatch(/^\d+\n$/);
    const real = fixture('seed-daemon').slice(0, 6).concat(['M * Ready to accept connections']);
    expect(log(w, 6380).map(body).map(shape)).toEqual(real.map((l) => shape(l.replace('16390', '6380'))));
    expect(log(w, 6380)[1]).toContain(`pid=${pid!.trim()}, just started`);
    expect(log(w, 6380)[0]).toMatch(new RegExp(`^${pid!.trim()}:C 01 Jan 2026 00:00:00\\.000 # oO0OoO0OoO0Oo`));
  });

  it('full sync — the replica and the master write 7.0’s lines in 7.0’s order', () => {
    const w = seedWorld([6380, 6381]);
    run(w, 6380, 'SET', 'k1', 'v1');
    cmd(w, 6381, 'SLAVEOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    const replica = log(w, 6381).slice(7).map(body).map(shape);
    expect(replica).toEqual(fixture('full-sync.replica').slice(7).map(shape));
    const master = log(w, 6380).slice(7).map(body).map(shape);
    expect(master).toEqual(fixture('full-sync.master').slice(7).map(shape));
  });

  it('partial resync — the master accepts the PSYNC and says how many backlog bytes it sends', () => {
    const w = seedWorld([6380, 6381]);
    cmd(w, 6381, 'SLAVEOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    // A reset (RST): both ends learn at once; the write lands before the replica is back.
    w.resetLink(6380, 6381);
    run(w, 6380, 'SET', 'k5', 'v5');
    w.runUntilSettled();
    const master = log(w, 6380).map(body);
    expect(master.slice(-3)).toEqual([
      // A reset socket has no peer address left: 7.0 names the replica by its client id.
      expect.stringMatching(/^M # Connection with replica client id #\d+ lost\.$/),
      'M * Replica 127.0.0.1:6381 asks for synchronization',
      'M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 52 bytes of backlog starting from offset 1.',
    ]);
    expect(log(w, 6381).map(body).slice(-3)).toEqual([
      `S * Trying a partial resynchronization (request ${w.node(6380)!.replid}:1).`,
      'S * Successful partial resynchronization with master.',
      'S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.',
    ]);
  });

  it('failover — SLAVEOF NO ONE keeps the old id as the secondary and says MASTER MODE enabled', () => {
    const w = seedWorld([6380, 6381, 6382]);
    cmd(w, 6381, 'SLAVEOF', '127.0.0.1', '6380');
    cmd(w, 6382, 'SLAVEOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.crash(6380);
    w.runFor(1500);
    cmd(w, 6381, 'SLAVEOF', 'NO', 'ONE');
    cmd(w, 6382, 'SLAVEOF', 'NO', 'ONE');
    cmd(w, 6382, 'SLAVEOF', '127.0.0.1', '6381');
    w.runUntilSettled();
    const promoted = log(w, 6381).map(body).map(shape);
    const at = promoted.indexOf('M * Discarding previously cached master state.');
    expect(promoted.slice(at, at + 3)).toEqual(fixture('failover.new-master').slice(8, 11).map(shape));
    expect(promoted.slice(at + 3)).toEqual(fixture('failover.new-master').slice(11).map(shape));
    const moved = log(w, 6382).map(body).map(shape);
    const from = moved.indexOf('M * Discarding previously cached master state.');
    expect(moved.slice(from)).toEqual(fixture('failover.replica').slice(8).map(shape));
  });

  it('a crashed server keeps its pid file; SHUTDOWN removes it and says bye bye', () => {
    const w = seedWorld([6380, 6381]);
    w.crash(6381);
    expect(w.logs.files.has('/data/6381/redis.pid')).toBe(true);
    cmd(w, 6380, 'SHUTDOWN');
    expect(w.logs.files.has('/data/6380/redis.pid')).toBe(false);
    expect(log(w, 6380).slice(-5).map(body)).toEqual([
      'M # User requested shutdown...',
      'M * Saving the final RDB snapshot before exiting.',
      'M * DB saved on disk',
      'M * Removing the pid file.',
      'M # Redis is now ready to exit, bye bye...',
    ]);
  });

  it('a restarted server appends to its log and reports the RDB it loads', () => {
    const w = seedWorld([6380]);
    run(w, 6380, 'SET', 'a', '1');
    cmd(w, 6380, 'SHUTDOWN');
    expect(w.restart(6380).ok).toBe(true);
    const lines = log(w, 6380).map(body);
    expect(lines.slice(-6)).toEqual([
      'M * Loading RDB produced by version 7.0.15',
      'M * RDB age 0 seconds',
      expect.stringMatching(/^M \* RDB memory usage when created \d+\.\d\d Mb$/),
      'M * Done loading RDB, keys loaded: 1, keys expired: 0.',
      'M * DB loaded from disk: 0.000 seconds',
      'M * Ready to accept connections',
    ]);
    expect(lines.filter((l) => l.includes('Redis is starting'))).toHaveLength(2);
  });

  it('a server without a logfile writes no file', () => {
    const w = new World({ seed: 1 });
    w.startServer({ configText: 'port 6390\n' });
    expect([...w.logs.files.keys()]).toEqual([]);
  });

  it('reads ctime and used-mem from an RDB header without decoding the data', () => {
    const w = seedWorld([6380]);
    run(w, 6380, 'SET', 'a', '1');
    cmd(w, 6380, 'SAVE');
    const aux = readRdbAuxHeader(w.disk.get('/data/6380/dump.rdb')!);
    expect(aux.ctimeSec).toBe(1767225600);
    expect(aux.usedMem).toBeGreaterThan(100_000);
  });
});
