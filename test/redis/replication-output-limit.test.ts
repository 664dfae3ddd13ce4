import { describe, expect, it } from 'vitest';
import { cmd, info, run, text, worldWith } from '../helpers/world.js';
import { OBUF_LIMIT_REASON } from '../../src/redis/replication.js';

const DEFAULT = 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';

describe('client-output-buffer-limit (replica class)', () => {
  it('CONFIG GET prints 7.0\'s three classes in bytes; SET changes only the classes named', () => {
    const w = worldWith([6380]);
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'client-output-buffer-limit'))).toBe(
      JSON.stringify([{ kind: 'bulk', value: 'client-output-buffer-limit' }, { kind: 'bulk', value: DEFAULT }]),
    );
    expect(run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1kb 0 0')).toBe('OK');
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'client-output-buffer-limit'))).toContain('normal 0 0 0 slave 1024 0 0 pubsub 33554432 8388608 60');
    run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'slave 10mb 5mb 30 normal 1 2 3');
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'client-output-buffer-limit'))).toContain('normal 1 2 3 slave 10485760 5242880 30 pubsub');
  });

  it('redis.conf lines add up class by class', () => {
    const w = worldWith([6380], { extra: 'client-output-buffer-limit replica 512mb 128mb 120\nclient-output-buffer-limit pubsub 0 0 0' });
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'client-output-buffer-limit'))).toContain('normal 0 0 0 slave 536870912 134217728 120 pubsub 0 0 0');
  });

  it('CONFIG SET rejects bad limits with 7.0\'s messages', () => {
    const w = worldWith([6380]);
    const prefix = "ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - ";
    expect(run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1kb 2kb')).toBe(prefix + 'Wrong number of arguments in buffer limit configuration.');
    expect(run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'foo 1 2 3')).toBe(prefix + 'Invalid client class specified in buffer limit configuration.');
    expect(run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1x 2 3')).toBe(prefix + 'Error in hard, soft or soft_seconds setting in buffer limit configuration.');
    expect(run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1 2 -3')).toBe(prefix + 'Error in hard, soft or soft_seconds setting in buffer limit configuration.');
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'client-output-buffer-limit'))).toContain(DEFAULT);
  });

  it('the sync loop — writes during a slow full sync overflow a tiny hard limit; the replica is dropped and syncs again', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6380, 'DEBUG', 'POPULATE', '20000', 'key', '100');
    run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1kb 0 0');
    w.setBandwidth(6380, 6381, 200_000); // a 660 KB RDB → over three seconds on the wire
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runFor(1000);
    expect(info(w, 6380).slave0).toMatch(/state=(wait_bgsave|send_bulk)/);
    for (let i = 0; i < 40; i++) run(w, 6380, 'SET', `w${i}`, 'x'.repeat(20));
    const drops = w.trace.all().filter((e) => e.type === 'link.down' && e.master === 6380 && e.reason === OBUF_LIMIT_REASON);
    expect(drops).toHaveLength(1);
    expect(info(w, 6380).connected_slaves).toBe('0');
    w.runFor(3000);
    // The replica came back and asked for (and got) another full sync.
    expect(info(w, 6380, 'stats').sync_full).toBe('2');
    // With room for the writes of a full sync the loop ends.
    run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 256mb 64mb 60');
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(run(w, 6381, 'GET', 'w39')).toBe('x'.repeat(20));
  });

  it('a soft limit closes the replica only after it stays over it for more than soft-seconds', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6380, 'DEBUG', 'POPULATE', '20000', 'key', '100');
    run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 0 1kb 2');
    w.setBandwidth(6380, 6381, 100_000);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runFor(1000);
    for (let i = 0; i < 40; i++) run(w, 6380, 'SET', `w${i}`, 'x'.repeat(20));
    const dropped = () => w.trace.all().some((e) => e.type === 'link.down' && e.reason === OBUF_LIMIT_REASON);
    expect(dropped()).toBe(false);
    w.runFor(2000);
    expect(dropped()).toBe(false);
    w.runFor(2000);
    expect(dropped()).toBe(true);
  });

  it('an online replica behind a slow link is dropped when the stream queued for it passes the hard limit', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6380, 'CONFIG', 'SET', 'client-output-buffer-limit', 'replica 4kb 0 0');
    w.setBandwidth(6380, 6381, 1000);
    // Each SET is 130 bytes in the stream; at 1000 B/s they pile up on the master's side.
    let droppedAt = -1;
    for (let i = 0; i < 50 && droppedAt < 0; i++) {
      run(w, 6380, 'SET', `k${i}`, 'v'.repeat(100));
      if (w.trace.all().some((e) => e.type === 'link.down' && e.replica === 6381 && e.reason === OBUF_LIMIT_REASON)) droppedAt = i;
    }
    expect(droppedAt).toBeGreaterThanOrEqual(28);
    expect(droppedAt).toBeLessThanOrEqual(32);
  });

  it('the default limits leave an ordinary full sync alone', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6380, 'DEBUG', 'POPULATE', '1000');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    for (let i = 0; i < 100; i++) run(w, 6380, 'SET', `w${i}`, 'v');
    w.runUntilSettled();
    expect(info(w, 6380, 'stats').sync_full).toBe('1');
    expect(info(w, 6380).slave0).toMatch(/state=online/);
  });
});
