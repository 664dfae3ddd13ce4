/**
 * Master–replica replication (replication.c): the master feeding replicas and the backlog, full
 * and partial resynchronisation (SYNC/PSYNC), the replica's handshake and RDB load, PSYNC2 ids,
 * WAIT, min-replicas, and replicationCron. Functions take the RedisServer they act for.
 */

import { ReplBacklog, type ReplFrame } from './backlog.js';
import { integer, error, status, type Reply } from './reply.js';
import { respCommandLength } from './resp.js';
import { encodeServerRdb, loadRdbInto, rdbPath } from './persistence.js';
import { decodeRdb } from './rdb/index.js';
import type { ReplicaReplStateAsInfo, TraceEvent } from './trace.js';
import type { WireMessage } from './wire.js';
import type { LinkState, SocketEnd } from '../sim/network.js';
import type { EventHandle } from '../sim/scheduler.js';
import { disconnectAllBlockedClients } from './blocking.js';
import { Client, NO_REPLY, unblockClient, type RedisServer, type WaitingClient } from './server.js';
import { totalKeys } from './keyspace.js';
import { noteApplied, type AppliedWrites } from './stream-view.js';
import { abortFailover, clearFailoverState, failoverInProgress, updateFailoverStatus } from './failover.js';

/**
 * Replica-side link state (server.h REPL_STATE_*, `server.repl_state`), 'none' when this node is a
 * master. ROLE prints it grouped: ReplStateAsRole (trace.ts).
 */
export type ReplState =
  | 'none'
  | 'connect'
  | 'connecting'
  | 'receive_ping_reply'
  | 'receive_auth_reply'
  | 'receive_port_reply'
  | 'receive_ip_reply'
  | 'receive_capa_reply'
  | 'receive_psync_reply'
  | 'transfer'
  | 'connected';

/**
 * Master-side state of one replica (server.h SLAVE_STATE_*, the replica client's `replstate`).
 * INFO prints it grouped: ReplicaReplStateAsInfo (trace.ts).
 */
export type ReplicaReplState = 'wait_bgsave_start' | 'wait_bgsave_end' | 'send_bulk' | 'online';

/** The master's view of one replica client (the `client->repl*` fields of a slave client). */
export interface ReplicaLink {
  state: ReplicaReplState;
  listeningPort: number;
  /** REPLCONF listening-port / ip-address (replica-announce-port / -ip): INFO's and ROLE's view. */
  announcedPort: number;
  announcedIp: string;
  capaEof: boolean;
  capaPsync2: boolean;
  /** Connected with plain SYNC (CLIENT_PRE_PSYNC): no +FULLRESYNC line, no ACKs, never timed out. */
  legacy: boolean;
  ackOffset: number;
  lastAckMs: number | null;
  /** The offset announced in +FULLRESYNC (psync_initial_offset). */
  psyncInitialOffset: number;
  /** Writes buffered while the replica waits for its RDB. */
  outputBuffer: ReplFrame[];
  outputBufferBytes: number;
  /** RDB transfer in progress to this replica. */
  transfer: { sent: number; total: number; diskless: boolean; cancel(): void } | null;
  /** Diskless: buffered stream withheld until the first REPLCONF ACK after the RDB. */
  waitingFirstAck: boolean;
  waitStartMs: number;
  /** Unix second the soft output limit was first exceeded, 0 when under it (obuf_soft_limit_reached_time). */
  obufSoftLimitReachedSec: number;
  /** When the RDB's last byte leaves the socket: bytes queued before that are the file, not output buffer. */
  rdbDrainedAtMs: number;
  /** The network link to this replica (its bandwidth turns queued time into bytes), looked up once. */
  netLink: LinkState | null;
  /** Accepted with +CONTINUE: the backlog bytes [fromOffset…toOffset] sent right after it. */
  psyncContinue: { fromOffset: number; toOffset: number } | null;
}

/** The replica's connection to its master (server.master / handshake state). */
export interface MasterLink {
  socket: SocketEnd<WireMessage> | null;
  connecting: EventHandle | null;
  /** Last byte received (repl_transfer_lastio / master->lastinteraction). */
  lastIoMs: number;
  /** Replies still expected for pipelined handshake commands. */
  fullresync: { replid: string; offset: number } | null;
  transfer: { total: number; read: number; chunks: Uint8Array[]; eofMark: string | null } | null;
  /** The master client once the link is CONNECTED. */
  client: Client | null;
  /** The master's replid as we follow it. */
  replid: string;
  /** Bytes applied (master->reploff) and read (master->read_reploff). */
  reploff: number;
  readReploff: number;
  /** Frames that arrived while the RDB loads. */
  held: ReplFrame[];
  /** The frames applied at the latest virtual instant (for the picture; see stream-view.ts). */
  applied: AppliedWrites | null;
  loadEvent: EventHandle | null;
  legacy: boolean;
  cancel(): void;
}

const ZERO_ID = '0'.repeat(40);
const NEWLINE: WireMessage = { k: 'newline' };
const PING_ARGV = ['ping'];
/** The master's cron PING: `*1\r\n$4\r\nping\r\n`, 14 bytes, lowercase since 6.2. */
const PING_FRAME: ReplFrame = { k: 'cmd', argv: PING_ARGV, bytes: respCommandLength(PING_ARGV) };

function cmdFrame(argv: string[]): ReplFrame {
  return { k: 'cmd', argv, bytes: respCommandLength(argv) };
}

// =================================================================================================
// MASTER: feeding the stream
// =================================================================================================

/**
 * replicationFeedSlaves / replicationFeedStreamFromMasterStream: append one frame to the backlog
 * (advancing master_repl_offset by its bytes) and hand it to every replica — buffered for those
 * waiting for their RDB, sent to those online. A master without a backlog has never had a replica
 * and feeds nothing, so its offset stays 0. `fromTop` is true on a top-level master (trace
 * `propagate`), false on a replica proxying its master's stream verbatim.
 */
export function feedReplicationStream(server: RedisServer, f: ReplFrame, fromTop: boolean, periodic = false): void {
  const backlog = server.backlog;
  if (backlog === null) return;
  const start = server.masterReplOffset + 1;
  server.masterReplOffset += f.bytes;
  const trimmed = backlog.append(f, start);
  const tracing = server.trace.enabled;
  if (trimmed && tracing) {
    server.emit({ type: 'backlog.trim', port: server.port, firstByteOffset: backlog.firstByteOffset, histlen: backlog.histlen });
  }
  const replicas = server.replicas;
  const limit = server.replicaObufLimit;
  const limited = limit.hardBytes > 0 || limit.softBytes > 0;
  let overLimit: Client[] | null = null;
  for (let i = 0; i < replicas.length; i++) {
    const c = replicas[i];
    const link = c.replica!;
    if (link.state === 'online' && !link.waitingFirstAck) {
      c.socket!.send(f, f.bytes, periodic);
      server.stat.netReplOutputBytes += f.bytes;
    } else if (link.state !== 'wait_bgsave_start') {
      link.outputBuffer.push(f);
      link.outputBufferBytes += f.bytes;
      if (tracing) {
        server.emit({ type: 'buffer.append', master: server.port, replica: link.listeningPort, argv: f.argv, bytes: f.bytes, pending: link.outputBuffer.length });
      }
    } else {
      continue;
    }
    if (limited && checkOutputBufferLimits(server, c)) (overLimit ??= []).push(c);
  }
  if (tracing && fromTop) {
    // t and seq in the literal: see answerLocal.
    const ev: TraceEvent = { type: 'propagate', master: server.port, argv: f.argv, bytes: f.bytes, offset: server.masterReplOffset, replicas: replicaPorts(server) as number[], t: 0, seq: 0 };
    server.emit(ev);
  }
  if (overLimit) for (const c of overLimit) server.freeClient(c, OBUF_LIMIT_REASON);
}

