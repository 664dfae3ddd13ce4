/**
 * Server configuration (config.c): the table of settings the tutor knows, parsing of redis.conf
 * text and `--name value` flags, CONFIG GET glob matching and CONFIG SET validation, with
 * Redis 7.0's value formats and error texts.
 */

export type ConfigKind = 'bool' | 'int' | 'memory' | 'enum' | 'string' | 'save' | 'replicaof' | 'obuf';

export interface ConfigDef {
  name: string;
  /** The old name Redis still accepts (slave-*, min-slaves-*). */
  alias?: string;
  kind: ConfigKind;
  /** Default in canonical form (what CONFIG GET prints). */
  default: string;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** Cannot be changed with CONFIG SET. */
  immutable?: boolean;
}

const INT_MAX = 2147483647;
const LLONG_MAX = Number.MAX_SAFE_INTEGER;

/**
 * The settings. Defaults are Redis 7.0.15's except where the tutor differs on purpose:
 * - `repl-diskless-sync no`: the seed teaches the disk-based full sync (BGSAVE to dump.rdb, then
 *   `$len` + file), so that is the default here; `yes` gives 7.0's `$EOF:` socket transfer.
 * - `enable-debug-command local`: DEBUG POPULATE/SLEEP/RELOAD are part of the lessons, and every
 *   tutor connection is local.
 * - `replica-legacy-sync` is the tutor's own setting: a replica that speaks only SYNC, like
 *   Redis before 2.8 (no PSYNC, no ACKs: every reconnect is a whole new RDB).
 * - `dir` defaults to /data (a real server uses its working directory).
 */
