/**
 * The servers' own log files: each node's `logfile` (and `pidfile`) written with Redis 7.0's own
 * log lines, word for word and in its format (`pid:role dd Mon yyyy hh:mm:ss.mmm * text`), in
 * virtual time. Mirrors the serverLog() calls of replication.c, rdb.c and server.c at loglevel
 * notice. The lines are derived from the trace (this module listens to it) plus the state of the
 * node at that moment, so the engine's replication code never writes a log line itself.
 */

import type { RedisServer } from './server.js';
import type { TraceEvent } from './trace.js';

/** What the log module needs from the world: its servers, the clock and the virtual disk. */
export interface ServerLogWorld {
  unixMs(): number;
  /** The running (or paused) server on a port. */
  server(port: number): RedisServer | undefined;
  readonly disk: ReadonlyMap<string, Uint8Array>;
}

/** A log file longer than this keeps only its newest half. */
const MAX_LOG_CHARS = 2_000_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970-01-01 → civil date (Howard Hinnant's algorithm): the engine never uses Date. */
function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** serverLogRaw()'s time stamp: `01 Jan 2026 00:00:00.000` (UTC, as the tutor's machine has no zone). */
export function redisLogTime(unixMs: number): string {
  const days = Math.floor(unixMs / 86_400_000);
  const { y, m, d } = civilFromDays(days);
  // Virtual time can fall between milliseconds (bandwidth); Redis prints whole ones.
  const rem = Math.floor(unixMs - days * 86_400_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const hh = Math.floor(rem / 3_600_000);
  const mm = Math.floor((rem % 3_600_000) / 60_000);
  const ss = Math.floor((rem % 60_000) / 1000);
  return `${p2(d)} ${MONTHS[m - 1]} ${y} ${p2(hh)}:${p2(mm)}:${p2(ss)}.${String(rem % 1000).padStart(3, '0')}`;
}

/** A whole log line: `4598:M 01 Jan 2026 00:00:00.000 * text`; level `#` is a warning, `*` a notice. */
export function redisLogLine(pid: number, role: string, unixMs: number, level: '#' | '*', text: string): string {
  return `${pid}:${role} ${redisLogTime(unixMs)} ${level} ${text}`;
}

/** rdbLoad()'s aux fields `ctime` and `used-mem`, read from the header only (no full decode). */
export function readRdbAuxHeader(bytes: Uint8Array): { ctimeSec: number; usedMem: number } {
  const out = { ctimeSec: 0, usedMem: 0 };
  let p = 9; // "REDIS0010"
  const readLen = (): { n: number; enc: number } | null => {
    if (p >= bytes.length) return null;
    const b = bytes[p++];
    const type = b >> 6;
    if (type === 0) return { n: b & 0x3f, enc: -1 };
    if (type === 1) return { n: ((b & 0x3f) << 8) | bytes[p++], enc: -1 };
    if (type === 3) return { n: 0, enc: b & 0x3f };
    if (b === 0x80) {
      const n = ((bytes[p] << 24) >>> 0) + (bytes[p + 1] << 16) + (bytes[p + 2] << 8) + bytes[p + 3];
      p += 4;
      return { n, enc: -1 };
    }
    return null;
  };
  const readString = (): string | null => {
    const l = readLen();
    if (l === null) return null;
    if (l.enc === -1) {
      let s = '';
      for (let i = 0; i < l.n && p < bytes.length; i++) s += String.fromCharCode(bytes[p++]);
      return s;
    }
    const size = l.enc === 0 ? 1 : l.enc === 1 ? 2 : l.enc === 2 ? 4 : 0;
    if (size === 0) return null; // an LZF aux value: none of the fields read here
    let v = 0;
    for (let i = 0; i < size; i++) v += bytes[p++] * 2 ** (8 * i);
    if (v >= 2 ** (8 * size - 1)) v -= 2 ** (8 * size);
    return String(v);
  };
  while (p < bytes.length && bytes[p] === 0xfa) {
    p++;
    const key = readString();
    const value = readString();
    if (key === null || value === null) break;
    if (key === 'ctime') out.ctimeSec = Number(value);
    if (key === 'used-mem') out.usedMem = Number(value);
  }
  return out;
}

/** Where a relative `logfile`/`pidfile` lands: Redis chdir()s to `dir` while loading its config. */
function resolvePath(server: RedisServer, file: string): string {
  return resolveLogPath(server.config.get('dir'), file);
}

/** `file` relative to `dir` (unless it is absolute). */
export function resolveLogPath(dir: string, file: string): string {
  if (file.startsWith('/')) return file;
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

/** What the log needs to remember about one node between trace events. */
interface NodeLogState {
  pid: number;
  logPath: string | null;
  pidPath: string | null;
  wasMaster: boolean;
  /** A cached master exists (replicationCacheMaster / ...UsingMyself), to be discarded later. */
  cachedMaster: boolean;
  /** The last PSYNC/SYNC this node sent to each master port (argv). */
  sentSync: Map<number, string[]>;
  /** The next handshake reply answers PING. */
  awaitingPong: boolean;
  /** The link closed under us: the next connect is a "Reconnecting". */
  reconnect: boolean;
  /** The transfer's first bytes have been logged ("receiving N bytes"). */
  receiving: boolean;
  /** Replicas just taken by a +CONTINUE (their `online` is not a finished full sync). */
  continued: Set<number>;
  /** Replicas that sent SYNC (pre-PSYNC) in the request being handled. */
  legacy: Set<number>;
  /** A sync request waits for the backlog to be created before its "what next" line. */
  pendingCaseLine: string | null;
  /** Replicas streamed a diskless RDB, waiting for their first ACK. */
  waitingFirstAck: Set<number>;
  /** Forks so far: a child's pid is the parent's plus this (the world spaces pids by 4). */
  forks: number;
  childPid: number;
  /** Unix seconds when the last BGSAVE started (the RDB's ctime). */
  bgsaveStartSec: number;
  /** Sub-replica disconnections already written by the flush that caused them. */
  flushedReplicas: Set<number>;
  /** SHUTDOWN has been logged (it may wait for replicas first). */
  shutdownLogged: boolean;
  /** A +CONTINUE was read: the link comes up as a partial resync. */
  continuing: boolean;
  /** REPLICAOF NO ONE turned this replica into a master (its command then says MASTER MODE). */
  promoted: boolean;
  /** The running BGSAVE streams to replicas' sockets (diskless), and to which of them. */
  disklessBgsave: boolean;
  disklessReplicas: Set<number>;
  /** The RDB coming to this replica is framed with an EOF mark (a diskless master). */
  eofTransfer: boolean;
  /** Master side: replicas it holds a connection from, with that client's id (to say when it loses one). */
  replicaLinks: Map<number, number>;
}

/**
 * The log files of every node, kept as text by path (what `cat /data/6380/redis.log` shows), with
 * the pid files next to them. Append-only, like a real log: a restarted node appends to its file.
 */
export class ServerLogs {
  /** Text files by absolute path: logs and pid files. */
  readonly files = new Map<string, string>();
  private readonly nodes = new Map<number, NodeLogState>();
  private readonly appendListeners: Array<(path: string, line: string) => void> = [];

  constructor(private readonly world: ServerLogWorld) {}

  /** Called with each line appended to a log file (for `tail -f`). Returns an unsubscribe. */
  onAppend(listener: (path: string, line: string) => void): () => void {
    this.appendListeners.push(listener);
    return () => {
      const i = this.appendListeners.indexOf(listener);
      if (i >= 0) this.appendListeners.splice(i, 1);
    };
  }

  /**
   * Lines a process that never became a server wrote before it exited (a port already in use):
   * appended to its logfile as they are, as the real binary does when `logfile` is set.
   */
  appendLines(path: string, lines: readonly string[]): void {
    let file = this.files.get(path) ?? '';
    for (const line of lines) {
      file += line + '\n';
      for (const l of this.appendListeners) l(path, line);
    }
    this.files.set(path, file);
  }

  /** Feed one trace event (the world subscribes this to its trace). */
  onTrace(e: TraceEvent): void {
    switch (e.type) {
      case 'server.start':
        this.started(e.port, e.loadedKeys, e.fromRdb);
        return;
      case 'server.shutdown':
        this.shutdown(e.port, e.saved);
        return;
      case 'server.crash':
        // SIGKILL: nothing more is written, and the pid file stays behind; its masters see it go.
        this.nodes.delete(e.port);
        for (const [port, s] of this.nodes) if (s.replicaLinks.has(e.port)) this.masterLostReplica(port, e.port);
        return;
      case 'command':
        this.command(e.port, e.argv, e.reply, e.clientId, e.peerPort, e.db);
        return;
      case 'repl.state':
        this.replState(e.port, e.masterPort, e.state, e.reason);
        return;
      case 'handshake.send':
        this.handshakeSend(e.from, e.to, e.argv);
        return;
      case 'handshake.reply':
        this.handshakeReply(e.to, e.line);
        return;
      case 'link.down':
        this.linkDown(e.replica, e.master, e.reason, e.side);
        return;
      case 'sync.legacy':
        this.state(e.master)?.legacy.add(e.replica);
        return;
      case 'replica.state':
        this.replicaState(e.master, e.replica, e.state);
        return;
      case 'psync.fullresync':
        if (e.reason === 'attached to the BGSAVE in progress') this.log(e.master, '*', 'Waiting for end of BGSAVE for SYNC');
        return;
      case 'psync.continue': {
        const s = this.state(e.master);
        if (!s) return;
        s.continued.add(e.replica);
        const server = this.world.server(e.master);
        if (server) this.noteReplicaLink(s, server, e.replica);
        this.log(e.master, '*', `Replica 127.0.0.1:${e.replica} asks for synchronization`);
        this.log(e.master, '*', `Partial resynchronization request from 127.0.0.1:${e.replica} accepted. Sending ${e.bytes} bytes of backlog starting from offset ${e.fromOffset}.`);
        return;
      }
      case 'backlog.create': {
        const s = this.state(e.port);
        if (!s || s.pendingCaseLine === null) return;
        const server = this.world.server(e.port);
        this.log(e.port, '*', `Replication backlog created, my new replication IDs are '${e.replid}' and '${server?.replid2 ?? '0'.repeat(40)}'`);
        if (s.pendingCaseLine !== '') this.log(e.port, '*', s.pendingCaseLine);
        s.pendingCaseLine = null;
        return;
      }
      case 'replid.change':
        this.replidChange(e.port, e.replid, e.replid2, e.secondReplOffset);
        return;
      case 'bgsave.start':
        this.bgsaveStart(e.port, e.forReplication);
        return;
      case 'bgsave.end':
        this.bgsaveEnd(e.port);
        return;
      case 'rdb.transfer.start': {
        const s = this.state(e.replica);
        if (s) s.eofTransfer = e.diskless;
        return;
      }
      case 'rdb.chunk.received':
        this.chunkReceived(e.replica, e.total);
        return;
      case 'replica.flush':
        this.flush(e.port);
        return;
      case 'replica.load.end':
        this.loadEnd(e.port, e.keys);
        return;
      case 'ack.recv': {
        const s = this.state(e.master);
        if (s?.waitingFirstAck.delete(e.replica)) this.log(e.master, '*', `Synchronization with replica 127.0.0.1:${e.replica} succeeded`);
        return;
      }
      case 'getack.send': {
        // A SHUTDOWN that waits for its replicas first sends them REPLCONF GETACK.
        const server = this.world.server(e.master);
        const s = this.state(e.master);
        if (server?.shutdownPending && s && !s.shutdownLogged) {
          s.shutdownLogged = true;
          this.log(e.master, '#', 'User requested shutdown...');
          this.log(e.master, '*', 'Waiting for replicas before shutting down.');
        }
        return;
      }
      default:
        return;
    }
  }

  // ---- writing ----------------------------------------------------------------------------

  private state(port: number): NodeLogState | undefined {
    const server = this.world.server(port);
    if (!server) return undefined;
    let s = this.nodes.get(port);
    if (!s || s.pid !== server.pid) {
      // First event of this process (its server.start comes after boot's own events).
      s = this.newState(server);
      this.nodes.set(port, s);
      this.writeStartup(server, s);
    }
    return s;
  }

  private newState(server: RedisServer): NodeLogState {
    const logfile = server.config.get('logfile');
    const pidfile = server.config.get('pidfile');
    const daemonize = server.config.get('daemonize') === 'yes';
    return {
      pid: server.pid,
      logPath: logfile === '' ? null : resolvePath(server, logfile),
      // With daemonize and no pidfile, Redis writes /var/run/redis.pid.
      pidPath: pidfile !== '' ? resolvePath(server, pidfile) : daemonize ? '/var/run/redis.pid' : null,
      wasMaster: server.masterHost === null,
      cachedMaster: false,
      sentSync: new Map(),
      awaitingPong: false,
      reconnect: false,
      receiving: false,
      continued: new Set(),
      legacy: new Set(),
      pendingCaseLine: null,
      waitingFirstAck: new Set(),
      forks: 0,
      childPid: 0,
      bgsaveStartSec: 0,
      flushedReplicas: new Set(),
      shutdownLogged: false,
      continuing: false,
      promoted: false,
      disklessBgsave: false,
      disklessReplicas: new Set(),
      eofTransfer: false,
      replicaLinks: new Map(),
    };
  }

  /** The role letter serverLogRaw() prints: C for a child, S for a replica, M for a master. */
  private role(port: number): string {
    const server = this.world.server(port);
    return server && server.masterHost !== null ? 'S' : 'M';
  }

  private log(port: number, level: '#' | '*', text: string, role = this.role(port), pid?: number): void {
    const s = this.state(port);
    if (!s) return;
    this.write(s, pid ?? s.pid, role, level, text);
  }

  private write(s: NodeLogState, pid: number, role: string, level: '#' | '*', text: string): void {
    if (s.logPath === null) return;
    const line = redisLogLine(pid, role, this.world.unixMs(), level, text);
    let file = (this.files.get(s.logPath) ?? '') + line + '\n';
    // A node retrying a dead master for hours writes forever: keep the newest half of a large file,
    // as if logrotate had run (the tutor's memory is the limit, not a disk).
    if (file.length > MAX_LOG_CHARS) file = file.slice(file.indexOf('\n', file.length - MAX_LOG_CHARS / 2) + 1);
    this.files.set(s.logPath, file);
    for (const l of this.appendListeners) l(s.logPath, line);
  }

  // ---- processes --------------------------------------------------------------------------

  /** main() → loadServerConfig → initServer → loadDataFromDisk → "Ready to accept connections". */
  private writeStartup(server: RedisServer, s: NodeLogState): void {
    if (s.pidPath !== null) this.files.set(s.pidPath, `${s.pid}\n`);
    const r = server.masterHost !== null ? 'S' : 'M';
    this.write(s, s.pid, 'C', '#', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    this.write(s, s.pid, 'C', '#', `Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=${s.pid}, just started`);
    this.write(s, s.pid, 'C', '#', 'Configuration loaded');
    this.write(s, s.pid, r, '*', 'monotonic clock: POSIX clock_gettime');
    this.write(s, s.pid, r, '*', `Running mode=standalone, port=${server.port}.`);
    this.write(s, s.pid, r, '#', 'Server initialized');
  }

  private started(port: number, loadedKeys: number, fromRdb: boolean): void {
    const server = this.world.server(port);
    const s = this.state(port);
    if (!server || !s) return;
    if (fromRdb) {
      const file = this.world.disk.get(`${server.config.get('dir').replace(/\/+$/, '')}/${server.config.get('dbfilename')}`);
      this.rdbLoadedLines(port, file, loadedKeys);
      const secs = file ? Math.ceil(10 + loadedKeys * 0.0005 + file.length * 0.000002) / 1000 : 0;
      this.log(port, '*', `DB loaded from disk: ${secs < 0.1 ? '0.000' : secs.toFixed(3)} seconds`);
    }
    this.log(port, '*', 'Ready to accept connections');
  }

  /** rdbLoadRio()'s notices: the version, the file's age and memory, the keys loaded. */
  private rdbLoadedLines(port: number, file: Uint8Array | undefined, keys: number): void {
    const aux = file ? readRdbAuxHeader(file) : { ctimeSec: 0, usedMem: 0 };
    const age = Math.max(0, Math.floor(this.world.unixMs() / 1000) - aux.ctimeSec);
    this.log(port, '*', 'Loading RDB produced by version 7.0.15');
    this.log(port, '*', `RDB age ${age} seconds`);
    this.log(port, '*', `RDB memory usage when created ${(aux.usedMem / (1024 * 1024)).toFixed(2)} Mb`);
    this.log(port, '*', `Done loading RDB, keys loaded: ${keys}, keys expired: 0.`);
  }

  /** prepareForShutdown() + finishShutdown(). */
  private shutdown(port: number, saved: boolean): void {
    const server = this.world.server(port);
    const s = this.state(port);
    if (!server || !s) return;
    if (!s.shutdownLogged) this.log(port, '#', 'User requested shutdown...');
    const replicas = server.replicas.map((c) => c.replica!);
    let lagging = 0;
    for (const r of replicas) {
      if (r.ackOffset === server.masterReplOffset) continue;
      lagging++;
      const lag = r.state === 'online' && r.lastAckMs !== null ? Math.floor((server.now - r.lastAckMs) / 1000) : 0;
      const state = r.state === 'online' ? 'online' : r.state === 'send_bulk' ? 'send_bulk' : 'wait_bgsave';
      this.log(port, '#', `Lagging replica 127.0.0.1:${r.listeningPort} reported offset ${server.masterReplOffset - r.ackOffset} behind master, lag=${lag}, state=${state}.`);
    }
    if (replicas.length > 0) this.log(port, '*', `${replicas.length - lagging} of ${replicas.length} replicas are in sync when shutting down.`);
    if (saved) {
      this.log(port, '*', 'Saving the final RDB snapshot before exiting.');
      this.log(port, '*', 'DB saved on disk');
    }
    if (s.pidPath !== null) {
      this.log(port, '*', 'Removing the pid file.');
      this.files.delete(s.pidPath);
    }
    this.log(port, '#', 'Redis is now ready to exit, bye bye...');
    this.nodes.delete(port);
    for (const [master, m] of this.nodes) if (m.replicaLinks.has(port)) this.masterLostReplica(master, port);
  }

  // ---- commands ---------------------------------------------------------------------------

  private command(port: number, argv: string[], reply: string, clientId: number | undefined, peerPort: number | undefined, db: number): void {
    // Only SAVE, SLAVEOF and REPLICAOF log a line: any other name's length rules it out without
    // lowercasing it (this runs for every command a client sends).
    const typed = argv[0];
    if (typed === undefined || (typed.length !== 4 && typed.length !== 7 && typed.length !== 9)) return;
    const name = typed.toLowerCase();
    if (name === 'save' && reply === 'OK') {
      this.log(port, '*', 'DB saved on disk');
      return;
    }
    if ((name !== 'slaveof' && name !== 'replicaof') || argv.length !== 3 || !reply.startsWith('OK')) return;
    const s = this.state(port);
    if (!s) return;
    const who = `user request from '${clientInfo(port, argv, clientId, peerPort, db)}'`;
    if (argv[1].toLowerCase() === 'no' && argv[2].toLowerCase() === 'one') {
      if (!s.promoted) return;
      s.promoted = false;
      this.log(port, '*', `MASTER MODE enabled (${who})`);
      return;
    }
    if (reply.includes('Already connected')) {
      this.log(port, '*', 'REPLICAOF would result into synchronization with the master we are already connected with. No operation performed.');
      return;
    }
    this.log(port, '*', `REPLICAOF ${argv[1]}:${argv[2]} enabled (${who})`);
  }

  // ---- replica side -----------------------------------------------------------------------

  private replState(port: number, masterPort: number, state: string, reason: string | undefined): void {
    const s = this.state(port);
    if (!s) return;
    if (state === 'connecting') {
      if (s.wasMaster) {
        this.log(port, '*', 'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.');
        s.cachedMaster = true;
        s.wasMaster = false;
      }
      const host = this.world.server(port)?.masterHost ?? '127.0.0.1';
      this.log(port, '*', `${s.reconnect ? 'Reconnecting' : 'Connecting'} to MASTER ${host}:${masterPort}`);
      this.log(port, '*', 'MASTER <-> REPLICA sync started');
      s.reconnect = false;
      return;
    }
    if (state === 'connected' && s.continuing) {
      s.continuing = false;
      this.log(port, '*', 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
      return;
    }
    if (state === 'connect' && reason) {
      if (/^(Error condition on socket for SYNC|Error reply to PING|MASTER aborted replication)/.test(reason)) this.log(port, '#', reason);
      else if (reason.startsWith('Master is currently unable to PSYNC')) this.log(port, '*', reason);
    }
  }

  private handshakeSend(from: number, to: number, argv: string[]): void {
    const s = this.state(from);
    if (!s) return;
    const cmd = argv[0].toUpperCase();
    if (cmd === 'PING') {
      this.log(from, '*', 'Non blocking connect for SYNC fired the event.');
      s.awaitingPong = true;
    } else if (cmd === 'PSYNC') {
      s.sentSync.set(to, argv);
      s.receiving = false;
      if (argv[1] === '?') this.log(from, '*', 'Partial resynchronization not possible (no cached master)');
      else this.log(from, '*', `Trying a partial resynchronization (request ${argv[1]}:${argv[2]}).`);
    } else if (cmd === 'SYNC') {
      s.sentSync.set(to, argv);
      s.receiving = false;
    }
  }

  private handshakeReply(port: number, line: string): void {
    const s = this.state(port);
    if (!s) return;
    if (s.awaitingPong) {
      s.awaitingPong = false;
      if (line.startsWith('+') || /^-(NOAUTH|NOPERM|ERR operation not permitted)/.test(line)) {
        this.log(port, '*', 'Master replied to PING, replication can continue...');
      }
      return;
    }
    if (line.startsWith('+FULLRESYNC')) {
      const [, replid, offset] = line.split(' ');
      this.log(port, '*', `Full resync from master: ${replid}:${offset}`);
    } else if (line.startsWith('+CONTINUE')) {
      this.log(port, '*', 'Successful partial resynchronization with master.');
      s.cachedMaster = false;
      s.continuing = true;
    } else if (line.startsWith('-') && !/^-(NOMASTERLINK|LOADING)/.test(line) && s.sentSync.get(this.world.server(port)?.masterPort ?? 0)?.[0] === 'PSYNC') {
      this.log(port, '*', `Master does not support PSYNC or is in error state (reply: ${line})`);
      this.log(port, '*', 'Retrying with SYNC...');
    }
  }

  private chunkReceived(port: number, total: number): void {
    const s = this.state(port);
    if (!s) return;
    if (!s.receiving) {
      s.receiving = true;
      this.log(port, '*', s.eofTransfer ? 'MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk' : `MASTER <-> REPLICA sync: receiving ${total} bytes from master to disk`);
    }
  }

  /** readSyncBulkPayload(): the payload is complete; out with the old data. */
  private flush(port: number): void {
    const s = this.state(port);
    const server = this.world.server(port);
    if (!s || !server) return;
    if (s.cachedMaster) {
      this.log(port, '*', 'Discarding previously cached master state.');
      s.cachedMaster = false;
    }
    for (const c of server.replicas) {
      const p = c.replica!.listeningPort;
      s.flushedReplicas.add(p);
      s.replicaLinks.delete(p);
      this.log(port, '#', `Connection with replica 127.0.0.1:${p} lost.`);
    }
    this.log(port, '*', 'MASTER <-> REPLICA sync: Flushing old data');
    this.log(port, '*', 'MASTER <-> REPLICA sync: Loading DB in memory');
  }

  private loadEnd(port: number, keys: number): void {
    const server = this.world.server(port);
    if (!server) return;
    const file = this.world.disk.get(`${server.config.get('dir').replace(/\/+$/, '')}/${server.config.get('dbfilename')}`);
    this.rdbLoadedLines(port, file, keys);
    this.log(port, '*', 'MASTER <-> REPLICA sync: Finished with success');
  }

  /**
   * freeClient() of a replica on its master: "Connection with replica … lost." — from the master's
   * own link.down, or, when the connection closed under it (a reset, a dead replica: the trace
   * records only the replica's side of that), from the replica's side at the same moment.
   */
  private masterLostReplica(master: number, replica: number, reset = false): void {
    const s = this.nodes.get(master) && this.world.server(master) ? this.state(master) : undefined;
    const id = s?.replicaLinks.get(replica);
    if (!s || id === undefined) return;
    s.replicaLinks.delete(replica);
    s.continued.delete(replica);
    s.waitingFirstAck.delete(replica);
    // replicationGetSlaveName(): a reset socket has no peer address left, so 7.0 names the client.
    this.log(master, '#', `Connection with replica ${reset ? `client id #${id}` : `127.0.0.1:${replica}`} lost.`);
  }

  /** Remember the master-side client of a replica (its id names it once its socket is reset). */
  private noteReplicaLink(s: NodeLogState, server: RedisServer, replica: number): void {
    const c = server.replicas.find((r) => r.replica!.listeningPort === replica);
    if (c) s.replicaLinks.set(replica, c.id);
    else if (!s.replicaLinks.has(replica)) s.replicaLinks.set(replica, 0);
  }

  private linkDown(replica: number, master: number, reason: string, side: 'master' | 'replica' | undefined): void {
    if (side === 'master') {
      const s = this.state(master);
      if (!s) return;
      if (s.flushedReplicas.delete(replica)) {
        s.replicaLinks.delete(replica);
        return;
      }
      if (!s.replicaLinks.has(replica)) return;
      this.masterLostReplica(master, replica);
      return;
    }
    const s = this.state(replica);
    if (!s) return;
    // REPLICAOF (a new master, or NO ONE) first clears masterhost, so these lines say M.
    const byCommand = reason === 'REPLICAOF NO ONE' || reason === 'REPLICAOF changed the master';
    // The connection closed under both ends (a reset, a timeout): its master noticed too.
    if (!byCommand) this.masterLostReplica(master, replica, reason === 'Connection reset by peer');
    const role = byCommand ? 'M' : this.role(replica);
    this.log(replica, '#', 'Connection with master lost.', role);
    this.log(replica, '*', 'Caching the disconnected master state.', role);
    s.cachedMaster = true;
    s.reconnect = !byCommand;
  }

  // ---- master side ------------------------------------------------------------------------

  /**
   * syncCommand(): a replica asks for a sync that will be a full one (a +CONTINUE is logged from
   * psync.continue). The PSYNC is judged as masterTryPartialResynchronization() does, with the
   * ids this master has now, before the backlog (and a new id) is created.
   */
  private replicaState(master: number, replica: number, state: string): void {
    const s = this.state(master);
    const server = this.world.server(master);
    if (!s || !server) return;
    this.noteReplicaLink(s, server, replica);
    if (state === 'online') {
      if (s.continued.delete(replica)) return;
      if (s.disklessReplicas.delete(replica)) {
        // Diskless: the stream of writes waits for the replica's first ACK, after its load.
        this.log(master, '*', `Streamed RDB transfer with replica 127.0.0.1:${replica} succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming`);
        s.waitingFirstAck.add(replica);
        return;
      }
      this.log(master, '*', `Synchronization with replica 127.0.0.1:${replica} succeeded`);
      return;
    }
    if (state !== 'wait_bgsave') return;
    const name = `127.0.0.1:${replica}`;
    this.log(master, '*', `Replica ${name} asks for synchronization`);
    const legacy = s.legacy.delete(replica);
    const asked = this.state(replica)?.sentSync.get(master);
    if (!legacy && asked && asked[0].toUpperCase() === 'PSYNC') {
      const [, replid, offsetText] = asked;
      const offset = Number(offsetText);
      if (replid !== server.replid && !(replid === server.replid2 && offset <= server.secondReplOffset)) {
        if (replid === '?') this.log(master, '*', `Full resync requested by replica ${name}`);
        else if (replid !== server.replid2)
          this.log(master, '*', `Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '${replid}', my replication IDs are '${server.replid}' and '${server.replid2}')`);
        else this.log(master, '*', `Partial resynchronization not accepted: Requested offset for second ID was ${offset}, but I can reply up to ${server.secondReplOffset}`);
      } else {
        this.log(master, '*', `Unable to partial resync with replica ${name} for lack of backlog (Replica request was: ${offset}).`);
        if (offset > server.masterReplOffset) {
          this.log(master, '#', `Warning: replica ${name} tried to PSYNC with an offset that is greater than the master replication offset.`);
        }
      }
    }
    // What happens next: attach to a BGSAVE, wait for one, delay for diskless, or start now.
    let next = '';
    const bg = server.bgsave;
    if (bg !== null && !bg.diskless) {
      const other = server.replicas.some((c) => c.replica!.listeningPort !== replica && c.replica!.state === 'wait_bgsave_end');
      if (!other) next = "Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC";
    } else if (bg !== null) {
      next = 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC';
    } else if (server.config.get('repl-diskless-sync') === 'yes' && server.config.getInt('repl-diskless-sync-delay') > 0) {
      const link = server.replicas.find((c) => c.replica!.listeningPort === replica)?.replica;
      if (link?.capaEof) next = 'Delay next BGSAVE for diskless SYNC';
    }
    // The first replica of a master with no backlog creates it (and a new id) before that line.
    if (server.backlog === null && server.replicas.length === 1) s.pendingCaseLine = next;
    else if (next !== '') this.log(master, '*', next);
  }

  private replidChange(port: number, replid: string, replid2: string, secondReplOffset: number): void {
    const s = this.state(port);
    const server = this.world.server(port);
    if (!s || !server) return;
    if (server.masterHost === null && !s.wasMaster) {
      // replicationUnsetMaster() → shiftReplicationId(): REPLICAOF NO ONE on a replica.
      if (s.cachedMaster) this.log(port, '*', 'Discarding previously cached master state.');
      s.cachedMaster = false;
      this.log(port, '#', `Setting secondary replication ID to ${replid2}, valid up to offset: ${secondReplOffset}. New replication ID is ${replid}`);
      s.wasMaster = true;
      s.promoted = true;
      return;
    }
    if (server.masterHost !== null && s.continuing) this.log(port, '#', `Master replication ID changed to ${replid}`);
  }

  private bgsaveStart(port: number, forReplication: boolean): void {
    const s = this.state(port);
    const server = this.world.server(port);
    if (!s || !server) return;
    const diskless = server.bgsave?.diskless ?? false;
    s.disklessBgsave = diskless;
    // The replicas waiting to start get this stream (their +FULLRESYNC comes right after).
    if (diskless) s.disklessReplicas = new Set(server.replicas.filter((c) => c.replica!.state === 'wait_bgsave_start').map((c) => c.replica!.listeningPort));
    s.forks++;
    s.childPid = s.pid + 1 + ((s.forks - 1) % 3);
    s.bgsaveStartSec = Math.floor(this.world.unixMs() / 1000);
    if (forReplication) this.log(port, '*', `Starting BGSAVE for SYNC with target: ${diskless ? 'replicas sockets' : 'disk'}`);
    this.log(port, '*', `${diskless ? 'Background RDB transfer' : 'Background saving'} started by pid ${s.childPid}`);
  }

  private bgsaveEnd(port: number): void {
    const s = this.state(port);
    if (!s) return;
    const diskless = s.disklessBgsave;
    s.disklessBgsave = false;
    if (!diskless) this.write(s, s.childPid, 'C', '*', 'DB saved on disk');
    this.write(s, s.childPid, 'C', '*', 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB');
    if (diskless) {
      // rdbPipeReadHandler(): the child's pipe drained; the replicas still connected get the rest.
      this.log(port, '#', `Diskless rdb transfer, done reading from pipe, ${s.disklessReplicas.size} replicas still up.`);
      this.log(port, '*', 'Background RDB transfer terminated with success');
    } else this.log(port, '*', 'Background saving terminated with success');
  }
}

/** CLIENT INFO of the client that sent REPLICAOF, as the log's "user request from" shows it. */
function clientInfo(port: number, argv: string[], clientId: number | undefined, peerPort: number | undefined, db: number): string {
  // qbuf: the command's RESP bytes still in the query buffer; argv-mem: its arguments' bytes.
  let qbuf = 1 + String(argv.length).length + 2;
  let argvMem = 0;
  for (const a of argv) {
    qbuf += 1 + String(a.length).length + 2 + a.length + 2;
    argvMem += a.length;
  }
  return [
    `id=${clientId ?? 3}`,
    `addr=127.0.0.1:${peerPort ?? 50000}`,
    `laddr=127.0.0.1:${port}`,
    'fd=8',
    'name=',
    'age=0',
    'idle=0',
    'flags=N',
    `db=${db}`,
    'sub=0',
    'psub=0',
    'ssub=0',
    'multi=-1',
    `qbuf=${qbuf}`,
    `qbuf-free=${20474 - qbuf}`,
    `argv-mem=${argvMem}`,
    'multi-mem=0',
    'rbs=16384',
    'rbp=16384',
    'obl=0',
    'oll=0',
    'omem=0',
    `tot-mem=${37656 + argvMem}`,
    'events=r',
    `cmd=${argv[0].toLowerCase()}`,
    'user=default',
    'redir=-1',
    'resp=2',
  ].join(' ');
}