/** The replicas' listening ports, in order: the array the previous call gave while they are the same. */
function replicaPorts(server: RedisServer): readonly number[] {
  const replicas = server.replicas;
  const last = server.propagatedToPorts;
  let same = last.length === replicas.length;
  for (let i = 0; same && i < replicas.length; i++) same = last[i] === replicas[i].replica!.listeningPort;
  if (same) return last;
  const ports = Object.freeze(replicas.map((c) => c.replica!.listeningPort));
  server.propagatedToPorts = ports;
  return ports;
}

/** What the master logs when it closes a replica over its output buffer limit (networking.c). */
export const OBUF_LIMIT_REASON = 'scheduled to be closed ASAP for overcoming of output buffer limits';

/**
 * The replica's pending output (getClientOutputBufferMemoryUsage): the writes buffered during its
 * full sync plus the stream bytes still queued on a slow link (not the RDB itself, which is sent
 * from the file / the child's pipe).
 */
export function replicaOutputBufferBytes(server: RedisServer, c: Client): number {
  const link = c.replica!;
  let bytes = link.outputBufferBytes;
  const sock = c.socket;
  if (link.state === 'online' && sock !== null && sock.open) {
    const queuedMs = sock.drainedAtMs() - Math.max(server.now, link.rdbDrainedAtMs);
    if (queuedMs > 0) {
      const net = (link.netLink ??= server.world.network.link(server.port, sock.remotePort));
      bytes += Math.floor((queuedMs * net.bandwidthBytesPerSec) / 1000);
    }
  }
  return bytes;
}

/**
 * checkClientOutputBufferLimits() for the replica class: at or over the hard limit, or over the
 * soft limit for more than soft-seconds (counted in whole Unix seconds, as Redis does).
 */
function checkOutputBufferLimits(server: RedisServer, c: Client): boolean {
  const limit = server.replicaObufLimit;
  const link = c.replica!;
  const used = replicaOutputBufferBytes(server, c);
  const hard = limit.hardBytes > 0 && used >= limit.hardBytes;
  let soft = limit.softBytes > 0 && used >= limit.softBytes;
  if (soft) {
    const nowSec = Math.floor(server.world.unixMs() / 1000);
    if (link.obufSoftLimitReachedSec === 0) {
      link.obufSoftLimitReachedSec = nowSec;
      soft = false;
    } else if (nowSec - link.obufSoftLimitReachedSec <= limit.softSeconds) {
      soft = false;
    }
  } else {
    link.obufSoftLimitReachedSec = 0;
  }
  return hard || soft;
}

/** createReplicationBacklog(): the first byte will be master_repl_offset + 1. */
function createReplicationBacklog(server: RedisServer): void {
  server.backlog = new ReplBacklog(server.config.getInt('repl-backlog-size'), server.masterReplOffset);
  server.emit({ type: 'backlog.create', port: server.port, replid: server.replid, firstByteOffset: server.backlog.firstByteOffset });
}

/** changeReplicationId() + clearReplicationId2(). */
/** changeReplicationId() + clearReplicationId2(): a new history (also DEBUG CHANGE-REPL-ID). */
export function changeReplicationId(server: RedisServer): void {
  server.replid = server.world.rng.hex(40);
  server.replid2 = ZERO_ID;
  server.secondReplOffset = -1;
  server.emit({ type: 'replid.change', port: server.port, replid: server.replid, replid2: server.replid2, secondReplOffset: -1 });
}

/**
 * shiftReplicationId(): keep the current history as replid2 (valid up to master_repl_offset + 1)
 * and start a new one — what lets former siblings PSYNC with a promoted replica.
 * Worked example: promoted at offset 194 → replid2 = old id, second_repl_offset = 195.
 */
export function shiftReplicationId(server: RedisServer): void {
  server.replid2 = server.replid;
  server.secondReplOffset = server.masterReplOffset + 1;
  server.replid = server.world.rng.hex(40);
  server.emit({ type: 'replid.change', port: server.port, replid: server.replid, replid2: server.replid2, secondReplOffset: server.secondReplOffset });
}

function setReplicaState(server: RedisServer, c: Client, state: ReplicaReplState): void {
  const link = c.replica!;
  const before = printableReplicaState(link.state);
  link.state = state;
  const after = printableReplicaState(state);
  if (before !== after || state === 'wait_bgsave_start') {
    server.emit({ type: 'replica.state', master: server.port, replica: link.listeningPort, state: after });
  }
}

/** INFO's state= text: both WAIT_BGSAVE states print wait_bgsave. */
export function printableReplicaState(s: ReplicaReplState): ReplicaReplStateAsInfo {
  return s === 'online' ? 'online' : s === 'send_bulk' ? 'send_bulk' : 'wait_bgsave';
}

// =================================================================================================
// MASTER: SYNC / PSYNC
// =================================================================================================

/**
 * A new replica client's state on the master (what replicationSetupSlaveForFullResync and a
 * successful PSYNC set on the client): capabilities from its REPLCONF, nothing buffered yet.
 */
function newReplicaLink(
  server: RedisServer,
  c: Client,
  start: Pick<ReplicaLink, 'state' | 'legacy' | 'lastAckMs' | 'psyncInitialOffset'>,
): ReplicaLink {
  return {
    ...start,
    // The node behind the link (its socket's port); what it announced is shown in INFO and ROLE.
    // A real replica in serve mode (c.addr set) is known by the port it listens on, not its TCP peer port.
    listeningPort: c.socket && c.addr === null ? c.socket.remotePort : c.replconf.listeningPort,
    announcedPort: c.replconf.listeningPort,
    announcedIp: c.replconf.ipAddress || '127.0.0.1',
    capaEof: c.replconf.capaEof,
    capaPsync2: c.replconf.capaPsync2,
    ackOffset: 0,
    outputBuffer: [],
    outputBufferBytes: 0,
    transfer: null,
    waitingFirstAck: false,
    waitStartMs: server.now,
    obufSoftLimitReachedSec: 0,
    rdbDrainedAtMs: 0,
    netLink: null,
    psyncContinue: null,
  };
}

/**
 * syncCommand() for SYNC and PSYNC, on the master, from a would-be replica's connection.
 * Tries a partial resync for PSYNC; otherwise sets the client up for a full resync that starts
 * with a BGSAVE (now, attached to one running, or later for diskless). Replies are written to the
 * socket directly, so the command itself returns NO_REPLY.
 */