export const CONFIG_DEFS: readonly ConfigDef[] = [
  { name: 'port', kind: 'int', default: '6379', min: 0, max: 65535, immutable: true },
  { name: 'bind', kind: 'string', default: '* -::*', immutable: true },
  { name: 'daemonize', kind: 'bool', default: 'no', immutable: true },
  { name: 'pidfile', kind: 'string', default: '', immutable: true },
  { name: 'loglevel', kind: 'enum', default: 'notice', values: ['debug', 'verbose', 'notice', 'warning', 'nothing'] },
  { name: 'logfile', kind: 'string', default: '', immutable: true },
  { name: 'databases', kind: 'int', default: '16', min: 1, max: 16, immutable: true },
  { name: 'protected-mode', kind: 'bool', default: 'yes' },
  { name: 'timeout', kind: 'int', default: '0', min: 0, max: INT_MAX },
  { name: 'tcp-keepalive', kind: 'int', default: '300', min: 0, max: INT_MAX },
  { name: 'hz', kind: 'int', default: '10', min: 0, max: INT_MAX },
  { name: 'save', kind: 'save', default: '3600 1 300 100 60 10000' },
  { name: 'stop-writes-on-bgsave-error', kind: 'bool', default: 'yes' },
  { name: 'rdbcompression', kind: 'bool', default: 'yes' },
  { name: 'rdbchecksum', kind: 'bool', default: 'yes' },
  { name: 'dbfilename', kind: 'string', default: 'dump.rdb' },
  { name: 'dir', kind: 'string', default: '/data' },
  { name: 'appendonly', kind: 'bool', default: 'no' },
  { name: 'appendfilename', kind: 'string', default: 'appendonly.aof', immutable: true },
  { name: 'appendfsync', kind: 'enum', default: 'everysec', values: ['always', 'everysec', 'no'] },
  { name: 'replicaof', alias: 'slaveof', kind: 'replicaof', default: '' },
  { name: 'masterauth', kind: 'string', default: '' },
  { name: 'requirepass', kind: 'string', default: '' },
  { name: 'proto-max-bulk-len', kind: 'memory', default: '536870912', min: 1048576, max: LLONG_MAX },
  { name: 'client-query-buffer-limit', kind: 'memory', default: '1073741824', min: 1048576, max: LLONG_MAX },
  { name: 'masteruser', kind: 'string', default: '' },
  { name: 'replica-serve-stale-data', alias: 'slave-serve-stale-data', kind: 'bool', default: 'yes' },
  { name: 'replica-read-only', alias: 'slave-read-only', kind: 'bool', default: 'yes' },
  { name: 'repl-diskless-sync', kind: 'bool', default: 'no' },
  { name: 'repl-diskless-sync-delay', kind: 'int', default: '5', min: 0, max: INT_MAX },
  { name: 'repl-diskless-sync-max-replicas', kind: 'int', default: '0', min: 0, max: INT_MAX },
  { name: 'repl-diskless-load', kind: 'enum', default: 'disabled', values: ['disabled', 'on-empty-db', 'swapdb'] },
  { name: 'repl-ping-replica-period', alias: 'repl-ping-slave-period', kind: 'int', default: '10', min: 1, max: INT_MAX },
  { name: 'repl-timeout', kind: 'int', default: '60', min: 1, max: INT_MAX },
  { name: 'repl-disable-tcp-nodelay', kind: 'bool', default: 'no' },
  { name: 'repl-backlog-size', kind: 'memory', default: '1048576', min: 1, max: LLONG_MAX },
  { name: 'repl-backlog-ttl', kind: 'int', default: '3600', min: 0, max: INT_MAX },
  { name: 'replica-priority', alias: 'slave-priority', kind: 'int', default: '100', min: 0, max: INT_MAX },
  { name: 'replica-announced', kind: 'bool', default: 'yes' },
  { name: 'replica-announce-ip', alias: 'slave-announce-ip', kind: 'string', default: '' },
  { name: 'replica-announce-port', alias: 'slave-announce-port', kind: 'int', default: '0', min: 0, max: 65535 },
  { name: 'replica-lazy-flush', alias: 'slave-lazy-flush', kind: 'bool', default: 'no' },
  { name: 'min-replicas-to-write', alias: 'min-slaves-to-write', kind: 'int', default: '0', min: 0, max: INT_MAX },
  { name: 'min-replicas-max-lag', alias: 'min-slaves-max-lag', kind: 'int', default: '10', min: 0, max: INT_MAX },
  { name: 'replica-ignore-maxmemory', alias: 'slave-ignore-maxmemory', kind: 'bool', default: 'yes' },
  { name: 'rdb-del-sync-files', kind: 'bool', default: 'no' },
  { name: 'lazyfree-lazy-expire', kind: 'bool', default: 'no' },
  { name: 'maxmemory', kind: 'memory', default: '0', min: 0, max: LLONG_MAX },
  { name: 'maxmemory-policy', kind: 'enum', default: 'noeviction', values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'] },
  { name: 'client-output-buffer-limit', kind: 'obuf', default: 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60' },
  { name: 'shutdown-timeout', kind: 'int', default: '10', min: 0, max: INT_MAX },
  { name: 'enable-debug-command', kind: 'enum', default: 'local', values: ['no', 'yes', 'local'], immutable: true },
  { name: 'replica-legacy-sync', kind: 'bool', default: 'no' },
];

const BY_NAME = new Map<string, ConfigDef>();
for (const d of CONFIG_DEFS) {
  BY_NAME.set(d.name, d);
  if (d.alias) BY_NAME.set(d.alias, d);
}

/** The definition for a name or alias (case-insensitive), or undefined. */
export function findConfig(name: string): ConfigDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/**
 * Parse a memory value like Redis's memtoull(): "1mb" = 1048576, "1m" = 1000000, "16kb" = 16384.
 * Returns null when the text is not a memory value.
 */
export function parseMemory(text: string): number | null {
  const m = /^(-?\d+)(k|kb|m|mb|g|gb|b)?$/i.exec(text);
  if (!m) return null;
  const units: Record<string, number> = {
    '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3,
  };
  return Number(m[1]) * units[(m[2] ?? '').toLowerCase()];
}

/** One client class's limits (server.h clientBufferLimitsConfig); 0 = no limit. */
export interface ObufLimit {
  hardBytes: number;
  softBytes: number;
  softSeconds: number;
}

const OBUF_CLASSES = ['normal', 'slave', 'pubsub'] as const;

/** Parse the canonical `normal h s t slave h s t pubsub h s t` text into one entry per class. */
export function parseObufLimits(value: string): Record<(typeof OBUF_CLASSES)[number], ObufLimit> {
  const p = value.split(' ').map(Number);
  const at = (i: number): ObufLimit => ({ hardBytes: p[i + 1], softBytes: p[i + 2], softSeconds: p[i + 3] });
  return { normal: at(0), slave: at(4), pubsub: at(8) };
}

/**
 * client-output-buffer-limit (config.c setConfigClientOutputBufferLimitOption): triplets
 * `<class> <hard> <soft> <seconds>` change only the classes they name; `replica` is stored as
 * `slave`, and CONFIG GET prints every class in bytes.
 */
function normalizeObufLimits(args: string[], current: string): { value: string } | { error: string } {
  const parts = args.length === 1 ? args[0].split(/\s+/).filter((x) => x !== '') : args;
  if (parts.length % 4 !== 0 || parts.length === 0) return { error: 'Wrong number of arguments in buffer limit configuration.' };
  const limits = parseObufLimits(current);
  for (let i = 0; i < parts.length; i += 4) {
    let cls = parts[i].toLowerCase();
    if (cls === 'replica') cls = 'slave';
    if (cls !== 'normal' && cls !== 'slave' && cls !== 'pubsub') {
      return { error: 'Invalid client class specified in buffer limit configuration.' };
    }
    const hard = parseMemory(parts[i + 1]);
    const soft = parseMemory(parts[i + 2]);
    const secs = /^\d+$/.test(parts[i + 3]) ? Number(parts[i + 3]) : -1;
    if (hard === null || hard < 0 || soft === null || soft < 0 || secs < 0) {
      return { error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
    }
    limits[cls] = { hardBytes: hard, softBytes: soft, softSeconds: secs };
  }
  return { value: OBUF_CLASSES.map((c) => `${c} ${limits[c].hardBytes} ${limits[c].softBytes} ${limits[c].softSeconds}`).join(' ') };
}

/**
 * Validate `args` for `def`; returns the canonical value or an error text (config.c's messages).
 * `current` is the setting's value now (client-output-buffer-limit only changes the classes named).
 */
export function normalizeConfigValue(def: ConfigDef, args: string[], current: string = def.default): { value: string } | { error: string } {
  switch (def.kind) {
    case 'obuf':
      return normalizeObufLimits(args, current);
    case 'bool': {
      if (args.length !== 1) return { error: 'wrong number of arguments' };
      const v = args[0].toLowerCase();
      if (v !== 'yes' && v !== 'no') return { error: "argument must be 'yes' or 'no'" };
      return { value: v };
    }
    case 'int': {
      if (args.length !== 1) return { error: 'wrong number of arguments' };
      if (!/^-?\d+$/.test(args[0])) return { error: "argument couldn't be parsed into an integer" };
      const n = Number(args[0]);
      if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
        return { error: `argument must be between ${def.min} and ${def.max} inclusive` };
      }
      return { value: String(n) };
    }
    case 'memory': {
      if (args.length !== 1) return { error: 'wrong number of arguments' };
      const n = parseMemory(args[0]);
      if (n === null) return { error: 'argument must be a memory value' };
      if (n < (def.min ?? 0) && def.name !== 'repl-backlog-size') {
        return { error: `argument must be between ${def.min} and ${def.max} inclusive` };
      }
      // resizeReplicationBacklog(): below the 16 KB minimum the minimum is used.
      if (def.name === 'repl-backlog-size' && n < 16384) return { value: '16384' };
      return { value: String(n) };
    }
    case 'enum': {
      if (args.length !== 1) return { error: 'wrong number of arguments' };
      const v = args[0].toLowerCase();
      if (!def.values!.includes(v)) {
        return { error: `argument(s) must be one of the following: ${def.values!.join(', ')}` };
      }
      return { value: v };
    }
    case 'string':
      if (args.length !== 1) return { error: 'wrong number of arguments' };
      return { value: args[0] };
    case 'save': {
      const parts = args.length === 1 ? args[0].split(/\s+/).filter((x) => x !== '') : args;
      if (parts.length % 2 !== 0) return { error: 'Invalid save parameters' };
      for (const p of parts) if (!/^\d+$/.test(p)) return { error: 'Invalid save parameters' };
      return { value: parts.map((p) => String(Number(p))).join(' ') };
    }
    case 'replicaof': {
      const parts = args.length === 1 ? args[0].split(/\s+/).filter((x) => x !== '') : args;
      if (parts.length !== 2) return { error: 'wrong number of arguments' };
      if (parts[0].toLowerCase() === 'no' && parts[1].toLowerCase() === 'one') return { value: '' };
      if (!/^\d+$/.test(parts[1]) || Number(parts[1]) > 65535) return { error: 'Invalid master port' };
      return { value: `${parts[0]} ${Number(parts[1])}` };
    }
  }
}

/** Redis's stringmatchlen(): glob with `*`, `?`, `[...]` (with `^` and ranges) and `\` escapes. */
export function globMatch(pattern: string, text: string, nocase = false): boolean {
  const p = nocase ? pattern.toLowerCase() : pattern;
  const s = nocase ? text.toLowerCase() : text;
  const match = (pi: number, si: number): boolean => {
    while (pi < p.length) {
      const c = p[pi];
      if (c === '*') {
        while (p[pi + 1] === '*') pi++;
        if (pi + 1 === p.length) return true;
        for (let k = si; k <= s.length; k++) if (match(pi + 1, k)) return true;
        return false;
      }
      if (si >= s.length) return false;
      if (c === '?') {
        pi++;
        si++;
        continue;
      }
      if (c === '[') {
        let j = pi + 1;
        const not = p[j] === '^';
        if (not) j++;
        let hit = false;
        while (j < p.length && p[j] !== ']') {
          if (p[j] === '\\' && j + 1 < p.length) {
            if (p[j + 1] === s[si]) hit = true;
            j += 2;
          } else if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
            let lo = p[j];
            let hi = p[j + 2];
            if (lo > hi) [lo, hi] = [hi, lo];
            if (s[si] >= lo && s[si] <= hi) hit = true;
            j += 3;
          } else {
            if (p[j] === s[si]) hit = true;
            j++;
          }
        }
        if (not) hit = !hit;
        if (!hit) return false;
        pi = j + 1;
        si++;
        continue;
      }
      if (c === '\\' && pi + 1 < p.length) {
        if (p[pi + 1] !== s[si]) return false;
        pi += 2;
        si++;
        continue;
      }
      if (c !== s[si]) return false;
      pi++;
      si++;
    }
    return si === s.length;
  };
  return match(0, 0);
}

/** Split one config line like sdssplitargs(): spaces separate, "…" with escapes, '…' literal. */
export function splitConfigLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) return out;
    let cur = '';
    let inDq = false;
    let inSq = false;
    for (;;) {
      if (i >= line.length) {
        if (inDq || inSq) return null;
        break;
      }
      const c = line[i];
      if (inDq) {
        if (c === '\\' && line[i + 1] === 'x' && /^[0-9a-f]{2}$/i.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        if (c === '\\' && i + 1 < line.length) {
          const e = line[i + 1];
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
          i += 2;
          continue;
        }
        if (c === '"') {
          if (i + 1 < line.length && !/\s/.test(line[i + 1])) return null;
          i++;
          break;
        }
        cur += c;
        i++;
      } else if (inSq) {
        if (c === '\\' && line[i + 1] === "'") {
          cur += "'";
          i += 2;
          continue;
        }
        if (c === "'") {
          if (i + 1 < line.length && !/\s/.test(line[i + 1])) return null;
          i++;
          break;
        }
        cur += c;
        i++;
      } else {
        if (/\s/.test(c)) break;
        if (c === '"') inDq = true;
        else if (c === "'") inSq = true;
        else cur += c;
        i++;
      }
    }
    out.push(cur);
  }
}

