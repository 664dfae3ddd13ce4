import { describe, expect, it } from 'vitest';
import { cmd, info, run, send, text, worldWith } from '../helpers/world.js';
import type { World } from '../../src/redis/world.js';

function replicate(w: World, replica: number, master: number): void {
  expect(run(w, replica, 'REPLICAOF', '127.0.0.1', String(master))).toBe('OK');
  w.runUntilSettled();
  expect(info(w, replica).master_link_status).toBe('up');
}

describe('PSYNC after a disconnection', () => {
  it('psync — continues from the backlog after a short disconnect (+CONTINUE and only the three writes)', () => {
    const w = worldWith([6380, 6381]);
    for (let i = 0; i < 1000; i++) run(w, 6380, 'SET', `key:${i}`, `v${i}`);
    replicate(w, 6381, 6380);
    const seq = w.trace.total;
    // A reset connection: both ends know at once; the writes land while the replica reconnects.
    w.resetLink(6380, 6381);
    expect(info(w, 6381).master_link_status).toBe('down');
    run(w, 6380, 'SET', 'a', '1');
    run(w, 6380, 'SET', 'b', '2');
    run(w, 6380, 'DEL', 'key:1');
    w.runFor(3000);
    w.heal();
    w.runUntilSettled();
    const events = w.trace.since(seq);
    const cont = events.find((e) => e.type === 'psync.continue');
    expect(cont).toBeDefined();
    expect(events.some((e) => e.type === 'psync.fullresync')).toBe(false);
    expect(events.some((e) => e.type === 'bgsave.start')).toBe(false);
    const applied = events.filter((e) => e.type === 'stream.apply').map((e) => (e as { argv: string[] }).argv[0]);
    expect(applied).toContain('SET');
    expect(run(w, 6381, 'GET', 'b')).toBe('2');
    expect(info(w, 6380, 'stats').sync_partial_ok).toBe('1');
    expect(info(w, 6381).slave_repl_offset).toBe(info(w, 6380).master_repl_offset);
  });

  it('psync — a backlog overrun forces +FULLRESYNC', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    expect(run(w, 6380, 'CONFIG', 'SET', 'repl-backlog-size', '16kb')).toBe('OK');
    const seq = w.trace.total;
    w.resetLink(6380, 6381);
    for (let i = 0; i < 1000; i++) run(w, 6380, 'SET', `key:${i}`, 'x'.repeat(20));
    w.heal();
    w.runUntilSettled();
    const events = w.trace.since(seq);
    const full = events.find((e) => e.type === 'psync.fullresync') as { reason: string } | undefined;
    expect(full?.reason).toMatch(/outside the backlog/);
    expect(info(w, 6380, 'stats').sync_partial_err).toBe('2');
    expect(info(w, 6380, 'stats').sync_full).toBe('2');
    expect(w.keys(6381).length).toBe(1000);
    const m = info(w, 6380);
    // 7.0 frees whole ~20 KB blocks and never goes below the setting: 16384 < histlen ≤ 16384 + 20440.
    expect(Number(m.repl_backlog_histlen)).toBeGreaterThan(16384);
    expect(Number(m.repl_backlog_histlen)).toBeLessThanOrEqual(16384 + 20440);
  });

  it('legacy SYNC replica — every reconnect ships a whole RDB', () => {
    const w = worldWith([6380, 6381]);
    for (let i = 0; i < 100; i++) run(w, 6380, 'SET', `key:${i}`, 'v');
    expect(run(w, 6381, 'CONFIG', 'SET', 'replica-legacy-sync', 'yes')).toBe('OK');
    expect(text(cmd(w, 6381, 'CONFIG', 'GET', 'replica-legacy-sync'))).toContain('yes');
    replicate(w, 6381, 6380);
    const seq = w.trace.total;
    w.resetLink(6380, 6381);
    run(w, 6380, 'SET', 'a', '1');
    w.heal();
    w.runUntilSettled();
    const types = w.trace.since(seq).map((e) => e.type);
    expect(types).toContain('sync.legacy');
    expect(types).toContain('bgsave.start');
    expect(types).not.toContain('psync.continue');
    expect(w.trace.since(seq).some((e) => e.type === 'handshake.send' && (e as { argv: string[] }).argv[0] === 'SYNC')).toBe(true);
    expect(run(w, 6381, 'GET', 'a')).toBe('1');
    expect(w.keys(6381).length).toBe(101);
  });
});

