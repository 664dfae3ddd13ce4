/**
 * The engine's public surface, as types: what src/repl, src/lessons and src/ui may use.
 * `World` (world.ts) implements `WorldApi`. Everything returned is plain data or a Connection.
 */

import type { Fault, FaultResult } from './faults.js';
import type { WireMessage } from './wire.js';
import type { Reply } from './reply.js';
import type { ReplStateAsRole, ReplicaReplStateAsInfo, TraceLog } from './trace.js';
import type { EventInfo } from '../sim/scheduler.js';
import type { EngineEventLabel } from './event-labels.js';

/** A client connection to one server, like one redis-cli session. */
export interface Connection {
  readonly port: number;
  /** False once the server closed the connection (SHUTDOWN, crash) or `close()` was called. */
  readonly open: boolean;
  /** The selected database (for the prompt's `[1]`). */
  readonly db: number;
  /** Inside MULTI (for the prompt's `(TX)`). */
  readonly inMulti: boolean;
  /**
   * Send one command (argv as byte strings). `onReply` is called exactly once when the server
   * answers: synchronously when it can answer at once, later (during a world step) when the
   * command blocks (WAIT, DEBUG SLEEP, a paused server). If the connection closes before an
   * answer, `onReply` is called with null (redis-cli then shows the server as gone).
   */
  send(argv: string[], onReply: (reply: Reply | null) => void): void;
  /**
   * SYNC / PSYNC typed at redis-cli's prompt: send `argv` and from then on hand every write of the
   * master's replication protocol to `onMessage`. `onReply` gets an error reply if the server
   * refuses (and null once it has made this client a replica).
   */
  replicaStream?(argv: string[], onMessage: (msg: WireMessage) => void, onReply: (reply: Reply | null) => void): void;
  /**
   * Publish/subscribe: hand every message the server pushes to this client outside a reply (the
   * confirmations of a multi-channel SUBSCRIBE, each published message) to `listener`, as it
   * happens; null stops. Optional: a connection that never subscribes leaves it out.
   */
  onPush?(listener: ((msg: Reply) => void) | null): void;
  close(): void;
  /**
   * Once closed: the server's process died with commands of ours unread, so the kernel reset the
   * connection (redis-cli: `Connection reset by peer`) instead of closing it (`Server closed the
   * connection`). Optional: a connection that never resets leaves it out.
   */
  readonly resetByPeer?: boolean;
}

/** What redis-server was started with. */
export interface ServerStartOptions {
  /** Config file text (`port 6380\ndir /data/6380\n…`), as `redis-server PATH` reads it. */
  configText?: string;
  /** The config file's path, shown by `INFO server` as config_file. */
  configPath?: string;
  /** `--name value…` flags, applied after the file, like redis-server. */
  flags?: Array<[name: string, ...values: string[]]>;
}

export type StartResult =
  | { ok: true; port: number }
  /** `lines`: what the real redis-server prints on stderr/stdout for this failure (verbatim where possible). */
  | {
      ok: false;
      lines: string[];
      /** The failure went to this logfile instead of the terminal (a `logfile` is set): the lines are there. */
      loggedTo?: string;
    };

export type ProcessStatus = 'running' | 'paused' | 'crashed' | 'shutdown';

/** One buffered write waiting in a replica's output buffer on the master. */
export interface BufferedWrite {
  argv: string[];
  bytes: number;
}

/** One write of the replication stream with the replication offset just after it. */
export interface StreamWrite extends BufferedWrite {
  offset: number;
}

/**
 * Stream writes the master has sent to one replica that have not reached it yet: on the link,
 * in order (or held by a partition). `writes` keeps the oldest few; `count` and `bytes` are all.
 */
export interface InFlightWrites {
  /** RDB payload bytes still on the link ahead of the writes (the tail of a full sync's transfer). */
  rdbBytes: number;
  count: number;
  bytes: number;
  writes: StreamWrite[];
}

/** The master's view of one replica (server.slaves entry). */
export interface ReplicaView {
  port: number;
  state: ReplicaReplStateAsInfo;
  /** Last offset the replica ACKed (0 before the first ACK). */
  ackOffset: number;
  /** Virtual ms of the last ACK, or null. */
  lastAckMs: number | null;
  /** Writes appended while the replica waits for its RDB (WAIT_BGSAVE_END / SEND_BULK), not yet sent. */
  outputBuffer: BufferedWrite[];
  /** RDB transfer progress while state is send_bulk (or streaming diskless). */
  rdbTransfer: { sentBytes: number; totalBytes: number } | null;
  /** Connected with plain SYNC (pre-PSYNC). */
  legacySync: boolean;
  /** Writes sent and not yet received (absent or null: none). */
  inFlight?: InFlightWrites | null;
  /** Came back with +CONTINUE: the backlog bytes [fromOffset…toOffset] it was sent then (absent or null: a full sync). */
  psyncContinue?: { fromOffset: number; toOffset: number } | null;
}

