// Publish/subscribe in the engine (Redis 7.0.15's pubsub.c): confirmations and counts, patterns,
// PUBLISH's receiver count, RESP2 subscribed mode, PUBSUB introspection, and PUBLISH as the
// replication stream carries it (bytes and offsets checked against a real 7.0.15 master).
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/redis/api.js';
import type { Reply } from '../../src/redis/reply.js';
import type { World } from '../../src/redis/world.js';
import { info, run, text, worldWith } from '../helpers/world.js';

/** A subscriber: its own connection, with every reply and pushed message in arrival order. */
function subscriber(w: World, port: number): { conn: Connection; got: string[]; send: (...argv: string[]) => void } {
  const c = w.connect('127.0.0.1', port);
  if ('error' in c) throw new Error(c.error);
  const got: string[] = [];
  const show = (r: Reply | null) => got.push(r === null ? '(closed)' : r.kind === 'array' ? r.items!.map(text).join(' ') : text(r));
  c.onPush!(show);
  return { conn: c, got, send: (...argv) => c.send(argv, show) };
}

function withReplica(): World {
  const w = worldWith([6380, 6381]);
  run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
  w.runUntilSettled();
  return w;
}

describe('SUBSCRIBE and UNSUBSCRIBE', () => {
  it('confirm each channel with the client\'s subscription count, a repeated channel counted once', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'a', 'b', 'a');
    expect(s.got).toEqual(['subscribe a 1', 'subscribe b 2', 'subscribe a 2']);
  });

  it('UNSUBSCRIBE with no channel leaves each one, then answers a nil channel when there is none', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'a', 'b');
    s.got.length = 0;
    s.send('UNSUBSCRIBE');
    s.send('UNSUBSCRIBE');
    expect(s.got).toEqual(['unsubscribe a 1', 'unsubscribe b 0', 'unsubscribe (nil) 0']);
  });

  it('counts channels and patterns together, shard channels apart', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'a');
    s.send('PSUBSCRIBE', 'n*', 'n*');
    s.send('SSUBSCRIBE', 's1', 's2');
    s.send('PUNSUBSCRIBE');
    s.send('SUNSUBSCRIBE', 's2');
    expect(s.got).toEqual(['subscribe a 1', 'psubscribe n* 2', 'psubscribe n* 2', 'ssubscribe s1 1', 'ssubscribe s2 2', 'punsubscribe n* 1', 'sunsubscribe s2 1']);
  });

  it('a closed connection leaves every channel: PUBLISH counts nobody', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'news');
    s.send('PSUBSCRIBE', '*');
    expect(run(w, 6380, 'PUBLISH', 'news', 'x')).toBe('2');
    s.conn.close();
    expect(run(w, 6380, 'PUBLISH', 'news', 'x')).toBe('0');
    expect(run(w, 6380, 'PUBSUB', 'NUMPAT')).toBe('0');
  });
});

describe('PUBLISH', () => {
  it('delivers to channel subscribers, then to matching patterns (pmessage names the pattern), and answers the count', () => {
    const w = worldWith([6380]);
    const a = subscriber(w, 6380);
    const b = subscriber(w, 6380);
    a.send('SUBSCRIBE', 'news.tech');
    b.send('PSUBSCRIBE', 'news.*', 'sport.*');
    a.got.length = 0;
    b.got.length = 0;
    expect(run(w, 6380, 'PUBLISH', 'news.tech', 'hello')).toBe('2');
    expect(run(w, 6380, 'PUBLISH', 'weather', 'rain')).toBe('0');
    expect(a.got).toEqual(['message news.tech hello']);
    expect(b.got).toEqual(['pmessage news.* news.tech hello']);
  });

  it('SPUBLISH reaches shard subscribers only, as smessage; PUBLISH never reaches them', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SSUBSCRIBE', 'orders');
    s.got.length = 0;
    expect(run(w, 6380, 'PUBLISH', 'orders', 'x')).toBe('0');
    expect(run(w, 6380, 'SPUBLISH', 'orders', 'y')).toBe('1');
    expect(s.got).toEqual(['smessage orders y']);
  });

  it('is traced with the clients it reached', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'ch');
    const seq = w.trace.total;
    run(w, 6380, 'PUBLISH', 'ch', 'hi');
    const ev = w.trace.since(seq).find((e) => e.type === 'pubsub.publish');
    expect(ev).toMatchObject({ port: 6380, channel: 'ch', message: 'hi', receivers: [expect.stringMatching(/^127\.0\.0\.1:\d+$/)], shard: false, fromMaster: false });
  });
});