/** One directive read from a config file or flags, with where it came from (for error messages). */
export interface ConfigDirective {
  name: string;
  args: string[];
  /** 1-based line in the file; for flags, the position in the synthesized text. */
  line: number;
  /** The line as written, for `>>> '…'`. */
  text: string;
}

/** The lines real redis-server prints for a bad config file (config.c:loadServerConfigFromString). */
export function fatalConfigError(d: ConfigDirective, message: string): string[] {
  return [
    '',
    '*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***',
    `Reading the configuration file, at line ${d.line}`,
    `>>> '${d.text}'`,
    message,
  ];
}

/**
 * Read redis.conf text then `--name value` flags (flags are appended as extra lines, as
 * redis-server does). Returns the directives in order, or the fatal error lines.
 */
export function parseConfigText(
  text: string,
  flags: Array<[string, ...string[]]> = [],
): { directives: ConfigDirective[] } | { lines: string[] } {
  const directives: ConfigDirective[] = [];
  const rawLines = text === '' ? [] : text.split(/\r?\n/);
  for (const [name, ...values] of flags) {
    rawLines.push([name.replace(/^--/, ''), ...values.map((v) => (v === '' || /\s/.test(v) ? `"${v}"` : v))].join(' '));
  }
  for (let i = 0; i < rawLines.length; i++) {
    const lineText = rawLines[i].trim();
    if (lineText === '' || lineText.startsWith('#')) continue;
    const parts = splitConfigLine(lineText);
    const d: ConfigDirective = { name: '', args: [], line: i + 1, text: lineText };
    if (parts === null) return { lines: fatalConfigError(d, 'Unbalanced quotes in configuration line') };
    if (parts.length === 0) continue;
    d.name = parts[0].toLowerCase();
    d.args = parts.slice(1);
    directives.push(d);
  }
  return { directives };
}

