/**
 * The World: every simulated redis-server process at 127.0.0.1:PORT, the network between them, one
 * virtual clock and one seeded generator. Every change to the world is a method call, so the same
 * seed plus the same calls at the same event positions gives the same trace, byte for byte.
 */

import type {
  Connection,
  LinkView,
  NodeSnapshot,
  ProcessStatus,
  ServerStartOptions,
  StartResult,
  WorldApi,
  WorldSnapshot,
} from './api.js';
import { ServerConfig, parseConfigText } from './config.js';
import { totalKeys, valueType } from './keyspace.js';
import { replicationSection } from './info.js';
import { MemoryBudget } from './memory-budget.js';
import { loadDataFromDisk } from './persistence.js';
import { printableReplicaState } from './replication.js';
import { appliedView, heldWritesView, inFlightWrites } from './stream-view.js';
import { RedisServer, type CommandEntry, type WorldContext } from './server.js';
import { commandTable } from './command-table.js';
import type { Fault, FaultResult } from './faults.js';
import { shutdownOnSigterm } from './server-commands.js';
import { idString, streamEntries } from './stream.js';
import { TraceLog, type TraceEvent } from './trace.js';
import { isHeartbeat } from './trace-types.js';
import { ServerLogs, redisLogTime, resolveLogPath } from './server-log.js';
import type { WireMessage } from './wire.js';
import { Network } from '../sim/network.js';
import { Rng } from '../sim/rng.js';
import { Scheduler, type EventInfo } from '../sim/scheduler.js';
import type { EngineEventLabel } from './event-labels.js';

/** Virtual Unix time at virtual ms 0: 2026-01-01T00:00:00Z. */
export const EPOCH_UNIX_MS = 1767225600000;

/** How long runUntilSettled keeps going after the last activity that is not a heartbeat (virtual ms). */
const SETTLE_QUIET_LIMIT_MS = 10_000;
/** The most virtual time one runUntilSettled may move the clock: a line's cap (10 minutes). */
export const SETTLE_CAP_MS = 600_000;
/** …and the most events it may fire (a storm of events at one instant still ends). */
const SETTLE_MAX_EVENTS = 2_000_000;

/**
 * Heartbeat traffic, for settling: the trace table's heartbeat types (PING, REPLCONF ACK/GETACK),
 * and the PING or REPLCONF a master's stream carries as it is applied or proxied down a chain.
 */
function isHeartbeatEvent(e: TraceEvent): boolean {
  if (isHeartbeat(e.type)) return true;
  if (e.type !== 'stream.apply' && e.type !== 'propagate' && e.type !== 'buffer.apply') return false;
  const name = e.argv[0]?.toLowerCase();
  return name === 'ping' || name === 'replconf';
}

export interface WorldOptions {
  seed?: number;
  /** Trace events kept in memory (older ones are dropped, `total` still counts them). */
  traceCapacity?: number;
  /** The tutor's memory budget over every process and the virtual disk, in bytes (0: none). */
  maxMemoryBytes?: number;
}

interface ProcessRecord {
  server: RedisServer;
  opts: ServerStartOptions;
}


export class World implements WorldApi, WorldContext {
  readonly seed: number;
  readonly scheduler = new Scheduler<EngineEventLabel>();
  readonly network: Network<WireMessage>;
  readonly rng: Rng;
  readonly trace: TraceLog;
  readonly disk = new Map<string, Uint8Array>();
  readonly commands: Map<string, CommandEntry> = commandTable();
  readonly memory: MemoryBudget;
  /**
   * The budget of worlds made without `maxMemoryBytes`: the entry point sizes it to the machine
   * once (`--max-memory`); 0, no budget, for tests and benchmarks.
   */
  static defaultMaxMemoryBytes = 0;
  private readonly processes = new Map<number, ProcessRecord>();
  /** The servers' log and pid files (`logfile`, `pidfile`), written from the trace. */
  readonly logs: ServerLogs;
  /** Pids as in the seed's netstat output (4598, 4602, 4606…): a fork takes one of the three between. */
  private nextPid = 4598;

