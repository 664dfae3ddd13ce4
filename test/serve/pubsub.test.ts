/**
 * Publish/subscribe over real sockets: the bytes a RESP2 and a RESP3 subscriber read (as
 * redis-server 7.0.15 writes them), redis-cli's subscribe, ioredis subscribe/psubscribe, and a
 * message published on the simulated master reaching a subscriber of the simulated replica.
 */

import { spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, INSTALL_HINT, redisCli, startServe, waitFor, type ServedWorld } from '../helpers/serve.js';

/** A raw connection that keeps everything it reads. */
async function rawClient(port: number): Promise<{ sock: net.Socket; read: () => string; write: (s: string) => void }> {
  const sock = net.connect({ host: '127.0.0.1', port });
  let got = '';
  sock.on('data', (d) => (got += d.toString('latin1')));
  await new Promise((r) => sock.once('connect', r));
  return { sock, read: () => got, write: (s) => void sock.write(Buffer.from(s, 'latin1')) };
}

const cmd = (...argv: string[]) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

describe.skipIf(!HAVE_REDIS)('serve — publish/subscribe with real clients', () => {
  let served: ServedWorld;

  beforeAll(async () => {
    served = await startServe({ setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380'] });
    await waitFor(() => served.live.world.node(6381)?.master?.linkUp === true, 10_000, 'the replica to sync');
  });

  afterAll(async () => {
    await served?.close();
  });

  it('a RESP2 subscriber reads each confirmation as an array, then `message` arrays as they are published', async () => {
    const sub = await rawClient(served.port(6380));
    try {
      sub.write(cmd('SUBSCRIBE', 'a', 'b'));
      const confirm = '*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n';
      await waitFor(() => sub.read() === confirm, 5000, 'the confirmations');
      sub.write(cmd('GET', 'x'));
      sub.write(cmd('PING'));
      expect(await redisCli(['-p', String(served.port(6380)), 'PUBLISH', 'b', 'hi there'])).toBe('1');
      const rest =
        "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n" +
        '*2\r\n$4\r\npong\r\n$0\r\n\r\n' +
        '*3\r\n$7\r\nmessage\r\n$1\r\nb\r\n$8\r\nhi there\r\n';
      await waitFor(() => sub.read() === confirm + rest, 5000, 'the refusal, the pong and the message');
    } finally {
      sub.sock.destroy();
    }
  });

  it('a RESP3 subscriber reads `>` pushes (confirmations and messages), pmessage with its pattern', async () => {
    const sub = await rawClient(served.port(6380));
    try {
      sub.write(cmd('HELLO', '3'));
      await waitFor(() => sub.read().includes('modules'), 5000, 'HELLO 3');
      const hello = sub.read();
      sub.write(cmd('PSUBSCRIBE', 'n*'));
      await waitFor(() => sub.read().length > hello.length, 5000, 'the confirmation');
      expect(await redisCli(['-p', String(served.port(6380)), 'PUBLISH', 'news', 'x'])).toBe('1');
      const expected = '>3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:1\r\n' + '>4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$1\r\nx\r\n';
      await waitFor(() => sub.read().slice(hello.length) === expected, 5000, 'the pmessage push');
    } finally {
      sub.sock.destroy();
    }
  });

  it('redis-cli subscribe on the replica prints the message published on the master (it came through the replication stream)', async () => {
    const proc = spawn('redis-cli', ['-p', String(served.port(6381)), 'subscribe', 'ch']);
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    try {
      // Not a terminal: redis-cli prints raw lines, without "Reading messages...".
      await waitFor(() => out === 'subscribe\nch\n1\n', 5000, 'the subscription');
      expect(await redisCli(['-p', String(served.port(6380)), 'publish', 'ch', 'hi'])).toBe('0');
      await waitFor(() => out === 'subscribe\nch\n1\nmessage\nch\nhi\n', 5000, 'the message on the replica');
      const ev = served.trace.filter((e) => e.type === 'pubsub.publish' && e.port === 6381);
      expect(ev.at(-1)).toMatchObject({ channel: 'ch', message: 'hi', fromMaster: true });
    } finally {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill();
      await gone;
    }
  });

  it('ioredis subscribe and psubscribe get message and pmessage events; PUBSUB NUMSUB and the picture see the subscriber', async () => {
    const sub = new Redis({ port: served.port(6380), maxRetriesPerRequest: 1 });
    const pub = new Redis({ port: served.port(6380), maxRetriesPerRequest: 1 });
    try {
      const got: string[] = [];
      sub.on('message', (ch: string, msg: string) => got.push(`message ${ch} ${msg}`));
      sub.on('pmessage', (p: string, ch: string, msg: string) => got.push(`pmessage ${p} ${ch} ${msg}`));
      expect(await sub.subscribe('orders', 'audit')).toBe(2);
      expect(await sub.psubscribe('ord*')).toBe(3);
      // The picture lists it as a subscriber.
      expect(served.live.clients().filter((c) => c.kind === 'subscriber')).toHaveLength(1);
      expect(await pub.call('PUBSUB', 'NUMSUB', 'orders')).toEqual(['orders', 1]);
      expect(await pub.publish('orders', 'o-1')).toBe(2);
      await waitFor(() => got.length === 2, 5000, 'both deliveries');
      expect(got).toEqual(['message orders o-1', 'pmessage ord* orders o-1']);
      // (ioredis's argument-less unsubscribe() waits for a count of 0 that patterns keep above it, with real Redis too.)
      expect(await sub.unsubscribe('orders', 'audit')).toBe(1);
      expect(await sub.punsubscribe('ord*')).toBe(0);
      expect(await pub.publish('orders', 'o-2')).toBe(0);
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });

  it('QUIT answers +OK and closes; TIME and RESET answer as 7.0 does', async () => {
    const c = await rawClient(served.port(6380));
    c.write(cmd('SELECT', '2') + cmd('RESET') + cmd('TIME'));
    await waitFor(() => /^\+OK\r\n\+RESET\r\n\*2\r\n\$10\r\n\d{10}\r\n\$\d+\r\n\d+\r\n$/.test(c.read()), 5000, 'the replies');
    const closed = new Promise((r) => c.sock.once('close', r));
    c.write(cmd('QUIT'));
    await closed;
    expect(c.read().endsWith('+OK\r\n')).toBe(true);
  });
});

describe.skipIf(HAVE_REDIS)('serve — publish/subscribe with real clients', () => {
  it.skip(INSTALL_HINT, () => {});
});
