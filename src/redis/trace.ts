/**
 * The trace: typed, plain-data events, one for every step of replication the screen can show.
 * The engine only appends; the UI and lesson goals only read. Ports name nodes (127.0.0.1:PORT).
 */

/** Replica-side link state, as ROLE prints it (REPL_STATE_* grouped the way roleCommand groups them). */
export type ReplStateAsRole = 'connect' | 'connecting' | 'handshake' | 'sync' | 'connected';

/** Master-side view of one replica (SLAVE_STATE_*), as INFO prints it. */
export type ReplicaReplStateAsInfo = 'wait_bgsave' | 'send_bulk' | 'online';

export type TraceBody =
  // Processes and faults
  | { type: 'server.start'; port: number; loadedKeys: number; fromRdb: boolean }
  | { type: 'server.shutdown'; port: number; saved: boolean }
  /** `host`: the whole host died (`:crash`), not only the process (`:kill`, SIGKILL). */
  | { type: 'server.crash'; port: number; host?: boolean }
  | { type: 'server.pause'; port: number }
  | { type: 'server.resume'; port: number }
  | { type: 'link.fault'; a: number; b: number; fault: 'drop' | 'reset' | 'heal' | 'latency' | 'bandwidth'; value?: number }
  | { type: 'config.set'; port: number; name: string; value: string }
  // A command a client (a learner) ran, with the reply's first line
  // (clientId, peerPort: which client sent it, for the log's "user request from" lines; `client`
  // names a real TCP client in serve mode, `127.0.0.1:53122`)
  /**
   * A command answered. Pushed after what it did (it carries the reply); `effectsFrom`, when it
   * did something traced at the same moment, is the seq of the first of those events — views
   * show the command before them (cause, then effects).
   */
  | { type: 'command'; port: number; db: number; argv: string[]; reply: string; clientId?: number; peerPort?: number; client?: string; effectsFrom?: number }
  // Replica side: handshake and link
  | { type: 'repl.state'; port: number; masterPort: number; state: ReplStateAsRole; reason?: string }
  | { type: 'handshake.send'; from: number; to: number; argv: string[] }
  | { type: 'handshake.reply'; from: number; to: number; line: string }
  // side: which end noticed (the master freeing its replica, or the replica losing its master)
  | { type: 'link.down'; replica: number; master: number; reason: string; side?: 'master' | 'replica' }
  // Master side: PSYNC outcome
  | { type: 'psync.fullresync'; master: number; replica: number; replid: string; offset: number; reason: string }
  | { type: 'psync.continue'; master: number; replica: number; replid: string; fromOffset: number; bytes: number }
  | { type: 'sync.legacy'; master: number; replica: number }
  | { type: 'replica.state'; master: number; replica: number; state: ReplicaReplStateAsInfo }
  // BGSAVE and the RDB
  | { type: 'bgsave.start'; port: number; forReplication: boolean; keys: number; durationMs: number }
  | { type: 'bgsave.end'; port: number; keys: number; bytes: number }
  | { type: 'rdb.transfer.start'; master: number; replica: number; total: number; diskless: boolean }
  | { type: 'rdb.chunk.sent'; master: number; replica: number; offset: number; size: number; total: number }
  /** `total` is 0 while a real master's diskless RDB ($EOF:) streams: its size is known only at the end mark. */
  | { type: 'rdb.chunk.received'; master: number; replica: number; offset: number; size: number; total: number }
  | { type: 'replica.flush'; port: number; keys: number }
  | { type: 'replica.load.start'; port: number; bytes: number; durationMs: number }
  | { type: 'replica.load.end'; port: number; keys: number }
  // The replica's output buffer on the master during a full sync
  | { type: 'buffer.append'; master: number; replica: number; argv: string[]; bytes: number; pending: number }
  | { type: 'buffer.send'; master: number; replica: number; argv: string[]; bytes: number }
  | { type: 'buffer.apply'; replica: number; argv: string[]; offset: number }
  // Command propagation (replicationFeedSlaves) and the backlog
  | { type: 'propagate'; master: number; argv: string[]; bytes: number; offset: number; replicas: number[] }
  | { type: 'stream.apply'; replica: number; master: number; argv: string[]; offset: number }
  | { type: 'backlog.create'; port: number; replid: string; firstByteOffset: number }
  | { type: 'backlog.trim'; port: number; firstByteOffset: number; histlen: number }
  | { type: 'replid.change'; port: number; replid: string; replid2: string; secondReplOffset: number }
  // Heartbeats
  | { type: 'ping.send'; master: number; offset: number }
  | { type: 'ack.send'; replica: number; master: number; offset: number }
  | { type: 'ack.recv'; master: number; replica: number; offset: number }
  | { type: 'getack.send'; master: number; offset: number }
  // WAIT and min-replicas
  | { type: 'wait.block'; port: number; numreplicas: number; offset: number; timeoutMs: number }
  | { type: 'wait.done'; port: number; acked: number; timedOut: boolean }
  // Blocking pops (blocked.c): a client waits on keys (timeoutMs 0: forever), then is served from
  // `key`, times out, or is unblocked as its master becomes a replica
  | { type: 'pop.block'; port: number; client: string; argv: string[]; keys: string[]; timeoutMs: number }
  | { type: 'pop.unblock'; port: number; client: string; command: string; how: 'served' | 'timeout' | 'unblocked'; key?: string; reply: string }
  | { type: 'write.refused'; port: number; argv: string[]; error: string }
  // Publish/subscribe: a message published on `port` (by a client, or from its master's stream)
  // and the clients it was delivered to there (`127.0.0.1:53122`), channel and pattern subscribers alike
  | { type: 'pubsub.publish'; port: number; channel: string; message: string; receivers: string[]; shard: boolean; fromMaster: boolean }
  // The engine itself failed running a command (answered with ERR; a bug to report)
  | { type: 'engine.fault'; port: number; argv: string[]; message: string };

