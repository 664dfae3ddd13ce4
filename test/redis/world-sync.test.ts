import { describe, expect, it } from 'vitest';
import { cmd, info, run, worldWith } from '../helpers/world.js';

describe('full synchronisation (the seed\'s SYNC timeline)', () => {
  it('replicaof — full sync: k1..k3 in the RDB, k4/k5 buffered during BGSAVE and applied after the load', () => {
    const w = worldWith([6380, 6381]);
    for (const k of ['k1', 'k2', 'k3']) expect(run(w, 6380, 'SET', k, k.replace('k', 'v'))).toBe('OK');
    expect(run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380')).toBe('OK');
    // Step until the master has started its BGSAVE for the replica.
    while (!w.node(6380)!.bgsave) w.step();
    expect(w.node(6380)!.replicas[0].state).toBe('wait_bgsave');
    run(w, 6380, 'SET', 'k4', 'v4');
    run(w, 6380, 'SET', 'k5', 'v5');
    expect(w.node(6380)!.replicas[0].outputBuffer.map((b) => b.argv)).toEqual([
      ['SELECT', '0'],
      ['SET', 'k4', 'v4'],
      ['SET', 'k5', 'v5'],
    ]);
    w.runUntilSettled();
    expect(w.keys(6381).map((k) => k.key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    const types: string[] = w.trace.all().map((e) => e.type);
    const order = ['bgsave.start', 'psync.fullresync', 'buffer.append', 'bgsave.end', 'rdb.chunk.sent', 'rdb.chunk.received', 'replica.flush', 'replica.load.start', 'replica.load.end', 'buffer.apply'];
    let last = -1;
    for (const t of order) {
      const i = types.indexOf(t, last + 1);
      expect(i, t).toBeGreaterThan(last);
      last = i;
    }
    const m = info(w, 6380);
    const r = info(w, 6381);
    expect(r.master_link_status).toBe('up');
    expect(r.slave_repl_offset).toBe(m.master_repl_offset);
    expect(m.slave0).toMatch(/^ip=127\.0\.0\.1,port=6381,state=online,offset=\d+,lag=\d$/);
  });

  it('a DEBUG POPULATE dataset of 100,000 keys arrives whole: same keys, same string values', () => {
    const w = worldWith([6380, 6381]);
    expect(run(w, 6380, 'DEBUG', 'POPULATE', '100000')).toBe('OK');
    expect(run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380')).toBe('OK');
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(run(w, 6381, 'DBSIZE')).toBe('100000');
    for (const i of [0, 9, 10, 99_999]) {
      expect(run(w, 6381, 'GET', `key:${i}`)).toBe(`value:${i}`);
      expect(run(w, 6381, 'TYPE', `key:${i}`)).toBe('string');
    }
    // Every key and value, not a sample: the keyspaces are equal.
    expect(new Map(w.server(6381)!.dbs[0].dict)).toEqual(new Map(w.server(6380)!.dbs[0].dict));
  });

  it('propagation — SET a 10 after a first full sync puts master_repl_offset at 51', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    // Settle only the non-periodic work: the sync, before any cron PING.
    w.scheduler.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(info(w, 6380).master_repl_offset).toBe('0');
    run(w, 6380, 'set', 'a', '10');
    expect(info(w, 6380).master_repl_offset).toBe('51');
    w.scheduler.runUntilSettled();
    expect(info(w, 6381).slave_repl_offset).toBe('51');
    expect(run(w, 6381, 'GET', 'a')).toBe('10');
    const ir = info(w, 6380);
    expect(ir.repl_backlog_first_byte_offset).toBe('1');
    expect(ir.repl_backlog_histlen).toBe('51');
  });

  it('a fresh master has no backlog and its offset stays 0', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'x', '1');
    const m = info(w, 6380);
    expect(m.master_repl_offset).toBe('0');
    expect(m.repl_backlog_active).toBe('0');
    expect(cmd(w, 6380, 'ROLE')).toEqual({
      kind: 'array',
      items: [{ kind: 'bulk', value: 'master' }, { kind: 'integer', value: 0 }, { kind: 'array', items: [] }],
    });
  });
});
