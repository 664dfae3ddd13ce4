/**
 * Faults as data: every fault a learner, a lesson or a test can inject into the world (a killed
 * process, a cut link…), with its synopsis, its parser, what the fault menu must pick for it and
 * the trace event it leaves. `World.apply(fault)` runs one; the `:` line parser, the fault menu,
 * the property tests and the conformance runner all read this table. Words for people (the
 * confirmations, in each language) are the tutor's: src/repl/fault-words.ts.
 */

import type { TraceType } from './trace.js';

export type Fault =
  | { kind: 'kill'; port: number }
  | { kind: 'crash'; port: number }
  | { kind: 'restart'; port: number }
  | { kind: 'pause'; port: number }
  | { kind: 'resume'; port: number }
  | { kind: 'drop'; a: number; b: number }
  | { kind: 'reset'; a: number; b: number }
  | { kind: 'heal' }
  | { kind: 'latency'; a: number; b: number; ms: number }
  | { kind: 'bandwidth'; a: number; b: number; bytesPerSec: number };

export type FaultKind = Fault['kind'];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

/** What the fault menu must pick before it can apply a fault: nothing, one port, two, two and a value. */
export type FaultNeeds = 'none' | 'port' | 'pair' | 'pair+value';

export interface FaultSpec<K extends FaultKind> {
  /** As typed: `:drop A B`. */
  readonly synopsis: string;
  readonly needs: FaultNeeds;
  /** The fault menu's key (Ctrl+K, then this letter). */
  readonly menuKey: string;
  /** For `pair+value`: the value the menu applies (the learner can type another one as a `:` line). */
  readonly menuValue?: string;
  /** The trace event the fault leaves when applied. */
  readonly traceType: TraceType;
  /** The words after the fault's name → the fault, or null when they do not fit the synopsis. */
  parse(args: readonly string[]): FaultOf<K> | null;
  /** The fault's arguments as a `:` line types them (the inverse of `parse`). */
  args(f: FaultOf<K>): string[];
}

/** A TCP port, 1–65535, written as plain digits. */
export function parsePort(s: string | undefined): number | null {
  if (s === undefined || !/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : null;
}

/**
 * A byte rate, with Redis's memory units (config.c:memtoull: k = 1000, kb = 1024, m, mb, g, gb),
 * an optional `/s`: `10kb` → 10240, `1mb/s` → 1048576, `500` → 500.
 */
export function parseRate(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(b|k|kb|m|mb|g|gb)?(\/s)?$/i.exec(s);
  if (!m) return null;
  const mult: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  const n = Math.round(Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()]);
  return n > 0 ? n : null;
}

function onePort<K extends 'kill' | 'crash' | 'restart' | 'pause' | 'resume'>(kind: K) {
  return (args: readonly string[]) => {
    const port = parsePort(args[0]);
    return args.length === 1 && port !== null ? ({ kind, port } as FaultOf<K>) : null;
  };
}

/** Two different ports, then (for `pair+value`) exactly one more word. */
function twoPorts(args: readonly string[], extra: number): { a: number; b: number } | null {
  const a = parsePort(args[0]);
  const b = parsePort(args[1]);
  if (args.length !== 2 + extra || a === null || b === null || a === b) return null;
  return { a, b };
}

const portArgs = (f: { port: number }) => [String(f.port)];
const pairArgs = (f: { a: number; b: number }) => [String(f.a), String(f.b)];

