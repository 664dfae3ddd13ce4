import { describe, expect, it } from 'vitest';
import { info, run, worldWith } from '../helpers/world.js';

describe('World time control', () => {
  it('runUntilSettled waits for the ACK of the last write, then stops', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6380, 'SET', 'a', '1');
    w.runUntilSettled();
    const m = info(w, 6380);
    expect(m.slave0).toContain(`offset=${m.master_repl_offset},`);
    expect(w.scheduler.isSettled()).toBe(true);
  });

  it('runUntilSettled is bounded when a replica cannot reach its master', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.crash(6380);
    const t0 = w.now;
    w.runUntilSettled();
    expect(w.now - t0).toBeLessThan(11_000);
    expect(info(w, 6381).master_link_status).toBe('down');
  });

  it('runUntilSettled gives a replica in connect state its reconnect once the master is back', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.dropLink(6380, 6381);
    w.runFor(5000);
    w.heal();
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
  });

  it('nextEvent names the next non-periodic event before heartbeats', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    expect(w.nextEvent()!.label).toEqual({ kind: 'connect', from: 6381, to: 6380 });
    expect(w.nextEvent()!.periodic).toBe(false);
  });

  it('snapshot shows link state, offsets, buffers and the RDB transfer as plain data', () => {
    const w = worldWith([6380, 6381]);
    w.setBandwidth(6380, 6381, 1000);
    run(w, 6380, 'DEBUG', 'POPULATE', '100');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    while (w.node(6380)!.replicas[0]?.state !== 'send_bulk') w.step();
    run(w, 6380, 'SET', 'late', '1');
    const m = w.node(6380)!;
    expect(m.replicas[0].rdbTransfer!.totalBytes).toBeGreaterThan(0);
    expect(m.replicas[0].outputBuffer.map((b) => b.argv.join(' '))).toEqual(['SELECT 0', 'SET late 1']);
    while (!w.node(6381)!.syncTransfer) w.step();
    expect(w.node(6381)!.master!.linkState).toBe('sync');
    w.runUntilSettled();
    const chunks = w.trace.all().filter((e) => e.type === 'rdb.chunk.received');
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((c) => c.type === 'rdb.chunk.received' && c.size <= 100)).toBe(true);
    expect(w.node(6381)!.totalKeys).toBe(101);
    expect(JSON.parse(JSON.stringify(w.snapshot()))).toEqual(w.snapshot());
  });
});
