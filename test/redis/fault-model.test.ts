// The fault model (README, "Faults"): each fault behaves as it does to real processes and TCP.
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/redis/world.js';
import { info, run, worldWith } from '../helpers/world.js';

function replicated(): World {
  const w = worldWith([6380, 6381]);
  expect(run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380')).toBe('OK');
  w.runUntilSettled();
  return w;
}

const types = (w: World, seq: number) => w.trace.since(seq).map((e) => e.type);
const linkDowns = (w: World, seq: number) => w.trace.since(seq).filter((e) => e.type === 'link.down');

describe(':drop — a silent partition', () => {
  it('healed before repl-timeout: nobody notices but the clocks; TCP delivers the held writes, no resync', () => {
    const w = replicated();
    const seq = w.trace.total;
    w.dropLink(6380, 6381);
    run(w, 6380, 'SET', 'k', 'v');
    w.runFor(20_000);
    expect(info(w, 6381).master_link_status).toBe('up');
    expect(Number(info(w, 6381).master_last_io_seconds_ago)).toBeGreaterThanOrEqual(10);
    expect(info(w, 6380).slave0).toMatch(/state=online,.*lag=(19|20)$/);
    expect(run(w, 6381, 'GET', 'k')).toBe('(nil)');
    w.heal();
    w.runUntilSettled();
    expect(run(w, 6381, 'GET', 'k')).toBe('v');
    expect(types(w, seq)).not.toContain('link.down');
    expect(types(w, seq)).not.toContain('psync.continue');
    expect(info(w, 6380, 'stats').sync_partial_ok).toBe('0');
  });

  it('past repl-timeout: both ends give up, reconnects time out (never refused), and PSYNC continues after the heal', () => {
    const w = replicated();
    const seq = w.trace.total;
    w.dropLink(6380, 6381);
    run(w, 6380, 'SET', 'k', 'v');
    w.runFor(130_000);
    const r = info(w, 6381);
    expect(r.master_link_status).toBe('down');
    expect(Number(r.master_link_down_since_seconds)).toBeGreaterThan(0);
    expect(info(w, 6380).connected_slaves).toBe('0');
    const reasons = w.trace.since(seq).flatMap((e) => ('reason' in e && e.reason ? [e.reason] : []));
    expect(reasons).toContain('MASTER timeout: no data nor PING received');
    expect(reasons).toContain('Disconnecting timedout replica (streaming sync)');
    expect(reasons).toContain('Timeout connecting to the MASTER');
    expect(reasons.some((x) => x.includes('Connection refused'))).toBe(false);
    w.heal();
    w.runUntilSettled();
    expect(types(w, seq)).toContain('psync.continue');
    expect(run(w, 6381, 'GET', 'k')).toBe('v');
  });
});

describe(':kill — SIGKILL', () => {
  it('what the master wrote before it died still arrives (the kernel sends it), then EOF: one lost link, told by the replica', () => {
    const w = replicated();
    w.setLatency(6380, 6381, 2000);
    const seq = w.trace.total;
    run(w, 6380, 'SET', 'k', 'v');
    w.crash(6380);
    w.runFor(2100);
    expect(run(w, 6381, 'GET', 'k')).toBe('v');
    expect(info(w, 6381).master_link_status).toBe('down');
    const downs = linkDowns(w, seq);
    expect(downs).toHaveLength(1);
    expect(downs[0]).toMatchObject({ replica: 6381, master: 6380, reason: 'connection closed' });
    // The dead process reports nothing after its own crash: the one lost link comes when the EOF arrives.
    const crashAt = w.trace.since(seq).find((e) => e.type === 'server.crash')!.t;
    expect(downs[0].t).toBeGreaterThan(crashAt);
  });
});

describe(':crash — the host dies', () => {
  it('nothing more leaves it: the write in flight is lost, the replica learns only by repl-timeout', () => {
    const w = replicated();
    w.setLatency(6380, 6381, 2000);
    w.setBandwidth(6380, 6381, 10); // a congested link: the write is still in the master's send queue
    run(w, 6380, 'SET', 'k', 'v');
    expect(w.crashHost(6380)).toBe(true);
    w.runFor(30_000);
    expect(run(w, 6381, 'GET', 'k')).toBe('(nil)');
    expect(info(w, 6381).master_link_status).toBe('up');
    w.runFor(40_000);
    expect(info(w, 6381).master_link_status).toBe('down');
  });

  it('when the host is back, a peer still holding a connection to it is reset', () => {
    const w = replicated();
    const seq = w.trace.total;
    w.crashHost(6380);
    w.runFor(5000);
    expect(info(w, 6381).master_link_status).toBe('up');
    w.restart(6380);
    w.runUntilSettled();
    expect(linkDowns(w, seq).map((e) => e.reason)).toEqual(['Connection reset by peer']);
    expect(info(w, 6381).master_link_status).toBe('up');
  });
});

describe(':reset — a connection reset', () => {
  it('both ends learn at once; the replica reconnects and continues: one lost link in the trace', () => {
    const w = replicated();
    const seq = w.trace.total;
    w.resetLink(6380, 6381);
    expect(info(w, 6381).master_link_status).toBe('down');
    expect(info(w, 6380).connected_slaves).toBe('0');
    w.runUntilSettled();
    expect(linkDowns(w, seq)).toHaveLength(1);
    expect(types(w, seq)).toContain('psync.continue');
    expect(info(w, 6381).master_link_status).toBe('up');
  });
});
