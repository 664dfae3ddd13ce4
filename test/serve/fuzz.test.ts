/**
 * RESP fuzzing: 100,000 random and mutated frames at served nodes never crash the tutor and never
 * wedge another client — a bystander's PING is answered at once, every time. The bulk runs on the
 * deterministic core (seeded, replayable: the seed is printed on failure); a smaller run goes over
 * real sockets.
 */

import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../src/repl/api.js';
import { ServeCore, type ServeInput, type ServeInputBody } from '../../src/serve/core.js';
import { createServedSession } from '../../src/serve/setup.js';
import { Rng } from '../../src/sim/rng.js';
import { HAVE_REDIS, INSTALL_HINT, startServe, waitFor } from '../helpers/serve.js';

const FRAMES = 100_000;

const cmd = (...argv: string[]) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

/** Valid frames to start mutating from: data commands, transactions, RESP3, inline forms. */
const CORPUS = [
  cmd('SET', 'k', 'v'), cmd('GET', 'k'), cmd('INCR', 'n'), cmd('LPUSH', 'l', 'a', 'b'), cmd('LRANGE', 'l', '0', '-1'),
  cmd('HSET', 'h', 'f', 'v'), cmd('HGETALL', 'h'), cmd('SADD', 's', 'm'), cmd('SMEMBERS', 's'), cmd('ZADD', 'z', '1.5', 'm'),
  cmd('ZRANGE', 'z', '0', '-1', 'WITHSCORES'), cmd('EXPIRE', 'k', '100'), cmd('DEL', 'k'), cmd('MULTI'), cmd('EXEC'),
  cmd('DISCARD'), cmd('HELLO', '3'), cmd('HELLO', '2'), cmd('SELECT', '2'), cmd('PING'), cmd('ECHO', 'x'.repeat(40)),
  cmd('CLIENT', 'SETNAME', 'fz'), cmd('CLIENT', 'INFO'), cmd('INFO', 'replication'), cmd('DBSIZE'), cmd('TYPE', 'h'),
  'PING\r\n', 'SET a "b c"\r\n', "GET 'a'\r\n", 'INCRBY n 5\n', '\r\n', '*0\r\n', '*-1\r\n',
];

/** One frame: random bytes, or a corpus frame mutated (bytes flipped, cut, spliced, lengths changed). */
function makeFrame(rng: Rng): Buffer {
  const kind = rng.int(10);
  if (kind === 0) {
    const n = rng.int(64);
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = rng.int(256);
    return b;
  }
  let s = CORPUS[rng.int(CORPUS.length)];
  const mutations = rng.int(4);
  for (let m = 0; m < mutations; m++) {
    const at = rng.int(s.length + 1);
    switch (rng.int(7)) {
      case 0: // flip a byte
        s = s.slice(0, at) + String.fromCharCode(rng.int(256)) + s.slice(at + 1);
        break;
      case 1: // cut
        s = s.slice(0, at);
        break;
      case 2: // splice in protocol characters
        s = s.slice(0, at) + ['\r', '\n', '*', '$', '-', '0', '"', "'", '\\', '\0'][rng.int(10)] + s.slice(at);
        break;
      case 3: // a length far too big or negative
        s = s.replace(/\$(\d+)/, ['$-1', '$999999999999', '$70000', '$4294967296', '$+3'][rng.int(5)]);
        break;
      case 4: // a count far too big
        s = s.replace(/^\*(\d+)/, ['*2147483648', '*100', '*-7', '*x', '*11'][rng.int(5)]);
        break;
      case 5: // duplicate (pipelining)
        s = s + s;
        break;
      default: // glue another frame
        s = s + CORPUS[rng.int(CORPUS.length)];
    }
  }
  return Buffer.from(s, 'latin1');
}

describe('serve — RESP fuzzing never crashes the tutor and never wedges another client', () => {
  it(`${FRAMES.toLocaleString('en')} random and mutated frames on the deterministic core`, () => {
    const seed = 20260101;
    const rng = new Rng(seed);
    const session = createServedSession({ seed: 1, setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380'], serverOverrides: [] });
    const written = new Map<number, string>();
    const ended = new Set<number>();
    const core = new ServeCore(session, {
      write: (conn, data) => written.set(conn, (written.get(conn) ?? '') + (typeof data === 'string' ? data : Buffer.from(data).toString('latin1'))),
      end: (conn) => ended.add(conn),
      dial: () => {},
      printed: (_: OutputLine[]) => {},
    });
    const world = core.currentWorld;
    const apply = (input: ServeInputBody) => core.apply({ t: world.now, ...input } as ServeInput);
    const open = () => {
      const conn = core.allocConn();
      apply({ in: 'open', conn, port: 6380, remotePort: 40000 + conn, loopback: true });
      return conn;
    };
    const bystander = open();
    let fuzz = open();
    let sinceOpen = 0;
    let pings = 0;
    let protocolErrors = 0;
    try {
      for (let i = 0; i < FRAMES; i++) {
        if (ended.has(fuzz) || sinceOpen > 40) {
          if (!ended.has(fuzz)) apply({ in: 'close', conn: fuzz });
          else if ((written.get(fuzz) ?? '').includes('Protocol error')) protocolErrors++;
          written.delete(fuzz);
          fuzz = open();
          sinceOpen = 0;
        }
        apply({ in: 'data', conn: fuzz, data: makeFrame(rng) });
        sinceOpen++;
        if (i % 100 === 0) {
          world.runFor(1);
          written.set(bystander, '');
          apply({ in: 'data', conn: bystander, data: Buffer.from(cmd('PING')) });
          expect(written.get(bystander)).toBe('+PONG\r\n');
          pings++;
        }
      }
    } catch (e) {
      throw new Error(`fuzz seed ${seed}: ${(e as Error).message}`);
    }
    expect(ended.has(bystander)).toBe(false);
    expect(pings).toBe(FRAMES / 100);
    // The fuzz reached the error paths, not just the happy one.
    expect(protocolErrors).toBeGreaterThan(100);
    // Replication still works after it all.
    world.runUntilSettled();
    expect(world.node(6381)!.replicaOffset).toBe(world.node(6380)!.masterReplOffset);
  });

  it.skipIf(!HAVE_REDIS)('over real sockets: 5,000 frames on many connections, a bystander answered throughout', async () => {
    const served = await startServe({ setup: ['redis-server --port 6380'] });
    const rng = new Rng(7);
    const bystander = net.connect({ host: '127.0.0.1', port: served.port(6380) });
    let got = '';
    bystander.on('data', (d) => (got += d.toString('latin1')));
    try {
      await new Promise((r) => bystander.once('connect', r));
      for (let batch = 0; batch < 100; batch++) {
        const sock = net.connect({ host: '127.0.0.1', port: served.port(6380) });
        sock.on('error', () => {});
        sock.on('data', () => {});
        await new Promise((r) => sock.once('connect', r));
        for (let i = 0; i < 50; i++) sock.write(makeFrame(rng));
        sock.destroy();
        bystander.write(cmd('PING'));
        const want = '+PONG\r\n'.repeat(batch + 1);
        await waitFor(() => got === want, 5000, `bystander PONG #${batch + 1}`);
      }
    } finally {
      bystander.destroy();
      await served.close();
    }
  });

  it.skipIf(HAVE_REDIS)(`real-socket fuzz skipped: ${INSTALL_HINT}`, () => {});
});
