import { describe, expect, it } from 'vitest';
import { cmd, info, run, worldWith } from '../helpers/world.js';
import type { World } from '../../src/redis/world.js';

function replicate(w: World, replica: number, master: number): void {
  run(w, replica, 'REPLICAOF', '127.0.0.1', String(master));
  w.runUntilSettled();
}

describe('faults and reconnection', () => {
  it('repl-timeout — a replica whose master is paused for over 60 s drops the link, then continues', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    w.pause(6380);
    w.runFor(59_000);
    expect(info(w, 6381).master_link_status).toBe('up');
    w.runFor(3_000);
    expect(info(w, 6381).master_link_status).toBe('down');
    expect(w.trace.all().some((e) => e.type === 'link.down' && e.reason.startsWith('MASTER timeout'))).toBe(true);
    w.resume(6380);
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(info(w, 6380, 'stats').sync_partial_ok).toBe('1');
  });

  it('a replica retries once per second while its master is down, and full-syncs with a restarted empty master', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    run(w, 6380, 'SET', 'a', '1');
    w.runUntilSettled();
    w.crash(6380);
    const seq = w.trace.total;
    w.runFor(3000);
    const attempts = w.trace.since(seq).filter((e) => e.type === 'repl.state' && e.state === 'connecting').length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    w.restart(6380);
    w.runUntilSettled();
    // No persistence: new replid, offset 0 — the replica must flush and full-sync to an empty dataset.
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(run(w, 6381, 'GET', 'a')).toBe('(nil)');
    expect(info(w, 6380, 'stats').sync_full).toBe('1');
  });

  it('CLIENT KILL TYPE master makes the replica reconnect and continue with PSYNC', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    expect(cmd(w, 6381, 'CLIENT', 'KILL', 'TYPE', 'master')).toEqual({ kind: 'integer', value: 1 });
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(info(w, 6380, 'stats').sync_partial_ok).toBe('1');
    expect(run(w, 6381, 'CLIENT', 'LIST')).toMatch(/flags=M /);
    expect(run(w, 6380, 'CLIENT', 'LIST')).toMatch(/flags=S /);
  });

  it('CLIENT KILL TYPE replica disconnects replicas; they come back', () => {
    const w = worldWith([6380, 6381, 6382]);
    replicate(w, 6381, 6380);
    replicate(w, 6382, 6380);
    expect(cmd(w, 6380, 'CLIENT', 'KILL', 'TYPE', 'replica')).toEqual({ kind: 'integer', value: 2 });
    expect(info(w, 6380).connected_slaves).toBe('0');
    w.runUntilSettled();
    expect(info(w, 6380).connected_slaves).toBe('2');
  });

  it('DEBUG RELOAD saves and reloads the dataset; LASTSAVE moves', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'a', '1');
    w.runFor(5000);
    const before = Number(run(w, 6380, 'LASTSAVE'));
    expect(run(w, 6380, 'DEBUG', 'RELOAD')).toBe('OK');
    expect(run(w, 6380, 'GET', 'a')).toBe('1');
    expect(Number(run(w, 6380, 'LASTSAVE'))).toBe(before + 5);
  });

  it('BGSAVE runs in virtual time and writes dump.rdb when it ends', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'DEBUG', 'POPULATE', '1000');
    expect(run(w, 6380, 'BGSAVE')).toBe('Background saving started');
    expect(run(w, 6380, 'BGSAVE')).toBe('ERR Background save already in progress');
    expect(info(w, 6380, 'persistence').rdb_bgsave_in_progress).toBe('1');
    expect(w.disk.has('/data/6380/dump.rdb')).toBe(false);
    w.runUntilSettled();
    expect(w.disk.has('/data/6380/dump.rdb')).toBe(true);
    expect(info(w, 6380, 'persistence').rdb_changes_since_last_save).toBe('0');
  });

  it('REPLICAOF to the same master answers "OK Already connected to specified master"', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    expect(run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380')).toBe('OK Already connected to specified master');
    expect(run(w, 6381, 'REPLICAOF', 'localhost', '6380')).toBe('OK');
  });

  it('WAIT on a replica is refused with 7.0\'s text', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    expect(run(w, 6381, 'WAIT', '1', '0')).toMatch(/^ERR WAIT cannot be used with replica instances\./);
  });
});

describe('restarting a master from its dump.rdb', () => {
  it('keys that expired meanwhile go into the new backlog as DELs, so continuing replicas drop them too', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6380, 'SET', 'gone', 'v', 'PX', '500');
    run(w, 6380, 'SET', 'kept', 'v');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    expect(cmd(w, 6380, 'SHUTDOWN', 'SAVE')).toBe(null);
    w.runFor(1000);
    w.restart(6380);
    const m = info(w, 6380);
    expect(m.master_repl_offset).toBe(String(Number(m.second_repl_offset) - 1 + 23 + 23));
    w.runUntilSettled();
    expect(info(w, 6380, 'stats').sync_partial_ok).toBe('1');
    expect(w.keys(6381).map((k) => k.key)).toEqual(['kept']);
  });
});
