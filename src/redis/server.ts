/**
 * One Redis server process (server.c / networking.c): its clients, processCommand() with 7.0's
 * checks in order, call() and command propagation, the once-per-second serverCron, and the
 * process states (running, paused, crashed, shut down).
 */

import type { Connection, ProcessStatus } from './api.js';
import type { EngineEventLabel } from './event-labels.js';
import { OOM_TEXT, type MemoryBudget } from './memory-budget.js';
import type { ReplBacklog, ReplFrame } from './backlog.js';
import type { CommandContext, CommandFlag, CommandSpec } from './command-types.js';
import { ServerConfig, parseObufLimits, type ObufLimit } from './config.js';
import { createDbs, type RedisDb } from './keyspace.js';
import { ERR, error, status, type Reply } from './reply.js';
import { respCommandLength } from './resp.js';
import type { ReplStateAsRole, TraceBody, TraceEvent, TraceLog } from './trace.js';
import type { WireMessage } from './wire.js';
import type { Network, SocketEnd } from '../sim/network.js';
import type { Rng } from '../sim/rng.js';
import type { EventHandle, Scheduler } from '../sim/scheduler.js';
import {
  feedReplicationStream,
  replicationCron,
  replicationOnMasterMessage,
  type MasterLink,
  type ReplicaLink,
  type ReplState,
} from './replication.js';
import { activeExpire } from './expiry.js';
import { dbDelete } from './commands/expire.js';
import { LocalReplicaSocket } from './local-replica.js';
import { holdWriteDuringFailover, updateFailoverStatus, type FailoverState } from './failover.js';
import { ServerSubscriptions, subscribedModeError, unsubscribeAll, type ClientSubscriptions } from './pubsub.js';
import { touchCommandKeys } from './commands/object.js';
import { handleClientsBlockedOnKeys, signalReadyKeys, type BlockedPop, type BlockingKey } from './blocking.js';
import {
  touchWatchedKey,
  touchWatchedKeysAfterDbChange,
  unwatchAllKeys,
  watchedKeysPresent,
  type WatchedKey,
} from './watch.js';

/** What a server needs from its world: the clock, the network, randomness, trace and disk. */
export interface WorldContext {
  readonly scheduler: Scheduler<EngineEventLabel>;
  readonly network: Network<WireMessage>;
  readonly rng: Rng;
  readonly trace: TraceLog;
  readonly disk: Map<string, Uint8Array>;
  readonly commands: Map<string, CommandEntry>;
  /** Virtual Unix time in ms. */
  unixMs(): number;
  /** SHUTDOWN: the process exits (after saving, if it did). */
  shutdownServer(server: RedisServer, saved: boolean): void;
  /** The tutor's world-wide memory budget (maxmemory + noeviction over every process). */
  readonly memory: MemoryBudget;
}

/** The context handed to every command handler: the data commands' context plus the server. */
export interface ServerContext extends CommandContext {
  server: RedisServer;
  client: Client;
}

/** A server-level command may block or need no answer: its handler may return NO_REPLY (null). */
export interface ServerCommandSpec extends Omit<CommandSpec<ServerContext>, 'handler'> {
  handler: (ctx: ServerContext, argv: string[]) => Reply | null;
}

/** A command table entry: the spec plus its flags as booleans for the hot path. */
export interface CommandEntry {
  spec: ServerCommandSpec;
  isWrite: boolean;
  isAdmin: boolean;
  isStale: boolean;
  isLoading: boolean;
  /** Refused with -OOM when the memory budget is spent (CMD_DENYOOM). */
  isDenyOom: boolean;
  /** Lower-case full name for error messages. */
  name: string;
}

export function commandEntry(spec: ServerCommandSpec): CommandEntry {
  const has = (f: CommandFlag) => spec.flags.includes(f);
  return { spec, isWrite: has('write'), isAdmin: has('admin'), isStale: has('stale'), isLoading: has('loading'), isDenyOom: has('denyoom'), name: spec.name };
}

/** A reply that is not sent now: the command blocked (WAIT, DEBUG SLEEP) or needs no answer. */
export const NO_REPLY = null;

/** A connected client (networking.c client). Replica and master links are clients too. */
export class Client {
  db = 0;
  /** Commands queued inside MULTI, or null outside a transaction. */
  multi: string[][] | null = null;
  multiError = false;
  /** Keys this client WATCHes, and whether one was touched since (CLIENT_DIRTY_CAS). */
  watched: WatchedKey[] = [];
  dirtyCas = false;
  /** master_repl_offset right after this client's last command (WAIT's target). */
  woff = 0;
  name = '';
  /** Set once this client issued SYNC/PSYNC: the master's view of that replica. */
  replica: ReplicaLink | null = null;
  /** True for the client that carries our master's replication stream. */
  isMaster = false;
  closed = false;
  /** Where the reply of the command in progress goes (a redis-cli session), with what it was. */
  replyTo: ((r: Reply | null) => void) | null = null;
  replyArgv: string[] = [];
  replyDb = 0;
  /**
   * Where the command being run began: the trace position of its first event and the time. Its
   * `command` event comes after its effects (it carries the reply); answered at the same moment,
   * it says where they began (`effectsFrom`), so views can show the cause before its effects.
   */
  replyFromSeq = 0;
  replyFromMs = -1;
  /** Set while a command is blocked (WAIT, DEBUG SLEEP); `cancel` undoes its timers. */
  blocked: { cancel?: () => void } | null = null;
  /** The blocking pop this client waits in (BLPOP, BZPOPMIN…: client.bpop), see blocking.ts. */
  blockedPop: BlockedPop | null = null;
  /** Commands that arrived while blocked. */
  readonly pendingInput: Array<() => void> = [];
  /**
   * Reply callbacks of commands sent but not yet read (queued behind a blocked command, or held
   * while the process is paused or asleep): freeClient answers them, so no caller waits forever.
   */
  readonly unread = new Set<(r: Reply | null) => void>();
  /** The process died with this client's input unread: the kernel answered with a TCP RST. */
  resetByPeer = false;
  readonly createdMs: number;
  lastCommand = 'NULL';
  lastInteractionMs: number;
  /** What a would-be replica told us with REPLCONF before SYNC/PSYNC. */
  readonly replconf = { listeningPort: 0, ipAddress: '', capaEof: false, capaPsync2: false };
  /** The protocol HELLO chose: 2 (RESP2) or 3 (RESP3). */
  resp = 2;
  /** `127.0.0.1:53122` for a real TCP client in serve mode (external.ts); null inside the world. */
  addr: string | null = null;
  /** c->authenticated: true when no requirepass was set as the client connected, or after AUTH. */
  authenticated = true;
  /** In MONITOR mode (CLIENT_MONITOR): every command the server runs is written to it. */
  monitor = false;
  /** Its pub/sub subscriptions and subscribed mode (pubsub.ts), from its first (P|S)SUBSCRIBE. */
  pubsub: ClientSubscriptions | null = null;
  /** A redis-cli session's listener for pushed messages (pub/sub); a socket client gets them on its socket. */
  pushTo: ((msg: Reply) => void) | null = null;

