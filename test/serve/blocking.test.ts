/**
 * Blocking pops from real clients of served nodes: the late reply arrives on the blocked client's
 * socket when another client pushes, a timeout answers nil on the wall clock, and a job queue
 * (ioredis BRPOPLPUSH/BLMOVE workers) runs against the simulated master.
 */

import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, redisCli, startServe, waitFor, type ServedWorld } from '../helpers/serve.js';

/** A raw RESP connection collecting every byte it receives. */
async function rawClient(port: number): Promise<{ send(...argv: string[]): void; received(): string; close(): void }> {
  const sock = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  let data = '';
  sock.on('data', (d) => (data += d.toString('latin1')));
  return {
    send: (...argv) => sock.write(`*${argv.length}\r\n` + argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')),
    received: () => data,
    close: () => sock.destroy(),
  };
}

describe.skipIf(!HAVE_REDIS)('serve — blocking pops over real sockets', () => {
  let served: ServedWorld;

  beforeAll(async () => {
    served = await startServe({ setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380'] });
  });

  afterAll(async () => {
    await served?.close();
  });

  it('a client blocked in BLPOP gets *2 q a on its socket when another client RPUSHes', async () => {
    const blocked = await rawClient(served.port(6380));
    try {
      blocked.send('BLPOP', 'q', '0');
      await waitFor(() => served.trace.some((e) => e.type === 'pop.block'), 5000, 'the BLPOP to block');
      expect(blocked.received()).toBe('');
      expect(await redisCli(['-p', String(served.port(6380)), 'RPUSH', 'q', 'a'])).toBe('1');
      await waitFor(() => blocked.received().length > 0, 5000, 'the late reply');
      expect(blocked.received()).toBe('*2\r\n$1\r\nq\r\n$1\r\na\r\n');
      // The pop reached the simulated replica as LPOP q.
      await waitFor(() => served.trace.some((e) => e.type === 'stream.apply' && e.argv.join(' ') === 'LPOP q'), 5000, 'LPOP q applied on 6381');
    } finally {
      blocked.close();
    }
  });

  it('a BLPOP with a timeout answers a nil array once it passes; commands sent meanwhile answer after it', async () => {
    const c = await rawClient(served.port(6380));
    try {
      c.send('BLPOP', 'empty', '0.2');
      c.send('PING');
      await waitFor(() => c.received().length >= '*-1\r\n+PONG\r\n'.length, 5000, 'the timeout');
      expect(c.received()).toBe('*-1\r\n+PONG\r\n');
    } finally {
      c.close();
    }
  });

  it('RESP3 (HELLO 3): the scores of BZPOPMIN, ZMPOP and BZMPOP are doubles, a timeout is _ — as 7.0.15 sends them', async () => {
    const c = await rawClient(served.port(6380));
    try {
      c.send('HELLO', '3');
      await waitFor(() => c.received().length > 0, 5000, 'HELLO');
      const start = c.received().length;
      c.send('ZADD', 'zr', '1', 'a', '2', 'b', '3', 'c');
      c.send('BZPOPMIN', 'zr', '0');
      c.send('ZMPOP', '1', 'zr', 'MIN', 'COUNT', '1');
      c.send('BZMPOP', '0', '1', 'zr', 'MAX');
      c.send('BLPOP', 'nothing', '0.01');
      const expected = ':3\r\n*3\r\n$2\r\nzr\r\n$1\r\na\r\n,1\r\n*2\r\n$2\r\nzr\r\n*1\r\n*2\r\n$1\r\nb\r\n,2\r\n*2\r\n$2\r\nzr\r\n*1\r\n*2\r\n$1\r\nc\r\n,3\r\n_\r\n';
      await waitFor(() => c.received().length - start >= expected.length, 5000, 'the replies');
      expect(c.received().slice(start)).toBe(expected);
    } finally {
      c.close();
    }
  });

  it('a job queue: ioredis workers blocked in BLMOVE and BRPOPLPUSH take the jobs a producer pushes, one each', async () => {
    const port = served.port(6380);
    const a = new Redis({ port, maxRetriesPerRequest: 1 });
    const b = new Redis({ port, maxRetriesPerRequest: 1 });
    const producer = new Redis({ port, maxRetriesPerRequest: 1 });
    try {
      const first = a.blmove('jobs', 'working', 'RIGHT', 'LEFT', 0);
      const second = b.brpoplpush('jobs', 'working', 0);
      await waitFor(() => served.trace.filter((e) => e.type === 'pop.block').length >= 3, 5000, 'both workers to block');
      await producer.lpush('jobs', 'job-1', 'job-2');
      expect([await first, await second]).toEqual(['job-1', 'job-2']);
      expect(await producer.lrange('working', 0, -1)).toEqual(['job-2', 'job-1']);
    } finally {
      a.disconnect();
      b.disconnect();
      producer.disconnect();
    }
  });
});
