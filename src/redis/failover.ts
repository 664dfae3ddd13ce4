/**
 * FAILOVER (replication.c in Redis 7.0: failoverCommand, updateFailoverStatus, abortFailover,
 * clearFailoverState): a master hands its role to one of its replicas without losing a write.
 * It pauses writes, waits until a replica (the one named with TO, or any) has ACKed its whole
 * stream, then becomes that replica's replica with `PSYNC <replid> <offset> FAILOVER`; the
 * target turns master on that request and answers +CONTINUE, and the paused writes run again
 * (now refused: the old master is a replica). TIMEOUT gives up (or, with FORCE, fails over anyway).
 */

import type { EventHandle } from '../sim/scheduler.js';
import { error, OK, type Reply } from './reply.js';
import { replicationSetMaster, replicationUnsetMaster } from './replication.js';
import { runPausedCommands, type Client, type RedisServer } from './server.js';

/** server.failover_state: FAILOVER_WAIT_FOR_SYNC or FAILOVER_IN_PROGRESS (none = null). */
export interface FailoverState {
  state: 'waiting-for-sync' | 'failover-in-progress';
  targetHost: string | null;
  targetPort: number;
  force: boolean;
  /** failover_end_time (virtual ms), or null without TIMEOUT. */
  endMs: number | null;
  timer: EventHandle | null;
  /** Write commands held by the pause (PAUSE_DURING_FAILOVER), in arrival order. */
  paused: Array<{ client: Client; argv: string[] }>;
}

/** INFO's master_failover_state. */
export function failoverStateName(server: RedisServer): string {
  return server.failover?.state ?? 'no-failover';
}

const isInt = (s: string) => /^-?\d+$/.test(s);

/** FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms], on a master. */
export function failoverCommand(server: RedisServer, argv: string[]): Reply {
  let host: string | null = null;
  let port = 0;
  let force = false;
  let abort = false;
  let timeoutMs = 0;
  for (let i = 1; i < argv.length; i++) {
    const o = argv[i].toLowerCase();
    const left = argv.length - i - 1;
    if (o === 'to' && left >= 2 && host === null) {
      if (!isInt(argv[i + 2])) return error('ERR value is not an integer or out of range');
      host = argv[i + 1];
      port = Number(argv[i + 2]);
      i += 2;
    } else if (o === 'timeout' && left >= 1 && timeoutMs === 0) {
      if (!isInt(argv[i + 1])) return error('ERR value is not an integer or out of range');
      timeoutMs = Number(argv[i + 1]);
      if (timeoutMs <= 0) return error('ERR FAILOVER timeout must be greater than 0');
      i += 1;
    } else if (o === 'force' && !force) {
      force = true;
    } else if (o === 'abort' && argv.length === 2) {
      abort = true;
    } else {
      return error('ERR syntax error');
    }
  }
  if (abort) {
    if (server.failover === null) return error('ERR No failover in progress.');
    abortFailover(server, 'Failover manually aborted');
    return OK;
  }
  if (server.failover !== null) return error('ERR FAILOVER already in progress.');
  if (server.masterHost !== null) return error('ERR FAILOVER is not valid when server is a replica.');
  if (server.replicas.length === 0) return error('ERR FAILOVER requires connected replicas.');
  if (force && (timeoutMs === 0 || host === null)) {
    return error('ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
  }
  if (host !== null) {
    const target = findReplica(server, host, port);
    if (target === null) return error('ERR FAILOVER target HOST and PORT is not a replica.');
    if (target.replica!.state !== 'online') return error('ERR FAILOVER target replica is not online.');
  }
  const fo: FailoverState = {
    state: 'waiting-for-sync',
    targetHost: host,
    targetPort: port,
    force,
    endMs: timeoutMs > 0 ? server.now + timeoutMs : null,
    timer: null,
    paused: [],
  };
  server.failover = fo;
  if (fo.endMs !== null) {
    // A timer like serverCron's (periodic): it must not keep the world from counting as settled,
    // or settling after this line would run straight into the timeout.
    fo.timer = server.world.scheduler.after(
      timeoutMs,
      { kind: 'failoverTimeout', port: server.port },
      () =>
        server.dispatch(() => {
          fo.timer = null;
          if (server.failover === fo) updateFailoverStatus(server);
        }),
      true,
    );
  }
  return OK;
}

/** findReplica(): the replica client announced as host:port (its address as INFO shows it). */
function findReplica(server: RedisServer, host: string, port: number): Client | null {
  for (const c of server.replicas) {
    const r = c.replica!;
    if (r.announcedIp.toLowerCase() === host.toLowerCase() && r.announcedPort === port) return c;
  }
  return null;
}

/**
 * updateFailoverStatus() (beforeSleep, after each command and ACK here): time out, or start the
 * handoff once the target — or, without TO, the first replica found — has ACKed master_repl_offset.
 */
export function updateFailoverStatus(server: RedisServer): void {
  const fo = server.failover;
  if (fo === null || fo.state !== 'waiting-for-sync') return;
  if (fo.endMs !== null && fo.endMs <= server.now) {
    if (fo.force) {
      startHandoff(server, fo);
    } else {
      abortFailover(server, 'Replica never caught up before timeout');
    }
    return;
  }
  let replica: Client | null = null;
  if (fo.targetHost !== null) {
    replica = findReplica(server, fo.targetHost, fo.targetPort);
  } else {
    replica = server.replicas.find((c) => c.replica!.ackOffset === server.masterReplOffset) ?? null;
    if (replica !== null) {
      fo.targetHost = replica.replica!.announcedIp;
      fo.targetPort = replica.replica!.announcedPort;
    }
  }
  if (replica !== null && replica.replica!.ackOffset === server.masterReplOffset) startHandoff(server, fo);
}

/** FAILOVER_IN_PROGRESS: become the target's replica; the handshake's PSYNC carries FAILOVER. */
function startHandoff(server: RedisServer, fo: FailoverState): void {
  fo.state = 'failover-in-progress';
  fo.timer?.cancel();
  fo.timer = null;
  replicationSetMaster(server, fo.targetHost!, fo.targetPort);
}

/** The PSYNC this node sends carries FAILOVER while it hands its role over. */
export function failoverInProgress(server: RedisServer): boolean {
  return server.failover?.state === 'failover-in-progress';
}

/** abortFailover(): back to master if the handoff had started, then resume writes. */
export function abortFailover(server: RedisServer, _reason: string): void {
  const fo = server.failover;
  if (fo === null) return;
  if (fo.state === 'failover-in-progress') replicationUnsetMaster(server);
  clearFailoverState(server);
}

/** clearFailoverState(): the failover is over; the writes held by the pause run now, in order. */
export function clearFailoverState(server: RedisServer): void {
  const fo = server.failover;
  if (fo === null) return;
  server.failover = null;
  fo.timer?.cancel();
  runPausedCommands(server, fo.paused);
}

/** A write arriving while a failover pauses writes: hold it until the failover ends. */
export function holdWriteDuringFailover(server: RedisServer, c: Client, argv: string[]): void {
  const fo = server.failover!;
  const held = { client: c, argv };
  fo.paused.push(held);
  c.blocked = {
    cancel: () => {
      const i = fo.paused.indexOf(held);
      if (i >= 0) fo.paused.splice(i, 1);
    },
  };
}
