/**
 * Declarative lesson goals: a table from goal type to its parameters, its check over the world
 * (node snapshots, keys, links, and the trace since the step began) and its description in en/zh.
 */

import type { NodeSnapshot, WorldApi } from '../redis/api.js';
import { findConfig, normalizeConfigValue } from '../redis/config.js';
import type { TraceEvent, TraceType } from '../redis/trace.js';
import { TRACE_TYPES_TABLE } from '../redis/trace-types.js';
import type { Language, Localized } from '../language.js';
import type { Goal } from './types.js';

/** One key as the world reports it (WorldApi.keys). */
export interface KeyEntry {
  key: string;
  type: string;
  value: unknown;
  expiresAtMs: number | null;
}

/** A network link between two ports as goals see it. */
export interface LinkView {
  a: number;
  b: number;
  dropped: boolean;
}

/** What a goal may read: the world now, and the trace since the step began. */
export interface GoalContext {
  node(port: number): NodeSnapshot | undefined;
  keys(port: number, db: number): KeyEntry[];
  links(): LinkView[];
  /** Trace events appended since the step began (after its setup ran). */
  events: readonly TraceEvent[];
}

/** How a parameter is validated (schema.ts) and read. */
export type ParamKind =
  | 'port'
  | 'ports'
  | 'string'
  | 'boolean'
  | 'count'
  | 'db'
  | 'scalar'
  | 'trace-type'
  | 'where'
  | { oneOf: readonly string[] };

export interface ParamSpec {
  kind: ParamKind;
  required?: boolean;
}

export interface GoalType {
  params: Record<string, ParamSpec>;
  /** Cross-parameter rule, e.g. `key` needs `value` or `exists` but not both; returns a message or null. */
  validate?: (g: Goal) => string | null;
  check(g: Goal, ctx: GoalContext): boolean;
  /**
   * True when the goal can no longer be met in this step, whatever the learner does next (a count
   * already past its maximum; a partial resync wanted where a full sync happened). Optional: most
   * goals can always still be met.
   */
  unreachable?(g: Goal, ctx: GoalContext): boolean;
  describe(g: Goal, lang: Language): string;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const num = (v: unknown): number => v as number;
const str = (v: unknown): string => String(v);
const ports = (v: unknown): number[] => v as number[];

const listJoin = (items: Array<string | number>, lang: Language): string =>
  lang === 'zh'
    ? items.join('、')
    : items.length <= 2
      ? items.join(' and ')
      : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** The node's replication offset: what a master has produced, or what a replica has applied. */
export function replicationOffset(n: NodeSnapshot): number {
  return n.role === 'replica' ? (n.replicaOffset ?? n.masterReplOffset) : n.masterReplOffset;
}

/** A value from WorldApi.keys as text: strings as they are, anything else as JSON. */
function printable(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Map) return JSON.stringify([...v.entries()]);
  if (v instanceof Set) return JSON.stringify([...v].sort());
  return JSON.stringify(v);
}

/** A comparable dump of one node's dataset (all databases). */
function datasetOf(ctx: GoalContext, n: NodeSnapshot): string {
  const parts: string[] = [];
  const dbs = Math.max(16, n.keysPerDb.length);
  for (let db = 0; db < dbs; db++) {
    if ((n.keysPerDb[db] ?? 0) === 0) continue;
    const entries = ctx
      .keys(n.port, db)
      .map((k) => `${k.key}\u0000${k.type}\u0000${printable(k.value)}`)
      .sort();
    parts.push(`${db}:${entries.join('\u0001')}`);
  }
  return parts.join('\u0002');
}

/** Does a trace field hold the expected value? argv-like arrays compare to "SET k4 v4", case-insensitively. */
function fieldMatches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) {
    const want = Array.isArray(expected) ? expected.map(String).join(' ') : String(expected);
    return actual.map(String).join(' ').toLowerCase() === want.toLowerCase();
  }
  if (typeof actual === 'number') return actual === Number(expected);
  if (typeof actual === 'boolean') return actual === expected || String(actual) === String(expected);
  return String(actual).toLowerCase() === String(expected).toLowerCase();
}