  constructor(
    readonly id: number,
    readonly server: RedisServer,
    /** Remote port (replicas: the ephemeral side; local redis-cli: a made-up port). */
    readonly peerPort: number,
    /** The network socket; a redis-cli session has none (until it types SYNC: LocalReplicaSocket). */
    public socket: SocketEnd<WireMessage> | null,
  ) {
    this.createdMs = server.world.scheduler.now;
    this.lastInteractionMs = this.createdMs;
    this.authenticated = server.requirepass === '';
  }
}

/** A client blocked in WAIT: how many replicas must ACK which offset; `finish` answers it. */
export interface WaitingClient {
  client: Client;
  numreplicas: number;
  offset: number;
  timer: EventHandle | null;
  finish(timedOut: boolean): void;
}

/** A graceful SHUTDOWN in progress (7.0 prepareForShutdown): waiting for replicas to catch up. */
export interface ShutdownPending {
  /** SAVE / NOSAVE as given (NOW and FORCE are consumed when it starts). */
  save: boolean;
  nosave: boolean;
  /** Give up waiting at this virtual ms (shutdown_mstime). */
  deadlineMs: number;
  /** Clients blocked in SHUTDOWN. */
  clients: Client[];
  /** Write commands held by the write pause, in arrival order. */
  paused: Array<{ client: Client; argv: string[] }>;
  /** The 100 ms check (serverCron at hz 10). */
  timer: EventHandle | null;
}

/** The process-level state of a server besides the keyspace. */
export interface BgsaveState {
  forReplication: boolean;
  startedMs: number;
  endsMs: number;
  keys: number;
  rdb: Uint8Array;
  event: EventHandle;
  /** Replicas waiting for this BGSAVE (disk target) or streaming it (diskless). */
  diskless: boolean;
}

export interface Stats {
  connectionsReceived: number;
  commandsProcessed: number;
  expiredKeys: number;
  syncFull: number;
  syncPartialOk: number;
  syncPartialErr: number;
  totalErrorReplies: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  netInputBytes: number;
  netOutputBytes: number;
  netReplInputBytes: number;
  netReplOutputBytes: number;
  totalForks: number;
}

function newStats(): Stats {
  return {
    connectionsReceived: 0,
    commandsProcessed: 0,
    expiredKeys: 0,
    syncFull: 0,
    syncPartialOk: 0,
    syncPartialErr: 0,
    totalErrorReplies: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
    netInputBytes: 0,
    netOutputBytes: 0,
    netReplInputBytes: 0,
    netReplOutputBytes: 0,
    totalForks: 0,
  };
}

const CRON_PERIOD_MS = 1000;
/** Local redis-cli connections get made-up ephemeral ports, like the kernel would. */
const LOCAL_PORT_BASE = 50000;

/** A Redis server at 127.0.0.1:port. Created by the World; never touches real time or I/O. */
export class RedisServer {
  readonly config = new ServerConfig();
  dbs: RedisDb[] = createDbs();
  status: ProcessStatus = 'running';
  readonly runId: string;
  readonly startedMs: number;
  readonly clients = new Map<number, Client>();
  private nextClientId = 1;
  private nextLocalPort = LOCAL_PORT_BASE;
  readonly stat: Stats = newStats();
  /** Process id shown by INFO (assigned by the world). */
  pid = 0;

  // Persistence (rdb.c, server.h): dirty counts writes since the last save.
  dirty = 0;
  lastSaveUnixSec: number;
  lastBgsaveOk = true;
  rdbSaves = 0;
  lastBgsaveDurationSec = -1;
  bgsave: BgsaveState | null = null;
  /** dump.rdb was last written by a BGSAVE for replication (RDBGeneratedByReplication). */
  rdbGeneratedByReplication = false;
  /** Loading a dataset: until `untilMs`; clients get -LOADING. */
  loading: { startedMs: number; untilMs: number; bytes: number } | null = null;
  lastLoadKeys = 0;

  // Replication, master side (server.h: replid, replid2, master_repl_offset, second_replid_offset,
  // repl_backlog, slaves, slaveseldb, repl_no_slaves_since).
  replid: string;
  replid2 = '0'.repeat(40);
  masterReplOffset = 0;
  secondReplOffset = -1;
  backlog: ReplBacklog | null = null;
  /** Replica clients in arrival order (server.slaves). */
  readonly replicas: Client[] = [];
  /**
   * The replicas' listening ports as the last `propagate` event named them: while they stay the
   * same, the next events share this (frozen) array instead of building one per write.
   */
  propagatedToPorts: readonly number[] = Object.freeze([]);
  /** Database of the last propagated command; -1 forces a SELECT before the next one. */
  slaveseldb = -1;
  replNoSlavesSinceMs: number;
  replicationCronLoops = 0;
  goodReplicasCount = 0;

  // Replication, replica side (server.h: masterhost, masterport, repl_state, master, cached_master).
  masterHost: string | null = null;
  masterPort = 0;
  replState: ReplState = 'none';
  masterLink: MasterLink | null = null;
  /** The last master, kept for PSYNC after a disconnection (server.cached_master). */
  cachedMaster: { replid: string; reploff: number; db: number } | null = null;
  /** Virtual ms since the link is down; 0 = never lost one (repl_down_since). */
  replDownSinceMs = 0;

  // Blocking: a paused process (SIGSTOP) or DEBUG SLEEP holds every input until it wakes.
  private sleepingUntilMs = 0;
  /** The end of a DEBUG SLEEP (a dead process does not wake up). */
  private sleepEvent: EventHandle | null = null;
  private readonly heldInput: Array<() => void> = [];
  /** db:key → the clients that WATCH it (redisDb.watched_keys, one map for all dbs). */
  readonly watchedKeys = new Map<string, Set<Client>>();
  /**
   * Keys a writable replica's own clients gave a TTL, as db:key (slaveKeysWithExpire): the
   * replica expires these itself, since its master never will.
   */
  readonly replicaKeysWithExpire = new Set<string>();
  /** DEBUG SET-ACTIVE-EXPIRE (server.active_expire_enabled): the cron expires keys only when set. */
  activeExpireEnabled = true;
  /** EXEC is running its queued commands (server.in_exec): WAIT then never blocks. */
  inExec = false;
  /** Clients blocked in WAIT. */
  readonly waitingClients: WaitingClient[] = [];
  /** db:key → the clients blocked on that key (redisDb.blocking_keys, one map for all dbs). */
  readonly blockingKeys = new Map<string, BlockingKey>();
  /** Blocked-on keys the running command made ready, db:key in order (server.ready_keys). */
  readonly readyKeys: string[] = [];
  /** Clients in MONITOR mode (server.monitors). */
  readonly monitors: Client[] = [];
  /** Who is subscribed to which channel, pattern and shard channel (pubsub.ts). */
  readonly pubsub = new ServerSubscriptions();
  /** Set by WAIT: send REPLCONF GETACK * once, after the current command (beforeSleep). */
  getackPending = false;

