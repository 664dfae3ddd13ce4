/**
 * Real clients of served nodes: redis-cli (commands, MONITOR, CLIENT LIST/KILL/SETNAME, AUTH),
 * ioredis running pipelines, MULTI and WAIT, redis-benchmark, and the trace naming each client
 * by its address (`client 127.0.0.1:53122 > SET a 1`).
 */

import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/repl/trace-format.js';
import { HAVE_REDIS, INSTALL_HINT, redisCli, startServe, waitFor, type ServedWorld } from '../helpers/serve.js';

describe.skipIf(!HAVE_REDIS)('serve — redis-cli, ioredis and redis-benchmark against served nodes', () => {
  let served: ServedWorld;
  const cli = (...args: string[]) => redisCli(['-p', String(served.port(6380)), ...args]);

  beforeAll(async () => {
    served = await startServe({ setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380'] });
  });

  afterAll(async () => {
    await served?.close();
  });

  it('redis-cli runs commands; the trace names the client by its address', async () => {
    expect(await cli('SET', 'a', '1')).toBe('OK');
    expect(await cli('GET', 'a')).toBe('1');
    const line = served.trace.filter((e) => e.type === 'command' && e.argv[0] === 'SET').map((e) => formatTrace(e))[0];
    expect(line).toMatch(/^6380 client 127\.0\.0\.1:\d+ > SET a 1 {2}→ OK$/);
    // The simulated replica applied it.
    await waitFor(() => served.live.world.keys(6381).some((k) => k.key === 'a'), 5000, 'propagation to 6381');
  });

  it('MONITOR streams every command other clients run, in 7.0 format', async () => {
    const mon = spawn('redis-cli', ['-p', String(served.port(6380)), 'MONITOR']);
    let out = '';
    mon.stdout.on('data', (d) => (out += d));
    try {
      await waitFor(() => out.includes('OK'), 5000, 'MONITOR to start');
      await cli('SET', 'watched', 'a b');
      await waitFor(() => out.includes('"watched"'), 5000, 'the monitored SET');
      expect(out).toMatch(/^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "watched" "a b"$/m);
      expect(served.live.clients().some((c) => c.kind === 'monitor')).toBe(true);
    } finally {
      const gone = new Promise((r) => mon.once('exit', r));
      mon.kill();
      await gone;
    }
  });

  it('CLIENT SETNAME, CLIENT LIST and CLIENT KILL act on real connections', async () => {
    const r = new Redis({ port: served.port(6380), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      await r.client('SETNAME', 'lib-client');
      const list = await cli('CLIENT', 'LIST');
      const mine = list.split('\n').find((l) => l.includes('name=lib-client'));
      expect(mine).toBeDefined();
      const addr = /addr=(\S+)/.exec(mine!)![1];
      const closed = new Promise((res) => r.once('end', res));
      expect(await cli('CLIENT', 'KILL', addr)).toBe('OK');
      await closed;
      expect(await cli('CLIENT', 'LIST')).not.toContain('name=lib-client');
    } finally {
      r.disconnect();
    }
  });

  it('ioredis: pipelines, MULTI/EXEC and WAIT for the simulated replica', async () => {
    const r = new Redis({ port: served.port(6380), maxRetriesPerRequest: 1 });
    try {
      const results = await r.pipeline().set('p1', 'x').incr('n').incr('n').get('p1').hset('ph', 'f', 'v').hgetall('ph').exec();
      expect(results!.map(([err, v]) => (err ? String(err) : v))).toEqual(['OK', 1, 2, 'x', 1, { f: 'v' }]);
      const tx = await r.multi().set('t', '1').incr('t').get('t').exec();
      expect(tx!.map(([, v]) => v)).toEqual(['OK', 2, '2']);
      await r.set('w', '1');
      // WAIT blocks on the simulated master until the simulated replica ACKs (virtual time follows the wall clock).
      expect(await r.wait(1, 5000)).toBe(1);
      await expect(r.call('WAIT', '2', '200')).resolves.toBe(1);
    } finally {
      r.disconnect();
    }
  });

  it('requirepass: NOAUTH until AUTH, and the simulated replica authenticates with masterauth', async () => {
    const s = await startServe({
      setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380'],
      serverOverrides: [['requirepass', 'pw'], ['masterauth', 'pw']],
    });
    try {
      expect(await redisCli(['-p', String(s.port(6380)), 'SET', 'k', 'v'])).toContain('NOAUTH Authentication required.');
      expect(await redisCli(['-p', String(s.port(6380)), '-a', 'pw', '--no-auth-warning', 'SET', 'k', 'v'])).toBe('OK');
      await waitFor(() => s.live.world.keys(6381).some((k) => k.key === 'k'), 5000, 'the replica to sync through AUTH');
    } finally {
      await s.close();
    }
  });

  it('redis-benchmark runs SET and GET with pipelining', async () => {
    const bench = await new Promise<string>((resolve, reject) => {
      const p = spawn('redis-benchmark', ['-p', String(served.port(6380)), '-t', 'set,get', '-n', '2000', '-P', '16', '-q']);
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.once('error', reject);
      p.once('exit', () => resolve(text));
    });
    expect(bench).toMatch(/SET: [\d.]+ requests per second/);
    expect(bench).toMatch(/GET: [\d.]+ requests per second/);
  });
});

describe.skipIf(HAVE_REDIS)('serve — real clients', () => {
  it.skip(`skipped: ${INSTALL_HINT}`, () => {});
});