export function syncCommand(server: RedisServer, c: Client, argv: string[]): Reply | null {
  if (c.replica) return NO_REPLY;
  // A client without a socket cannot take the stream (a redis-cli SYNC gets a LocalReplicaSocket).
  if (c.isMaster || c.socket === null) return error('ERR SYNC and PSYNC need a replica connection');
  if (server.masterHost !== null && server.replState !== 'connected') {
    return error("NOMASTERLINK Can't SYNC while not connected with my master");
  }
  const isPsync = argv[0].toLowerCase() === 'psync';
  // PSYNC … FAILOVER from our master handing its role to us: become master first (same history).
  if (isPsync && argv.length > 3 && argv[3].toLowerCase() === 'failover') {
    if (argv[1] !== server.replid) return error('ERR PSYNC FAILOVER replid must match my replid.');
    replicationUnsetMaster(server);
  }
  if (server.failover !== null) return error("NOMASTERLINK Can't SYNC while failing over");
  if (isPsync) {
    const offsetText = argv[2];
    if (!/^-?\d+$/.test(offsetText)) return error('ERR value is not an integer or out of range');
    const result = masterTryPartialResynchronization(server, c, argv[1], Number(offsetText));
    if (result === 'continued') return NO_REPLY;
  }
  server.stat.syncFull++;
  c.replica = newReplicaLink(server, c, { state: 'wait_bgsave_start', legacy: !isPsync, lastAckMs: null, psyncInitialOffset: 0 });
  if (!isPsync) server.emit({ type: 'sync.legacy', master: server.port, replica: c.replconf.listeningPort });
  server.replicas.push(c);
  setReplicaState(server, c, 'wait_bgsave_start');
  // The first replica of a master without a backlog gets a fresh history.
  if (server.replicas.length === 1 && server.backlog === null) {
    changeReplicationId(server);
    createReplicationBacklog(server);
  }
  const bg = server.bgsave;
  if (bg !== null && !bg.diskless) {
    // Attach to a disk BGSAVE already recording a diff for another replica.
    const other = server.replicas.find((r) => r !== c && r.replica!.state === 'wait_bgsave_end');
    if (other) {
      const o = other.replica!;
      c.replica.psyncInitialOffset = o.psyncInitialOffset;
      c.replica.outputBuffer = o.outputBuffer.slice();
      c.replica.outputBufferBytes = o.outputBufferBytes;
      sendFullResync(server, c, o.psyncInitialOffset, 'attached to the BGSAVE in progress');
      setReplicaState(server, c, 'wait_bgsave_end');
      return NO_REPLY;
    }
    return NO_REPLY; // waits for the next BGSAVE (bgsaveDone starts it)
  }
  if (bg !== null) return NO_REPLY;
  if (server.config.getBool('repl-diskless-sync') && c.replica.capaEof && server.config.getInt('repl-diskless-sync-delay') > 0) {
    return NO_REPLY; // replicationCron starts the fork after repl-diskless-sync-delay
  }
  startBgsaveForReplication(server);
  return NO_REPLY;
}

function sendFullResync(server: RedisServer, c: Client, offset: number, reason: string): void {
  const link = c.replica!;
  link.psyncInitialOffset = offset;
  if (!link.legacy) {
    server.sendReply(c, status(`FULLRESYNC ${server.replid} ${offset}`));
  }
  server.emit({ type: 'psync.fullresync', master: server.port, replica: link.listeningPort, replid: server.replid, offset, reason });
}

/**
 * masterTryPartialResynchronization(): accept PSYNC <replid> <offset> when the id is ours (or our
 * previous one, up to second_repl_offset) and the backlog still holds `offset`; then reply
 * +CONTINUE and send only the missing frames. Returns 'continued' or the reason for a full sync.
 */
function masterTryPartialResynchronization(server: RedisServer, c: Client, replid: string, offset: number): 'continued' | 'full' {
  const fail = (reason: string, counted: boolean): 'full' => {
    if (counted) server.stat.syncPartialErr++;
    pendingFullReason.set(c, reason);
    return 'full';
  };
  if (replid !== server.replid && !(replid === server.replid2 && offset <= server.secondReplOffset)) {
    if (replid === '?') return fail('replica asked for a full resync (PSYNC ? -1)', false);
    return fail(
      replid === server.replid2
        ? `offset ${offset} is past second_repl_offset ${server.secondReplOffset}`
        : `replication id mismatch (replica asked ${replid.slice(0, 8)}…, mine is ${server.replid.slice(0, 8)}…)`,
      true,
    );
  }
  const backlog = server.backlog;
  if (backlog === null) return fail('no backlog', true);
  const frames = backlog.framesFrom(offset);
  if (frames === null) {
    return fail(
      `offset ${offset} is outside the backlog (${backlog.firstByteOffset}..${backlog.firstByteOffset + backlog.histlen})`,
      true,
    );
  }
  c.replica = newReplicaLink(server, c, { state: 'online', legacy: false, lastAckMs: server.now, psyncInitialOffset: offset - 1 });
  c.replica.psyncContinue = { fromOffset: offset, toOffset: server.masterReplOffset };
  server.replicas.push(c);
  server.stat.syncPartialOk++;
  server.sendReply(c, status(c.replconf.capaPsync2 ? `CONTINUE ${server.replid}` : 'CONTINUE'));
  let bytes = 0;
  for (const f of frames) {
    c.socket!.send(f, f.bytes);
    bytes += f.bytes;
  }
  server.emit({ type: 'psync.continue', master: server.port, replica: c.replconf.listeningPort, replid: server.replid, fromOffset: offset, bytes });
  server.emit({ type: 'replica.state', master: server.port, replica: c.replconf.listeningPort, state: 'online' });
  server.refreshGoodReplicasCount();
  return 'continued';
}

/** Why the last PSYNC of a client failed (for the trace). */
const pendingFullReason = new WeakMap<Client, string>();

// =================================================================================================
// MASTER: BGSAVE for replication and the RDB transfer
// =================================================================================================

/**
 * Virtual duration of a BGSAVE: a fork plus time per key and per byte. Chosen to be near a real
 * 7.0 on a small machine: 20 ms + 0.6 µs per key + 5 ns per byte (1M keys ≈ 0.7 s).
 */
export function bgsaveDurationMs(keys: number, bytes: number): number {
  return Math.ceil(20 + keys * 0.0006 + bytes * 0.000005);
}

/** Virtual duration of loading an RDB: 10 ms + 0.5 µs per key + 2 ns per byte. */
export function loadDurationMs(keys: number, bytes: number): number {
  return Math.ceil(10 + keys * 0.0005 + bytes * 0.000002);
}

/**
 * startBgsaveForReplication(): fork (snapshot the data now), tell every replica waiting to start
 * +FULLRESYNC <replid> <master_repl_offset>, and from now on buffer writes for them. Disk target:
 * the RDB goes when the BGSAVE ends; diskless: it streams at once.
 */
export function startBgsaveForReplication(server: RedisServer): void {
  startBgsave(server, true);
}

/**
 * rdbSaveBackground(): fork now. For replication, the replicas waiting to start get +FULLRESYNC
 * and buffering begins; a plain BGSAVE only writes dump.rdb when it ends.
 */