describe('failover with PSYNC2 (the seed\'s manual failover)', () => {
  it('6380 shuts down, 6381 becomes master, 6382 (REPLICAOF 6381 directly) resyncs partially with 6381', () => {
    const w = worldWith([6380, 6381, 6382]);
    replicate(w, 6381, 6380);
    replicate(w, 6382, 6380);
    run(w, 6380, 'SET', 'k', 'v');
    w.runUntilSettled();
    expect(cmd(w, 6380, 'SHUTDOWN', 'NOSAVE')).toBe(null);
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('down');
    expect(run(w, 6381, 'SET', 'x', '1')).toBe("READONLY You can't write against a read only replica.");
    const before = info(w, 6381);
    expect(run(w, 6381, 'SLAVEOF', 'NO', 'ONE')).toBe('OK');
    const after = info(w, 6381);
    expect(after.role).toBe('master');
    expect(after.master_replid2).toBe(before.master_replid);
    expect(after.second_repl_offset).toBe(String(Number(before.master_repl_offset) + 1));
    const seq = w.trace.total;
    expect(run(w, 6382, 'SLAVEOF', '127.0.0.1', '6381')).toBe('OK');
    w.runUntilSettled();
    const cont = w.trace.since(seq).find((e) => e.type === 'psync.continue');
    expect(cont).toBeDefined();
    expect(info(w, 6381, 'stats').sync_partial_ok).toBe('1');
    expect(run(w, 6381, 'SET', 'x', '1')).toBe('OK');
    w.runUntilSettled();
    expect(run(w, 6382, 'GET', 'x')).toBe('1');
    expect(run(w, 6382, 'GET', 'k')).toBe('v');
  });

  it('as in real 7.0, SLAVEOF NO ONE on 6382 first gives it a new id, so its resync with 6381 is full', () => {
    const w = worldWith([6380, 6381, 6382]);
    replicate(w, 6381, 6380);
    replicate(w, 6382, 6380);
    run(w, 6380, 'SET', 'k', 'v');
    w.runUntilSettled();
    cmd(w, 6380, 'SHUTDOWN', 'NOSAVE');
    run(w, 6381, 'SLAVEOF', 'NO', 'ONE');
    run(w, 6382, 'SLAVEOF', 'NO', 'ONE');
    const seq = w.trace.total;
    run(w, 6382, 'SLAVEOF', '127.0.0.1', '6381');
    w.runUntilSettled();
    const full = w.trace.since(seq).find((e) => e.type === 'psync.fullresync') as { reason: string } | undefined;
    expect(full?.reason).toMatch(/replication id mismatch/);
    expect(info(w, 6381, 'stats').sync_partial_err).toBe('1');
    expect(run(w, 6382, 'GET', 'k')).toBe('v');
  });

  it('chains — a replica of a replica receives the stream verbatim (same ids and offsets)', () => {
    const w = worldWith([6380, 6381, 6382]);
    replicate(w, 6381, 6380);
    replicate(w, 6382, 6381);
    run(w, 6380, 'SET', 'a', '1');
    w.runUntilSettled();
    expect(run(w, 6382, 'GET', 'a')).toBe('1');
    const m = info(w, 6380);
    expect(info(w, 6382).master_replid).toBe(m.master_replid);
    expect(info(w, 6382).master_repl_offset).toBe(m.master_repl_offset);
  });
});

describe('refusing writes', () => {
  it('NOREPLICAS — min-replicas-to-write without enough good replicas', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    run(w, 6380, 'CONFIG', 'SET', 'min-replicas-to-write', '1');
    w.runFor(1000);
    expect(run(w, 6380, 'SET', 'a', '1')).toBe('OK');
    expect(info(w, 6380).min_slaves_good_slaves).toBe('1');
    w.crash(6381);
    w.runFor(1000);
    expect(run(w, 6380, 'SET', 'a', '2')).toBe('NOREPLICAS Not enough good replicas to write.');
    expect(run(w, 6380, 'GET', 'a')).toBe('1');
  });

  it('MASTERDOWN — replica-serve-stale-data no while the link is down', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    run(w, 6381, 'CONFIG', 'SET', 'replica-serve-stale-data', 'no');
    w.crash(6380);
    // The killed master's kernel closes the connection: the replica reads EOF one latency later.
    w.runFor(10);
    expect(run(w, 6381, 'GET', 'a')).toBe("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
    expect(run(w, 6381, 'PING')).toMatch(/^MASTERDOWN/);
    expect(info(w, 6381).master_link_status).toBe('down');
    expect(run(w, 6381, 'SET', 'a', '1')).toMatch(/^READONLY/);
  });
});

describe('WAIT', () => {
  it('blocks until the replicas ACK (GETACK), then answers the count', () => {
    const w = worldWith([6380, 6381, 6382]);
    replicate(w, 6381, 6380);
    replicate(w, 6382, 6380);
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    c.send(['SET', 'a', '1'], () => {});
    const before = Number(info(w, 6380).master_repl_offset);
    let got: unknown;
    c.send(['WAIT', '2', '1000'], (r) => (got = r));
    const reply = () => got;
    expect(reply()).toBeUndefined();
    expect(Number(info(w, 6380).master_repl_offset)).toBe(before + 37);
    w.runUntilSettled();
    expect(reply()).toEqual({ kind: 'integer', value: 2 });
    expect(w.now).toBeLessThan(1000 + 200000);
  });

  it('times out with the count reached', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    // A brand-new connection has woff 0: every online replica counts at once.
    expect(send(w, 6380, 'WAIT', '1', '500')()).toEqual({ kind: 'integer', value: 1 });
    w.dropLink(6380, 6381);
    const t0 = w.now;
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    c.send(['SET', 'a', '1'], () => {});
    let got: unknown;
    c.send(['WAIT', '1', '500'], (r) => (got = r));
    const reply = () => got;
    w.runFor(600);
    expect(reply()).toEqual({ kind: 'integer', value: 0 });
    expect(w.now - t0).toBe(600);
  });
});

describe('timeouts', () => {
  it('repl-timeout — a paused replica is dropped by its master after 60 s and comes back with PSYNC', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    w.pause(6381);
    w.runFor(62_000);
    expect(info(w, 6380).connected_slaves).toBe('0');
    w.resume(6381);
    w.runUntilSettled();
    expect(info(w, 6380).connected_slaves).toBe('1');
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(info(w, 6381).slave_repl_offset).toBe(info(w, 6380).master_repl_offset);
  });
});
