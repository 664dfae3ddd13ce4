// The fault table: every fault is one row, and the parser, the menu and World.apply agree on it.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FAULTS, faultFromPicks, faultLine, parseFault, portsNeeded, type Fault } from '../../src/redis/faults.js';
import { World } from '../../src/redis/world.js';
import { parseTutorLine } from '../../src/repl/tutor.js';

/** One fault of each kind, as the menu would build it from ports 6380 and 6381. */
const samples = (): Fault[] => FAULT_KINDS.map((k) => faultFromPicks(k, [6380, 6381].slice(0, portsNeeded(FAULTS[k].needs)))!);

function world(): World {
  const w = new World(1);
  for (const p of [6380, 6381]) w.startServer({ configText: `port ${p}\nsave ""` });
  return w;
}

describe('the fault table', () => {
  it('each row is typed as `:kind …`, with its own menu key', () => {
    for (const k of FAULT_KINDS) expect(FAULTS[k].synopsis.split(' ')[0]).toBe(':' + k);
    const keys = FAULT_KINDS.map((k) => FAULTS[k].menuKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the menu can build every fault from picked ports (and a value where one is needed)', () => {
    for (const f of samples()) expect(f, FAULTS[f.kind].synopsis).not.toBeNull();
    expect(faultFromPicks('drop', [6380, 6380])).toBeNull();
  });

  it('faultLine writes the `:` line that parses back to the same fault', () => {
    for (const f of samples()) expect(parseTutorLine(faultLine(f))).toEqual({ ok: true, command: { kind: 'fault', fault: f } });
    expect(faultLine({ kind: 'drop', a: 6380, b: 6381 })).toBe(':drop 6380 6381');
    expect(faultLine({ kind: 'heal' })).toBe(':heal');
  });

  it('parsers refuse what does not fit the synopsis', () => {
    expect(parseFault('kill', [])).toBeNull();
    expect(parseFault('kill', ['6380', '6381'])).toBeNull();
    expect(parseFault('drop', ['6380'])).toBeNull();
    expect(parseFault('latency', ['6380', '6381', '700000'])).toBeNull();
    expect(parseFault('bandwidth', ['6380', '6381', 'fast'])).toBeNull();
    expect(parseFault('heal', ['now'])).toBeNull();
  });
});

describe('World.apply', () => {
  it('applies every fault and leaves the trace event its row names', () => {
    for (const f of samples()) {
      const w = world();
      // What each fault needs to be applicable: a paused node to resume, a dead one to restart.
      if (f.kind === 'resume') w.apply({ kind: 'pause', port: 6380 });
      if (f.kind === 'restart') w.apply({ kind: 'kill', port: 6380 });
      if (f.kind === 'heal') w.apply({ kind: 'drop', a: 6380, b: 6381 });
      const since = w.trace.total;
      expect(w.apply(f), f.kind).toEqual({ ok: true });
      expect(w.trace.since(since).map((e) => e.type), f.kind).toContain(FAULTS[f.kind].traceType);
    }
  });

  it('says why it could not: nothing running, not paused, never started, redis-server refused', () => {
    const w = world();
    expect(w.apply({ kind: 'kill', port: 7000 })).toEqual({ ok: false, reason: 'not-running', port: 7000 });
    expect(w.apply({ kind: 'pause', port: 7000 })).toEqual({ ok: false, reason: 'not-running', port: 7000 });
    expect(w.apply({ kind: 'resume', port: 6380 })).toEqual({ ok: false, reason: 'not-paused', port: 6380 });
    expect(w.apply({ kind: 'restart', port: 7000 })).toEqual({ ok: false, reason: 'never-started', port: 7000 });
    const inUse = w.apply({ kind: 'restart', port: 6380 });
    expect(inUse).toMatchObject({ ok: false, reason: 'start-failed', port: 6380 });
    expect(inUse.ok === false && inUse.reason === 'start-failed' && inUse.lines.some((l) => l.includes('Address already in use'))).toBe(true);
  });

  it('links() is the network’s own state: drop, latency and bandwidth as set, heal clears drops', () => {
    const w = world();
    w.apply({ kind: 'drop', a: 6381, b: 6380 });
    w.apply({ kind: 'latency', a: 6380, b: 6382, ms: 250 });
    w.apply({ kind: 'bandwidth', a: 6380, b: 6382, bytesPerSec: 1000 });
    const find = (a: number, b: number) => w.links().find((l) => l.a === a && l.b === b);
    expect(find(6380, 6381)?.dropped).toBe(true);
    expect(find(6380, 6382)).toMatchObject({ dropped: false, latencyMs: 250, bandwidthBytesPerSec: 1000 });
    w.apply({ kind: 'heal' });
    expect(w.links().some((l) => l.dropped)).toBe(false);
    expect(find(6380, 6382)?.latencyMs).toBe(250);
  });
});