  private cron: EventHandle | null = null;
  /** Operations to propagate for the command being executed (server.also_propagate). */
  // Parallel arrays with a count: reset without touching `length` (slow in V8).
  private readonly opsDb: number[] = [];
  private readonly opsArgv: string[][] = [];
  private opsCount = 0;
  private explicitPropagate = false;
  private readonly ctx: ServerContext;
  /** The last command looked up by processCommand (name as typed, table, entry). */
  private lastTyped = '';
  private lastTable: Map<string, CommandEntry> | null = null;
  private lastEntry: CommandEntry | undefined = undefined;
  /** Cached SELECT frames per db. */
  private readonly selectFrames: ReplFrame[] = [];

  // Hot-path copies of settings (refreshed by refreshConfigCache after CONFIG SET / startup).
  replicaReadOnly = true;
  replicaServeStaleData = true;
  minReplicasToWrite = 0;
  minReplicasMaxLag = 10;
  replTimeoutSec = 60;
  replPingPeriod = 10;
  legacySync = false;
  replBacklogTtlSec = 3600;
  replDisklessSync = false;
  lazyfreeLazyExpire = false;
  /** requirepass: '' means the default user has nopass. */
  requirepass = '';
  /** client-output-buffer-limit's replica class (0 = no limit). */
  replicaObufLimit: ObufLimit = { hardBytes: 268435456, softBytes: 67108864, softSeconds: 60 };

  /**
   * A SHUTDOWN waiting for lagging replicas (server.shutdown_mstime / shutdown_flags): writes are
   * paused meanwhile, and the clients that sent SHUTDOWN stay blocked.
   */
  shutdownPending: ShutdownPending | null = null;
  /** A FAILOVER in progress (server.failover_state and its target), or null. */
  failover: FailoverState | null = null;

  constructor(
    readonly world: WorldContext,
    readonly port: number,
    /** Where redis-server was started from (restart uses it). */
    readonly configPath: string,
  ) {
    this.cronLabel = { kind: 'serverCron', port };
    this.runId = world.rng.hex(40);
    this.replid = world.rng.hex(40);
    this.startedMs = world.scheduler.now;
    this.replNoSlavesSinceMs = world.scheduler.now;
    this.lastSaveUnixSec = Math.floor(world.unixMs() / 1000);
    // The context's methods have a `this` of their own: they reach the server by name.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const server = this;
    this.ctx = {
      server: this,
      client: null as unknown as Client,
      db: this.dbs[0],
      dbs: this.dbs,
      nowUnixMs: 0,
      isMaster: true,
      fromMaster: false,
      rng: world.rng,
      dirty(n = 1) {
        server.dirty += n;
      },
      propagate(argv: string[]) {
        server.explicitPropagate = true;
        server.addOp(server.ctx.db.id, argv);
      },
      expired(db: RedisDb, key: string) {
        server.stat.expiredKeys++;
        if (server.watchedKeys.size > 0) touchWatchedKey(server, db.id, key);
        server.addOp(db.id, [server.lazyfreeLazyExpire ? 'UNLINK' : 'DEL', key]);
      },
    };
  }

  get now(): number {
    return this.world.scheduler.now;
  }

  get trace(): TraceLog {
    return this.world.trace;
  }

  /** Append a trace event (bodies are built only when the trace stores them). */
  emit(body: TraceBody): void {
    this.world.trace.push(this.world.scheduler.now, body);
  }

  /** iAmMaster(): not configured as anybody's replica. */
  get iAmMaster(): boolean {
    return this.masterHost === null;
  }

  /** The ROLE/trace view of replState. */
  get linkState(): ReplStateAsRole {
    switch (this.replState) {
      case 'connect':
      case 'none':
        return 'connect';
      case 'connecting':
        return 'connecting';
      case 'transfer':
        return 'sync';
      case 'connected':
        return 'connected';
      default:
        return 'handshake';
    }
  }

  /** Copy hot settings out of the config table. */
  refreshConfigCache(): void {
    const c = this.config;
    this.replicaReadOnly = c.getBool('replica-read-only');
    this.replicaServeStaleData = c.getBool('replica-serve-stale-data');
    this.minReplicasToWrite = c.getInt('min-replicas-to-write');
    this.minReplicasMaxLag = c.getInt('min-replicas-max-lag');
    this.replTimeoutSec = c.getInt('repl-timeout');
    this.replPingPeriod = c.getInt('repl-ping-replica-period');
    this.legacySync = c.getBool('replica-legacy-sync');
    this.replBacklogTtlSec = c.getInt('repl-backlog-ttl');
    this.replDisklessSync = c.getBool('repl-diskless-sync');
    this.lazyfreeLazyExpire = c.getBool('lazyfree-lazy-expire');
    this.requirepass = c.get('requirepass');
    this.replicaObufLimit = parseObufLimits(c.get('client-output-buffer-limit')).slave;
    if (this.backlog) this.backlog.resize(c.getInt('repl-backlog-size'));
  }

  // ---------------------------------------------------------------------------------------------
  // Process life
  // ---------------------------------------------------------------------------------------------

  /** Start listening and the cron. */
  boot(): void {
    this.world.network.listen(this.port, (sock) => this.acceptSocket(sock));
    // serverCron's first run comes right after start-up (cronloops 0 runs every run_with_period
    // job), so replicationCron's loop 0 — and its PING slot — falls before any replica exists;
    // the next PING slot is 10 s later, as on a real server.
    this.cron = this.world.scheduler.after(0, this.cronLabel, this.cronTick, true);
  }

  /** One closure for every cron tick (no allocation per virtual second beyond the event). */
  private readonly cronTick = (): void => {
    this.scheduleCron();
    this.serverCron();
  };

  private cronLabel: EngineEventLabel;
  /** A cron tick is waiting for DEBUG SLEEP to end. */
  private cronDeferred = false;

  private scheduleCron(): void {
    this.cron = this.world.scheduler.after(CRON_PERIOD_MS, this.cronLabel, this.cronTick, true);
  }

  /**
   * The process is gone: sockets close, blocked clients get no answer, timers stop. `how` says what
   * the kernel does with its sockets: an exit or a kill sends what was written, then EOF; a dead host
   * sends nothing more (the world has already taken its sockets down: network.hostDown).
   */
  terminate(status: 'crashed' | 'shutdown', how: 'exit' | 'kill' | 'host' = status === 'shutdown' ? 'exit' : 'kill'): void {
    this.status = status;
    this.cron?.cancel();
    this.cron = null;
    this.bgsave?.event.cancel();
    this.bgsave = null;
    this.shutdownPending?.timer?.cancel();
    this.shutdownPending = null;
    this.sleepEvent?.cancel();
    this.sleepEvent = null;
    this.masterLink?.cancel();
    this.world.network.unlisten(this.port);
    if (how !== 'host') this.world.network.closeAllOf(this.port, how === 'kill' ? 'connection closed' : 'server shutdown', true);
    // A dead process reports nothing: its peers tell what they noticed, when they notice it.
    for (const c of [...this.clients.values()]) this.freeClient(c, 'connection closed', false);
    this.heldInput.length = 0;
    // The process's memory is gone: a dead node shows no keys and no replication state.
    for (const db of this.dbs) db.clear();
    this.backlog = null;
    this.masterLink = null;
    this.loading = null;
  }