/** The fault table. Adding a fault: a row here, its words in fault-words.ts, the engine's behaviour, tests. */
export const FAULTS: { readonly [K in FaultKind]: FaultSpec<K> } = {
  kill: { synopsis: ':kill PORT', needs: 'port', menuKey: 'k', traceType: 'server.crash', parse: onePort('kill'), args: portArgs },
  crash: { synopsis: ':crash PORT', needs: 'port', menuKey: 'c', traceType: 'server.crash', parse: onePort('crash'), args: portArgs },
  restart: { synopsis: ':restart PORT', needs: 'port', menuKey: 'r', traceType: 'server.start', parse: onePort('restart'), args: portArgs },
  pause: { synopsis: ':pause PORT', needs: 'port', menuKey: 'p', traceType: 'server.pause', parse: onePort('pause'), args: portArgs },
  resume: { synopsis: ':resume PORT', needs: 'port', menuKey: 'u', traceType: 'server.resume', parse: onePort('resume'), args: portArgs },
  drop: {
    synopsis: ':drop A B',
    needs: 'pair',
    menuKey: 'd',
    traceType: 'link.fault',
    parse: (args) => {
      const p = twoPorts(args, 0);
      return p && { kind: 'drop', ...p };
    },
    args: pairArgs,
  },
  reset: {
    synopsis: ':reset A B',
    needs: 'pair',
    menuKey: 'x',
    traceType: 'link.fault',
    parse: (args) => {
      const p = twoPorts(args, 0);
      return p && { kind: 'reset', ...p };
    },
    args: pairArgs,
  },
  heal: {
    synopsis: ':heal',
    needs: 'none',
    menuKey: 'h',
    traceType: 'link.fault',
    parse: (args) => (args.length === 0 ? { kind: 'heal' } : null),
    args: () => [],
  },
  latency: {
    synopsis: ':latency A B MS',
    needs: 'pair+value',
    menuKey: 'l',
    menuValue: '500',
    traceType: 'link.fault',
    parse: (args) => {
      const p = twoPorts(args, 1);
      const ms = args[2] !== undefined && /^\d+$/.test(args[2]) ? Number(args[2]) : null;
      // Ten minutes of one-way delay is already absurd; more is a typo.
      return p && ms !== null && ms <= 600_000 ? { kind: 'latency', ...p, ms } : null;
    },
    args: (f) => [...pairArgs(f), String(f.ms)],
  },
  bandwidth: {
    synopsis: ':bandwidth A B RATE',
    needs: 'pair+value',
    menuKey: 'b',
    menuValue: '10kb',
    traceType: 'link.fault',
    parse: (args) => {
      const p = twoPorts(args, 1);
      const rate = args[2] !== undefined ? parseRate(args[2]) : null;
      return p && rate !== null ? { kind: 'bandwidth', ...p, bytesPerSec: rate } : null;
    },
    args: (f) => [...pairArgs(f), String(f.bytesPerSec)],
  },
};

/** Every fault kind, in table order (the menu's and `:help`'s order). */
export const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];

export function isFaultKind(word: string): word is FaultKind {
  return Object.prototype.hasOwnProperty.call(FAULTS, word);
}

/** Parse a fault's arguments (the words after `:kind`); null when they do not fit its synopsis. */
export function parseFault<K extends FaultKind>(kind: K, args: readonly string[]): FaultOf<K> | null {
  return FAULTS[kind].parse(args);
}

/** The `:` line that applies `f`, e.g. `:drop 6380 6381` (parses back to `f`). */
export function faultLine(f: Fault): string {
  const spec = FAULTS[f.kind] as FaultSpec<FaultKind>;
  return [':' + f.kind, ...spec.args(f)].join(' ');
}

/**
 * The fault the menu builds from what was picked: the ports in pick order, then the
 * value typed in the menu's form (else the row's `menuValue`) for `pair+value` faults. Null when
 * the picks do not fit (the same port twice, a value that does not parse).
 */
export function faultFromPicks(kind: FaultKind, ports: readonly number[], value?: string): Fault | null {
  const spec = FAULTS[kind];
  const args = ports.map(String);
  if (spec.needs === 'pair+value') {
    const v = value ?? spec.menuValue;
    if (v !== undefined) args.push(v);
  }
  return parseFault(kind, args);
}

/** How many ports the menu asks for before a fault of this kind is complete. */
export function portsNeeded(needs: FaultNeeds): number {
  return needs === 'none' ? 0 : needs === 'port' ? 1 : 2;
}

/** The one name of the link between two ports, whichever order they come in (`6380-6381`). */
export { linkKey } from '../sim/network.js';
/** A link's latency when nobody set one (a latency fault is any other value). */
export { DEFAULT_LATENCY_MS } from '../sim/network.js';

/** Why `World.apply` could not apply a fault. */
export type FaultRefusal =
  /** kill, pause: no running process on the port. */
  | { reason: 'not-running'; port: number }
  /** resume: the process is not paused. */
  | { reason: 'not-paused'; port: number }
  /** restart: nothing ever ran on the port. */
  | { reason: 'never-started'; port: number }
  /** restart: redis-server itself refused to start; `lines` is what it printed, verbatim. */
  | { reason: 'start-failed'; port: number; lines: string[]; /** The lines went to this logfile instead. */ loggedTo?: string };

export type FaultResult = { ok: true } | ({ ok: false } & FaultRefusal);