export function startBgsave(server: RedisServer, forReplication: boolean): void {
  if (server.bgsave !== null) return;
  const waiting = forReplication ? server.replicas.filter((c) => c.replica!.state === 'wait_bgsave_start') : [];
  if (forReplication && waiting.length === 0) return;
  const diskless = forReplication && server.config.getBool('repl-diskless-sync') && waiting.every((c) => c.replica!.capaEof);
  const rdb = encodeServerRdb(server, forReplication);
  const keys = totalKeys(server.dbs);
  const durationMs = bgsaveDurationMs(keys, rdb.length);
  server.stat.totalForks++;
  const bg = {
    forReplication,
    startedMs: server.now,
    endsMs: server.now + durationMs,
    keys,
    rdb,
    diskless,
    event: null as unknown as EventHandle,
  };
  server.bgsave = bg;
  server.emit({ type: 'bgsave.start', port: server.port, forReplication, keys, durationMs });
  for (const c of waiting) {
    const reason = pendingFullReason.get(c) ?? (c.replica!.legacy ? 'SYNC always means a full resync' : 'full resync');
    sendFullResync(server, c, server.masterReplOffset, reason);
    setReplicaState(server, c, 'wait_bgsave_end');
  }
  // A full sync forces a SELECT before the next propagated command.
  if (forReplication) server.slaveseldb = -1;
  if (diskless) {
    const mark = server.world.rng.hex(40);
    for (const c of waiting) startRdbTransfer(server, c, rdb, mark);
  }
  bg.event = server.world.scheduler.after(durationMs, { kind: 'bgsaveEnds', port: server.port }, () => server.dispatch(() => bgsaveDone(server)));
}

/** The BGSAVE child exited: save the file, and ship it to the replicas that waited for it. */
function bgsaveDone(server: RedisServer): void {
  const bg = server.bgsave;
  if (bg === null) return;
  server.bgsave = null;
  server.lastBgsaveDurationSec = Math.round((server.now - bg.startedMs) / 1000);
  if (!bg.diskless) {
    server.world.disk.set(rdbPath(server), bg.rdb);
    server.rdbGeneratedByReplication = bg.forReplication;
    server.dirty = 0;
    server.lastSaveUnixSec = Math.floor(server.world.unixMs() / 1000);
    server.rdbSaves++;
  }
  server.emit({ type: 'bgsave.end', port: server.port, keys: bg.keys, bytes: bg.rdb.length });
  if (bg.forReplication || server.replicas.some((c) => c.replica!.state === 'wait_bgsave_end')) {
    for (const c of server.replicas) {
      const link = c.replica!;
      if (link.state !== 'wait_bgsave_end') continue;
      if (bg.diskless) {
        // updateSlavesWaitingBgsave(): online now; the stream waits for the first ACK.
        if (link.transfer === null) {
          setReplicaState(server, c, 'online');
          link.waitingFirstAck = true;
        }
        continue;
      }
      setReplicaState(server, c, 'send_bulk');
      startRdbTransfer(server, c, bg.rdb, null);
    }
  }
  // Replicas that arrived during a BGSAVE they could not attach to get the next one.
  if (server.replicas.some((c) => c.replica!.state === 'wait_bgsave_start')) {
    if (!(server.config.getBool('repl-diskless-sync') && server.config.getInt('repl-diskless-sync-delay') > 0)) {
      startBgsaveForReplication(server);
    }
  }
}

/** Chunk size for the RDB transfer: a tenth of a second of bandwidth, between 64 B and 16 KB. */
function chunkSize(server: RedisServer, replicaPort: number): number {
  const bw = server.world.network.link(server.port, replicaPort).bandwidthBytesPerSec;
  return Math.max(64, Math.min(16384, Math.floor(bw / 10)));
}

/**
 * sendBulkToSlave(): `$len` (or `$EOF:mark`) then the RDB in chunks, each sent when the link has
 * drained the previous one. After the last chunk a disk-target replica is online and its buffered
 * writes follow at once.
 */
function startRdbTransfer(server: RedisServer, c: Client, rdb: Uint8Array, eofMark: string | null): void {
  const link = c.replica!;
  const sock = c.socket!;
  const size = chunkSize(server, sock.remotePort);
  const total = rdb.length;
  let sent = 0;
  let next: EventHandle | null = null;
  link.transfer = {
    sent: 0,
    total,
    diskless: eofMark !== null,
    cancel() {
      next?.cancel();
    },
  };
  server.emit({ type: 'rdb.transfer.start', master: server.port, replica: link.listeningPort, total, diskless: eofMark !== null });
  const headerBytes = eofMark ? 48 : String(total).length + 3;
  sock.send({ k: 'bulk', total, eofMark }, headerBytes);
  const sendChunk = () => {
    next = null;
    if (!sock.open || c.closed) return;
    const end = Math.min(total, sent + size);
    const data = rdb.subarray(sent, end);
    const last = end === total;
    sock.send({ k: 'chunk', data, offset: sent, last }, data.length + (last && eofMark ? 40 : 0));
    server.stat.netReplOutputBytes += data.length;
    server.emit({ type: 'rdb.chunk.sent', master: server.port, replica: link.listeningPort, offset: sent, size: data.length, total });
    sent = end;
    link.transfer!.sent = sent;
    if (!last) {
      next = server.world.scheduler.at(sock.drainedAtMs(), { kind: 'rdbChunk', from: server.port, to: link.listeningPort }, () =>
        server.dispatch(sendChunk),
      );
      return;
    }
    link.transfer = null;
    link.rdbDrainedAtMs = sock.drainedAtMs();
    if (eofMark !== null) {
      // Diskless: online when the child exits; the stream waits for the replica's first ACK.
      if (server.bgsave === null) {
        setReplicaState(server, c, 'online');
        link.waitingFirstAck = true;
      }
      return;
    }
    replicaPutOnline(server, c);
    flushOutputBuffer(server, c);
  };
  sendChunk();
}

/** replicaPutOnline(): state online, ACK clock starts now. */
function replicaPutOnline(server: RedisServer, c: Client): void {
  const link = c.replica!;
  setReplicaState(server, c, 'online');
  link.lastAckMs = server.now;
  server.refreshGoodReplicasCount();
}

/** Send the writes buffered during the full sync, in order. */
function flushOutputBuffer(server: RedisServer, c: Client): void {
  const link = c.replica!;
  const buf = link.outputBuffer;
  link.outputBuffer = [];
  link.outputBufferBytes = 0;
  link.waitingFirstAck = false;
  for (const f of buf) {
    if (server.trace.enabled) server.emit({ type: 'buffer.send', master: server.port, replica: link.listeningPort, argv: f.argv, bytes: f.bytes });
    c.socket!.send(f, f.bytes);
  }
}

// =================================================================================================
// MASTER: REPLCONF, WAIT, ROLE helpers
// =================================================================================================