  constructor(opts: WorldOptions | number = {}) {
    const o = typeof opts === 'number' ? { seed: opts } : opts;
    this.seed = o.seed ?? 1;
    this.rng = new Rng(this.seed);
    this.trace = new TraceLog(o.traceCapacity);
    this.network = new Network<WireMessage>(this.scheduler);
    this.memory = new MemoryBudget(o.maxMemoryBytes ?? World.defaultMaxMemoryBytes, () => this.liveServers(), () => {
      let n = 0;
      for (const bytes of this.disk.values()) n += bytes.length;
      return n;
    });
    this.logs = new ServerLogs(this);
    this.trace.onEvent((e) => this.logs.onTrace(e));
  }

  /** Running and paused servers (a dead process holds no memory). A plain array: the budget asks before every write. */
  private liveServers(): RedisServer[] {
    const out: RedisServer[] = [];
    for (const r of this.processes.values()) if (r.server.status === 'running' || r.server.status === 'paused') out.push(r.server);
    return out;
  }

  get now(): number {
    return this.scheduler.now;
  }

  get eventsRun(): number {
    return this.scheduler.eventsRun;
  }

  unixMs(): number {
    return EPOCH_UNIX_MS + this.scheduler.now;
  }

  /** A log-line prefix like redis-server's: `4242:M 01 Jan 2026 00:00:00.000` (virtual UTC time). */
  private logPrefix(pid: number, role: string): string {
    return `${pid}:${role} ${redisLogTime(this.unixMs())}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Processes
  // ---------------------------------------------------------------------------------------------

  startServer(opts: ServerStartOptions): StartResult {
    const parsed = parseConfigText(opts.configText ?? '', opts.flags ?? []);
    if ('lines' in parsed) return { ok: false, lines: parsed.lines };
    const probe = new ServerConfig();
    const err = probe.applyDirectives(parsed.directives);
    if (err) return { ok: false, lines: err };
    const port = probe.getInt('port');
    const existing = this.processes.get(port);
    if (existing && (existing.server.status === 'running' || existing.server.status === 'paused')) {
      const pid = this.nextPid; // the failed process is gone at once: its pid is not kept
      const lines = [
        `${this.logPrefix(pid, 'C')} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `${this.logPrefix(pid, 'C')} # Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=${pid}, just started`,
        `${this.logPrefix(pid, 'C')} # Configuration loaded`,
        `${this.logPrefix(pid, 'M')} * monotonic clock: POSIX clock_gettime`,
        `${this.logPrefix(pid, 'M')} # Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`,
        `${this.logPrefix(pid, 'M')} # Failed listening on port ${port} (TCP), aborting.`,
      ];
      // With a `logfile` (the seed's files) the lines go there and the terminal shows nothing;
      // daemonized, the parent had already exited before the child failed to bind.
      const logfile = probe.get('logfile');
      if (logfile === '') return { ok: false, lines };
      const loggedTo = resolveLogPath(probe.get('dir'), logfile);
      this.logs.appendLines(loggedTo, lines);
      return { ok: false, lines: [], loggedTo };
    }
    const server = new RedisServer(this, port, opts.configPath ?? '');
    server.pid = this.nextPid;
    this.nextPid += 4;
    server.config.applyDirectives(parsed.directives);
    server.refreshConfigCache();
    const replicaof = server.config.get('replicaof');
    if (replicaof !== '') {
      const [host, p] = replicaof.split(' ');
      server.masterHost = host;
      server.masterPort = Number(p);
      server.replState = 'connect';
    }
    const loaded = loadDataFromDisk(server);
    if (loaded !== null && 'error' in loaded) {
      return {
        ok: false,
        lines: [
          `${this.logPrefix(server.pid, 'M')} # Short read or OOM loading DB. Unrecoverable error, aborting now.`,
          `${this.logPrefix(server.pid, 'M')} # Internal error in RDB reading offset 0, function at rdb.c:3052 -> ${loaded.error}`,
        ],
      };
    }
    this.processes.set(port, { server, opts });
    server.boot();
    this.trace.push(this.now, {
      type: 'server.start',
      port,
      loadedKeys: loaded === null ? 0 : loaded.keys,
      fromRdb: loaded !== null,
    });
    return { ok: true, port };
  }

  /** The running (or paused) server on a port. */
  server(port: number): RedisServer | undefined {
    const r = this.processes.get(port);
    return r && (r.server.status === 'running' || r.server.status === 'paused') ? r.server : undefined;
  }

  listeningPorts(): number[] {
    return [...this.processes.values()]
      .filter((r) => r.server.status === 'running' || r.server.status === 'paused')
      .map((r) => r.server.port)
      .sort((a, b) => a - b);
  }

  connect(host: string, port: number): Connection | { error: string } {
    const h = host.toLowerCase();
    if (h !== '127.0.0.1' && h !== 'localhost' && h !== '::1') return { error: 'Connection refused' };
    const server = this.server(port);
    if (!server) return { error: 'Connection refused' };
    return server.connectLocal();
  }

  /** SIGKILL: the process dies, nothing saved; the kernel still sends what it had written, then EOF. */
  crash(port: number): boolean {
    const server = this.server(port);
    if (!server) return false;
    this.trace.push(this.now, { type: 'server.crash', port });
    server.terminate('crashed', 'kill');
    return true;
  }

  /** The host dies: the process with it, and nothing more leaves it; peers learn only by their timeouts. */
  crashHost(port: number): boolean {
    const server = this.server(port);
    if (!server) return false;
    this.trace.push(this.now, { type: 'server.crash', port, host: true });
    this.network.hostDown(port);
    server.terminate('crashed', 'host');
    return true;
  }

  sigterm(port: number): boolean {
    const server = this.server(port);
    if (!server) return false;
    server.dispatch(() => shutdownOnSigterm(server));
    return true;
  }

  /** @internal SHUTDOWN from a client (WorldContext). */
  shutdownServer(server: RedisServer, saved: boolean): void {
    this.trace.push(this.now, { type: 'server.shutdown', port: server.port, saved });
    server.terminate('shutdown');
  }

  /**
   * Start a server again with the options it was first started with. One still running fails as a
   * second redis-server on a taken port does ("Address already in use").
   */
  restart(port: number): StartResult {
    const r = this.processes.get(port);
    if (!r) return { ok: false, lines: [`No server was ever started on port ${port}`] };
    // A crashed host boots first: peers still holding connections to it are reset when they next send.
    this.network.hostUp(port);
    return this.startServer(r.opts);
  }

  pause(port: number): boolean {
    const server = this.server(port);
    if (!server || server.status !== 'running') return false;
    server.pause();
    this.trace.push(this.now, { type: 'server.pause', port });
    return true;
  }

  resume(port: number): boolean {
    const server = this.server(port);
    if (!server || server.status !== 'paused') return false;
    this.trace.push(this.now, { type: 'server.resume', port });
    server.resume();
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Links
  // ---------------------------------------------------------------------------------------------

  /** A silent partition between a and b (see network.ts): only timeouts notice it. */
  dropLink(a: number, b: number): void {
    this.trace.push(this.now, { type: 'link.fault', a: Math.min(a, b), b: Math.max(a, b), fault: 'drop' });
    this.network.partition(a, b);
  }

  /** Reset every connection between a and b (a TCP RST): both ends learn at once. */
  resetLink(a: number, b: number): void {
    this.trace.push(this.now, { type: 'link.fault', a: Math.min(a, b), b: Math.max(a, b), fault: 'reset' });
    this.network.reset(a, b);
  }

  heal(): void {
    for (const l of this.network.allLinks()) {
      if (l.dropped) this.trace.push(this.now, { type: 'link.fault', a: l.a, b: l.b, fault: 'heal' });
    }
    this.network.heal();
  }

  setLatency(a: number, b: number, ms: number): void {
    this.network.setLatency(a, b, ms);
    this.trace.push(this.now, { type: 'link.fault', a: Math.min(a, b), b: Math.max(a, b), fault: 'latency', value: ms });
  }

  setBandwidth(a: number, b: number, bytesPerSec: number): void {
    this.network.setBandwidth(a, b, bytesPerSec);
    this.trace.push(this.now, { type: 'link.fault', a: Math.min(a, b), b: Math.max(a, b), fault: 'bandwidth', value: bytesPerSec });
  }

  /** The network's links as they are now: dropped or not, latency, bandwidth (plain copies). */
  links(): LinkView[] {
    return this.network.allLinks().map((l) => ({ ...l }));
  }

  // ---------------------------------------------------------------------------------------------
  // Faults as data (faults.ts)
  // ---------------------------------------------------------------------------------------------

  /** Apply one fault from the fault table; says why when it cannot (nothing to kill, not paused…). */
  apply(fault: Fault): FaultResult {
    switch (fault.kind) {
      case 'kill':
        return this.crash(fault.port) ? { ok: true } : { ok: false, reason: 'not-running', port: fault.port };
      case 'crash':
        return this.crashHost(fault.port) ? { ok: true } : { ok: false, reason: 'not-running', port: fault.port };
      case 'restart': {
        if (!this.processes.has(fault.port)) return { ok: false, reason: 'never-started', port: fault.port };
        const r = this.restart(fault.port);
        return r.ok ? { ok: true } : { ok: false, reason: 'start-failed', port: fault.port, lines: r.lines, ...(r.loggedTo !== undefined ? { loggedTo: r.loggedTo } : {}) };
      }
      case 'pause':
        return this.pause(fault.port) ? { ok: true } : { ok: false, reason: 'not-running', port: fault.port };
      case 'resume':
        return this.resume(fault.port) ? { ok: true } : { ok: false, reason: 'not-paused', port: fault.port };
      case 'drop':
        this.dropLink(fault.a, fault.b);
        return { ok: true };
      case 'reset':
        this.resetLink(fault.a, fault.b);
        return { ok: true };
      case 'heal':
        this.heal();
        return { ok: true };
      case 'latency':
        this.setLatency(fault.a, fault.b, fault.ms);
        return { ok: true };
      case 'bandwidth':
        this.setBandwidth(fault.a, fault.b, fault.bytesPerSec);
        return { ok: true };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Time
  // ---------------------------------------------------------------------------------------------

  step(): EventInfo<EngineEventLabel> | undefined {
    return this.scheduler.step();
  }

  runFor(ms: number): void {
    this.scheduler.runUntil(this.scheduler.now + Math.max(0, ms));
  }

  /**
   * Run until replication has settled, by a rule that always stops. It stops when
   * 1. caught up: only periodic events (crons, heartbeats) are pending, and every replica that can
   *    reach its master is connected and has applied and acknowledged its master's offset; or
   * 2. quiet: for SETTLE_QUIET_LIMIT_MS of virtual time nothing but heartbeats happened (crons,
   *    PINGs, ACKs), and no other event is due before the cap — a replica retrying a master that
   *    is gone, an ACK that always trails the last PING over a slow link, a DEBUG SLEEP of 1e300
   *    seconds; or
   * 3. the cap: SETTLE_CAP_MS of virtual time, or SETTLE_MAX_EVENTS events, in this one call.
   * Returns false when it stopped at the cap (the caller says so), true otherwise.
   */
  runUntilSettled(): boolean {
    const startMs = this.now;
    const capMs = startMs + SETTLE_CAP_MS;
    let lastActivity = this.now;
    // What counts as activity: a non-periodic event that traced something other than a heartbeat
    // (any non-periodic event when the trace is off). A cron's reconnect attempt is not activity.
    let active = false;
    const off = this.trace.onEvent((e) => {
      if (!isHeartbeatEvent(e)) active = true;
    });
    try {
      for (let n = 0; n < SETTLE_MAX_EVENTS; n++) {
        const next = this.scheduler.peek();
        if (!next) return true;
        const onlyPeriodic = this.scheduler.isSettled();
        if (onlyPeriodic && !this.replicationPending()) return true;
        if (next.atMs - lastActivity > SETTLE_QUIET_LIMIT_MS) {
          if (onlyPeriodic) return true;
          const due = this.scheduler.peekNonPeriodic();
          if (due === undefined || due.atMs > capMs) return true;
        }
        if (next.atMs > capMs) break;
        active = false;
        const ev = this.scheduler.step()!;
        if (!ev.periodic && (active || !this.trace.enabled)) lastActivity = ev.atMs;
      }
    } finally {
      off();
    }
    // The cap: time stands at the cap (or where the event budget ran out).
    if (this.scheduler.peek() !== undefined && this.scheduler.peek()!.atMs > capMs) this.scheduler.runUntil(capMs);
    return false;
  }

  /**
   * Replication still has work to do: a replica with its link up whose offset (or ACK) lags its
   * master, or a replica not connected whose master could serve it.
   */
  replicationPending(): boolean {
    for (const r of this.processes.values()) {
      const s = r.server;
      if (s.status !== 'running' || s.masterHost === null) continue;
      const master = this.server(s.masterPort);
      if (!master || master.status !== 'running') continue;
      if (this.network.isDropped(s.port, master.port)) continue;
      if (s.replState !== 'connected') {
        // Its master can serve it only if that master is itself a master or a connected replica.
        if (master.masterHost === null || master.replState === 'connected') return true;
        continue;
      }
      const link = s.masterLink!;
      if (link.reploff !== master.masterReplOffset) return true;
      if (!link.legacy) {
        const view = master.replicas.find((c) => c.replica!.listeningPort === s.port);
        if (view && view.replica!.ackOffset < master.masterReplOffset) return true;
      }
    }
    return false;
  }

  nextEvent(): EventInfo<EngineEventLabel> | undefined {
    return this.scheduler.peekNonPeriodic() ?? this.scheduler.peek();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  snapshot(): NodeSnapshot[] {
    return [...this.processes.keys()].sort((a, b) => a - b).map((p) => this.nodeSnapshot(this.processes.get(p)!.server));
  }

  node(port: number): NodeSnapshot | undefined {
    const r = this.processes.get(port);
    return r ? this.nodeSnapshot(r.server) : undefined;
  }

  worldSnapshot(): WorldSnapshot {
    return {
      nowMs: this.now,
      eventsRun: this.eventsRun,
      nodes: this.snapshot(),
      links: this.links(),
    };
  }

  private nodeSnapshot(s: RedisServer): NodeSnapshot {
    const status: ProcessStatus = s.status;
    const link = s.masterLink;
    const b = s.backlog;
    const keysPerDb = s.dbs.map((d) => d.dict.size);
    return {
      port: s.port,
      status,
      role: s.masterHost === null ? 'master' : 'replica',
      master:
        s.masterHost === null
          ? null
          : { host: s.masterHost, port: s.masterPort, linkState: s.linkState, linkUp: s.replState === 'connected' },
      replid: s.replid,
      replid2: s.replid2,
      masterReplOffset: s.masterReplOffset,
      secondReplOffset: s.secondReplOffset,
      backlog: {
        active: b !== null,
        sizeBytes: s.config.getInt('repl-backlog-size'),
        firstByteOffset: b ? b.firstByteOffset : 0,
        histlen: b ? b.histlen : 0,
      },
      replicaOffset:
        s.masterHost === null ? null : link?.client ? link.reploff : s.cachedMaster ? s.cachedMaster.reploff : null,
      keysPerDb,
      totalKeys: totalKeys(s.dbs),
      loading: s.loading !== null,
      bgsave: s.bgsave
        ? { forReplication: s.bgsave.forReplication, startedMs: s.bgsave.startedMs, endsMs: s.bgsave.endsMs, keys: s.bgsave.keys }
        : null,
      syncTransfer: link?.transfer ? { readBytes: link.transfer.read, totalBytes: link.transfer.total } : null,
      heldWrites: link ? heldWritesView(link.held) : null,
      lastApplied: appliedView(link?.applied ?? null),
      replicas: s.replicas.map((c) => {
        const r = c.replica!;
        return {
          port: r.listeningPort,
          state: printableReplicaState(r.state),
          ackOffset: r.ackOffset,
          lastAckMs: r.lastAckMs,
          outputBuffer: r.outputBuffer.map((f) => ({ argv: f.argv, bytes: f.bytes })),
          rdbTransfer: r.transfer ? { sentBytes: r.transfer.sent, totalBytes: r.transfer.total } : null,
          legacySync: r.legacy,
          inFlight: c.socket ? inFlightWrites(c.socket, s.masterReplOffset - r.outputBufferBytes) : null,
          psyncContinue: r.psyncContinue ? { ...r.psyncContinue } : null,
        };
      }),
      config: s.config.all(),
    };
  }

  infoReplication(port: number): string[] | null {
    const server = this.server(port);
    return server ? replicationSection(server) : null;
  }

  keys(port: number, db = 0): Array<{ key: string; type: string; value: unknown; expiresAtMs: number | null }> {
    const r = this.processes.get(port);
    if (!r) return [];
    const d = r.server.dbs[db];
    if (!d) return [];
    const out: Array<{ key: string; type: string; value: unknown; expiresAtMs: number | null }> = [];
    for (const [key, v] of d.dict) {
      let value: unknown = v;
      if (typeof v !== 'string') {
        switch (v.type) {
          case 'list':
            value = [...v.value];
            break;
          case 'hash':
            value = Object.fromEntries(v.value);
            break;
          case 'set':
            value = [...v.value].sort();
            break;
          case 'zset':
            value = [...v.value].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
            break;
          case 'stream':
            value = [...streamEntries(v.value)].map((e) => [idString(e), e.fields]);
            break;
        }
      }
      out.push({ key, type: valueType(v), value, expiresAtMs: d.expires.get(key) ?? null });
    }
    return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  }
}