function matchingEvents(ctx: GoalContext, type: string, where: Record<string, unknown> | undefined) {
  return ctx.events.filter(
    (e) =>
      e.type === type &&
      Object.entries(where ?? {}).every(([field, want]) =>
        fieldMatches((e as unknown as Record<string, unknown>)[field], want),
      ),
  );
}

/** Strip redis-cli's `(error) ` and RESP's `-` so replies compare by their first word. */
function replyText(line: string): string {
  return line.replace(/^\(error\)\s*/, '').replace(/^-/, '');
}

const REPLY_ERROR_CODE = /^[A-Z][A-Z0-9]*$/;

/** A trace goal as a sentence: the template filled from `where`, else the generic phrase. */
function traceSentence(type: TraceType, where: Record<string, unknown>, lang: Language): { text: string; rest: Record<string, unknown> } {
  const row = TRACE_TYPES_TABLE[type];
  const template = row.sentence?.[lang];
  const fields = template ? [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]) : [];
  if (!template || !fields.every((f) => where[f] !== undefined)) return { text: row.phrase[lang], rest: where };
  const text = template.replace(/\{(\w+)\}/g, (_, f: string) => {
    const v = where[f];
    return Array.isArray(v) ? v.join(' ') : String(v);
  });
  const rest = Object.fromEntries(Object.entries(where).filter(([f]) => !fields.includes(f)));
  return { text, rest };
}

const FIELD_NAMES: Record<string, Localized> = {
  replica: { en: 'replica', zh: '从库' },
  master: { en: 'master', zh: '主库' },
  port: { en: 'port', zh: '端口' },
  argv: { en: 'command', zh: '命令' },
  from: { en: 'from', zh: '发送方' },
  to: { en: 'to', zh: '接收方' },
  state: { en: 'state', zh: '状态' },
  forReplication: { en: 'for replication', zh: '为复制而执行' },
  error: { en: 'error', zh: '错误' },
  timedOut: { en: 'timed out', zh: '超时' },
};