/** REPLCONF <option> <value> …: handshake options, ACK and GETACK. */
export function replconfCommand(server: RedisServer, c: Client, argv: string[]): Reply | null {
  // The once-a-second ACK is by far the most frequent: take it first.
  if (argv.length === 3 && c.replica !== null && (argv[1] === 'ACK' || argv[1] === 'ack')) {
    replconfAck(server, c, argv[2]);
    return NO_REPLY;
  }
  if (argv.length % 2 === 0) return error('ERR syntax error');
  for (let i = 1; i < argv.length; i += 2) {
    const opt = argv[i].toLowerCase();
    const val = argv[i + 1];
    if (opt === 'listening-port') {
      if (!/^\d+$/.test(val)) return error('ERR value is not an integer or out of range');
      c.replconf.listeningPort = Number(val);
    } else if (opt === 'ip-address') {
      c.replconf.ipAddress = val;
    } else if (opt === 'capa') {
      if (val.toLowerCase() === 'eof') c.replconf.capaEof = true;
      else if (val.toLowerCase() === 'psync2') c.replconf.capaPsync2 = true;
    } else if (opt === 'ack') {
      // Replica → master, once per second: no reply. From a client that is no replica (typed at
      // redis-cli) it is ignored, and still not answered: that redis-cli waits.
      if (c.replica) replconfAck(server, c, val);
      else c.blocked = {};
      return NO_REPLY;
    } else if (opt === 'getack') {
      if (c.isMaster && server.masterLink) replicationSendAck(server, false);
      else if (!c.isMaster) c.blocked = {};
      return NO_REPLY;
    } else if (opt === 'rdb-only' || opt === 'rdb-filter-only') {
      // accepted, no effect in the tutor
    } else {
      return error(`ERR Unrecognized REPLCONF option: ${argv[i]}`);
    }
  }
  return status('OK');
}

/** REPLCONF ACK <offset> from a replica: remember the offset and time; unblock WAITs. */
function replconfAck(server: RedisServer, c: Client, val: string): void {
  const offset = Number(val);
  if (!Number.isInteger(offset) || offset < 0) return;
  const link = c.replica!;
  if (offset > link.ackOffset) link.ackOffset = offset;
  link.lastAckMs = server.now;
  if (server.trace.enabled) server.emit({ type: 'ack.recv', master: server.port, replica: link.listeningPort, offset });
  if (link.waitingFirstAck && link.state === 'online') {
    flushOutputBuffer(server, c);
    server.refreshGoodReplicasCount();
  }
  if (server.waitingClients.length > 0) processClientsWaitingReplicas(server);
  if (server.failover !== null) updateFailoverStatus(server);
}

/** Count replicas whose ACKed offset is at least `offset` (replicationCountAcksByOffset). */
export function countAcksByOffset(server: RedisServer, offset: number): number {
  let n = 0;
  for (const c of server.replicas) {
    const link = c.replica!;
    if (link.state === 'online' && link.ackOffset >= offset) n++;
  }
  return n;
}

/** WAIT numreplicas timeout (waitCommand), on a master. */
export function waitCommand(server: RedisServer, c: Client, argv: string[]): Reply | null {
  if (server.masterHost !== null) {
    return error(
      'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.',
    );
  }
  if (!/^-?\d+$/.test(argv[1])) return error('ERR value is not an integer or out of range');
  if (!/^-?\d+$/.test(argv[2])) return error('ERR timeout is not an integer or out of range');
  const numreplicas = Number(argv[1]);
  const timeoutMs = Number(argv[2]);
  if (timeoutMs < 0) return error('ERR timeout is negative');
  const offset = c.woff;
  const acked = countAcksByOffset(server, offset);
  // Inside MULTI/EXEC (CLIENT_DENY_BLOCKING) WAIT answers at once and asks no replica for an ACK.
  if (acked >= numreplicas || c.multi !== null || server.inExec || c.replyTo === null) return integer(acked);
  const entry: WaitingClient = {
    client: c,
    numreplicas,
    offset,
    timer: null,
    finish(timedOut: boolean) {
      const i = server.waitingClients.indexOf(entry);
      if (i < 0) return;
      server.waitingClients.splice(i, 1);
      entry.timer?.cancel();
      const n = countAcksByOffset(server, offset);
      server.emit({ type: 'wait.done', port: server.port, acked: n, timedOut });
      unblockClient(c, integer(n));
    },
  };
  server.waitingClients.push(entry);
  server.emit({ type: 'wait.block', port: server.port, numreplicas, offset, timeoutMs });
  server.getackPending = true;
  if (timeoutMs > 0) {
    entry.timer = server.world.scheduler.after(timeoutMs, { kind: 'waitTimeout', port: server.port }, () =>
      server.dispatch(() => entry.finish(true)),
    );
  }
  c.blocked = { cancel: () => entry.timer?.cancel() };
  return NO_REPLY;
}

/** processClientsWaitingReplicas(): answer every WAIT whose target is now reached. */
function processClientsWaitingReplicas(server: RedisServer): void {
  if (server.waitingClients.length === 0) return;
  for (const w of [...server.waitingClients]) {
    if (countAcksByOffset(server, w.offset) >= w.numreplicas) w.finish(false);
  }
}

// =================================================================================================
// REPLICA: REPLICAOF, connecting, the handshake
// =================================================================================================

function setReplState(server: RedisServer, state: ReplState, reason?: string): void {
  const before = server.linkState;
  server.replState = state;
  if (server.linkState !== before || reason) {
    server.emit({ type: 'repl.state', port: server.port, masterPort: server.masterPort, state: server.linkState, ...(reason ? { reason } : {}) });
  }
}

/**
 * replicationSetMaster(): become a replica of host:port (REPLICAOF). A former master caches itself
 * as the "master" to PSYNC from (so a demoted master can continue partially); a replica caches its
 * current master. Connects at once.
 */
export function replicationSetMaster(server: RedisServer, host: string, port: number): void {
  const wasMaster = server.masterHost === null;
  // Blocked clients (WAIT) are disconnected when a master turns replica.
  if (wasMaster) {
    for (const w of [...server.waitingClients]) server.freeClient(w.client, 'master became replica');
    disconnectAllBlockedClients(server);
    server.cachedMaster = { replid: server.replid, reploff: server.masterReplOffset, db: 0 };
  } else {
    dropMasterLink(server, 'REPLICAOF changed the master', true);
  }
  server.masterHost = host;
  server.masterPort = port;
  if (!wasMaster) server.replDownSinceMs = server.now;
  setReplState(server, 'connect');
  connectWithMaster(server, false);
}

/**
 * replicationUnsetMaster(): REPLICAOF NO ONE. Keep the history as replid2 (shiftReplicationId) so
 * former siblings can PSYNC here, disconnect our own replicas (they come back and continue), and
 * force a SELECT before the next write.
 */
export function replicationUnsetMaster(server: RedisServer): void {
  if (server.masterHost === null) return;
  dropMasterLink(server, 'REPLICAOF NO ONE', false);
  server.cachedMaster = null;
  server.masterHost = null;
  server.masterPort = 0;
  server.replState = 'none';
  shiftReplicationId(server);
  for (const c of [...server.replicas]) server.freeClient(c, 'master changed role');
  server.slaveseldb = -1;
  server.replNoSlavesSinceMs = server.now;
  server.replDownSinceMs = 0;
  if (server.backlog === null) createReplicationBacklog(server);
}

/**
 * Close the link to our master. A live master client is cached (replicationCacheMaster) when
 * `cache` is set, so the next connection can PSYNC from where we stopped.
 */
function dropMasterLink(server: RedisServer, reason: string, cache: boolean): boolean {
  const link = server.masterLink;
  if (link === null) return false;
  server.masterLink = null;
  link.cancel();
  if (link.client !== null && cache && !link.legacy) {
    server.cachedMaster = { replid: link.replid, reploff: link.reploff, db: link.client.db };
  }
  const reported = link.client !== null || server.replState === 'connected';
  if (reported) server.emit({ type: 'link.down', replica: server.port, master: server.masterPort, reason, side: 'replica' });
  if (link.client !== null) {
    link.client.closed = true;
    server.clients.delete(link.client.id);
  }
  if (link.loadEvent) {
    link.loadEvent.cancel();
    server.loading = null;
  }
  return reported;
}

