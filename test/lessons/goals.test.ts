// Goal checks over hand-built snapshots and traces, and their generated descriptions.
import { describe, expect, it } from 'vitest';
import type { NodeSnapshot } from '../../src/redis/api.js';
import type { TraceBody, TraceEvent } from '../../src/redis/trace.js';
import { checkGoal, describeGoal, GOAL_TYPES, type GoalContext, type KeyEntry, type LinkView } from '../../src/lessons/goals.js';
import type { Goal } from '../../src/lessons/types.js';

function node(port: number, over: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    port, status: 'running', role: 'master', master: null,
    replid: 'a'.repeat(40), replid2: '0'.repeat(40), masterReplOffset: 0, secondReplOffset: -1,
    backlog: { active: false, sizeBytes: 1048576, firstByteOffset: 0, histlen: 0 },
    replicaOffset: null, keysPerDb: [0], totalKeys: 0, loading: false, bgsave: null, syncTransfer: null, heldWrites: null, lastApplied: null,
    replicas: [], config: { 'min-replicas-to-write': '0', 'repl-backlog-size': '1048576' }, ...over,
  };
}

const replicaOf = (port: number, master: number, linkUp = true, over: Partial<NodeSnapshot> = {}) =>
  node(port, { role: 'replica', master: { host: '127.0.0.1', port: master, linkState: linkUp ? 'connected' : 'connect', linkUp }, ...over });

function ctx(
  nodes: NodeSnapshot[],
  keys: Record<number, KeyEntry[]> = {},
  events: TraceBody[] = [],
  links: LinkView[] = [],
): GoalContext {
  return {
    node: (p) => nodes.find((n) => n.port === p),
    keys: (p, db) => (db === 0 ? (keys[p] ?? []) : []),
    links: () => links,
    events: events.map((e, i) => ({ ...e, t: i, seq: i }) as TraceEvent),
  };
}

const str = (key: string, value: string): KeyEntry => ({ key, type: 'string', value, expiresAtMs: null });
const g = (type: string, params: Record<string, unknown>): Goal => ({ type, ...params });

