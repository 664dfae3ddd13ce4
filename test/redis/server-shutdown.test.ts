import { describe, expect, it } from 'vitest';
import { cmd, info, run, send, text, worldWith } from '../helpers/world.js';
import type { World } from '../../src/redis/world.js';

function replicate(w: World, replica: number, master: number): void {
  run(w, replica, 'REPLICAOF', '127.0.0.1', String(master));
  w.runUntilSettled();
}

describe('SHUTDOWN on a master with replicas (7.0 shutdown-timeout)', () => {
  it('waits until a lagging replica ACKs master_repl_offset, then saves and exits without a reply', () => {
    const w = worldWith([6380, 6381], { extra: 'save 3600 1' });
    replicate(w, 6381, 6380);
    w.setLatency(6380, 6381, 300);
    run(w, 6380, 'SET', 'a', '1');
    const reply = send(w, 6380, 'SHUTDOWN');
    expect(reply()).toBeUndefined();
    expect(w.node(6380)!.status).toBe('running');
    // GETACK went out; the write pause holds new writes while the replica catches up.
    expect(w.trace.all().some((e) => e.type === 'getack.send' && e.master === 6380)).toBe(true);
    const write = send(w, 6380, 'SET', 'b', '2');
    expect(write()).toBeUndefined();
    expect(run(w, 6380, 'GET', 'a')).toBe('1');
    // The ACK that answers GETACK does not count GETACK's own 37 bytes (reploff moves after the
    // command), so the replica's next once-a-second ACK is the one that matches.
    w.runFor(2000);
    expect(w.node(6380)!.status).toBe('shutdown');
    const acks = w.trace.all().filter((e) => e.type === 'ack.recv' && e.master === 6380);
    const done = w.trace.all().find((e) => e.type === 'server.shutdown')!;
    expect(done.t - acks.at(-1)!.t).toBeLessThanOrEqual(100);
    expect(reply()).toBe(null);
    expect(write()).toBe(null);
    expect(w.disk.has('/data/6380/dump.rdb')).toBe(true);
    expect(run(w, 6381, 'GET', 'a')).toBe('1');
    expect(run(w, 6381, 'GET', 'b')).toBe('(nil)');
  });

  it('gives up after shutdown-timeout seconds when a replica never answers', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    run(w, 6380, 'SET', 'a', '1');
    w.pause(6381);
    run(w, 6380, 'CONFIG', 'SET', 'shutdown-timeout', '3');
    const t0 = w.now;
    send(w, 6380, 'SHUTDOWN');
    w.runFor(2900);
    expect(w.node(6380)!.status).toBe('running');
    w.runFor(200);
    expect(w.node(6380)!.status).toBe('shutdown');
    const ev = w.trace.all().find((e) => e.type === 'server.shutdown' && e.port === 6380)!;
    expect(ev.t - t0).toBeGreaterThanOrEqual(3000);
    expect(ev.t - t0).toBeLessThanOrEqual(3100);
  });

  it('SHUTDOWN ABORT cancels it: the waiting SHUTDOWN gets an error and paused writes run', () => {
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    w.pause(6381);
    run(w, 6380, 'SET', 'a', '1');
    const shutdown = send(w, 6380, 'SHUTDOWN');
    const write = send(w, 6380, 'SET', 'b', '2');
    w.runFor(500);
    expect(shutdown()).toBeUndefined();
    expect(write()).toBeUndefined();
    expect(run(w, 6380, 'SHUTDOWN', 'ABORT')).toBe('OK');
    expect(text(shutdown()!)).toBe('ERR Errors trying to SHUTDOWN. Check logs.');
    expect(text(write()!)).toBe('OK');
    expect(run(w, 6380, 'GET', 'b')).toBe('2');
    w.runFor(15_000);
    expect(w.node(6380)!.status).toBe('running');
    expect(run(w, 6380, 'SHUTDOWN', 'ABORT')).toBe('ERR No shutdown in progress.');
  });

  it('NOW, shutdown-timeout 0 and caught-up replicas shut down at once', () => {
    for (const args of [['NOW'], ['NOSAVE', 'NOW', 'FORCE']]) {
      const w = worldWith([6380, 6381]);
      replicate(w, 6381, 6380);
      w.pause(6381);
      run(w, 6380, 'SET', 'a', '1');
      expect(cmd(w, 6380, 'SHUTDOWN', ...args)).toBe(null);
      expect(w.node(6380)!.status).toBe('shutdown');
    }
    const w = worldWith([6380, 6381]);
    replicate(w, 6381, 6380);
    w.pause(6381);
    run(w, 6380, 'SET', 'a', '1');
    run(w, 6380, 'CONFIG', 'SET', 'shutdown-timeout', '0');
    expect(cmd(w, 6380, 'SHUTDOWN')).toBe(null);
    expect(w.node(6380)!.status).toBe('shutdown');
    const w2 = worldWith([6380, 6381]);
    replicate(w2, 6381, 6380);
    w2.runFor(1500); // the replica's cron ACK reports the current offset
    expect(info(w2, 6380).slave0).toMatch(new RegExp(`offset=${info(w2, 6380).master_repl_offset},`));
    expect(cmd(w2, 6380, 'SHUTDOWN')).toBe(null);
    expect(w2.node(6380)!.status).toBe('shutdown');
  });

  it('parses options like 7.0: ABORT alone, not SAVE with NOSAVE', () => {
    const w = worldWith([6380]);
    for (const args of [['ABORT', 'NOSAVE'], ['NOW', 'FORCE', 'ABORT'], ['SAVE', 'NOSAVE'], ['foo']]) {
      expect(run(w, 6380, 'SHUTDOWN', ...args)).toBe('ERR syntax error');
    }
    expect(run(w, 6380, 'SHUTDOWN', 'ABORT')).toBe('ERR No shutdown in progress.');
    expect(w.node(6380)!.status).toBe('running');
  });

  it('same inputs, same trace', () => {
    const traceOf = () => {
      const w = worldWith([6380, 6381]);
      replicate(w, 6381, 6380);
      w.setLatency(6380, 6381, 200);
      run(w, 6380, 'SET', 'a', '1');
      send(w, 6380, 'SHUTDOWN');
      w.runFor(2000);
      return JSON.stringify(w.trace.all());
    };
    expect(traceOf()).toBe(traceOf());
  });
});