export type TraceType = TraceBody['type'];

/** A trace event: its body plus the virtual time and a global sequence number. */
export type TraceEvent = TraceBody & { t: number; seq: number };

/**
 * The trace log: append-only, keeping the newest `capacity` events (a million writes must not keep
 * four million objects); `total` counts every event ever appended, `seq` numbers them.
 */
export class TraceLog {
  /**
   * The kept events in a ring: appended until it holds `capacity`, then the oldest slot
   * (`ring[head]`) is overwritten. Nothing is copied per event, and no more than `capacity` events
   * stay alive.
   */
  private ring: TraceEvent[] = [];
  private head = 0;
  total = 0;
  /** When false, events are counted but not stored (benchmarks). */
  enabled = true;
  private listeners: Array<(e: TraceEvent) => void> = [];

  constructor(readonly capacity = 100_000) {}

  /** Append an event. `body` must be a fresh object: it is stamped with `t` and `seq` and kept. */
  push(t: number, body: TraceBody): void {
    if (!this.enabled) {
      this.total++;
      return;
    }
    // The body is a fresh literal at every call site: stamp it instead of copying it.
    const ev = body as TraceEvent;
    ev.t = t;
    ev.seq = this.total++;
    const ring = this.ring;
    if (ring.length < this.capacity) {
      ring.push(ev);
    } else if (this.capacity > 0) {
      ring[this.head] = ev;
      this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    }
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](ev);
  }

  /** Events kept, oldest first: read it at once (it may be the log's own array, which later pushes change). */
  all(): TraceEvent[] {
    return this.head === 0 ? this.ring : this.range(0, this.ring.length);
  }

  /** Kept events with seq ≥ `seq`. */
  since(seq: number): TraceEvent[] {
    const n = this.ring.length;
    if (n === 0) return [];
    const first = this.ring[this.head].seq;
    return this.range(Math.min(n, Math.max(0, seq - first)), n);
  }

  /** The last `n` kept events. */
  last(n: number): TraceEvent[] {
    const len = this.ring.length;
    return this.range(Math.max(0, len - n), len);
  }

  /** A copy of the kept events from the `from`-th oldest up to (not including) the `to`-th. */
  private range(from: number, to: number): TraceEvent[] {
    const ring = this.ring;
    const out = new Array<TraceEvent>(Math.max(0, to - from));
    let j = (this.head + from) % ring.length;
    for (let k = 0; k < out.length; k++) {
      out[k] = ring[j];
      j = j + 1 === ring.length ? 0 : j + 1;
    }
    return out;
  }

  onEvent(listener: (e: TraceEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