describe('goal checks', () => {
  it('replica-of — needs the right master and, by default, the link up', () => {
    const goal = g('replica-of', { replica: 6381, master: 6380 });
    expect(checkGoal(goal, ctx([node(6380), replicaOf(6381, 6380)]))).toBe(true);
    expect(checkGoal(goal, ctx([node(6380), replicaOf(6381, 6380, false)]))).toBe(false);
    expect(checkGoal(goal, ctx([node(6380), replicaOf(6381, 6382)]))).toBe(false);
    expect(checkGoal(goal, ctx([node(6380), node(6381)]))).toBe(false);
    const down = g('replica-of', { replica: 6381, master: 6380, linkUp: false });
    expect(checkGoal(down, ctx([replicaOf(6381, 6380, false)]))).toBe(true);
  });

  it('role and server — a crashed node is no master', () => {
    expect(checkGoal(g('role', { port: 6381, role: 'master' }), ctx([node(6381)]))).toBe(true);
    expect(checkGoal(g('role', { port: 6381, role: 'master' }), ctx([node(6381, { status: 'crashed' })]))).toBe(false);
    expect(checkGoal(g('server', { port: 6380, status: 'shutdown' }), ctx([node(6380, { status: 'shutdown' })]))).toBe(true);
    expect(checkGoal(g('server', { port: 6380, status: 'shutdown' }), ctx([node(6380)]))).toBe(false);
  });

  it('key — value, existence and absence', () => {
    const c = ctx([node(6382)], { 6382: [str('a', '10')] });
    expect(checkGoal(g('key', { port: 6382, key: 'a', value: 10 }), c)).toBe(true);
    expect(checkGoal(g('key', { port: 6382, key: 'a', value: '20' }), c)).toBe(false);
    expect(checkGoal(g('key', { port: 6382, key: 'a' }), c)).toBe(true);
    expect(checkGoal(g('key', { port: 6382, key: 'k3', exists: false }), c)).toBe(true);
    expect(checkGoal(g('key', { port: 6382, key: 'a', exists: false }), c)).toBe(false);
  });

  it('keys-equal — identical datasets, every node running', () => {
    const same = ctx([node(6380, { keysPerDb: [2] }), replicaOf(6381, 6380, true, { keysPerDb: [2] })], {
      6380: [str('k1', 'v1'), str('k2', 'v2')], 6381: [str('k2', 'v2'), str('k1', 'v1')],
    });
    expect(checkGoal(g('keys-equal', { ports: [6380, 6381] }), same)).toBe(true);
    const differ = ctx([node(6380, { keysPerDb: [2] }), replicaOf(6381, 6380, true, { keysPerDb: [1] })], {
      6380: [str('k1', 'v1'), str('k2', 'v2')], 6381: [str('k1', 'v1')],
    });
    expect(checkGoal(g('keys-equal', { ports: [6380, 6381] }), differ)).toBe(false);
  });

  it('offset-equal and offset — a replica counts the bytes it applied', () => {
    const c = ctx([node(6380, { masterReplOffset: 65 }), replicaOf(6381, 6380, true, { replicaOffset: 65, masterReplOffset: 65 }), replicaOf(6382, 6380, true, { replicaOffset: 37 })]);
    expect(checkGoal(g('offset-equal', { ports: [6380, 6381] }), c)).toBe(true);
    expect(checkGoal(g('offset-equal', { ports: [6380, 6381, 6382] }), c)).toBe(false);
    expect(checkGoal(g('offset-equal', { ports: [6380, 6381], atLeast: 100 }), c)).toBe(false);
    expect(checkGoal(g('offset', { port: 6382, equals: 37 }), c)).toBe(true);
    expect(checkGoal(g('offset', { port: 6382, atLeast: 38 }), c)).toBe(false);
  });

  it('trace — type, field filters (argv as text) and a minimum count', () => {
    const events: TraceBody[] = [
      { type: 'buffer.append', master: 6380, replica: 6381, argv: ['SET', 'k4', 'v4'], bytes: 29, pending: 1 },
      { type: 'buffer.append', master: 6380, replica: 6381, argv: ['set', 'k5', 'v5'], bytes: 29, pending: 2 },
      { type: 'psync.continue', master: 6380, replica: 6382, replid: 'x', fromOffset: 100, bytes: 87 },
    ];
    const c = ctx([], {}, events);
    expect(checkGoal(g('trace', { event: 'buffer.append', where: { replica: 6381 }, count: 2 }), c)).toBe(true);
    expect(checkGoal(g('trace', { event: 'buffer.append', where: { replica: 6381 }, count: 3 }), c)).toBe(false);
    expect(checkGoal(g('trace', { event: 'buffer.append', where: { argv: 'SET k5 v5' } }), c)).toBe(true);
    expect(checkGoal(g('trace', { event: 'psync.continue', where: { replica: 6382 } }), c)).toBe(true);
    expect(checkGoal(g('trace', { event: 'psync.continue', where: { replica: 6381 } }), c)).toBe(false);
  });

  it('reply — errors from refused writes and commands by their code', () => {
    const c = ctx([], {}, [
      { type: 'command', port: 6381, db: 0, argv: ['set', 'a', '10'], reply: "(error) READONLY You can't write against a read only replica." },
      { type: 'write.refused', port: 6380, argv: ['set', 'b', '1'], error: 'NOREPLICAS Not enough good replicas to write.' },
      { type: 'command', port: 6380, db: 0, argv: ['info', 'replication'], reply: '# Replication' },
    ]);
    expect(checkGoal(g('reply', { port: 6381, error: 'READONLY' }), c)).toBe(true);
    expect(checkGoal(g('reply', { port: 6380, error: 'READONLY' }), c)).toBe(false);
    expect(checkGoal(g('reply', { error: 'NOREPLICAS' }), c)).toBe(true);
    expect(checkGoal(g('reply', { port: 6380, command: 'info replication' }), c)).toBe(true);
    expect(checkGoal(g('reply', { port: 6381, command: 'info' }), c)).toBe(false);
    expect(checkGoal(g('reply', { command: 'set a', contains: 'read only' }), c)).toBe(true);
  });

  it('config — aliases and memory units compare canonically', () => {
    const c = ctx([node(6380, { config: { 'min-replicas-to-write': '1', 'repl-backlog-size': '16384' } })]);
    expect(checkGoal(g('config', { port: 6380, name: 'min-slaves-to-write', value: 1 }), c)).toBe(true);
    expect(checkGoal(g('config', { port: 6380, name: 'repl-backlog-size', value: '16kb' }), c)).toBe(true);
    expect(checkGoal(g('config', { port: 6380, name: 'min-replicas-to-write', value: 2 }), c)).toBe(false);
  });

  it('fullresync-count and partial-count — count this step’s outcomes', () => {
    const c = ctx([], {}, [
      { type: 'sync.legacy', master: 6380, replica: 6381 },
      { type: 'psync.fullresync', master: 6380, replica: 6382, replid: 'x', offset: 0, reason: '' },
      { type: 'psync.continue', master: 6380, replica: 6382, replid: 'x', fromOffset: 5, bytes: 9 },
    ]);
    expect(checkGoal(g('fullresync-count', { master: 6380, equals: 2 }), c)).toBe(true);
    expect(checkGoal(g('fullresync-count', { master: 6380, replica: 6381, equals: 1 }), c)).toBe(true);
    expect(checkGoal(g('fullresync-count', { master: 6380, atLeast: 3 }), c)).toBe(false);
    expect(checkGoal(g('partial-count', { master: 6380, replica: 6382, equals: 1 }), c)).toBe(true);
    // A plain SYNC traced both as sync.legacy and as psync.fullresync is one full sync.
    const both = ctx([], {}, [
      { type: 'sync.legacy', master: 6380, replica: 6381 },
      { type: 'psync.fullresync', master: 6380, replica: 6381, replid: 'x', offset: 104, reason: 'SYNC always means a full resync' },
    ]);
    expect(checkGoal(g('fullresync-count', { master: 6380, replica: 6381, equals: 1 }), both)).toBe(true);
    expect(checkGoal(g('partial-count', { master: 6380, replica: 6381 }), c)).toBe(false);
  });

  it('link — a drop lasts until heal', () => {
    const dropped = ctx([], {}, [], [{ a: 6380, b: 6381, dropped: true }]);
    expect(checkGoal(g('link', { a: 6380, b: 6381, state: 'dropped' }), dropped)).toBe(true);
    expect(checkGoal(g('link', { a: 6380, b: 6382, state: 'up' }), dropped)).toBe(true);
    const healed = ctx([], {}, [], [{ a: 6380, b: 6381, dropped: false }]);
    expect(checkGoal(g('link', { a: 6380, b: 6381, state: 'up' }), healed)).toBe(true);
  });
});