/** Everything the screen and the goals need to know about one node. Plain data. */
export interface NodeSnapshot {
  port: number;
  status: ProcessStatus;
  role: 'master' | 'replica';
  /** For a replica: where it replicates from and its link state. */
  master: { host: string; port: number; linkState: ReplStateAsRole; linkUp: boolean } | null;
  replid: string;
  replid2: string;
  masterReplOffset: number;
  secondReplOffset: number;
  backlog: { active: boolean; sizeBytes: number; firstByteOffset: number; histlen: number };
  /** For a replica: bytes applied from its master (slave_repl_offset). */
  replicaOffset: number | null;
  /** Keys per database (index = db). */
  keysPerDb: number[];
  totalKeys: number;
  /** The dataset is being loaded (replica after a full sync, or a restart). */
  loading: boolean;
  /** A BGSAVE child is running. */
  bgsave: { forReplication: boolean; startedMs: number; endsMs: number; keys: number } | null;
  /** Replica side: RDB bytes received so far during TRANSFER. */
  syncTransfer: { readBytes: number; totalBytes: number } | null;
  /** Replica side: writes from the master received while the RDB loads, applied when it ends (the oldest few kept). */
  heldWrites: { count: number; bytes: number; writes: BufferedWrite[] } | null;
  /**
   * Replica side: the writes from the master applied at `atMs`, the latest virtual ms at which any
   * was (the last few kept, each with slave_repl_offset after it), or null before the first.
   */
  lastApplied: { atMs: number; count: number; bytes: number; writes: StreamWrite[] } | null;
  replicas: ReplicaView[];
  /** Seconds since the last ACK for each replica is derived from `lastAckMs`; lag of this replica as its master sees it. */
  config: Record<string, string>;
}

/** The link between two ports as the network has it now (a < b; links never used are not listed). */
export interface LinkView {
  a: number;
  b: number;
  dropped: boolean;
  latencyMs: number;
  bandwidthBytesPerSec: number;
}

export interface WorldSnapshot {
  nowMs: number;
  eventsRun: number;
  nodes: NodeSnapshot[];
  /** Every link ever used or configured, e.g. a dropped link between 6380 and 6381. */
  links: LinkView[];
}

/** Text files the servers write: `logfile` and `pidfile`. */
export interface ServerLogFiles {
  readonly files: ReadonlyMap<string, string>;
  /** Called with every line appended to a log file; returns an unsubscribe function. */
  onAppend(listener: (path: string, line: string) => void): () => void;
}

export interface WorldApi {
  readonly seed: number;
  /** The tutor's memory budget over all servers (limitBytes 0: none); optional for other worlds. */
  readonly memory?: { readonly limitBytes: number };
  /** Virtual time in ms. */
  readonly now: number;
  /** Events fired since the start (the rewind position). */
  readonly eventsRun: number;
  readonly trace: TraceLog;

  // Processes
  startServer(opts: ServerStartOptions): StartResult;
  /** Ports with a process (running, paused) — what netstat lists. */
  listeningPorts(): number[];
  /** Open a client connection; `{ error }` is redis-cli's reason, e.g. "Connection refused". */
  connect(host: string, port: number): Connection | { error: string };
  /** SIGKILL: the process dies at once, no save; what it had written is still sent, then EOF. */
  crash(port: number): boolean;
  /** The host dies: nothing more leaves it; peers learn only by timeouts (reset once it is back). */
  crashHost(port: number): boolean;
  /** SIGTERM: a graceful shutdown, as 7.0 does on the signal (saves, waits for replicas). */
  sigterm(port: number): boolean;
  /** Start a crashed or shut-down node again with the config it had (loads its dump.rdb if any). */
  restart(port: number): StartResult;
  pause(port: number): boolean;
  resume(port: number): boolean;

  /** Apply one fault from the fault table (faults.ts); the result says why it could not be applied. */
  apply(fault: Fault): FaultResult;

  // Links (between two ports; order does not matter)
  /** The network's current link state: dropped pairs, latency, bandwidth. */
  links(): LinkView[];
  /** A silent partition: connections stay open, nothing crosses, until heal (or a timeout). */
  dropLink(a: number, b: number): void;
  /** Reset every connection between a and b. */
  resetLink(a: number, b: number): void;
  /** Heal every link fault (drops; latency and bandwidth keep their values). */
  heal(): void;
  setLatency(a: number, b: number, ms: number): void;
  setBandwidth(a: number, b: number, bytesPerSec: number): void;

  // Time
  /** Fire the next event (periodic ones included); returns it, or undefined if none. */
  step(): EventInfo<EngineEventLabel> | undefined;
  /** Run `ms` of virtual time. */
  runFor(ms: number): void;
  /**
   * Run until replication has settled: no non-periodic event pending, and every replica whose link
   * is up has had its offset ACKed by its master; replicas whose master is reachable are given their
   * reconnect. Always stops (world.ts states the rule): at the latest after a cap of virtual
   * time, and then returns false (true, or nothing, when replication settled).
   */
  runUntilSettled(): boolean | void;
  /** The next non-periodic event, else the next event (for a "next:" line). */
  nextEvent(): EventInfo<EngineEventLabel> | undefined;

  // Reading
  snapshot(): NodeSnapshot[];
  node(port: number): NodeSnapshot | undefined;
  /** Keys of one db on a node, with type and printable value, for the inspector and goals. */
  keys(port: number, db?: number): Array<{ key: string; type: string; value: unknown; expiresAtMs: number | null }>;
  /** `INFO replication`'s lines on a node (without running a command), or null when it is not running. */
  infoReplication(port: number): string[] | null;
  /** The virtual disk: files written by SAVE/BGSAVE/replication (path → RDB bytes). */
  readonly disk: Map<string, Uint8Array>;
  /** The servers' log and pid files (path → text), and a way to follow them (`tail -f`). */
  readonly logs: ServerLogFiles;
}
