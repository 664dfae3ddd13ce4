/**
 * A real redis-server 7.0 replicating from a simulated master over real TCP: it accepts our
 * handshake, our RDB (disk `$len` and diskless `$EOF:`) and our stream; its REPLCONF ACKs move its
 * offset on the master; after CLIENT KILL TYPE replica it continues with +CONTINUE; and its
 * DEBUG DIGEST equals the simulated master's after a scripted workload.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, INSTALL_HINT, redisCli, startRealRedis, startServe, waitFor, type RealRedis, type ServedWorld } from '../helpers/serve.js';

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

describe.skipIf(!HAVE_REDIS)('serve — a real redis-server replicates from a simulated master', () => {
  let served: ServedWorld;
  const replicas: RealRedis[] = [];
  const onMaster = (...args: string[]) => redisCli(['-p', String(served.port(6380)), ...args]);

  beforeAll(async () => {
    // A simulated master with a simulated replica beside it, and data before any real replica exists.
    served = await startServe({ setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380', 'redis-cli -p 6380 DEBUG POPULATE 300'] });
  });

  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await served?.close();
  });

  const simMaster = () => served.live.world.node(6380)!;

  async function attachReplica(): Promise<RealRedis> {
    const r = await startRealRedis(['--replicaof', '127.0.0.1', String(served.port(6380))]);
    replicas.push(r);
    await waitFor(async () => infoField(await r.cli('INFO', 'replication'), 'master_link_status') === 'up', 15_000, 'the real replica link up');
    return r;
  }

  /** The real replica has applied everything and the simulated master has its ACK for it. */
  async function caughtUp(r: RealRedis): Promise<void> {
    await waitFor(async () => {
      const off = Number(infoField(await r.cli('INFO', 'replication'), 'slave_repl_offset'));
      const view = simMaster().replicas.find((x) => x.port === r.port);
      return off === simMaster().masterReplOffset && view !== undefined && view.ackOffset === off;
    }, 15_000, 'the real replica to catch up and ACK');
  }

  it('completes the handshake, takes +FULLRESYNC and the disk RDB ($len), and loads our keys', async () => {
    const r = await attachReplica();
    const full = served.trace.find((e) => e.type === 'psync.fullresync' && e.replica === r.port);
    expect(full).toBeDefined();
    const start = served.trace.find((e) => e.type === 'rdb.transfer.start' && e.replica === r.port);
    expect(start && start.type === 'rdb.transfer.start' && start.diskless).toBe(false);
    expect(await r.cli('DBSIZE')).toBe('300');
    // The handshake as the real replica sent it, shown as a client of 6380.
    const sent = served.trace.filter((e) => e.type === 'command' && e.client !== undefined).map((e) => (e.type === 'command' ? e.argv[0].toUpperCase() : ''));
    expect(sent).toEqual(expect.arrayContaining(['PING', 'REPLCONF']));
  });

  it('follows the stream of a scripted workload: DEBUG DIGEST equals the simulated master, ACKs move its offset', async () => {
    const r = replicas[0];
    const script = [
      'SET greeting hello', 'INCR counter', 'INCRBY counter 41', 'APPEND greeting " world"',
      'RPUSH list a b c', 'LPOP list', 'HSET user:1 name ada lang en', 'HDEL user:1 lang',
      'SADD tags x y z', 'SREM tags y', 'ZADD board 1.5 alice 2 bob 0.1 carol', 'ZINCRBY board 3 alice',
      'SET temp 1 EX 1000', 'PEXPIRE greeting 900000', 'DEL key:7', 'SELECT 3', 'SET three 3',
      'MULTI', 'SET tx1 1', 'INCR tx1', 'EXEC', 'SELECT 0', 'FLUSHDB ASYNC', 'SET after flush',
    ];
    // One redis-cli session, so SELECT and MULTI hold across lines.
    await redisCli(['-p', String(served.port(6380))], script.join('\n') + '\n');
    await caughtUp(r);
    expect(await r.cli('DEBUG', 'DIGEST')).toBe(await onMaster('DEBUG', 'DIGEST'));
    expect(await r.cli('-n', '3', 'GET', 'three')).toBe('3');
    expect(served.trace.some((e) => e.type === 'ack.recv' && e.replica === r.port && e.offset === simMaster().masterReplOffset)).toBe(true);
  });

  it('after CLIENT KILL TYPE replica it reconnects and continues with +CONTINUE', async () => {
    const r = replicas[0];
    expect(Number(await onMaster('CLIENT', 'KILL', 'TYPE', 'replica'))).toBeGreaterThanOrEqual(1);
    await onMaster('SET', 'while', 'away');
    await waitFor(() => served.trace.some((e) => e.type === 'psync.continue' && e.replica === r.port), 15_000, '+CONTINUE');
    await caughtUp(r);
    expect(await r.cli('GET', 'while')).toBe('away');
    expect(await r.cli('DEBUG', 'DIGEST')).toBe(await onMaster('DEBUG', 'DIGEST'));
  });

  it('takes a diskless RDB ($EOF:) as well', async () => {
    await onMaster('CONFIG', 'SET', 'repl-diskless-sync', 'yes');
    await onMaster('CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    const r = await attachReplica();
    const start = served.trace.find((e) => e.type === 'rdb.transfer.start' && e.replica === r.port);
    expect(start && start.type === 'rdb.transfer.start' && start.diskless).toBe(true);
    await onMaster('SET', 'late', 'write');
    await caughtUp(r);
    expect(await r.cli('DEBUG', 'DIGEST')).toBe(await onMaster('DEBUG', 'DIGEST'));
    // Both real replicas are listed by the simulated master, and the simulated one still follows.
    const ports = simMaster().replicas.map((x) => x.port).sort((a, b) => a - b);
    expect(ports).toEqual([6381, replicas[0].port, r.port].sort((a, b) => a - b));
    expect(await redisCli(['-p', String(served.port(6381)), 'DEBUG', 'DIGEST'])).toBe(await onMaster('DEBUG', 'DIGEST'));
  });
});

describe.skipIf(HAVE_REDIS)('serve — a real replica of a simulated master', () => {
  it.skip(`skipped: ${INSTALL_HINT}`, () => {});
});