describe('goal descriptions', () => {
  it('are generated from the parameters in both languages', () => {
    expect(describeGoal(g('replica-of', { replica: 6381, master: 6380 }), 'en')).toBe('6381 is a replica of 6380 with its link up');
    expect(describeGoal(g('replica-of', { replica: 6381, master: 6380 }), 'zh')).toBe('6381 是 6380 的从库，master_link_status 为 up');
    expect(describeGoal(g('key', { port: 6382, key: 'a', value: 10 }), 'en')).toBe('key a on 6382 is 10');
    expect(describeGoal(g('trace', { event: 'psync.continue', where: { replica: 6382 } }), 'en')).toBe('the master replied +CONTINUE (replica 6382)');
    expect(describeGoal(g('trace', { event: 'buffer.append', where: { replica: 6381 }, count: 2 }), 'zh')).toBe('一条写命令被记录到从库的缓冲区（从库 6381），至少 2 次');
    expect(describeGoal(g('reply', { error: 'NOREPLICAS' }), 'en')).toBe('a command was refused with NOREPLICAS');
  });

  it('trace goals naming their nodes read as sentences', () => {
    expect(describeGoal(g('trace', { event: 'psync.continue', where: { master: 6381, replica: 6382 } }), 'en')).toBe('6381 answered 6382 with +CONTINUE');
    expect(describeGoal(g('trace', { event: 'psync.continue', where: { master: 6381, replica: 6382 } }), 'zh')).toBe('6381 向 6382 回复了 +CONTINUE');
    expect(describeGoal(g('trace', { event: 'propagate', where: { master: 6380, argv: 'set a 10', bytes: 28 } }), 'en')).toBe('6380 propagated `set a 10` (28 bytes)');
    expect(describeGoal(g('trace', { event: 'buffer.append', where: { replica: 6381, argv: 'set k4 v4' } }), 'zh')).toBe('`set k4 v4` 被记录到 6381 的缓冲区');
    expect(describeGoal(g('trace', { event: 'wait.done', where: { port: 6381, acked: 0, timedOut: true } }), 'en')).toBe('WAIT on 6381 returned (0 acknowledged, timed out)');
  });

  it('an author’s text wins over the generated one', () => {
    expect(describeGoal({ type: 'role', port: 6381, role: 'master', text: { en: 'promote it', zh: '提升它' } }, 'zh')).toBe('提升它');
  });

  it('every goal type describes itself in both languages without placeholders', () => {
    const samples: Record<string, Record<string, unknown>> = {
      'replica-of': { replica: 6381, master: 6380 }, role: { port: 6381, role: 'replica' }, key: { port: 6380, key: 'a' },
      'keys-equal': { ports: [6380, 6381, 6382] }, 'offset-equal': { ports: [6380, 6381] }, offset: { port: 6380, equals: 5 },
      trace: { event: 'bgsave.start' }, reply: { port: 6381 }, server: { port: 6380, status: 'crashed' },
      config: { port: 6380, name: 'min-replicas-max-lag', value: 10 }, 'fullresync-count': { master: 6380, equals: 1 },
      'partial-count': { master: 6380, atLeast: 1 }, link: { a: 6380, b: 6381, state: 'dropped' },
    };
    expect(Object.keys(samples).sort()).toEqual(Object.keys(GOAL_TYPES).sort());
    for (const [type, params] of Object.entries(samples)) {
      for (const lang of ['en', 'zh'] as const) {
        const d = describeGoal(g(type, params), lang);
        expect(d).not.toMatch(/undefined|\[object/);
        if (lang === 'zh') expect(d).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe('config goal with atLeast', () => {
  it('is met by any value at or above the bound, in memory units', () => {
    const c = ctx([node(6380, { config: { 'repl-backlog-size': String(4 * 1024 * 1024) } })]);
    expect(checkGoal(g('config', { port: 6380, name: 'repl-backlog-size', atLeast: '3mb' }), c)).toBe(true);
    expect(checkGoal(g('config', { port: 6380, name: 'repl-backlog-size', atLeast: '5mb' }), c)).toBe(false);
    expect(describeGoal(g('config', { port: 6380, name: 'repl-backlog-size', atLeast: '3mb' }), 'en')).toBe('6380 has repl-backlog-size set to at least 3mb');
  });
});