function describeWhere(where: Record<string, unknown> | undefined, lang: Language): string {
  const entries = Object.entries(where ?? {});
  if (entries.length === 0) return '';
  const parts = entries.map(([f, v]) => {
    const name = FIELD_NAMES[f]?.[lang] ?? f;
    // A flag reads as its name: "for replication", "not timed out".
    if (typeof v === 'boolean') return v ? name : lang === 'zh' ? `非${name}` : `not ${name}`;
    if (f === 'bytes') return lang === 'zh' ? `${v} 字节` : `${v} bytes`;
    if (f === 'acked') return lang === 'zh' ? `${v} 个从库确认` : `${v} acknowledged`;
    return `${name} ${Array.isArray(v) ? v.join(' ') : String(v)}`;
  });
  return lang === 'zh' ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`;
}

/** How many times: a trace count, as "at least N times". */
function times(n: number, lang: Language): string {
  if (n <= 1) return '';
  return lang === 'zh' ? `，至少 ${n} 次` : `, at least ${n} times`;
}

const STATUS_WORDS: Record<string, Localized> = {
  running: { en: 'is running', zh: '正在运行' },
  shutdown: { en: 'has shut down', zh: '已关闭' },
  crashed: { en: 'has crashed', zh: '已崩溃' },
  paused: { en: 'is paused', zh: '已暂停' },
};

/** Like INFO stats sync_full, for this step: every +FULLRESYNC and every plain SYNC from `g.master` (to `g.replica`). */
function fullSyncs(g: Goal, ctx: GoalContext): number {
  // The engine may trace a plain SYNC as both sync.legacy and psync.fullresync, so per replica take the larger count.
  const perReplica = new Map<number, { full: number; legacy: number }>();
  for (const e of ctx.events) {
    if ((e.type !== 'psync.fullresync' && e.type !== 'sync.legacy') || e.master !== num(g.master)) continue;
    if (g.replica !== undefined && e.replica !== num(g.replica)) continue;
    const c = perReplica.get(e.replica) ?? { full: 0, legacy: 0 };
    if (e.type === 'psync.fullresync') c.full++;
    else c.legacy++;
    perReplica.set(e.replica, c);
  }
  let n = 0;
  for (const c of perReplica.values()) n += Math.max(c.full, c.legacy);
  return n;
}

/** +CONTINUE answers from `g.master` (to `g.replica`) in this step. */
function partialSyncs(g: Goal, ctx: GoalContext): number {
  return ctx.events.filter(
    (e) => e.type === 'psync.continue' && e.master === num(g.master) && (g.replica === undefined || e.replica === num(g.replica)),
  ).length;
}

function countOf(g: Goal): { min: number; max: number } {
  if (g.equals !== undefined) return { min: num(g.equals), max: num(g.equals) };
  return { min: g.atLeast !== undefined ? num(g.atLeast) : 1, max: Infinity };
}

function describeCount(g: Goal, lang: Language): string {
  if (g.equals !== undefined) {
    const n = num(g.equals);
    return lang === 'zh' ? `恰好 ${n} 次` : `exactly ${n === 1 ? 'once' : `${n} times`}`;
  }
  const n = g.atLeast !== undefined ? num(g.atLeast) : 1;
  return lang === 'zh' ? `至少 ${n} 次` : n === 1 ? 'at least once' : `at least ${n} times`;
}

const countRule = (g: Goal): string | null =>
  g.equals !== undefined && g.atLeast !== undefined ? 'give either equals or atLeast, not both' : null;

// ---------------------------------------------------------------------------------------------
// The table

export const GOAL_TYPES: Record<string, GoalType> = {
  'replica-of': {
    params: {
      replica: { kind: 'port', required: true },
      master: { kind: 'port', required: true },
      linkUp: { kind: 'boolean' },
    },
    check(g, ctx) {
      const n = ctx.node(num(g.replica));
      if (!n || n.status !== 'running' || n.role !== 'replica' || !n.master) return false;
      if (n.master.port !== num(g.master)) return false;
      const want = g.linkUp === undefined ? true : Boolean(g.linkUp);
      return n.master.linkUp === want;
    },
    describe(g, lang) {
      const link = g.linkUp === false ? 'down' : 'up';
      return lang === 'zh'
        ? `${g.replica} 是 ${g.master} 的从库，master_link_status 为 ${link}`
        : `${g.replica} is a replica of ${g.master} with its link ${link}`;
    },
  },

  role: {
    params: {
      port: { kind: 'port', required: true },
      role: { kind: { oneOf: ['master', 'replica'] }, required: true },
    },
    check(g, ctx) {
      const n = ctx.node(num(g.port));
      return !!n && n.status === 'running' && n.role === g.role;
    },
    describe(g, lang) {
      if (lang === 'zh') return `${g.port} 的角色是${g.role === 'master' ? '主库' : '从库'}`;
      return `${g.port} is a ${g.role}`;
    },
  },

  key: {
    params: {
      port: { kind: 'port', required: true },
      key: { kind: 'string', required: true },
      value: { kind: 'scalar' },
      exists: { kind: 'boolean' },
      db: { kind: 'db' },
    },
    validate: (g) =>
      g.value !== undefined && g.exists === false ? 'a key that must not exist cannot have a value' : null,
    check(g, ctx) {
      const n = ctx.node(num(g.port));
      if (!n || n.status !== 'running') return false;
      const entry = ctx.keys(n.port, g.db === undefined ? 0 : num(g.db)).find((k) => k.key === str(g.key));
      if (g.exists === false) return entry === undefined;
      if (!entry) return false;
      return g.value === undefined || printable(entry.value) === str(g.value);
    },
    describe(g, lang) {
      const db = g.db !== undefined && num(g.db) !== 0 ? (lang === 'zh' ? `（db ${g.db}）` : ` (db ${g.db})`) : '';
      if (g.exists === false)
        return lang === 'zh' ? `${g.port} 上不存在键 ${g.key}${db}` : `key ${g.key} does not exist on ${g.port}${db}`;
      if (g.value === undefined)
        return lang === 'zh' ? `${g.port} 上存在键 ${g.key}${db}` : `key ${g.key} exists on ${g.port}${db}`;
      return lang === 'zh'
        ? `${g.port} 上键 ${g.key} 的值为 ${g.value}${db}`
        : `key ${g.key} on ${g.port} is ${g.value}${db}`;
    },
  },

  'keys-equal': {
    params: { ports: { kind: 'ports', required: true } },
    check(g, ctx) {
      const nodes = ports(g.ports).map((p) => ctx.node(p));
      if (nodes.some((n) => !n || n.status !== 'running')) return false;
      const dumps = nodes.map((n) => datasetOf(ctx, n!));
      return dumps.every((d) => d === dumps[0]);
    },
    describe(g, lang) {
      const ps = listJoin(ports(g.ports), lang);
      return lang === 'zh' ? `${ps} 的数据完全一致` : `${ps} hold exactly the same data`;
    },
  },

  'offset-equal': {
    params: { ports: { kind: 'ports', required: true }, atLeast: { kind: 'count' } },
    check(g, ctx) {
      const nodes = ports(g.ports).map((p) => ctx.node(p));
      if (nodes.some((n) => !n || n.status !== 'running')) return false;
      const offsets = nodes.map((n) => replicationOffset(n!));
      if (g.atLeast !== undefined && offsets[0] < num(g.atLeast)) return false;
      return offsets.every((o) => o === offsets[0]);
    },
    describe(g, lang) {
      const ps = listJoin(ports(g.ports), lang);
      const min =
        g.atLeast !== undefined ? (lang === 'zh' ? `，且不小于 ${g.atLeast}` : `, at least ${g.atLeast}`) : '';
      return lang === 'zh' ? `${ps} 的复制偏移量相同${min}` : `${ps} have the same replication offset${min}`;
    },
  },

  offset: {
    params: {
      port: { kind: 'port', required: true },
      equals: { kind: 'count' },
      atLeast: { kind: 'count' },
    },
    validate: (g) =>
      g.equals === undefined && g.atLeast === undefined ? 'give equals or atLeast' : null,
    check(g, ctx) {
      const n = ctx.node(num(g.port));
      if (!n || n.status !== 'running') return false;
      const o = replicationOffset(n);
      if (g.equals !== undefined && o !== num(g.equals)) return false;
      return g.atLeast === undefined || o >= num(g.atLeast);
    },
    describe(g, lang) {
      if (g.equals !== undefined)
        return lang === 'zh' ? `${g.port} 的复制偏移量为 ${g.equals}` : `the replication offset of ${g.port} is ${g.equals}`;
      return lang === 'zh'
        ? `${g.port} 的复制偏移量至少为 ${g.atLeast}`
        : `the replication offset of ${g.port} is at least ${g.atLeast}`;
    },
  },

  trace: {
    params: {
      event: { kind: 'trace-type', required: true },
      where: { kind: 'where' },
      // The minimum number of matching events (default 1).
      count: { kind: 'count' },
    },
    check(g, ctx) {
      const n = matchingEvents(ctx, str(g.event), g.where as Record<string, unknown>).length;
      return n >= (g.count === undefined ? 1 : num(g.count));
    },
    describe(g, lang) {
      const { text, rest } = traceSentence(g.event as TraceType, (g.where ?? {}) as Record<string, unknown>, lang);
      return `${text}${describeWhere(rest, lang)}${times(g.count === undefined ? 1 : num(g.count), lang)}`;
    },
  },

  reply: {
    params: {
      port: { kind: 'port' },
      command: { kind: 'string' },
      error: { kind: 'string' },
      contains: { kind: 'string' },
    },
    validate: (g) =>
      g.error !== undefined && !REPLY_ERROR_CODE.test(str(g.error))
        ? `error must be an error code such as READONLY or NOREPLICAS, not "${g.error}"`
        : null,
    check(g, ctx) {
      return ctx.events.some((e) => {
        let port: number;
        let argv: string[];
        let text: string;
        if (e.type === 'command') {
          ({ port, argv } = e);
          text = replyText(e.reply);
        } else if (e.type === 'write.refused') {
          ({ port, argv } = e);
          text = replyText(e.error);
        } else return false;
        if (g.port !== undefined && port !== num(g.port)) return false;
        if (g.command !== undefined) {
          const typed = argv.join(' ').toLowerCase();
          const want = str(g.command).toLowerCase();
          if (typed !== want && !typed.startsWith(want + ' ')) return false;
        }
        if (g.error !== undefined && !(text === str(g.error) || text.startsWith(str(g.error) + ' '))) return false;
        return g.contains === undefined || text.includes(str(g.contains));
      });
    },
    describe(g, lang) {
      const cmd = g.command !== undefined ? `\`${g.command}\`` : lang === 'zh' ? '一条命令' : 'a command';
      if (lang === 'zh') {
        const node = g.port !== undefined ? `${g.port} ` : '';
        const on = g.port !== undefined ? `在 ${g.port} 上` : '';
        if (g.error !== undefined) return `${node || '服务器'}拒绝了${cmd === '一条命令' ? cmd : ` ${cmd}`}，错误为 ${g.error}`;
        if (g.contains !== undefined) return `${on}执行 ${cmd}，回复包含 \`${g.contains}\``;
        return `${on}执行了 ${cmd}`;
      }
      const on = g.port !== undefined ? ` on ${g.port}` : '';
      if (g.error !== undefined) return `${cmd}${on} was refused with ${g.error}`;
      if (g.contains !== undefined) return `${cmd}${on} replied with \`${g.contains}\``;
      return `${cmd} was run${on}`;
    },
  },

  server: {
    params: {
      port: { kind: 'port', required: true },
      status: { kind: { oneOf: ['running', 'shutdown', 'crashed', 'paused'] }, required: true },
    },
    check(g, ctx) {
      const n = ctx.node(num(g.port));
      return n ? n.status === g.status : false;
    },
    describe(g, lang) {
      return `${g.port} ${STATUS_WORDS[str(g.status)][lang]}`;
    },
  },

  config: {
    params: {
      port: { kind: 'port', required: true },
      name: { kind: 'string', required: true },
      value: { kind: 'scalar' },
      // For numeric settings: met by any value ≥ this (e.g. a backlog big enough).
      atLeast: { kind: 'scalar' },
    },
    validate: (g) => {
      const def = findConfig(str(g.name));
      if (!def) return `unknown config name "${g.name}"`;
      if ((g.value === undefined) === (g.atLeast === undefined)) return 'give either value or atLeast';
      const v = normalizeConfigValue(def, [str(g.value ?? g.atLeast)]);
      if ('error' in v) return `bad value for ${def.name}: ${v.error}`;
      return g.atLeast !== undefined && !/^-?\d+$/.test(v.value) ? `atLeast needs a numeric setting, not ${def.name}` : null;
    },
    check(g, ctx) {
      const n = ctx.node(num(g.port));
      if (!n || n.status !== 'running') return false;
      // Compare canonical forms: min-slaves-to-write is min-replicas-to-write, 16kb is 16384.
      const def = findConfig(str(g.name));
      if (!def) return false;
      const want = normalizeConfigValue(def, [str(g.value ?? g.atLeast)]);
      const have = n.config[def.name] ?? (def.alias ? n.config[def.alias] : undefined);
      if (!('value' in want) || have === undefined) return false;
      return g.atLeast !== undefined ? Number(have) >= Number(want.value) : have === want.value;
    },
    describe(g, lang) {
      if (g.atLeast !== undefined)
        return lang === 'zh'
          ? `${g.port} 的配置 ${g.name} 不小于 ${g.atLeast}`
          : `${g.port} has ${g.name} set to at least ${g.atLeast}`;
      return lang === 'zh'
        ? `${g.port} 的配置 ${g.name} 为 ${g.value}`
        : `${g.port} has ${g.name} set to ${g.value}`;
    },
  },

  'fullresync-count': {
    params: {
      master: { kind: 'port', required: true },
      replica: { kind: 'port' },
      equals: { kind: 'count' },
      atLeast: { kind: 'count' },
    },
    validate: countRule,
    check(g, ctx) {
      const { min, max } = countOf(g);
      const n = fullSyncs(g, ctx);
      return n >= min && n <= max;
    },
    // Full syncs only accumulate: once past the maximum, this step cannot be met any more.
    unreachable: (g, ctx) => fullSyncs(g, ctx) > countOf(g).max,
    describe(g, lang) {
      const to = g.replica !== undefined ? (lang === 'zh' ? `向 ${g.replica} ` : ` to ${g.replica}`) : '';
      return lang === 'zh'
        ? `${g.master} ${to}进行了全量同步，${describeCount(g, lang)}`
        : `${g.master} made a full sync${to} ${describeCount(g, lang)}`;
    },
  },

  'partial-count': {
    params: {
      master: { kind: 'port', required: true },
      replica: { kind: 'port' },
      equals: { kind: 'count' },
      atLeast: { kind: 'count' },
    },
    validate: countRule,
    check(g, ctx) {
      const n = partialSyncs(g, ctx);
      const { min, max } = countOf(g);
      return n >= min && n <= max;
    },
    // Past the maximum; or a partial resync was wanted and the replica got a full sync instead (it
    // now has the master's history, so the next PSYNC has nothing to continue from in this step).
    unreachable(g, ctx) {
      const n = partialSyncs(g, ctx);
      const { min, max } = countOf(g);
      if (n > max) return true;
      return n < min && fullSyncs({ ...g, equals: undefined, atLeast: undefined }, ctx) > 0;
    },
    describe(g, lang) {
      const to = g.replica !== undefined ? (lang === 'zh' ? `与 ${g.replica} ` : ` with ${g.replica}`) : '';
      return lang === 'zh'
        ? `${g.master} ${to}进行了部分重同步，${describeCount(g, lang)}`
        : `${g.master} made a partial resync${to} ${describeCount(g, lang)}`;
    },
  },

  link: {
    params: {
      a: { kind: 'port', required: true },
      b: { kind: 'port', required: true },
      state: { kind: { oneOf: ['up', 'dropped'] }, required: true },
    },
    check(g, ctx) {
      const [a, b] = [num(g.a), num(g.b)];
      const l = ctx.links().find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
      const dropped = l?.dropped ?? false;
      return g.state === 'dropped' ? dropped : !dropped;
    },
    describe(g, lang) {
      if (lang === 'zh') return `${g.a} 与 ${g.b} 之间的网络${g.state === 'dropped' ? '已断开' : '畅通'}`;
      return `the network between ${g.a} and ${g.b} is ${g.state === 'dropped' ? 'cut' : 'up'}`;
    },
  },
};

/** Check one goal. An unknown type is never met (the schema rejects it before it gets here). */
export function checkGoal(g: Goal, ctx: GoalContext): boolean {
  const t = GOAL_TYPES[g.type];
  return t ? t.check(g, ctx) : false;
}

/** True when the goal can no longer be met in this step (see GoalType.unreachable). */
export function goalUnreachable(g: Goal, ctx: GoalContext): boolean {
  return GOAL_TYPES[g.type]?.unreachable?.(g, ctx) ?? false;
}

/** The goal's description in `lang`: the author's `text` if given, else generated from its parameters. */
export function describeGoal(g: Goal, lang: Language): string {
  if (g.text) return g.text[lang];
  const t = GOAL_TYPES[g.type];
  return t ? t.describe(g, lang) : g.type;
}

/** A GoalContext over a live world, seeing the trace from sequence number `sinceSeq` on. */
export function goalContext(world: WorldApi, sinceSeq: number): GoalContext {
  return {
    node: (port) => world.node(port),
    keys: (port, db) => world.keys(port, db),
    // The network knows its links: no replay of the trace.
    links: () => world.links(),
    events: world.trace.since(sinceSeq),
  };
}