describe('PUBLISH through replication (as real 7.0.15 streams it)', () => {
  it('a subscriber on the replica gets a message published on the master, which counts only its own subscribers', () => {
    const w = withReplica();
    const s = subscriber(w, 6381);
    s.send('SUBSCRIBE', 'ch');
    s.got.length = 0;
    expect(run(w, 6380, 'PUBLISH', 'ch', 'hi')).toBe('0');
    expect(s.got).toEqual([]);
    w.runUntilSettled();
    expect(s.got).toEqual(['message ch hi']);
    const ev = w.trace.all().filter((e) => e.type === 'pubsub.publish' && e.port === 6381);
    expect(ev).toMatchObject([{ fromMaster: true, receivers: [expect.any(String)] }]);
  });

  it('PUBLISH ch hi is 33 bytes of stream, after SELECT 0 (23 bytes) when the stream is on another db; SPUBLISH too', () => {
    const w = withReplica();
    const before = Number(info(w, 6380).master_repl_offset);
    run(w, 6380, 'SET', 'k', 'v'); // the stream is on db 0 now
    const afterSet = Number(info(w, 6380).master_repl_offset);
    run(w, 6380, 'PUBLISH', 'ch', 'hi');
    expect(Number(info(w, 6380).master_repl_offset)).toBe(afterSet + 33);
    run(w, 6380, 'SELECT', '3');
    run(w, 6380, 'PUBLISH', 'ch', 'yo');
    expect(Number(info(w, 6380).master_repl_offset)).toBe(afterSet + 33 + 23 + 33);
    run(w, 6380, 'SELECT', '0');
    run(w, 6380, 'SPUBLISH', 'ch', 'sh');
    const end = Number(info(w, 6380).master_repl_offset);
    expect(end).toBe(afterSet + 33 + 56 + 23 + 34);
    expect(end).toBeGreaterThan(before);
    w.runUntilSettled();
    expect(info(w, 6381).slave_repl_offset).toBe(String(end));
  });

  it('down a chain 6380 → 6381 → 6382: the sub-replica\'s subscriber gets it too, and every offset matches', () => {
    const w = withReplica();
    w.startServer({ configText: 'port 6382\nsave ""\ndir /data/6382\n' });
    run(w, 6382, 'REPLICAOF', '127.0.0.1', '6381');
    w.runUntilSettled();
    const s = subscriber(w, 6382);
    s.send('PSUBSCRIBE', '*');
    s.got.length = 0;
    run(w, 6380, 'PUBLISH', 'ch', 'far');
    w.runUntilSettled();
    expect(s.got).toEqual(['pmessage * ch far']);
    const offset = info(w, 6380).master_repl_offset;
    expect([info(w, 6381).master_repl_offset, info(w, 6382).master_repl_offset]).toEqual([offset, offset]);
  });

  it('a master with no replica ever (no backlog) publishes without moving its offset; a replica never propagates its own', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'PUBLISH', 'ch', 'hi');
    expect(info(w, 6380).master_repl_offset).toBe('0');
    const r = withReplica();
    const offset = info(r, 6381).master_repl_offset;
    expect(run(r, 6381, 'PUBLISH', 'ch', 'local')).toBe('0');
    expect(info(r, 6381).master_repl_offset).toBe(offset);
  });
});

