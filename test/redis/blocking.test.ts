import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/redis/reply.js';
import type { World } from '../../src/redis/world.js';
import { traceLine } from '../../src/redis/trace-types.js';
import { cmd, info, run, send, worldWith } from '../helpers/world.js';

/** A reply as nested plain data: bulk text, null for nil, arrays as arrays, errors as "ERR …". */
function plain(r: Reply | null | undefined): unknown {
  if (r === undefined) return 'still blocked';
  if (r === null) return '(closed)';
  switch (r.kind) {
    case 'status':
    case 'error':
      return r.text;
    case 'integer':
      return r.value;
    case 'bulk':
      return r.value;
    case 'array':
      return r.items === null ? null : r.items.map(plain);
  }
}

function withReplica(): World {
  const w = worldWith([6380, 6381]);
  run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
  w.runUntilSettled();
  return w;
}

function propagatedSince(w: World, seq: number): string[] {
  return w.trace.since(seq).flatMap((e) => (e.type === 'propagate' ? [e.argv.join(' ')] : []));
}

const offset = (w: World) => Number(info(w, 6380).master_repl_offset);

describe('blocking pops (blocked.c, Redis 7.0)', () => {
  it('BLPOP — a client blocked on an empty list gets [key, element] when another client pushes', () => {
    const w = worldWith([6380]);
    const reply = send(w, 6380, 'BLPOP', 'q', '0');
    expect(reply()).toBeUndefined();
    expect(run(w, 6380, 'RPUSH', 'q', 'a')).toBe('1');
    expect(plain(reply())).toEqual(['q', 'a']);
    expect(run(w, 6380, 'EXISTS', 'q')).toBe('0');
  });

  it('first blocked, first served: one RPUSH of three values serves three blocked clients in order; the push replies the length before', () => {
    const w = worldWith([6380]);
    const first = send(w, 6380, 'BLPOP', 'q', '0');
    const second = send(w, 6380, 'BRPOP', 'q', '0');
    const third = send(w, 6380, 'BLPOP', 'q', '0');
    const fourth = send(w, 6380, 'BLPOP', 'q', '0');
    expect(run(w, 6380, 'RPUSH', 'q', 'a', 'b', 'c')).toBe('3');
    expect([first(), second(), third()].map(plain)).toEqual([['q', 'a'], ['q', 'c'], ['q', 'b']]);
    expect(fourth()).toBeUndefined();
    expect(run(w, 6380, 'LPUSH', 'q', 'd')).toBe('1');
    expect(plain(fourth())).toEqual(['q', 'd']);
  });

  it('a client blocked on several keys is served from the key that became ready; in a MULTI, the key created first', () => {
    const w = worldWith([6380]);
    const one = send(w, 6380, 'BLPOP', 'a', 'b', '0');
    run(w, 6380, 'RPUSH', 'b', 'x');
    expect(plain(one())).toEqual(['b', 'x']);
    const two = send(w, 6380, 'BLPOP', 'a', 'b', '0');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'RPUSH', 'b', 'from-b');
    run(w, 6380, 'RPUSH', 'a', 'from-a');
    expect(plain(cmd(w, 6380, 'EXEC'))).toEqual([1, 1]);
    expect(plain(two())).toEqual(['b', 'from-b']);
    expect(run(w, 6380, 'LRANGE', 'a', '0', '-1')).toContain('from-a');
  });

  it('timeout on the virtual clock: nil after the deadline, noticed at the next 100 ms tick (hz 10); 0 waits forever', () => {
    const w = worldWith([6380]);
    const start = w.now;
    const timed = send(w, 6380, 'BLPOP', 'q', '1');
    const forever = send(w, 6380, 'BLPOP', 'q2', '0');
    w.runFor(999);
    expect(timed()).toBeUndefined();
    w.runFor(200);
    expect(plain(timed())).toBeNull();
    w.runFor(600_000);
    expect(forever()).toBeUndefined();
    const move = send(w, 6380, 'BLMOVE', 'q', 'd', 'LEFT', 'RIGHT', '0.25');
    w.runFor(400);
    expect(move()).toEqual({ kind: 'bulk', value: null });
    expect(start).toBeLessThan(w.now);
  });

  it('timeouts parse as 7.0 does: a long double in seconds, rounded up to ms, errors verbatim', () => {
    const w = worldWith([6380]);
    const error = (t: string) => run(w, 6380, 'BLPOP', 'q', t);
    expect(error('-1')).toBe('ERR timeout is negative');
    expect(error('abc')).toBe('ERR timeout is not a float or out of range');
    expect(error(' 1')).toBe('ERR timeout is not a float or out of range');
    expect(error('nan')).toBe('ERR timeout is not a float or out of range');
    expect(error('1e-5000')).toBe('ERR timeout is not a float or out of range');
    // ×1000 overflows the cast to long long: a negative number.
    expect(error('1e100')).toBe('ERR timeout is negative');
    expect(error('inf')).toBe('ERR timeout is negative');
    expect(error('9223372036854776')).toBe('ERR timeout is negative');
    expect(error('-0.0011')).toBe('ERR timeout is negative');
    expect(run(w, 6380, 'BLMOVE', 'q', 'd', 'up', 'left', '0')).toBe('ERR syntax error');
    expect(run(w, 6380, 'BLMPOP', '0', '0', 'q', 'left')).toBe('ERR numkeys should be greater than 0');
    expect(run(w, 6380, 'BLMPOP', '0', '1', 'q', 'left', 'COUNT', '0')).toBe('ERR count should be greater than 0');
    expect(run(w, 6380, 'BLMPOP', 'x', '1', 'q', 'left')).toBe('ERR timeout is not a float or out of range');
    // 0.0001 s is 0.1 ms, rounded up to 1 ms; -0.0001 rounds up to -0: no timeout at all; hex is a float too.
    const tiny = send(w, 6380, 'BLPOP', 'q', '0.0001');
    const negativeZero = send(w, 6380, 'BLPOP', 'q', '-0.0001');
    const hex = send(w, 6380, 'BLPOP', 'q', '0x0.1');
    w.runFor(300);
    expect(plain(tiny())).toBeNull();
    expect(plain(hex())).toBeNull();
    expect(negativeZero()).toBeUndefined();
  });

  it('inside MULTI a blocking pop never blocks: nil array, or nil bulk for BLMOVE/BRPOPLPUSH', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'MULTI');
    for (const argv of [['BLPOP', 'q', '0'], ['BRPOPLPUSH', 'q', 'd', '0'], ['BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0'], ['BZPOPMIN', 'z', '0'], ['BLMPOP', '0', '1', 'q', 'LEFT'], ['BZMPOP', '0', '1', 'z', 'MIN']]) {
      expect(run(w, 6380, ...argv)).toBe('QUEUED');
    }
    expect(plain(cmd(w, 6380, 'EXEC'))).toEqual([null, null, null, null, null, null]);
  });

  it('a replica refusing writes refuses blocking pops too (they are write commands): READONLY', () => {
    const w = withReplica();
    expect(run(w, 6381, 'BLPOP', 'q', '1')).toBe("READONLY You can't write against a read only replica.");
    expect(run(w, 6381, 'LMPOP', '1', 'q', 'LEFT')).toBe("READONLY You can't write against a read only replica.");
  });

  it('propagation at once: each pop goes as its non-blocking form, offsets moving by real Redis 7.0.15\'s bytes', () => {
    const w = withReplica();
    const steps: Array<[string[], number]> = [
      [['RPUSH', 'q', 'a', 'b', 'c', 'd', 'e'], 57],
      [['BLPOP', 'q', '0'], 21], // LPOP q
      [['BRPOP', 'q', '0'], 21], // RPOP q
      [['BLMOVE', 'q', 'd', 'LEFT', 'RIGHT', '0'], 50], // LMOVE q d LEFT RIGHT
      [['BRPOPLPUSH', 'q', 'd', '0'], 33], // RPOPLPUSH q d
      [['RPUSH', 'q', 'a', 'b', 'c', 'd', 'e'], 57],
      [['BLMPOP', '0', '2', 'nokey', 'q', 'LEFT', 'COUNT', '2'], 28], // LPOP q 2
      [['BLMPOP', '0', '1', 'q', 'RIGHT'], 28], // RPOP q 1
      [['LMPOP', '2', 'nokey', 'q', 'RIGHT', 'COUNT', '5'], 28], // RPOP q 3 (what was left)
      [['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'], 92],
      [['BZPOPMIN', 'z', '0'], 24], // ZPOPMIN z
      [['BZPOPMAX', 'z', '0'], 24], // ZPOPMAX z
      [['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '2'], 31], // ZPOPMIN z 2
      [['ZMPOP', '1', 'z', 'MAX'], 31], // ZPOPMAX z 1
      [['BLPOP', 'nothing', '0.1'], 0],
    ];
    const seq = w.trace.total;
    run(w, 6380, 'SET', 'warm', 'up'); // the SELECT goes out first
    for (const [argv, bytes] of steps) {
      const before = offset(w);
      const reply = send(w, 6380, ...argv);
      w.runFor(200);
      expect(reply(), argv.join(' ')).toBeDefined();
      expect(offset(w) - before, argv.join(' ')).toBe(bytes);
    }
    expect(propagatedSince(w, seq).slice(2)).toEqual([
      'RPUSH q a b c d e', 'LPOP q', 'RPOP q', 'LMOVE q d LEFT RIGHT', 'RPOPLPUSH q d', 'RPUSH q a b c d e',
      'LPOP q 2', 'RPOP q 1', 'RPOP q 3', 'ZADD z 1 a 2 b 3 c 4 d 5 e', 'ZPOPMIN z', 'ZPOPMAX z', 'ZPOPMIN z 2', 'ZPOPMAX z 1',
    ]);
    w.runUntilSettled();
    expect(info(w, 6381).slave_repl_offset).toBe(info(w, 6380).master_repl_offset);
    expect(run(w, 6381, 'LRANGE', 'd', '0', '-1')).toBe(run(w, 6380, 'LRANGE', 'd', '0', '-1'));
  });

  it('propagation when served later: the push, then each served pop on its own (no MULTI), as real 7.0.15 streams them', () => {
    const w = withReplica();
    const seq = w.trace.total;
    const replies: Array<() => Reply | null | undefined> = [];
    const block = (...argv: string[]) => replies.push(send(w, 6380, ...argv));
    block('BLPOP', 'k1', '0');
    block('BLPOP', 'k1', '0');
    run(w, 6380, 'RPUSH', 'k1', 'x', 'y', 'z');
    block('BLMOVE', 'k2', 'd2', 'RIGHT', 'left', '0');
    run(w, 6380, 'LPUSH', 'k2', 'x');
    block('BRPOPLPUSH', 'k3', 'd3', '0');
    run(w, 6380, 'LPUSH', 'k3', 'x');
    block('BLMPOP', '0', '1', 'k4', 'left', 'count', '5');
    run(w, 6380, 'RPUSH', 'k4', 'a', 'b', 'c');
    block('BZPOPMIN', 'z5', '0');
    run(w, 6380, 'ZADD', 'z5', '1', 'a', '2', 'b');
    block('BZMPOP', '0', '1', 'z6', 'max', 'count', '5');
    run(w, 6380, 'ZADD', 'z6', '1', 'a', '2', 'b');
    block('BRPOP', 'k7', '0');
    run(w, 6380, 'RPUSH', 'k7', 'a', 'b', 'c');
    expect(replies.map((r) => plain(r()))).toEqual([
      ['k1', 'x'], ['k1', 'y'], 'x', 'x', ['k4', ['a', 'b', 'c']], ['z5', 'a', '1'], ['z6', [['b', '2'], ['a', '1']]], ['k7', 'c'],
    ]);
    expect(propagatedSince(w, seq)).toEqual([
      'SELECT 0', 'RPUSH k1 x y z', 'LPOP k1', 'LPOP k1',
      'LPUSH k2 x', 'LMOVE k2 d2 right left',
      'LPUSH k3 x', 'RPOPLPUSH k3 d3',
      'RPUSH k4 a b c', 'LPOP k4 3',
      'ZADD z5 1 a 2 b', 'ZPOPMIN z5',
      'ZADD z6 1 a 2 b', 'ZPOPMAX z6 2',
      'RPUSH k7 a b c', 'RPOP k7',
    ]);
    w.runUntilSettled();
    expect(info(w, 6381).slave_repl_offset).toBe(info(w, 6380).master_repl_offset);
    for (const k of ['k1', 'd2', 'd3', 'k7']) expect(run(w, 6381, 'LRANGE', k, '0', '-1')).toBe(run(w, 6380, 'LRANGE', k, '0', '-1'));
  });

  it('pushes inside MULTI/EXEC serve after EXEC: the transaction, then each pop — as real 7.0.15 streams it', () => {
    const w = withReplica();
    const seq = w.trace.total;
    const first = send(w, 6380, 'BLPOP', 'm1', '0');
    const second = send(w, 6380, 'BRPOP', 'm1', '0');
    for (const argv of [['MULTI'], ['RPUSH', 'm1', 'a'], ['RPUSH', 'm1', 'b', 'c'], ['EXEC']]) cmd(w, 6380, ...argv);
    const third = send(w, 6380, 'BLPOP', 'm2', '0');
    // A key made ready and emptied again inside the transaction serves what it holds at the end.
    for (const argv of [['MULTI'], ['RPUSH', 'm2', 'a'], ['LPOP', 'm2'], ['RPUSH', 'm2', 'z'], ['EXEC']]) cmd(w, 6380, ...argv);
    expect([first(), second(), third()].map(plain)).toEqual([['m1', 'a'], ['m1', 'c'], ['m2', 'z']]);
    expect(propagatedSince(w, seq)).toEqual([
      'SELECT 0', 'MULTI', 'RPUSH m1 a', 'RPUSH m1 b c', 'EXEC', 'LPOP m1', 'RPOP m1',
      'MULTI', 'RPUSH m2 a', 'LPOP m2', 'RPUSH m2 z', 'EXEC', 'LPOP m2',
    ]);
  });

  it('a client blocked in db 1 is served by a push in db 1 only; its pop is propagated after a SELECT 1', () => {
    const w = withReplica();
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    let got: Reply | null | undefined;
    c.send(['SELECT', '1'], () => {});
    c.send(['BLPOP', 'q', '0'], (r) => (got = r));
    run(w, 6380, 'RPUSH', 'q', 'db0');
    expect(got).toBeUndefined();
    const seq = w.trace.total;
    run(w, 6380, 'SELECT', '1');
    run(w, 6380, 'RPUSH', 'q', 'db1');
    run(w, 6380, 'SELECT', '0');
    expect(plain(got)).toEqual(['q', 'db1']);
    expect(propagatedSince(w, seq)).toEqual(['SELECT 1', 'RPUSH q db1', 'LPOP q']);
  });

  it('a served BLMOVE whose destination holds a string gets WRONGTYPE, pops nothing and propagates nothing', () => {
    const w = withReplica();
    const reply = send(w, 6380, 'BLMOVE', 'k9', 'd9', 'RIGHT', 'LEFT', '0');
    run(w, 6380, 'SET', 'd9', 'str');
    const seq = w.trace.total;
    run(w, 6380, 'RPUSH', 'k9', 'x');
    expect(plain(reply())).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(run(w, 6380, 'LRANGE', 'k9', '0', '-1')).toContain('x');
    expect(propagatedSince(w, seq)).toEqual(['RPUSH k9 x']);
  });

  it('a BLMOVE served into a key another client waits on serves that client too, in the same round', () => {
    const w = worldWith([6380]);
    const mover = send(w, 6380, 'BLMOVE', 'jobs', 'work', 'LEFT', 'RIGHT', '0');
    const worker = send(w, 6380, 'BLPOP', 'work', '0');
    run(w, 6380, 'RPUSH', 'jobs', 'j1');
    expect(plain(mover())).toBe('j1');
    expect(plain(worker())).toEqual(['work', 'j1']);
  });

  it('a blocked client that hangs up leaves the queue: the next push serves the one behind it', () => {
    const w = worldWith([6380]);
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    c.send(['BLPOP', 'q', '0'], () => {});
    const second = send(w, 6380, 'BLPOP', 'q', '0');
    c.close();
    run(w, 6380, 'RPUSH', 'q', 'a');
    expect(plain(second())).toEqual(['q', 'a']);
    expect(info(w, 6380, 'clients').blocked_clients).toBe('0');
  });

  it('a master turned replica unblocks its blocked clients with -UNBLOCKED and closes them', () => {
    const w = worldWith([6380, 6381]);
    const reply = send(w, 6380, 'BLPOP', 'q', '0');
    expect(info(w, 6380, 'clients').blocked_clients).toBe('1');
    run(w, 6380, 'REPLICAOF', '127.0.0.1', '6381');
    expect(plain(reply())).toBe('UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)');
    expect(info(w, 6380, 'clients').blocked_clients).toBe('0');
  });

  it('CLIENT LIST shows a blocked client with flags=b; INFO counts blocked_clients and those with a timeout', () => {
    const w = worldWith([6380]);
    send(w, 6380, 'BLPOP', 'q', '0');
    send(w, 6380, 'BZPOPMAX', 'z', '5');
    const clients = info(w, 6380, 'clients');
    expect([clients.blocked_clients, clients.clients_in_timeout_table]).toEqual(['2', '1']);
    const list = run(w, 6380, 'CLIENT', 'LIST').split('\n');
    expect(list.filter((l) => l.includes('flags=b ')).map((l) => /cmd=(\S+)/.exec(l)![1])).toEqual(['blpop', 'bzpopmax']);
  });

  it('the trace shows a client blocking and being served, and its timeout', () => {
    const w = worldWith([6380]);
    const seq = w.trace.total;
    send(w, 6380, 'BLPOP', 'q', '0');
    run(w, 6380, 'RPUSH', 'q', 'a');
    send(w, 6380, 'BRPOP', 'q', '2');
    w.runFor(2500);
    const events = w.trace.since(seq).filter((e) => e.type === 'pop.block' || e.type === 'pop.unblock');
    expect(events.map((e) => (e.type === 'pop.unblock' ? `${e.type} ${e.how} ${e.command} ${e.reply}` : `${e.type} ${e.type === 'pop.block' ? e.timeoutMs : ''}`))).toEqual([
      'pop.block 0', 'pop.unblock served BLPOP (array of 2)', 'pop.block 2000', 'pop.unblock timeout BRPOP (nil)',
    ]);
    expect(events.map((e) => traceLine(e, 'en').replace(/127\.0\.0\.1:\d+/, 'CLIENT'))).toEqual([
      '6380 CLIENT blocks on q in BLPOP (no timeout)',
      "6380 serves CLIENT's BLPOP from q: (array of 2)",
      '6380 CLIENT blocks on q in BRPOP (timeout 2000 ms)',
      "6380 CLIENT's BRPOP timed out: (nil)",
    ]);
    expect(traceLine(events[0], 'zh').replace(/127\.0\.0\.1:\d+/, 'CLIENT')).toBe('6380 CLIENT 在 BLPOP 中阻塞，等待 q（不超时）');
  });
});

