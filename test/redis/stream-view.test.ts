import { describe, expect, it } from 'vitest';
import { run, worldWith } from '../helpers/world.js';
import { WRITES_KEPT } from '../../src/redis/stream-view.js';

const argvs = (ws: Array<{ argv: string[] }> | undefined) => (ws ?? []).map((w) => w.argv.join(' '));

describe('where each write of the stream is, in the snapshot', () => {
  it('full sync — buffered, then in flight behind the RDB with the offset after each, held while loading, then applied', () => {
    const w = worldWith([6380, 6381]);
    w.setBandwidth(6380, 6381, 4096);
    run(w, 6380, 'DEBUG', 'POPULATE', '200');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    while (!w.node(6380)!.bgsave) w.step();
    run(w, 6380, 'SET', 'k4', 'v4');
    run(w, 6380, 'SET', 'k5', 'v5');
    const view = () => w.node(6380)!.replicas[0];
    expect(argvs(view().outputBuffer)).toEqual(['SELECT 0', 'SET k4 v4', 'SET k5 v5']);
    expect(view().inFlight).toBeNull();

    while (view().state !== 'online') w.step();
    const sent = view().inFlight!;
    expect(sent.writes.map((x) => [x.argv.join(' '), x.bytes, x.offset])).toEqual([
      ['SELECT 0', 23, 23],
      ['SET k4 v4', 29, 52],
      ['SET k5 v5', 29, 81],
    ]);
    expect([sent.count, sent.bytes]).toEqual([3, 81]);
    expect(sent.rdbBytes).toBeGreaterThan(0);

    while (w.node(6381)!.heldWrites === null) w.step();
    expect(w.node(6381)!.heldWrites).toEqual({ count: 1, bytes: 23, writes: [{ argv: ['SELECT', '0'], bytes: 23 }] });
    expect(view().inFlight!.rdbBytes).toBe(0);
    expect(argvs(view().inFlight!.writes)).toEqual(['SET k4 v4', 'SET k5 v5']);

    while (!w.node(6381)!.lastApplied) w.step();
    const r = w.node(6381)!;
    expect(r.heldWrites).toBeNull();
    expect(r.lastApplied).toEqual({ atMs: w.now, count: 1, bytes: 23, writes: [{ argv: ['SELECT', '0'], bytes: 23, offset: 23 }] });
    expect(r.replicaOffset).toBe(23);
    w.runUntilSettled();
    expect(view().inFlight).toBeNull();
    expect(w.node(6381)!.lastApplied!.writes.at(-1)).toEqual({ argv: ['SET', 'k5', 'v5'], bytes: 29, offset: 81 });
    expect(view().psyncContinue).toBeNull();
  });

  it('+CONTINUE — records the backlog range sent, whose bytes travel and are applied at one instant', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.dropLink(6380, 6381);
    for (const k of ['x', 'y', 'z']) run(w, 6380, 'SET', k, '1');
    w.runFor(61_000);
    const before = w.node(6381)!.replicaOffset!;
    const end = w.node(6380)!.masterReplOffset;
    w.heal();
    const view = () => w.node(6380)!.replicas.find((r) => r.port === 6381);
    while (!view()?.psyncContinue) w.step();
    expect(view()!.psyncContinue).toEqual({ fromOffset: before + 1, toOffset: end });
    expect(view()!.inFlight!.bytes).toBe(end - before);
    expect(view()!.inFlight!.writes.at(-1)!.offset).toBe(end);
    while (w.node(6381)!.replicaOffset !== end) w.step();
    const applied = w.node(6381)!.lastApplied!;
    expect(applied.atMs).toBe(w.now);
    expect(applied.bytes).toBe(end - before);
    expect(argvs(applied.writes).slice(0, 4)).toEqual(['SELECT 0', 'SET x 1', 'SET y 1', 'SET z 1']);
    expect(view()!.inFlight).toBeNull();
  });

  it(`keeps the first ${WRITES_KEPT} writes in flight and counts all of them`, () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.setLatency(6380, 6381, 500);
    for (let i = 0; i < 40; i++) run(w, 6380, 'SET', `k${i}`, 'v');
    const f = w.node(6380)!.replicas[0].inFlight!;
    expect(f.count).toBe(41); // the SELECT first
    expect(f.writes).toHaveLength(WRITES_KEPT);
    expect(f.writes.at(-1)!.offset).toBe(w.node(6380)!.masterReplOffset - f.bytes + f.writes.reduce((n, x) => n + x.bytes, 0));
  });
});

describe('the applied record', () => {
  it(`keeps the last ${WRITES_KEPT} writes applied at the latest instant, oldest first, and counts all of them`, async () => {
    const { appliedView, noteApplied } = await import('../../src/redis/stream-view.js');
    const link = { applied: null as Parameters<typeof appliedView>[0] };
    const f = (i: number) => ({ k: 'cmd' as const, argv: ['SET', `k${i}`, 'v'], bytes: 10 });
    for (let i = 1; i <= 20; i++) noteApplied(link, f(i), 10 * i, 5);
    const v = appliedView(link.applied)!;
    expect([v.atMs, v.count, v.bytes, v.writes.length]).toEqual([5, 20, 200, WRITES_KEPT]);
    expect(v.writes[0]).toEqual({ argv: ['SET', 'k5', 'v'], bytes: 10, offset: 50 });
    expect(v.writes.at(-1)).toEqual({ argv: ['SET', 'k20', 'v'], bytes: 10, offset: 200 });
    noteApplied(link, f(21), 210, 6);
    expect(appliedView(link.applied)).toEqual({ atMs: 6, count: 1, bytes: 10, writes: [{ argv: ['SET', 'k21', 'v'], bytes: 10, offset: 210 }] });
  });
});