describe('RESP2 subscribed mode', () => {
  it('refuses other commands with 7.0\'s error naming the full command; PING answers pong and its message as an array', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'a');
    s.got.length = 0;
    s.send('GET', 'x');
    s.send('CLIENT', 'INFO');
    s.send('PING');
    s.send('PING', 'hello');
    expect(s.got).toEqual([
      "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
      "ERR Can't execute 'client|info': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
      'pong ',
      'pong hello',
    ]);
  });

  it('lasts while any subscription is left (a shard channel too), and ends with the last', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SSUBSCRIBE', 's');
    s.send('SUBSCRIBE', 'a');
    s.send('UNSUBSCRIBE', 'a');
    s.got.length = 0;
    s.send('GET', 'x');
    s.send('SUNSUBSCRIBE');
    s.send('GET', 'x');
    expect(s.got[0]).toMatch(/^ERR Can't execute 'get'/);
    expect(s.got.slice(1)).toEqual(['sunsubscribe s 0', '(nil)']);
  });

  it('a RESP3 client has no limits: GET and a plain PONG', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('HELLO', '3');
    s.send('SUBSCRIBE', 'a');
    s.got.length = 0;
    s.send('GET', 'x');
    s.send('PING');
    expect(s.got).toEqual(['(nil)', 'PONG']);
  });

  it('INFO stats counts the channels, unique patterns and shard channels with a subscriber', () => {
    const w = worldWith([6380]);
    const a = subscriber(w, 6380);
    const b = subscriber(w, 6380);
    a.send('SUBSCRIBE', 'x', 'y');
    a.send('PSUBSCRIBE', 'p*');
    b.send('PSUBSCRIBE', 'p*');
    b.send('SSUBSCRIBE', 's');
    const stats = info(w, 6380, 'stats');
    expect([stats.pubsub_channels, stats.pubsub_patterns, stats.pubsubshard_channels]).toEqual(['2', '1', '1']);
  });

  it('CLIENT LIST shows flags=P and the sub/psub/ssub counts', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'a', 'b');
    s.send('PSUBSCRIBE', 'x*');
    s.send('SSUBSCRIBE', 'q');
    const list = run(w, 6380, 'CLIENT', 'LIST');
    expect(list).toMatch(/flags=P db=0 sub=2 psub=1 ssub=1 /);
  });

  it('CLIENT KILL TYPE pubsub closes the subscribed clients only', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('SUBSCRIBE', 'a');
    expect(run(w, 6380, 'CLIENT', 'KILL', 'TYPE', 'normal')).toBe('0');
    expect(run(w, 6380, 'CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe('1');
    expect(s.conn.open).toBe(false);
  });

  it('SSUBSCRIBE inside EXEC is refused (DENY BLOCKING); SUBSCRIBE runs', () => {
    const w = worldWith([6380]);
    const s = subscriber(w, 6380);
    s.send('MULTI');
    s.send('SSUBSCRIBE', 'a');
    s.send('SUBSCRIBE', 'b');
    s.send('EXEC');
    // EXEC's array: the refusal, then SUBSCRIBE's confirmation.
    expect(s.got[3]).toBe(`ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client ${JSON.stringify([{ kind: 'bulk', value: 'subscribe' }, { kind: 'bulk', value: 'b' }, { kind: 'integer', value: 1 }])}`);
  });
});

describe('PUBSUB', () => {
  it('CHANNELS (with a pattern), NUMSUB, NUMPAT, SHARDCHANNELS, SHARDNUMSUB', () => {
    const w = worldWith([6380]);
    const a = subscriber(w, 6380);
    const b = subscriber(w, 6380);
    a.send('SUBSCRIBE', 'news', 'sport');
    b.send('SUBSCRIBE', 'news');
    b.send('PSUBSCRIBE', 'n*', 'x*');
    a.send('PSUBSCRIBE', 'n*');
    a.send('SSUBSCRIBE', 'orders');
    const items = (argv: string[]) => {
      const r = w.connect('127.0.0.1', 6380);
      let got: Reply | null = null;
      if (!('error' in r)) r.send(argv, (x) => (got = x));
      return got;
    };
    expect(text(items(['PUBSUB', 'CHANNELS']))).toContain('"news"');
    expect(items(['PUBSUB', 'CHANNELS', 's*'])).toEqual({ kind: 'array', items: [{ kind: 'bulk', value: 'sport' }] });
    expect(items(['PUBSUB', 'NUMSUB', 'news', 'nope'])).toEqual({
      kind: 'array',
      items: [{ kind: 'bulk', value: 'news' }, { kind: 'integer', value: 2 }, { kind: 'bulk', value: 'nope' }, { kind: 'integer', value: 0 }],
    });
    expect(run(w, 6380, 'PUBSUB', 'NUMPAT')).toBe('2');
    expect(items(['PUBSUB', 'SHARDCHANNELS'])).toEqual({ kind: 'array', items: [{ kind: 'bulk', value: 'orders' }] });
    expect(items(['PUBSUB', 'SHARDNUMSUB', 'orders'])).toEqual({ kind: 'array', items: [{ kind: 'bulk', value: 'orders' }, { kind: 'integer', value: 1 }] });
  });

  it('answers 7.0\'s errors for an unknown subcommand and wrong arities', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'PUBSUB', 'foo')).toBe("ERR unknown subcommand 'foo'. Try PUBSUB HELP.");
    expect(run(w, 6380, 'PUBSUB', 'NUMPAT', 'x')).toBe("ERR wrong number of arguments for 'pubsub|numpat' command");
    expect(run(w, 6380, 'PUBSUB', 'CHANNELS', 'a', 'b')).toBe("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.");
    expect(run(w, 6380, 'PUBSUB')).toBe("ERR wrong number of arguments for 'pubsub' command");
    expect(run(w, 6380, 'SUBSCRIBE')).toBe("ERR wrong number of arguments for 'subscribe' command");
  });
});