/** connectWithMaster(): open the socket; on success start the handshake with PING. */
export function connectWithMaster(server: RedisServer, periodic: boolean): void {
  const masterPort = server.masterPort;
  const legacy = server.legacySync;
  const link: MasterLink = {
    socket: null,
    connecting: null,
    lastIoMs: server.now,
    fullresync: null,
    transfer: null,
    client: null,
    replid: '',
    reploff: 0,
    readReploff: 0,
    held: [],
    applied: null,
    loadEvent: null,
    legacy,
    cancel() {
      this.connecting?.cancel();
      this.connecting = null;
      if (this.socket?.open) {
        this.socket.onClose = () => {};
        this.socket.close('replica closed the link');
      }
    },
  };
  server.masterLink = link;
  setReplState(server, 'connecting');
  link.connecting = server.world.network.connect(
    server.port,
    masterPort,
    (sock, err) => {
      // Handlers are set at once so that nothing is missed while this process is paused.
      if (sock) {
        sock.onMessage = (msg) => {
          if (server.busy || server.hasHeldInput) server.dispatch(() => onMasterMessage(server, link, msg));
          else onMasterMessage(server, link, msg);
        };
        sock.onClose = (why) => server.dispatch(() => onMasterLinkClosed(server, link, why));
      }
      server.dispatch(() => {
        link.connecting = null;
        if (server.masterLink !== link) {
          if (sock?.open) sock.close('stale connection');
          return;
        }
        if (sock === null || !sock.open) {
          server.masterLink = null;
          setReplState(server, 'connect', `Error condition on socket for SYNC: ${err ?? 'Connection reset by peer'}`);
          return;
        }
        link.socket = sock;
        link.lastIoMs = server.now;
        setReplState(server, 'receive_ping_reply');
        handshakeSend(server, link, ['PING']);
      });
    },
    periodic,
  );
}

function handshakeSend(server: RedisServer, link: MasterLink, argv: string[]): void {
  server.emit({ type: 'handshake.send', from: server.port, to: server.masterPort, argv });
  link.socket!.send(cmdFrame(argv), respCommandLength(argv));
}

function replyLine(r: Reply): string {
  switch (r.kind) {
    case 'status':
      return `+${r.text}`;
    case 'error':
      return `-${r.text}`;
    case 'integer':
      return `:${r.value}`;
    default:
      return r.kind;
  }
}

/** The link to the master closed (fault, master gone, timeout). */
function onMasterLinkClosed(server: RedisServer, link: MasterLink, why: string): void {
  if (server.masterLink !== link) return;
  const wasConnected = server.replState === 'connected';
  // One trace event per lost link: when link.down told it, the state change needs no line of its own.
  if (dropMasterLink(server, why, true)) server.replState = 'connect';
  else setReplState(server, 'connect', why);
  if (wasConnected) server.replDownSinceMs = server.now;
  // 7.0 reconnects at once; if that fails, replicationCron retries every second.
  if (wasConnected) connectWithMaster(server, false);
}

/** Abort the handshake or transfer; the cron reconnects. */
function cancelReplicationHandshake(server: RedisServer, reason: string): void {
  if (dropMasterLink(server, reason, false)) server.replState = 'connect';
  else setReplState(server, 'connect', reason);
}

/** Every message on the master link (replica side), by link state. */
export function replicationOnMasterMessage(server: RedisServer, msg: WireMessage): void {
  if (server.masterLink) onMasterMessage(server, server.masterLink, msg);
}

function onMasterMessage(server: RedisServer, link: MasterLink, msg: WireMessage): void {
  if (server.masterLink !== link) return;
  link.lastIoMs = server.now;
  switch (server.replState) {
    case 'receive_ping_reply':
    case 'receive_auth_reply':
    case 'receive_port_reply':
    case 'receive_ip_reply':
    case 'receive_capa_reply':
    case 'receive_psync_reply':
      if (msg.k === 'reply') onHandshakeReply(server, link, msg.reply);
      return;
    case 'transfer':
      onTransferMessage(server, link, msg);
      return;
    case 'connected':
      if (msg.k === 'cmd') {
        link.readReploff += msg.bytes;
        link.client!.lastInteractionMs = server.now;
        if (server.loading !== null) link.held.push(msg);
        else applyMasterFrame(server, link, msg, false);
      }
      return;
    default:
      return;
  }
}

function onHandshakeReply(server: RedisServer, link: MasterLink, reply: Reply): void {
  const line = replyLine(reply);
  server.emit({ type: 'handshake.reply', from: server.masterPort, to: server.port, line });
  switch (server.replState) {
    case 'receive_ping_reply': {
      const ok =
        reply.kind === 'status' ||
        (reply.kind === 'error' && /^(NOAUTH|NOPERM|ERR operation not permitted)/.test(reply.text));
      if (!ok) {
        cancelReplicationHandshake(server, `Error reply to PING from master: '${line}'`);
        return;
      }
      // Pipelined: AUTH (with masterauth) and the REPLCONFs are written before reading any reply.
      // replica-announce-port / -ip: what the master will show in INFO and ROLE.
      const masterauth = server.config.get('masterauth');
      setReplState(server, masterauth !== '' ? 'receive_auth_reply' : 'receive_port_reply');
      if (masterauth !== '') handshakeSend(server, link, ['AUTH', masterauth]);
      const announcePort = server.config.getInt('replica-announce-port');
      handshakeSend(server, link, ['REPLCONF', 'listening-port', String(announcePort || server.port)]);
      if (!link.legacy) {
        const ip = server.config.get('replica-announce-ip');
        if (ip !== '') handshakeSend(server, link, ['REPLCONF', 'ip-address', ip]);
        handshakeSend(server, link, ['REPLCONF', 'capa', 'eof', 'capa', 'psync2']);
      }
      return;
    }
    case 'receive_auth_reply':
      if (reply.kind === 'error') {
        cancelReplicationHandshake(server, `Unable to AUTH to MASTER: ${line}`);
        return;
      }
      setReplState(server, 'receive_port_reply');
      return;
    case 'receive_ip_reply':
      setReplState(server, 'receive_capa_reply');
      return;
    case 'receive_port_reply':
      if (link.legacy) {
        // Before 2.8 there was only SYNC: no ids, no offsets, a whole RDB every time.
        handshakeSend(server, link, ['SYNC']);
        link.fullresync = null;
        link.transfer = null;
        setReplState(server, 'transfer');
        return;
      }
      setReplState(server, server.config.get('replica-announce-ip') !== '' ? 'receive_ip_reply' : 'receive_capa_reply');
      return;
    case 'receive_capa_reply': {
      const cached = server.cachedMaster;
      const argv = cached ? ['PSYNC', cached.replid, String(cached.reploff + 1)] : ['PSYNC', '?', '-1'];
      if (failoverInProgress(server)) argv.push('FAILOVER');
      setReplState(server, 'receive_psync_reply');
      handshakeSend(server, link, argv);
      return;
    }
    case 'receive_psync_reply': {
      if (reply.kind === 'status' && reply.text.startsWith('FULLRESYNC')) {
        const [, replid, off] = reply.text.split(' ');
        link.fullresync = { replid, offset: Number(off) };
        // No partial resync is coming: forget the cached master now (slave_repl_offset shows 1).
        server.cachedMaster = null;
        setReplState(server, 'transfer');
        clearFailoverState(server);
        return;
      }
      if (reply.kind === 'status' && reply.text.startsWith('CONTINUE')) {
        const newId = reply.text.split(' ')[1];
        continueFromCachedMaster(server, link, newId);
        clearFailoverState(server);
        return;
      }
      // The target refused to take over: this node is master again.
      if (failoverInProgress(server)) {
        abortFailover(server, 'Failover target rejected psync request');
        return;
      }
      if (reply.kind === 'error' && /^(NOMASTERLINK|LOADING)/.test(reply.text)) {
        cancelReplicationHandshake(server, `Master is currently unable to PSYNC but should be in the future: ${line}`);
        return;
      }
      // Any other error: the master does not know PSYNC; fall back to SYNC.
      handshakeSend(server, link, ['SYNC']);
      link.fullresync = null;
      setReplState(server, 'transfer');
      return;
    }
  }
}

