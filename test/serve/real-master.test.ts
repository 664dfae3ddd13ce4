/**
 * A simulated replica of a real master: `replicaof 127.0.0.1 PORT` on a simulated node, where PORT
 * is a real redis-server 7.0, connects over real TCP, takes the real full sync chunk by chunk (disk
 * `$len` and diskless `$EOF:`) and then the stream, offsets in step with the real master's.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, INSTALL_HINT, redisCli, startRealRedis, startServe, waitFor, type RealRedis, type ServedWorld } from '../helpers/serve.js';

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

describe.skipIf(!HAVE_REDIS)('serve — a simulated replica of a real master', () => {
  let real: RealRedis;
  let served: ServedWorld;
  const onReplica = (...args: string[]) => redisCli(['-p', String(served.port(6381)), ...args]);

  beforeAll(async () => {
    real = await startRealRedis(['--repl-diskless-sync', 'no']);
    await real.cli('DEBUG', 'POPULATE', '2000');
    await real.cli('HSET', 'h', 'f', 'v');
    await real.cli('ZADD', 'z', '0.1', 'a', '3e30', 'b');
    served = await startServe();
  });

  afterAll(async () => {
    await served?.close();
    await real?.stop();
  });

  const node = () => served.live.world.node(6381)!;

  /** The simulated replica applied everything the real master wrote. */
  async function inStep(): Promise<void> {
    await waitFor(async () => {
      const off = Number(infoField(await real.cli('INFO', 'replication'), 'master_repl_offset'));
      return node().master?.linkUp === true && node().replicaOffset === off;
    }, 15_000, 'the simulated replica to reach the real master offset');
  }

  it('connects out, takes the disk RDB ($len) in chunks, and holds the same dataset', async () => {
    served.live.submitLine(`redis-cli -p 6381 replicaof 127.0.0.1 ${real.port}`);
    await inStep();
    const chunks = served.trace.filter((e) => e.type === 'rdb.chunk.received' && e.replica === 6381);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks[0].type === 'rdb.chunk.received' && chunks[0].total).toBeGreaterThan(0);
    expect(await onReplica('DBSIZE')).toBe('2002');
    expect(await onReplica('DEBUG', 'DIGEST')).toBe(await real.cli('DEBUG', 'DIGEST'));
    // The real master sees the simulated node as its replica, listening on 6381.
    expect(await real.cli('INFO', 'replication')).toMatch(/slave0:ip=127\.0\.0\.1,port=6381,state=online/);
  });

  it('applies the real master’s stream, and the real master sees its ACKs', async () => {
    await real.cli('SET', 'fresh', '1');
    await real.cli('RPUSH', 'l', 'a', 'b');
    await real.cli('EXPIRE', 'fresh', '1000');
    await inStep();
    expect(await onReplica('GET', 'fresh')).toBe('1');
    expect(await onReplica('DEBUG', 'DIGEST')).toBe(await real.cli('DEBUG', 'DIGEST'));
    const off = infoField(await real.cli('INFO', 'replication'), 'master_repl_offset');
    await waitFor(async () => new RegExp(`slave0:.*offset=${off},`).test(await real.cli('INFO', 'replication')), 15_000, 'the ACK on the real master');
  });

  it('takes a diskless RDB ($EOF:) after a new full sync', async () => {
    await real.cli('CONFIG', 'SET', 'repl-diskless-sync', 'yes');
    await real.cli('CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    // A replica that forgot its master's history must sync in full.
    served.live.submitLine('redis-cli -p 6381 replicaof no one');
    served.live.submitLine(`redis-cli -p 6381 replicaof 127.0.0.1 ${real.port}`);
    const from = served.trace.length;
    await waitFor(() => served.trace.slice(from).some((e) => e.type === 'replica.load.end' && e.port === 6381), 15_000, 'the second full sync');
    // A diskless transfer announces no size: its chunks say total 0 until the end mark.
    const second = served.trace.slice(from).filter((e) => e.type === 'rdb.chunk.received' && e.replica === 6381);
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((e) => e.type === 'rdb.chunk.received' && e.total === 0)).toBe(true);
    await real.cli('SET', 'after', 'eof');
    await inStep();
    expect(await onReplica('GET', 'after')).toBe('eof');
    expect(await onReplica('DEBUG', 'DIGEST')).toBe(await real.cli('DEBUG', 'DIGEST'));
  });
});

describe.skipIf(HAVE_REDIS)('serve — a simulated replica of a real master', () => {
  it.skip(`skipped: ${INSTALL_HINT}`, () => {});
});
