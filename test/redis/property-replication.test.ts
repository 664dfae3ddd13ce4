import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FAULTS, faultFromPicks, portsNeeded, type Fault } from '../../src/redis/faults.js';
import { World } from '../../src/redis/world.js';
import { offsetsNeverAhead, replicasConverged } from '../helpers/invariants.js';

const PORTS = [6380, 6381, 6382];

type Op =
  | { k: 'cmd'; port: number; argv: string[] }
  | { k: 'replicaof'; port: number; master: number | null }
  /** Any row of the fault table (src/redis/faults.ts): a new fault is fuzzed here without an edit. */
  | { k: 'fault'; fault: Fault }
  | { k: 'run'; ms: number }
  | { k: 'backlog'; port: number; size: string }
  | { k: 'config'; port: number; name: string; value: string };

const port = fc.constantFrom(...PORTS);
const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const value = fc.string({ maxLength: 6 });

const dataCmd = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, value).map(([k, v]) => ['set', k, v]),
  key.map((k) => ['DEL', k]),
  fc.integer({ min: 0, max: 2 }).map((d) => ['SELECT', String(d)]),
  fc.constant<string[]>(['MULTI']),
  fc.constant<string[]>(['EXEC']),
  fc.constant<string[]>(['FLUSHDB']),
  key.map((k) => ['INCR', `n${k}`]),
  fc.tuple(key, value).map(([k, v]) => ['RPUSH', `l${k}`, v]),
  key.map((k) => ['LPOP', `l${k}`]),
  fc.tuple(key, key, value).map(([k, f, v]) => ['HSET', `h${k}`, f, v]),
  fc.tuple(key, value).map(([k, v]) => ['SADD', `s${k}`, v]),
  fc.tuple(key, fc.integer({ min: -5, max: 5 }), value).map(([k, sc, m]) => ['ZADD', `z${k}`, String(sc), m]),
  fc.tuple(key, fc.integer({ min: 1, max: 3000 })).map(([k, ms]) => ['PEXPIRE', k, String(ms)]),
  fc.tuple(key, value, fc.integer({ min: 1, max: 3000 })).map(([k, v, ms]) => ['SET', k, v, 'PX', String(ms)]),
  fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]),
  key.map((k) => ['INCRBYFLOAT', `f${k}`, '1.5']),
  fc.constant<string[]>(['SWAPDB', '0', '1']),
  // Blocking pops: each runs on a connection of its own, so it may wait and be served by a later push.
  fc.tuple(key, key).map(([a, b]) => ['BLPOP', `l${a}`, `l${b}`, '0']),
  fc.tuple(key, key).map(([a, b]) => ['BLMOVE', `l${a}`, `l${b}`, 'LEFT', 'RIGHT', '0.5']),
  key.map((k) => ['BZPOPMIN', `z${k}`, '1']),
  fc.tuple(key, key).map(([a, b]) => ['BLMPOP', '0', '2', `l${a}`, `l${b}`, 'RIGHT', 'COUNT', '2']),
);

/** A fault of any kind, built the way the fault menu builds one: the ports it needs, the menu's value. */
const fault: fc.Arbitrary<Fault> = fc.constantFrom(...FAULT_KINDS).chain((kind) => {
  const n = portsNeeded(FAULTS[kind].needs);
  return fc.uniqueArray(port, { minLength: n, maxLength: n }).map((ports) => faultFromPicks(kind, ports)!);
});

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(port, dataCmd).map(([p, argv]): Op => ({ k: 'cmd', port: p, argv })) },
  { weight: 3, arbitrary: fc.tuple(port, fc.option(port, { nil: null })).map(([p, m]): Op => ({ k: 'replicaof', port: p, master: m })) },
  { weight: 8, arbitrary: fault.map((f): Op => ({ k: 'fault', fault: f })) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }).map((ms): Op => ({ k: 'run', ms })) },
  { weight: 1, arbitrary: fc.tuple(port, fc.constantFrom('16kb', '1mb')).map(([p, size]): Op => ({ k: 'backlog', port: p, size })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(port, fc.constantFrom('repl-diskless-sync', 'replica-legacy-sync', 'repl-diskless-sync-delay'), fc.boolean())
      .map(([p, name, on]): Op => ({ k: 'config', port: p, name, value: name.endsWith('delay') ? (on ? '1' : '0') : on ? 'yes' : 'no' })),
  },
);

function send(w: World, p: number, argv: string[]): void {
  const c = w.connect('127.0.0.1', p);
  if ('error' in c) return;
  c.send(argv, () => {});
}

/** Run `ms` of virtual time one event at a time, checking the offset invariant after each. */
function runChecked(w: World, ms: number): void {
  const until = w.now + ms;
  for (;;) {
    const next = w.scheduler.peek();
    if (!next || next.atMs > until) break;
    w.step();
    const bad = offsetsNeverAhead(w);
    if (bad.length) throw new Error(bad.join('; '));
  }
  w.runFor(Math.max(0, until - w.now));
}

/** Break REPLICAOF cycles (they never sync, as in real Redis) by promoting the lowest port. */
function breakCycles(w: World): void {
  for (const start of PORTS) {
    const seen: number[] = [];
    let p: number | undefined = start;
    while (p !== undefined && !seen.includes(p)) {
      seen.push(p);
      p = w.node(p)?.master?.port;
    }
    if (p !== undefined) {
      const cycle = seen.slice(seen.indexOf(p));
      send(w, Math.min(...cycle), ['REPLICAOF', 'NO', 'ONE']);
    }
  }
}

function apply(w: World, o: Op): void {
  switch (o.k) {
    case 'cmd':
      return send(w, o.port, o.argv);
    case 'replicaof':
      return send(w, o.port, o.master === null ? ['REPLICAOF', 'NO', 'ONE'] : ['REPLICAOF', '127.0.0.1', String(o.master)]);
    case 'fault':
      // A refusal (nothing to kill, a restart on a port in use) is a fine outcome too.
      w.apply(o.fault);
      return;
    case 'run':
      return runChecked(w, o.ms);
    case 'backlog':
      return send(w, o.port, ['CONFIG', 'SET', 'repl-backlog-size', o.size]);
    case 'config':
      return send(w, o.port, ['CONFIG', 'SET', o.name, o.value]);
  }
}

describe('replication properties (random commands, faults and topologies)', () => {
  it('after healing and settling, every replica equals its master; no replica is ever ahead', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(op, { minLength: 5, maxLength: 60 }), (seed, ops) => {
        const w = new World({ seed });
        for (const p of PORTS) w.startServer({ configText: `port ${p}\nsave ""\ndir /data/${p}` });
        // Start from the seed's topology: 6381 and 6382 replicate 6380.
        send(w, 6381, ['REPLICAOF', '127.0.0.1', '6380']);
        send(w, 6382, ['REPLICAOF', '127.0.0.1', '6380']);
        for (const o of ops) apply(w, o);
        for (const p of PORTS) {
          w.resume(p);
          if (!w.listeningPorts().includes(p)) w.restart(p);
        }
        w.heal();
        breakCycles(w);
        w.runUntilSettled();
        runChecked(w, 3000);
        w.runUntilSettled();
        const bad = replicasConverged(w);
        if (bad.length) throw new Error(`seed ${seed}: ${bad.join('; ')}`);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 150) },
    );
    expect(true).toBe(true);
  });
});