/**
 * +CONTINUE: resurrect the cached master on this socket. A new replid means our master itself
 * changed history (it was promoted): keep ours as replid2 and drop our own sub-replicas.
 */
function continueFromCachedMaster(server: RedisServer, link: MasterLink, newReplid: string | undefined): void {
  const cached = server.cachedMaster!;
  server.cachedMaster = null;
  link.replid = newReplid ?? cached.replid;
  link.reploff = cached.reploff;
  link.readReploff = cached.reploff;
  link.client = newMasterClient(server, link, cached.db);
  if (newReplid && newReplid !== server.replid) {
    server.replid2 = server.replid;
    server.secondReplOffset = server.masterReplOffset + 1;
    server.replid = newReplid;
    server.emit({ type: 'replid.change', port: server.port, replid: server.replid, replid2: server.replid2, secondReplOffset: server.secondReplOffset });
    for (const c of [...server.replicas]) server.freeClient(c, 'master replication id changed');
  }
  if (server.backlog === null) createReplicationBacklog(server);
  server.replDownSinceMs = 0;
  setReplState(server, 'connected');
}

function newMasterClient(server: RedisServer, link: MasterLink, db: number): Client {
  const c = new Client(server.allocClientId(), server, server.masterPort, link.socket);
  c.isMaster = true;
  // The master's stream needs no AUTH (replicationCreateMasterClient: authenticated = 1).
  c.authenticated = true;
  c.db = db;
  return c;
}

// =================================================================================================
// REPLICA: receiving and loading the RDB (readSyncBulkPayload)
// =================================================================================================

function onTransferMessage(server: RedisServer, link: MasterLink, msg: WireMessage): void {
  switch (msg.k) {
    case 'newline':
      return;
    case 'reply':
      if (msg.reply.kind === 'error') cancelReplicationHandshake(server, `MASTER aborted replication with an error: ${msg.reply.text}`);
      return;
    case 'bulk':
      link.transfer = { total: msg.total, read: 0, chunks: [], eofMark: msg.eofMark };
      return;
    case 'chunk': {
      const t = link.transfer;
      if (t === null) return;
      t.chunks.push(msg.data);
      t.read += msg.data.length;
      server.stat.netReplInputBytes += msg.data.length;
      server.emit({ type: 'rdb.chunk.received', master: server.masterPort, replica: server.port, offset: msg.offset, size: msg.data.length, total: t.total });
      if (msg.last) readSyncBulkPayload(server, link);
      return;
    }
    case 'cmd':
      // The stream that follows the RDB arrives while we load it.
      link.held.push(msg);
      link.readReploff += msg.bytes;
      return;
  }
}

/**
 * The whole RDB arrived: save it as our dump.rdb, flush the old data (and our sub-replicas and
 * backlog), load it (virtual time; -LOADING meanwhile), then become CONNECTED at the FULLRESYNC
 * offset and apply the writes the master buffered during the sync.
 */
function readSyncBulkPayload(server: RedisServer, link: MasterLink): void {
  const t = link.transfer!;
  const bytes = t.chunks.length === 1 ? t.chunks[0] : concat(t.chunks, t.read);
  link.transfer = null;
  let decoded: ReturnType<typeof decodeRdb>;
  try {
    decoded = decodeRdb(bytes);
  } catch (e) {
    cancelReplicationHandshake(server, `Failed trying to load the MASTER synchronization DB from disk: ${(e as Error).message}`);
    return;
  }
  // useDisklessLoad(): swapdb (or on-empty-db into an empty dataset) loads from the socket, so no
  // dump.rdb is written; otherwise the payload becomes our dump.rdb, removed again after the load
  // when rdb-del-sync-files asks for it and nothing else persists (allPersistenceDisabled()).
  const disklessLoad = useDisklessLoad(server);
  if (!disklessLoad) server.world.disk.set(rdbPath(server), bytes);
  const oldKeys = totalKeys(server.dbs);
  server.emit({ type: 'replica.flush', port: server.port, keys: oldKeys });
  for (const c of [...server.replicas]) server.freeClient(c, 'replica is loading a new dataset');
  server.backlog = null;
  server.cachedMaster = null;
  for (const db of server.dbs) db.clear();
  const keys = totalKeys(decoded.dbs);
  const durationMs = loadDurationMs(keys, bytes.length);
  server.loading = { startedMs: server.now, untilMs: server.now + durationMs, bytes: bytes.length };
  server.emit({ type: 'replica.load.start', port: server.port, bytes: bytes.length, durationMs });
  link.loadEvent = server.world.scheduler.after(durationMs, { kind: 'rdbLoaded', port: server.port }, () =>
    server.dispatch(() => {
      link.loadEvent = null;
      if (server.masterLink !== link) return;
      server.loading = null;
      loadRdbInto(server, decoded.dbs);
      if (!disklessLoad && server.config.getBool('rdb-del-sync-files') && allPersistenceDisabled(server)) {
        server.world.disk.delete(rdbPath(server));
      }
      server.lastLoadKeys = keys;
      server.dirty = 0;
      server.emit({ type: 'replica.load.end', port: server.port, keys });
      const aux = decoded.aux;
      const fr = link.fullresync;
      link.replid = fr ? fr.replid : aux['repl-id'] ?? server.replid;
      const offset = fr ? fr.offset : Number(aux['repl-offset'] ?? 0);
      link.reploff = offset;
      link.readReploff = offset + link.held.reduce((n, f) => n + f.bytes, 0);
      server.replid = link.replid;
      server.replid2 = ZERO_ID;
      server.secondReplOffset = -1;
      server.masterReplOffset = offset;
      createReplicationBacklog(server);
      const streamDb = Number(aux['repl-stream-db'] ?? 0);
      link.client = newMasterClient(server, link, Number.isFinite(streamDb) ? streamDb : 0);
      server.replDownSinceMs = 0;
      setReplState(server, 'connected');
      if (!link.legacy && link.transfer === null && t.eofMark !== null) replicationSendAck(server, false);
      const held = link.held;
      link.held = [];
      for (const f of held) applyMasterFrame(server, link, f, true);
    }),
  );
}

