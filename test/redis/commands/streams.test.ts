import { describe, expect, it } from 'vitest';
import { decodeRdb, encodeRdb } from '../../../src/redis/rdb/index.js';
import { RedisDb } from '../../../src/redis/keyspace.js';
import { newStream, streamAppend, streamTrim, type StreamValue } from '../../../src/redis/stream.js';
import { cmd, run, text, worldWith } from '../../helpers/world.js';

const ids = (r: ReturnType<typeof cmd>) =>
  r?.kind === 'array' ? (r.items ?? []).map((e) => (e.kind === 'array' ? text(e.items![0]) : '?')) : [];

describe('streams', () => {
  it('XADD takes explicit, ms-* and * IDs, always above the last one', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'XADD', 's', '1-1', 'a', '1')).toBe('1-1');
    expect(run(w, 6380, 'XADD', 's', '1-*', 'a', '2')).toBe('1-2');
    expect(run(w, 6380, 'XADD', 's', '1-1', 'a', '3')).toBe('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    expect(run(w, 6380, 'XADD', 's', '0-0', 'a', '3')).toBe('ERR The ID specified in XADD must be greater than 0-0');
    expect(run(w, 6380, 'XADD', 's', '*', 'a')).toBe("ERR wrong number of arguments for 'xadd' command");
    expect(run(w, 6380, 'XADD', 's', '*', 'a', '4')).toMatch(/^\d{13}-0$/);
    expect(run(w, 6380, 'XLEN', 's')).toBe('3');
    expect(cmd(w, 6380, 'XADD', 'none', 'NOMKSTREAM', '*', 'a', '1')).toEqual({ kind: 'bulk', value: null });
  });

  it('XADD * is propagated with the ID it generated, so the replica stores the same entry', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    const id = run(w, 6380, 'XADD', 's', '*', 'k', 'v');
    w.runUntilSettled();
    expect(ids(cmd(w, 6381, 'XRANGE', 's', '-', '+'))).toEqual([id]);
    const sent = w.trace.all().filter((e) => e.type === 'propagate').map((e) => (e as { argv: string[] }).argv.join(' '));
    expect(sent).toContain(`XADD s ${id} k v`);
  });

  it('XRANGE / XREVRANGE: -, +, bare ms, exclusive ends, COUNT', () => {
    const w = worldWith([6380]);
    for (const id of ['1-1', '1-2', '2-0', '3-5']) run(w, 6380, 'XADD', 's', id, 'f', 'v');
    expect(ids(cmd(w, 6380, 'XRANGE', 's', '-', '+'))).toEqual(['1-1', '1-2', '2-0', '3-5']);
    expect(ids(cmd(w, 6380, 'XRANGE', 's', '1', '1'))).toEqual(['1-1', '1-2']);
    expect(ids(cmd(w, 6380, 'XRANGE', 's', '(1-1', '(3-5'))).toEqual(['1-2', '2-0']);
    expect(ids(cmd(w, 6380, 'XREVRANGE', 's', '+', '-', 'COUNT', '2'))).toEqual(['3-5', '2-0']);
    expect(cmd(w, 6380, 'XRANGE', 's', '-', '+', 'COUNT', '0')).toEqual({ kind: 'array', items: null });
    expect(run(w, 6380, 'XRANGE', 's', 'x', '+')).toBe('ERR Invalid stream ID specified as stream command argument');
  });

  it('XREAD returns entries after each ID, skips missing keys, and answers nil when there is nothing', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'XADD', 's', '1-1', 'f', 'v');
    run(w, 6380, 'XADD', 's', '2-1', 'f', 'v');
    const r = cmd(w, 6380, 'XREAD', 'COUNT', '1', 'STREAMS', 's', 'nokey', '0', '0');
    expect(JSON.stringify(r)).toContain('"1-1"');
    expect(JSON.stringify(r)).not.toContain('2-1');
    expect(cmd(w, 6380, 'XREAD', 'STREAMS', 's', '$')).toEqual({ kind: 'array', items: null });
    expect(run(w, 6380, 'XREAD', 'STREAMS', 's', 'nokey', '0')).toBe(
      "ERR Unbalanced 'xread' list of streams: for each stream key an ID or '$' must be specified.",
    );
  });

  it('trimming: ~ removes whole nodes of 100 entries only, = removes exactly', () => {
    const s: StreamValue = newStream();
    for (let i = 1; i <= 250; i++) streamAppend(s, { ms: i, seq: 0 }, ['f', 'v']);
    expect(s.nodes.map((n) => n.entries.length)).toEqual([100, 100, 50]);
    expect(streamTrim(s, { kind: 'maxlen', maxlen: 120 }, true, 10000)).toBe(100);
    expect(s.length).toBe(150);
    expect(streamTrim(s, { kind: 'maxlen', maxlen: 120 }, false, 0)).toBe(30);
    expect(s.length).toBe(120);
  });

  it('XADD MAXLEN ~ is propagated as the exact length it left (= N), XTRIM MINID ~ likewise', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    for (let i = 1; i <= 150; i++) run(w, 6380, 'XADD', 's', `${i}-0`, 'f', 'v');
    run(w, 6380, 'XADD', 's', 'MAXLEN', '~', '10', '151-0', 'f', 'v');
    w.runUntilSettled();
    const sent = w.trace.all().filter((e) => e.type === 'propagate').map((e) => (e as { argv: string[] }).argv.join(' '));
    expect(sent.at(-1)).toBe('XADD s MAXLEN = 51 151-0 f v');
    expect(run(w, 6381, 'XLEN', 's')).toBe('51');
  });

  it('a stream survives the RDB (type 19) with its IDs, fields, last ID and deleted entries gone', () => {
    const db = new RedisDb(0);
    const s = newStream();
    streamAppend(s, { ms: 5, seq: 1 }, ['a', '1', 'b', '2']);
    streamAppend(s, { ms: 5, seq: 2 }, ['a', '3', 'b', '4']);
    streamAppend(s, { ms: 1767225600000, seq: 0 }, ['other', 'x']);
    db.dict.set('s', { type: 'stream', value: s });
    db.dict.set('empty', { type: 'stream', value: newStream() });
    const decoded = decodeRdb(encodeRdb([db], null));
    const got = decoded.dbs[0].dict.get('s') as { type: 'stream'; value: StreamValue };
    expect(got.value.length).toBe(3);
    expect(got.value.lastId).toEqual({ ms: 1767225600000, seq: 0 });
    expect(got.value.nodes[0].entries.map((e) => e.fields)).toEqual([['a', '1', 'b', '2'], ['a', '3', 'b', '4'], ['other', 'x']]);
    expect((decoded.dbs[0].dict.get('empty') as { value: StreamValue }).value.length).toBe(0);
  });
});