describe('LMPOP and ZMPOP (7.0)', () => {
  it('pop up to COUNT from the first non-empty key: [key, elements]; nil when none; errors verbatim', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'RPUSH', 'l', 'a', 'b', 'c');
    expect(plain(cmd(w, 6380, 'LMPOP', '2', 'none', 'l', 'LEFT'))).toEqual(['l', ['a']]);
    expect(plain(cmd(w, 6380, 'LMPOP', '1', 'l', 'RIGHT', 'COUNT', '10'))).toEqual(['l', ['c', 'b']]);
    expect(plain(cmd(w, 6380, 'LMPOP', '1', 'l', 'RIGHT'))).toBeNull();
    expect(run(w, 6380, 'LMPOP', '2', 'l', 'LEFT')).toBe('ERR syntax error');
    expect(run(w, 6380, 'LMPOP', '1', 'l', 'LEFT', 'COUNT', '-1')).toBe('ERR count should be greater than 0');
    expect(run(w, 6380, 'LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '1')).toBe('ERR syntax error');
    run(w, 6380, 'SET', 's', 'v');
    expect(run(w, 6380, 'LMPOP', '2', 's', 'l', 'LEFT')).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    run(w, 6380, 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(plain(cmd(w, 6380, 'ZMPOP', '1', 'z', 'MAX', 'COUNT', '2'))).toEqual(['z', [['c', '3'], ['b', '2']]]);
    expect(plain(cmd(w, 6380, 'ZMPOP', '2', 'none', 'z', 'MIN'))).toEqual(['z', [['a', '1']]]);
    expect(plain(cmd(w, 6380, 'ZMPOP', '1', 'z', 'MIN'))).toBeNull();
    expect(run(w, 6380, 'ZMPOP', '0', 'z', 'MIN')).toBe('ERR numkeys should be greater than 0');
    expect(run(w, 6380, 'ZMPOP', '1', 'z', 'MID')).toBe('ERR syntax error');
  });
});