/** The values of one server's settings, by canonical name. */
export class ServerConfig {
  private readonly values = new Map<string, string>();
  /**
   * getInt's numbers by the name asked for: some are read for every command a client sends
   * (proto-max-bulk-len). Emptied whenever any value changes.
   */
  private readonly ints = new Map<string, number>();

  constructor() {
    for (const d of CONFIG_DEFS) this.values.set(d.name, d.default);
  }

  private put(name: string, value: string): void {
    this.values.set(name, value);
    this.ints.clear();
  }

  get(name: string): string {
    const direct = this.values.get(name);
    if (direct !== undefined) return direct;
    const def = findConfig(name);
    return def ? this.values.get(def.name)! : '';
  }

  getInt(name: string): number {
    let n = this.ints.get(name);
    if (n === undefined) {
      n = Number(this.get(name));
      this.ints.set(name, n);
    }
    return n;
  }

  getBool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /** Set without validation (value already canonical). */
  setRaw(name: string, value: string): void {
    const def = findConfig(name);
    if (def) this.put(def.name, value);
  }

  /**
   * Apply config-file directives. Returns the fatal error lines, or null. Several `save` lines add
   * up (the first one replaces the defaults), as in redis.conf.
   */
  applyDirectives(directives: ConfigDirective[]): string[] | null {
    let sawSave = false;
    for (const d of directives) {
      const def = findConfig(d.name);
      if (!def) return fatalConfigError(d, 'Bad directive or wrong number of arguments');
      const r = normalizeConfigValue(def, d.args, this.values.get(def.name));
      if ('error' in r) {
        const msg = r.error === 'wrong number of arguments' ? 'Bad directive or wrong number of arguments' : r.error;
        return fatalConfigError(d, msg);
      }
      if (def.kind === 'save') {
        const prev = sawSave ? this.values.get('save')! : '';
        this.put('save', [prev, r.value].filter((x) => x !== '').join(' '));
        if (r.value === '') this.put('save', '');
        sawSave = true;
      } else {
        this.put(def.name, r.value);
      }
    }
    return null;
  }

  /** CONFIG GET: [name, value] pairs for every setting (or alias) matching one of the patterns. */
  match(patterns: string[]): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (const d of CONFIG_DEFS) {
      for (const n of d.alias ? [d.name, d.alias] : [d.name]) {
        if (seen.has(n)) continue;
        if (patterns.some((p) => globMatch(p, n, true))) {
          seen.add(n);
          out.push([n, this.values.get(d.name)!]);
        }
      }
    }
    return out;
  }

  /** Every canonical setting (for snapshots). */
  all(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}