/** useDisklessLoad(): load the master's payload straight from the socket, without dump.rdb? */
function useDisklessLoad(server: RedisServer): boolean {
  const mode = server.config.get('repl-diskless-load');
  return mode === 'swapdb' || (mode === 'on-empty-db' && totalKeys(server.dbs) === 0);
}

/** allPersistenceDisabled(): no save points and no AOF. */
export function allPersistenceDisabled(server: RedisServer): boolean {
  return server.config.get('save') === '' && !server.config.getBool('appendonly');
}

/**
 * removeRDBUsedToSyncReplicas() (master side, from replicationCron): with rdb-del-sync-files and
 * persistence disabled, the dump.rdb a replication BGSAVE wrote is deleted once no replica still
 * waits for it or is being sent it.
 */
function removeRdbUsedToSyncReplicas(server: RedisServer): void {
  if (!server.rdbGeneratedByReplication || server.bgsave !== null) return;
  if (!server.config.getBool('rdb-del-sync-files') || !allPersistenceDisabled(server)) return;
  const busy = server.replicas.some((c) => {
    const st = c.replica!.state;
    return st === 'wait_bgsave_start' || st === 'wait_bgsave_end' || st === 'send_bulk';
  });
  if (busy) return;
  server.world.disk.delete(rdbPath(server));
  server.rdbGeneratedByReplication = false;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Execute one command of the master's stream (replica side), advance reploff by its bytes and
 * proxy the same frame to our own backlog and sub-replicas.
 */
function applyMasterFrame(server: RedisServer, link: MasterLink, f: ReplFrame, buffered: boolean): void {
  const c = link.client!;
  server.processCommand(c, f.argv);
  if (server.masterLink !== link) return;
  link.reploff += f.bytes;
  noteApplied(link, f, link.reploff, server.now);
  feedReplicationStream(server, f, false);
  if (server.trace.enabled) {
    if (buffered) server.emit({ type: 'buffer.apply', replica: server.port, argv: f.argv, offset: link.reploff });
    else {
      // t and seq in the literal: see answerLocal.
      const ev: TraceEvent = { type: 'stream.apply', replica: server.port, master: server.masterPort, argv: f.argv, offset: link.reploff, t: 0, seq: 0 };
      server.emit(ev);
    }
  }
}

/** replicationSendAck(): REPLCONF ACK <reploff> to our master. */
export function replicationSendAck(server: RedisServer, periodic: boolean): void {
  const link = server.masterLink;
  if (link === null || link.client === null || link.legacy || !link.socket?.open) return;
  const argv = ['REPLCONF', 'ACK', String(link.reploff)];
  link.socket.send(cmdFrame(argv), respCommandLength(argv), periodic);
  if (server.trace.enabled) server.emit({ type: 'ack.send', replica: server.port, master: server.masterPort, offset: link.reploff });
}

// =================================================================================================
// CRON
// =================================================================================================

/**
 * replicationCron(), once per virtual second: replica timeouts and reconnects, ACKs; master PINGs
 * every repl-ping-replica-period seconds, `\n` keepalives to waiting replicas, replica timeouts,
 * the backlog TTL, diskless sync start, and the good-replicas count.
 */
export function replicationCron(server: RedisServer): void {
  const now = server.now;
  const timeoutMs = server.replTimeoutSec * 1000;
  const link = server.masterLink;

  // REPLICA: handshake / transfer / connected timeouts.
  if (server.masterHost !== null) {
    const st = server.replState;
    if (link !== null && st !== 'connected' && st !== 'connect' && now - link.lastIoMs > timeoutMs) {
      cancelReplicationHandshake(server, st === 'transfer' ? 'Timeout receiving bulk data from MASTER' : 'Timeout connecting to the MASTER');
    } else if (link !== null && st === 'connected' && link.client && now - link.client.lastInteractionMs > timeoutMs && server.loading === null) {
      dropMasterLink(server, 'MASTER timeout: no data nor PING received', true);
      server.replDownSinceMs = now;
      server.replState = 'connect';
    }
    if (server.replState === 'connect' && server.masterLink === null) connectWithMaster(server, true);
    if (server.replState === 'connected') replicationSendAck(server, true);
  }

  // MASTER: PING the replicas (only a top-level master; replicas proxy their master's PINGs).
  if (server.masterHost === null && server.replicas.length > 0 && server.replicationCronLoops % server.replPingPeriod === 0) {
    feedReplicationStream(server, PING_FRAME, false, true);
    if (server.trace.enabled) server.emit({ type: 'ping.send', master: server.port, offset: server.masterReplOffset });
  }

  // One pass over the replicas: `\n` to those waiting for a BGSAVE (so that they do not time
  // out), and find those that stopped ACKing (not SYNC-only ones, which never ACK).
  let timedOut: Client[] | null = null;
  const disklessBgsave = server.bgsave?.diskless ?? false;
  for (const c of server.replicas) {
    const r = c.replica!;
    if (r.state === 'wait_bgsave_start' || (r.state === 'wait_bgsave_end' && !disklessBgsave)) {
      c.socket?.send(NEWLINE, 1, true);
    } else if (r.state === 'online' && !r.legacy && r.lastAckMs !== null && now - r.lastAckMs > timeoutMs) {
      (timedOut ??= []).push(c);
    }
  }
  if (timedOut) for (const c of timedOut) server.freeClient(c, 'Disconnecting timedout replica (streaming sync)');
  // clientsCron: a replica that stays over its soft limit is closed even if no write comes.
  const limit = server.replicaObufLimit;
  if (limit.hardBytes > 0 || limit.softBytes > 0) {
    const over = server.replicas.filter((c) => c.replica!.state !== 'wait_bgsave_start' && checkOutputBufferLimits(server, c));
    for (const c of over) server.freeClient(c, OBUF_LIMIT_REASON);
  }

  // Backlog TTL: a master alone for repl-backlog-ttl seconds frees it and starts a new history.
  const ttl = server.replBacklogTtlSec;
  if (server.masterHost === null && server.replicas.length === 0 && ttl > 0 && server.backlog !== null &&
    now - server.replNoSlavesSinceMs > ttl * 1000) {
    changeReplicationId(server);
    server.backlog = null;
  }

  // Diskless: start the fork once the oldest waiting replica waited repl-diskless-sync-delay.
  if (server.bgsave === null && server.replDisklessSync && server.replicas.length > 0) {
    const waiting = server.replicas.filter((c) => c.replica!.state === 'wait_bgsave_start');
    const delayMs = server.config.getInt('repl-diskless-sync-delay') * 1000;
    const max = server.config.getInt('repl-diskless-sync-max-replicas');
    if (waiting.length > 0 && (waiting.some((c) => now - c.replica!.waitStartMs >= delayMs) || (max > 0 && waiting.length >= max))) {
      startBgsaveForReplication(server);
    }
  }

  removeRdbUsedToSyncReplicas(server);
  server.refreshGoodReplicasCount();
  server.replicationCronLoops++;
}

/** The replica's applied offset (slave_repl_offset): master client, else cached master, else 1. */
export function replicaOffsets(server: RedisServer): { read: number; applied: number } {
  const link = server.masterLink;
  if (link?.client) return { read: link.readReploff, applied: link.reploff };
  if (server.cachedMaster) return { read: server.cachedMaster.reploff, applied: server.cachedMaster.reploff };
  return { read: 1, applied: 1 };
}