  /** Whether input must wait (SIGSTOP, DEBUG SLEEP). */
  get busy(): boolean {
    return this.status === 'paused' || this.sleepingUntilMs > this.now;
  }

  /** Run `fn` now, or when the process is running again. */
  dispatch(fn: () => void): void {
    if (this.status === 'crashed' || this.status === 'shutdown') return;
    if (this.busy || this.heldInput.length > 0) this.heldInput.push(fn);
    else fn();
  }

  pause(): void {
    this.status = 'paused';
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.status = 'running';
    this.drainHeldInput();
  }

  /** DEBUG SLEEP: block the whole process for `ms`; `done` runs when it wakes. */
  sleep(ms: number, done: () => void): void {
    this.sleepingUntilMs = this.now + ms;
    this.sleepEvent = this.world.scheduler.after(ms, { kind: 'debugSleepEnds', port: this.port }, () => {
      this.sleepEvent = null;
      this.sleepingUntilMs = 0;
      done();
      this.drainHeldInput();
    });
  }

  get hasHeldInput(): boolean {
    return this.heldInput.length > 0;
  }

  private drainHeldInput(): void {
    while (this.heldInput.length > 0 && !this.busy && this.status === 'running') {
      const fn = this.heldInput.shift()!;
      fn();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Clients
  // ---------------------------------------------------------------------------------------------

  allocClientId(): number {
    return this.nextClientId++;
  }

  /**
   * A real TCP client in serve mode (external.ts builds the socket end): a client whose replies and
   * replication stream go to `socket`, named `127.0.0.1:peerPort` in CLIENT LIST and the trace.
   */
  acceptExternal(peerPort: number, socket: SocketEnd<WireMessage>): Client {
    const c = this.newClient(peerPort, socket);
    c.addr = `127.0.0.1:${peerPort}`;
    socket.onClose = () => this.dispatch(() => this.freeClient(c));
    return c;
  }

  private newClient(peerPort: number, socket: SocketEnd<WireMessage> | null): Client {
    const c = new Client(this.nextClientId++, this, peerPort, socket);
    this.clients.set(c.id, c);
    this.stat.connectionsReceived++;
    return c;
  }

  /** A redis-cli session on this server (api Connection). */
  connectLocal(): Connection {
    const c = this.newClient(this.nextLocalPort++, null);
    return new LocalConnection(this, c);
  }

  /** A connection from another server (a replica doing its handshake). */
  private acceptSocket(sock: SocketEnd<WireMessage>): void {
    const c = this.newClient(sock.remotePort, sock);
    sock.onMessage = (msg) => {
      if (this.busy || this.heldInput.length > 0) this.dispatch(() => this.onClientMessage(c, msg));
      else this.onClientMessage(c, msg);
    };
    // The peer closed: if it was a replica, it reports its lost link itself (one event per happening).
    sock.onClose = () => this.dispatch(() => this.freeClient(c, 'connection closed', false));
  }

  private onClientMessage(c: Client, msg: WireMessage): void {
    if (c.closed || msg.k !== 'cmd') return;
    c.lastInteractionMs = this.now;
    this.stat.netInputBytes += msg.bytes;
    const reply = this.processCommand(c, msg.argv);
    if (reply !== NO_REPLY && c.socket?.open) this.sendReply(c, reply);
  }

  sendReply(c: Client, reply: Reply): void {
    c.socket?.send({ k: 'reply', reply }, respReplyLength(reply));
  }

  /**
   * freeClient(): forget the client; a replica client leaves server.slaves. `report` traces the
   * lost replica link (the master closed it: a timeout, a limit, a role change).
   */
  freeClient(c: Client, reason = 'connection closed', report = true): void {
    if (c.closed) return;
    c.closed = true;
    this.clients.delete(c.id);
    if (c.watched.length > 0) unwatchAllKeys(this, c);
    if (c.blocked) c.blocked.cancel?.();
    c.blocked = null;
    answerLocal(c, null);
    if (c.unread.size > 0) {
      // Unread input at close: the kernel sends RST, and the peer reads ECONNRESET.
      c.resetByPeer = this.status === 'crashed';
      const waiting = [...c.unread];
      c.unread.clear();
      c.pendingInput.length = 0;
      for (const cb of waiting) cb(null);
    }
    const wi = this.waitingClients.findIndex((w) => w.client === c);
    if (wi >= 0) {
      this.waitingClients[wi].timer?.cancel();
      this.waitingClients.splice(wi, 1);
    }
    if (c.monitor) this.monitors.splice(this.monitors.indexOf(c), 1);
    if (c.pubsub !== null) unsubscribeAll(this, c);
    if (c.replica) {
      const i = this.replicas.indexOf(c);
      if (i >= 0) this.replicas.splice(i, 1);
      c.replica.transfer?.cancel();
      if (this.replicas.length === 0) this.replNoSlavesSinceMs = this.now;
      if (report) this.emit({ type: 'link.down', replica: c.replica.listeningPort, master: this.port, reason, side: 'master' });
      this.refreshGoodReplicasCount();
    }
    if (c.socket?.open) c.socket.close(reason);
  }

  // ---------------------------------------------------------------------------------------------
  // processCommand / call
  // ---------------------------------------------------------------------------------------------

  /**
   * processCommand(): look the command up, check arity, queue inside MULTI, refuse it with
   * NOREPLICAS / READONLY / MASTERDOWN / LOADING (that order), else run it. Returns the reply,
   * or NO_REPLY when the command blocked or needs no answer.
   */
  processCommand(c: Client, argv: string[]): Reply | null {
    if (argv.length === 0) return NO_REPLY;
    // Streams repeat the same command name: remember the last lookup (same table, same string).
    const typed = argv[0];
    const table = this.world.commands;
    let entry: CommandEntry | undefined;
    if (typed === this.lastTyped && table === this.lastTable) entry = this.lastEntry;
    else {
      entry = lookupCommand(table, typed);
      this.lastTyped = typed;
      this.lastTable = table;
      this.lastEntry = entry;
    }
    if (entry === undefined) {
      c.lastCommand = 'NULL';
      if (c.multi) c.multiError = true;
      return this.errorReply(unknownCommandError(argv));
    }
    // c->lastcmd is set at lookup, queued or not; a container command shows its subcommand.
    c.lastCommand = argv.length > 1 && CONTAINER_COMMANDS.has(entry.name) ? fullCommandName(entry.name, argv[1]) : entry.name;
    const arity = entry.spec.arity;
    if ((arity > 0 && argv.length !== arity) || argv.length < -arity) {
      if (c.multi) c.multiError = true;
      return this.errorReply(ERR.wrongArgs(entry.name));
    }
    // authRequired(): only AUTH, HELLO, QUIT and RESET (CMD_NO_AUTH) pass before AUTH when requirepass is set.
    if (!c.authenticated && this.requirepass !== '' && !NO_AUTH_COMMANDS.has(entry.name)) {
      if (c.multi) c.multiError = true;
      return this.errorReply(NOAUTH);
    }
    // performEvictions() under noeviction, over the tutor's world-wide budget. Inside MULTI any
    // queued command may grow memory, so all but EXEC/DISCARD/QUIT/RESET are refused.
    if (!c.isMaster && this.world.memory.enabled && this.rejectsOnOom(c, entry) && this.world.memory.overLimit()) {
      if (c.multi) c.multiError = true;
      return this.errorReply(error(OOM_TEXT));
    }
    if (!c.isMaster) {
      // MIN-REPLICAS: a master refuses writes without enough good replicas.
      if (entry.isWrite && this.masterHost === null && this.minReplicasToWrite > 0 && this.minReplicasMaxLag > 0 &&
        this.goodReplicasCount < this.minReplicasToWrite) {
        if (c.multi) c.multiError = true;
        if (this.trace.enabled) this.emit({ type: 'write.refused', port: this.port, argv, error: NOREPLICAS_TEXT });
        return this.errorReply(ERR.noReplicas);
      }
      if (this.masterHost !== null) {
        if (entry.isWrite && this.replicaReadOnly) {
          if (c.multi) c.multiError = true;
          if (this.trace.enabled) this.emit({ type: 'write.refused', port: this.port, argv, error: READONLY_TEXT });
          return this.errorReply(ERR.readonly);
        }
      }
      // A RESP2 client in subscribed mode may only (un)subscribe, PING, QUIT and RESET.
      if (c.pubsub !== null) {
        const refused = subscribedModeError(c, entry.name, c.lastCommand);
        if (refused !== null) {
          if (c.multi) c.multiError = true;
          return this.errorReply(refused);
        }
      }
      if (this.masterHost !== null) {
        if (this.replState !== 'connected' && !this.replicaServeStaleData && !entry.isStale) {
          if (c.multi) c.multiError = true;
          return this.errorReply(ERR.masterDown);
        }
      }
      if (this.loading !== null && !entry.isLoading) {
        return this.errorReply(ERR.loading);
      }
    }
    const name = entry.name;
    // The write pause of a SHUTDOWN waiting for replicas (PAUSE_DURING_SHUTDOWN): writes, and EXEC
    // of a transaction with writes, wait until the shutdown happens or is aborted.
    const pending = this.shutdownPending;
    if (pending !== null && !c.isMaster && c.replica === null && this.pausesWrite(c, entry)) {
      const held = { client: c, argv };
      pending.paused.push(held);
      c.blocked = {
        cancel: () => {
          const i = pending.paused.indexOf(held);
          if (i >= 0) pending.paused.splice(i, 1);
        },
      };
      return NO_REPLY;
    }
    // FAILOVER's write pause (PAUSE_DURING_FAILOVER): held until the failover ends or aborts.
    if (this.failover !== null && !c.isMaster && c.replica === null && c.multi === null && this.pausesWrite(c, entry)) {
      holdWriteDuringFailover(this, c, argv);
      return NO_REPLY;
    }
    if (c.multi !== null && entry.spec.flags.includes('no-multi')) {
      c.multiError = true;
      return this.errorReply(NO_MULTI);
    }
    if (c.multi !== null && name !== 'exec' && name !== 'discard' && name !== 'multi' && name !== 'watch' && name !== 'quit' && name !== 'reset') {
      c.multi.push(argv);
      return QUEUED;
    }
    this.stat.commandsProcessed++;
    const reply = this.call(c, entry, argv);
    this.afterCommand(c);
    if (this.readyKeys.length > 0) handleClientsBlockedOnKeys(this);
    return reply;
  }

  /**
   * Run `fn` as a command of `c` outside processCommand — a blocked pop served once its key is
   * ready (serveClientBlockedOnList + afterCommand): what it writes is propagated on its own.
   */
  runForClient(c: Client, fn: (ctx: ServerContext) => Reply): Reply {
    const ctx = this.ctx;
    ctx.client = c;
    ctx.db = this.dbs[c.db];
    ctx.nowUnixMs = this.world.unixMs();
    ctx.isMaster = this.masterHost === null;
    ctx.fromMaster = false;
    const explicitBefore = this.explicitPropagate;
    const reply = fn(ctx);
    this.explicitPropagate = explicitBefore;
    this.afterCommand(c);
    return reply;
  }

  /** processCommand's reject_cmd_on_oom: a denyoom command, anything queued in MULTI, EXEC of a denyoom one. */
  private rejectsOnOom(c: Client, entry: CommandEntry): boolean {
    const name = entry.name;
    if (c.multi !== null) {
      if (name === 'exec') return c.multi.some((a) => lookupCommand(this.world.commands, a[0])?.isDenyOom === true);
      return name !== 'discard' && name !== 'quit' && name !== 'reset';
    }
    return entry.isDenyOom;
  }

  /** is_may_replicate_command: a write, or EXEC of a transaction that queued one. */
  private pausesWrite(c: Client, entry: CommandEntry): boolean {
    if (entry.isWrite) return true;
    if (entry.name !== 'exec' || c.multi === null) return false;
    return c.multi.some((a) => lookupCommand(this.world.commands, a[0])?.isWrite === true);
  }

  /** call(): run a handler with the client's context; collect what to propagate. */
  call(c: Client, entry: CommandEntry, argv: string[]): Reply | null {
    const ctx = this.ctx;
    const db = this.dbs[c.db];
    ctx.client = c;
    ctx.db = db;
    ctx.nowUnixMs = this.world.unixMs();
    ctx.isMaster = this.masterHost === null;
    ctx.fromMaster = c.isMaster;
    const dirtyBefore = this.dirty;
    const explicitBefore = this.explicitPropagate;
    this.explicitPropagate = false;
    // signalModifiedKey() for WATCH: which of the command's keys exist before it runs.
    const watching = this.watchedKeys.size > 0 && entry.isWrite;
    const dbWide = watching && DB_WIDE_WRITES.has(entry.name) ? watchedKeysPresent(this) : null;
    const keysBefore = watching && dbWide === null ? commandKeys(argv, entry.spec).map((k) => db.dict.has(k)) : null;
    let reply: Reply | null;
    try {
      reply = entry.spec.handler(ctx, argv);
    } catch (e) {
      // An engine fault (a bug, or a JS limit Redis does not have): answer as Redis answers an
      // error, count it in the trace, and propagate nothing (what the handler did is unknown).
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      this.emit({ type: 'engine.fault', port: this.port, argv, message });
      this.dirty = dirtyBefore;
      this.explicitPropagate = explicitBefore;
      this.stat.totalErrorReplies++;
      // A value too big for a JavaScript string or buffer is the tutor's memory limit, not a bug.
      if (e instanceof RangeError && /Invalid (string|array|typed array) length|allocation failed/.test(message)) return error(OOM_TEXT);
      return error(`ERR ${message}`);
    }
    if (this.dirty > dirtyBefore) {
      if (dbWide !== null) touchWatchedKeysAfterDbChange(this, dbWide, dbWideIds(entry.name, argv, c.db, this.dbs.length));
      else if (keysBefore !== null) this.touchModifiedKeys(db, argv, entry, keysBefore);
      if (this.masterHost !== null && !this.replicaReadOnly && !c.isMaster && entry.spec.firstKey > 0) {
        this.rememberReplicaKeysWithExpire(db, argv, entry);
      }
    }
    // OBJECT IDLETIME: refresh the access time of the keys the command named, once this db tracks them.
    if (ctx.db.trackAccessTimes && entry.spec.firstKey > 0) touchCommandKeys(ctx, argv, entry.spec);
    // EXEC's own dirtiness comes from the commands it ran, which were collected already.
    if (this.dirty > dirtyBefore && !this.explicitPropagate && entry.name !== 'exec') {
      this.addOp(db.id, argv);
    }
    // signalKeyAsReady: a write may have created a key blocked clients wait on.
    if (this.blockingKeys.size > 0 && this.dirty > dirtyBefore) signalReadyKeys(this, argv);
    if (entry.isWrite && this.world.memory.enabled) {
      const first = entry.spec.firstKey;
      const v = first > 0 && first < argv.length ? ctx.db.dict.get(argv[first]) : undefined;
      this.world.memory.noteWrite(this, argv, typeof v === 'string' ? v.length : 0);
    }
    this.explicitPropagate = explicitBefore;
    if (reply !== null && reply.kind === 'error') this.stat.totalErrorReplies++;
    // replicationFeedMonitors(): after the command ran, except admin commands (too dangerous to show).
    if (this.monitors.length > 0 && !entry.isAdmin) feedMonitors(this, c, argv);
    return reply;
  }

  /**
   * A write that made the dataset dirty touches the keys it names (signalModifiedKey): those that
   * existed before or exist now — a DEL of a missing key touches nothing. Commands that store a
   * result from source keys modify only their destination.
   */
  private touchModifiedKeys(db: RedisDb, argv: string[], entry: CommandEntry, existedBefore: boolean[]): void {
    const keys = commandKeys(argv, entry.spec);
    const only = DESTINATION_ONLY.get(entry.name);
    for (let i = 0; i < keys.length; i++) {
      if (only !== undefined && i !== only) continue;
      if (existedBefore[i] || db.dict.has(keys[i])) touchWatchedKey(this, db.id, keys[i]);
    }
  }

  /** rememberSlaveKeyWithExpire(): a writable replica's client left a key with a TTL. */
  private rememberReplicaKeysWithExpire(db: RedisDb, argv: string[], entry: CommandEntry): void {
    if (db.expires.size === 0) return;
    for (const k of commandKeys(argv, entry.spec)) if (db.expires.has(k)) this.replicaKeysWithExpire.add(`${db.id}:${k}`);
  }

  /**
   * expireSlaveKeys() (replica's cron): delete the keys its own clients gave a TTL once that TTL
   * has passed — locally, since a replica propagates nothing of its own. Keys that lost their TTL
   * or are gone are forgotten.
   */
  private expireReplicaKeys(): void {
    if (this.replicaKeysWithExpire.size === 0) return;
    const now = this.world.unixMs();
    for (const s of [...this.replicaKeysWithExpire]) {
      const i = s.indexOf(':');
      const db = this.dbs[Number(s.slice(0, i))];
      const key = s.slice(i + 1);
      const when = db.expires.get(key);
      if (when === undefined || !db.dict.has(key)) {
        this.replicaKeysWithExpire.delete(s);
        continue;
      }
      if (now <= when) continue;
      this.replicaKeysWithExpire.delete(s);
      dbDelete(db, key);
      this.stat.expiredKeys++;
      if (this.watchedKeys.size > 0) touchWatchedKey(this, db.id, key);
    }
  }

  /** After a top-level command: propagate what it wrote, then send GETACK if WAIT asked for it. */
  private afterCommand(c: Client): void {
    if (this.opsCount > 0) this.propagatePendingCommands();
    if (this.getackPending) {
      this.getackPending = false;
      feedReplicationStream(this, GETACK_FRAME, true);
      if (this.trace.enabled) this.emit({ type: 'getack.send', master: this.port, offset: this.masterReplOffset });
    }
    c.woff = this.masterReplOffset;
    if (this.failover !== null) updateFailoverStatus(this);
  }

  /**
   * propagatePendingCommands(): feed the collected operations to the backlog and replicas —
   * bare when there is one, wrapped in MULTI … EXEC when one command produced several. Replicas
   * never propagate their own writes (4.0+): they only proxy their master's stream.
   */
  private addOp(db: number, argv: string[]): void {
    this.opsDb[this.opsCount] = db;
    this.opsArgv[this.opsCount] = argv;
    this.opsCount++;
  }

  propagatePendingCommands(): void {
    const n = this.opsCount;
    this.opsCount = 0;
    if (this.masterHost !== null || this.backlog === null) return;
    if (n === 1) {
      this.propagateNow(this.opsDb[0], this.opsArgv[0]);
      return;
    }
    const opsDb = this.opsDb.slice(0, n);
    const opsArgv = this.opsArgv.slice(0, n);
    this.propagateNow(opsDb[0], ['MULTI']);
    for (let i = 0; i < n; i++) this.propagateNow(opsDb[i], opsArgv[i]);
    this.propagateNow(this.slaveseldb, ['EXEC']);
  }

  /** Propagate one command on its own, outside any command (active expiry's DELs). */
  propagateStandalone(db: number, argv: string[]): void {
    if (this.masterHost === null) this.propagateNow(db, argv);
  }

  /** Feed one command for `db`, preceded by SELECT when the stream is on another db (slaveseldb). */
  private propagateNow(db: number, argv: string[]): void {
    if (this.backlog === null) return; // no backlog → no replicas ever → offsets do not move
    if (db !== this.slaveseldb) {
      feedReplicationStream(this, this.selectFrame(db), true);
      this.slaveseldb = db;
    }
    feedReplicationStream(this, { k: 'cmd', argv, bytes: respCommandLength(argv) }, true);
  }

  private selectFrame(db: number): ReplFrame {
    let f = this.selectFrames[db];
    if (!f) {
      const argv = ['SELECT', String(db)];
      f = { k: 'cmd', argv, bytes: respCommandLength(argv) };
      this.selectFrames[db] = f;
    }
    return f;
  }

  errorReply(r: Reply): Reply {
    this.stat.totalErrorReplies++;
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // Cron
  // ---------------------------------------------------------------------------------------------

  /**
   * serverCron() at 1 Hz: the active expire cycle (masters only) and replicationCron. The `save`
   * points never start a timed BGSAVE here: dump.rdb is written only by commands (SAVE, BGSAVE,
   * FLUSHALL, SHUTDOWN) and by disk-based full syncs.
   */
  private serverCron(): void {
    // A process blocked in DEBUG SLEEP runs the tick it missed once it wakes (its timer fires
    // late; missed ticks do not pile up), so cron loop 0 is never lost to a sleep at start-up.
    if (this.status === 'running' && this.busy) {
      if (!this.cronDeferred) {
        this.cronDeferred = true;
        this.dispatch(() => {
          this.cronDeferred = false;
          this.serverCron();
        });
      }
      return;
    }
    if (this.busy || this.status !== 'running') return;
    if (this.loading !== null) return;
    if (this.activeExpireEnabled) {
      if (this.masterHost === null) activeExpire(this);
      else this.expireReplicaKeys();
    }
    replicationCron(this);
  }

  /** refreshGoodSlavesCount(): replicas online whose last ACK is at most min-replicas-max-lag old. */
  refreshGoodReplicasCount(): void {
    if (this.minReplicasToWrite === 0 || this.minReplicasMaxLag === 0) {
      this.goodReplicasCount = 0;
      return;
    }
    let good = 0;
    const now = this.now;
    for (const r of this.replicas) {
      const link = r.replica!;
      if (link.state !== 'online' || link.lastAckMs === null) continue;
      const lagSec = Math.floor((now - link.lastAckMs) / 1000);
      if (lagSec <= this.minReplicasMaxLag) good++;
    }
    this.goodReplicasCount = good;
  }

  /** Messages arriving on the link to our master (replica side). */
  onMasterMessage(msg: WireMessage): void {
    replicationOnMasterMessage(this, msg);
  }
}

const NOAUTH: Reply = error('NOAUTH Authentication required.');
/** CMD_NO_AUTH: what a client may send before AUTH when requirepass is set. */
const NO_AUTH_COMMANDS = new Set(['auth', 'hello', 'quit', 'reset']);

/** sdscatrepr(): a byte string quoted the way MONITOR and redis-cli print it. */
export function catRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += '\\x' + code.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/** One MONITOR line: `+1767225600.123000 [0 127.0.0.1:53122] "set" "a" "1"` to every monitor. */
function feedMonitors(server: RedisServer, c: Client, argv: string[]): void {
  const ms = server.world.unixMs();
  const sec = Math.floor(ms / 1000);
  const usec = String((ms - sec * 1000) * 1000).padStart(6, '0');
  const who = c.addr ?? `127.0.0.1:${c.peerPort}`;
  const line = status(`${sec}.${usec} [${c.db} ${who}] ${argv.map(catRepr).join(' ')}`);
  for (const m of server.monitors) if (m !== c && m.socket?.open) server.sendReply(m, line);
}

/** Commands with subcommands in 7.0's table (CLIENT LIST shows `cmd=client|list`). */
const CONTAINER_COMMANDS = new Set(['client', 'config', 'command', 'object', 'memory', 'xinfo', 'xgroup', 'acl', 'cluster', 'function', 'latency', 'module', 'pubsub', 'script', 'slowlog']);

/** `client|list`: the full name 7.0 gives a subcommand (lower case, as in its table). */
function fullCommandName(name: string, sub: string): string {
  return `${name}|${sub.toLowerCase()}`;
}

/** Writes that empty or swap whole databases: WATCH is told through touchAllWatchedKeysInDb. */
const DB_WIDE_WRITES = new Set(['flushdb', 'flushall', 'swapdb']);

/** The dbs a FLUSHDB (the client's), FLUSHALL (all) or SWAPDB (both) changed. */
function dbWideIds(name: string, argv: string[], clientDb: number, count: number): number[] {
  if (name === 'flushdb') return [clientDb];
  if (name === 'swapdb') return [Number(argv[1]), Number(argv[2])];
  return Array.from({ length: count }, (_, i) => i);
}

/** Commands that write only one of their keys (its index among the keys): the destination. */
const DESTINATION_ONLY = new Map<string, number>([
  ['sinterstore', 0], ['sunionstore', 0], ['sdiffstore', 0],
  ['zunionstore', 0], ['zinterstore', 0], ['zdiffstore', 0], ['zrangestore', 0],
  ['copy', 1],
]);

/** The key arguments of a command, from its key positions (first, last, step). */
export function commandKeys(argv: readonly string[], spec: Pick<CommandSpec, 'firstKey' | 'lastKey' | 'keyStep'>): string[] {
  if (spec.firstKey <= 0) return [];
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const out: string[] = [];
  for (let j = spec.firstKey; j <= last && j < argv.length; j += Math.max(1, spec.keyStep)) out.push(argv[j]);
  return out;
}

const NO_MULTI = error('ERR Command not allowed inside a transaction');

const NOREPLICAS_TEXT = 'NOREPLICAS Not enough good replicas to write.';
const READONLY_TEXT = "READONLY You can't write against a read only replica.";

/** Names as typed (SET, Set, set) → entry, so that the hot path does not lower-case each time. */
const typedNameCache = new WeakMap<Map<string, CommandEntry>, Map<string, CommandEntry | undefined>>();

/** Look a command up by its name as typed (case-insensitive). */
export function lookupCommand(table: Map<string, CommandEntry>, typed: string): CommandEntry | undefined {
  let cache = typedNameCache.get(table);
  if (cache === undefined) typedNameCache.set(table, (cache = new Map()));
  let e = cache.get(typed);
  if (e === undefined && !cache.has(typed)) {
    e = table.get(typed.toLowerCase());
    if (cache.size < 4096) cache.set(typed, e);
  }
  return e;
}

/** `+QUEUED` inside MULTI. */
export const QUEUED: Reply = status('QUEUED');

const GETACK_ARGV = ['REPLCONF', 'GETACK', '*'];
/** `REPLCONF GETACK *`: 37 bytes in the stream. */
export const GETACK_FRAME: ReplFrame = { k: 'cmd', argv: GETACK_ARGV, bytes: respCommandLength(GETACK_ARGV) };

/** -ERR unknown command 'x', with args beginning with: 'a' 'b'  (7.0 format, 128-char cap per arg list). */
export function unknownCommandError(argv: string[]): Reply {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${argv[i].slice(0, 128 - args.length)}' `;
  }
  return error(`ERR unknown command '${argv[0].slice(0, 128)}', with args beginning with: ${args}`);
}

function respReplyLength(r: Reply): number {
  switch (r.kind) {
    case 'status':
    case 'error':
      return r.text.length + 3;
    case 'integer':
      return String(r.value).length + 3;
    case 'bulk':
      return r.value === null ? 5 : String(r.value.length).length + r.value.length + 5;
    case 'array':
      return r.items === null ? 5 : String(r.items.length).length + 3 + r.items.reduce((n, i) => n + respReplyLength(i), 0);
  }
}

/** UTF-8 of '…', as bytes: the summary is a byte string like the reply it shortens. */
const ELLIPSIS_BYTES = '\xe2\x80\xa6';

/** The first `max` bytes of a byte string and '…', never cutting a UTF-8 character in two. */
function cutBytes(bytes: string, max: number): string {
  let end = max;
  // Back off over continuation bytes (10xxxxxx) to the start of the character that was cut.
  while (end > 0 && end > max - 3 && (bytes.charCodeAt(end) & 0xc0) === 0x80) end--;
  return bytes.slice(0, end) + ELLIPSIS_BYTES;
}

/**
 * The last short bulk value summarised, and its summary: a pipeline of GETs answers with the same
 * stored string again and again (only short values: comparing them costs less than summarising).
 */
let lastBulk: string | null = null;
let lastBulkSummary = '';

function bulkSummary(v: string): string {
  if (v.length > 60) return JSON.stringify(cutBytes(v, 60));
  if (v === lastBulk) return lastBulkSummary;
  const crlf = v.indexOf('\r\n');
  const summary = JSON.stringify(crlf < 0 ? v : v.slice(0, crlf));
  lastBulk = v;
  lastBulkSummary = summary;
  return summary;
}

/** A short text of a reply, for the trace's `command` events. */
export function replySummary(r: Reply | null): string {
  if (r === null) return '(closed)';
  switch (r.kind) {
    case 'status':
      return r.text;
    case 'error':
      return `(error) ${r.text}`;
    case 'integer':
      return `(integer) ${r.value}`;
    case 'bulk':
      if (r.value === null) return '(nil)';
      return bulkSummary(r.value);
    case 'array':
      return r.items === null ? '(nil)' : r.items.length === 0 ? '(empty array)' : `(array of ${r.items.length})`;
  }
}

/** Answer the command in progress of a redis-cli session (and trace it). */
export function answerLocal(c: Client, reply: Reply | null): void {
  const cb = c.replyTo;
  if (cb === null) return;
  c.replyTo = null;
  c.blocked = null;
  const server = c.server;
  if (server.trace.enabled) {
    // t and seq are stamped by TraceLog.push; naming them here keeps them inside the object (no
    // second allocation for two properties added later), in the same key order.
    const ev: TraceEvent =
      c.addr === null
        ? { type: 'command', port: server.port, db: c.replyDb, argv: c.replyArgv, reply: replySummary(reply), clientId: c.id, peerPort: c.peerPort, t: 0, seq: 0 }
        : { type: 'command', port: server.port, db: c.replyDb, argv: c.replyArgv, reply: replySummary(reply), clientId: c.id, peerPort: c.peerPort, client: c.addr, t: 0, seq: 0 };
    // Answered at once, after effects of its own (a buffered write, a propagation): say where they began.
    if (c.replyFromMs === server.now && server.trace.total > c.replyFromSeq) ev.effectsFrom = c.replyFromSeq;
    server.emit(ev);
  }
  cb(reply);
}

/** A redis-cli session: commands run synchronously unless they block or the server is busy. */
export class LocalConnection implements Connection {
  constructor(
    private readonly server: RedisServer,
    readonly client: Client,
  ) {}

  get port(): number {
    return this.server.port;
  }

  get open(): boolean {
    return !this.client.closed;
  }

  get db(): number {
    return this.client.db;
  }

  get inMulti(): boolean {
    return this.client.multi !== null;
  }

  get resetByPeer(): boolean {
    return this.client.resetByPeer;
  }

  send(argv: string[], onReply: (reply: Reply | null) => void): void {
    const c = this.client;
    if (c.closed) {
      onReply(null);
      return;
    }
    if (c.replyTo !== null || c.pendingInput.length > 0) {
      // redis-cli waits for each answer; a caller that does not is served in order.
      c.unread.add(onReply);
      c.pendingInput.push(() => {
        c.unread.delete(onReply);
        this.send(argv, onReply);
      });
      return;
    }
    const server = this.server;
    if (server.busy || server.hasHeldInput) {
      c.unread.add(onReply);
      server.dispatch(() => {
        c.unread.delete(onReply);
        this.execute(argv, onReply);
      });
    } else this.execute(argv, onReply);
  }

  private execute(argv: string[], onReply: (reply: Reply | null) => void): void {
    const c = this.client;
    if (c.closed) {
      onReply(null);
      return;
    }
    c.lastInteractionMs = this.server.now;
    c.replyTo = onReply;
    c.replyArgv = argv;
    c.replyDb = c.db;
    c.replyFromSeq = this.server.trace.total;
    c.replyFromMs = this.server.now;
    const reply = this.server.processCommand(c, argv);
    // Already answered (the command closed the connection, e.g. SHUTDOWN)?
    if (c.replyTo !== onReply) return;
    if (reply !== NO_REPLY) {
      answerLocal(c, reply);
      drainPending(c);
    } else if (c.blocked === null) {
      answerLocal(c, null);
    }
    // Otherwise the command blocked: unblockClient() answers later.
  }

  onPush(listener: ((msg: Reply) => void) | null): void {
    this.client.pushTo = listener;
  }

  replicaStream(argv: string[], onMessage: (msg: WireMessage) => void, onReply: (reply: Reply | null) => void): void {
    const c = this.client;
    const server = this.server;
    if (!c.closed) c.socket = new LocalReplicaSocket(server.port, c.peerPort, onMessage, () => server.now);
    this.send(argv, onReply);
    // Refused (an error reply): the client is a plain client again.
    if (c.replica === null && c.socket instanceof LocalReplicaSocket) c.socket = null;
  }

  close(): void {
    this.server.freeClient(this.client, 'client closed');
  }
}

/** Run the commands a client sent while its last one was blocked, in order. */
export function drainPending(c: Client): void {
  while (c.replyTo === null && !c.closed && c.pendingInput.length > 0) c.pendingInput.shift()!();
}

/** Answer a blocked client and run what it sent meanwhile. */
/**
 * The writes a client pause held (a FAILOVER's, or a SHUTDOWN waiting for lagging replicas) run
 * now, in the order they came; each answers its client as it would have at once.
 */
export function runPausedCommands(server: RedisServer, paused: ReadonlyArray<{ client: Client; argv: string[] }>): void {
  for (const { client, argv } of paused) {
    client.blocked = null;
    if (client.closed) continue;
    const reply = server.processCommand(client, argv);
    if (client.replyTo !== null) {
      if (reply !== NO_REPLY || client.blocked === null) unblockClient(client, reply);
    } else if (reply !== NO_REPLY && client.socket?.open) {
      server.sendReply(client, reply);
    }
  }
}

export function unblockClient(c: Client, reply: Reply | null): void {
  if (c.replyTo === null) return;
  answerLocal(c, reply);
  drainPending(c);
}
