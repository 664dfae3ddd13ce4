/**
 * Simulated TCP between ports: links with latency, bandwidth and faults, and FIFO sockets over them.
 * Knows nothing about Redis: a message is any value plus the byte count it occupies on the wire.
 *
 * Faults behave as they do on real machines (the README's fault table):
 * - a partition (`partition`) is silent: sockets stay open, bytes wait (TCP retransmits them when
 *   it heals), connects get no answer until then; only the programs' own timeouts notice;
 * - a reset (`reset`) closes every connection between two ports at once, on both ends;
 * - a process that exits or is killed (`closeAllOf`, graceful) still has its written bytes sent
 *   by the kernel, then EOF; its port refuses connections;
 * - a host that dies (`hostDown`) sends nothing more and answers nothing: its peers' connections
 *   stay open until they time out, and are reset when the host is back and they send to it.
 */

import type { EventHandle, Scheduler } from './scheduler.js';

/** The network's own events: a delivery, a connect after one round trip, a close, from one port to another. */
export interface NetEventLabel {
  readonly kind: 'deliver' | 'connect' | 'close';
  readonly from: number;
  readonly to: number;
}

/** The state of the link between two ports (order does not matter). */
export interface LinkState {
  readonly a: number;
  readonly b: number;
  latencyMs: number;
  bandwidthBytesPerSec: number;
  dropped: boolean;
}

export const DEFAULT_LATENCY_MS = 1;
/** 10 MB per virtual second: a 20 MB RDB takes two virtual seconds, a SET a few microseconds. */
export const DEFAULT_BANDWIDTH_BYTES_PER_SEC = 10 * 1024 * 1024;

/** One end of a connection. Set `onMessage`/`onClose` right after accept or connect. */
export interface SocketEnd<M> {
  readonly id: number;
  readonly localPort: number;
  readonly remotePort: number;
  readonly open: boolean;
  onMessage: (msg: M) => void;
  onClose: (reason: string) => void;
  /**
   * Write `msg` (occupying `bytes` on the wire). It arrives after the link's latency plus the time
   * the bytes wait behind earlier writes at the link's bandwidth. `periodic` marks heartbeat traffic
   * (PINGs, ACKs) that must not keep the world from being settled.
   */
  send(msg: M, bytes: number, periodic?: boolean): void;
  /** Close from this end; the peer notices after the link latency. */
  close(reason?: string): void;
  /** Virtual ms at which everything written so far has left this end (used to pace RDB chunks). */
  drainedAtMs(): number;
  /**
   * Visit what this end wrote that has not reached the peer yet, oldest first, with the virtual ms
   * each is due to arrive (held by a partition: due when it heals). Reads only: nothing is copied.
   */
  forEachInFlight(visit: (msg: M, arrivesAtMs: number) => void): void;
}

/** One direction of a socket: a FIFO of messages in flight and a single delivery event. */
class Direction<M> {
  /** Messages in flight with their arrival times and heartbeat flags (parallel arrays: no object per write). */
  queue: M[] = [];
  arrivals: number[] = [];
  periodics: boolean[] = [];
  /** Next to deliver, and one past the last queued (arrays are reused, never shrunk by `length`). */
  head = 0;
  tail = 0;
  busyUntilMs = 0;
  lastArrivalMs = 0;
  event: EventHandle | null = null;
  eventPeriodic = true;
  deliverLabel: NetEventLabel | null = null;
  deliverFn: (() => void) | null = null;
  /** Held by a partition: what is queued is delivered when the link heals (TCP retransmission). */
  stalled = false;
}

class Socket<M> implements SocketEnd<M> {
  open = true;
  peer!: Socket<M>;
  /** Messages from this end to the peer. */
  readonly out = new Direction<M>();
  onMessage: (msg: M) => void = () => {};
  onClose: (reason: string) => void = () => {};

  constructor(
    private readonly net: Network<M>,
    readonly id: number,
    readonly localPort: number,
    readonly remotePort: number,
    /** The link this socket runs over (settings may change while it is open). */
    readonly link: LinkState,
  ) {}

  /** The peer closed gracefully: writes go nowhere until we learn of the close. */
  discardOutput = false;
  /** This end's host died: it sends nothing more, and its peer learns only when the host is back. */
  hostDead = false;

  send(msg: M, bytes: number, periodic = false): void {
    if (!this.open || this.discardOutput) return;
    this.net.transmit(this, msg, bytes, periodic);
  }

  close(reason = 'connection closed by peer'): void {
    if (!this.open) return;
    this.net.closePair(this, reason, true);
  }

  /** @internal */
  get peerEnd(): Socket<M> {
    return this.peer;
  }

  drainedAtMs(): number {
    return Math.max(this.out.busyUntilMs, this.net.scheduler.now);
  }

  forEachInFlight(visit: (msg: M, arrivesAtMs: number) => void): void {
    const dir = this.out;
    for (let i = dir.head; i < dir.tail; i++) visit(dir.queue[i], dir.arrivals[i]);
  }
}

/**
 * One end of a connection whose other end is outside the world (serve mode: a real TCP peer).
 * What the world writes goes straight to `write` (the outside encodes and sends it); what the
 * outside sends arrives through `deliver`, at whatever virtual time the outside chose to record.
 */
export class ExternalEnd<M> implements SocketEnd<M> {
  open = true;
  onMessage: (msg: M) => void = () => {};
  onClose: (reason: string) => void = () => {};

  constructor(
    private readonly scheduler: Scheduler,
    readonly id: number,
    readonly localPort: number,
    readonly remotePort: number,
    /** Called for each message the world writes, in order. */
    private readonly write: (msg: M, bytes: number) => void,
    /** Called once when the world closes this end (the outside then closes its socket). */
    private readonly closed: (reason: string) => void,
  ) {}

  send(msg: M, bytes: number): void {
    if (this.open) this.write(msg, bytes);
  }

  close(reason = 'connection closed'): void {
    if (!this.open) return;
    this.open = false;
    this.closed(reason);
  }

  /** The outside's side is already written: nothing waits behind it in the world. */
  drainedAtMs(): number {
    return this.scheduler.now;
  }

  /** Nothing is in flight inside the world: what the world writes leaves it at once. */
  forEachInFlight(): void {}

  /** A message from the outside. */
  deliver(msg: M): void {
    if (this.open) this.onMessage(msg);
  }

  /** The outside closed its socket. */
  hangup(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.onClose(reason);
  }
}

/**
 * Connects to ports nobody in the world listens on (serve mode: a real server on that port).
 * Returns false to refuse at once; otherwise it calls `done` later with a connected end or null.
 */
export type ExternalDialer<M> = (
  from: number,
  to: number,
  done: (sock: SocketEnd<M> | null, error?: string) => void,
) => boolean;

/** The one name of the link between two ports, whichever order they come in: `6380-6381`. */
export function linkKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** The network of one world. All timing goes through the world's scheduler. */
export class Network<M = unknown> {
  private readonly links = new Map<string, LinkState>();
  private readonly listeners = new Map<number, (sock: SocketEnd<M>) => void>();
  private readonly sockets = new Set<Socket<M>>();
  private nextSocketId = 1;
  private dialer: ExternalDialer<M> | null = null;
  /** Ports whose host is down (`hostDown`): connects to them get no answer. */
  private readonly downHosts = new Set<number>();
  /** Waiting for a partition to heal or a host to come back: held deliveries, FINs and SYNs. */
  private waiting: Array<{ a: number; b: number; resume: () => void }> = [];

  constructor(readonly scheduler: Scheduler) {}

  /** Let connects to unknown ports leave the world (serve mode); null to stop. */
  setExternalDialer(dialer: ExternalDialer<M> | null): void {
    this.dialer = dialer;
  }

  /** A socket id for an end the outside owns (ExternalEnd), from the same counter. */
  allocSocketId(): number {
    return this.nextSocketId++;
  }

  /** The link between two ports, created with default settings on first use. */
  link(a: number, b: number): LinkState {
    const key = linkKey(a, b);
    let l = this.links.get(key);
    if (!l) {
      l = {
        a: Math.min(a, b),
        b: Math.max(a, b),
        latencyMs: DEFAULT_LATENCY_MS,
        bandwidthBytesPerSec: DEFAULT_BANDWIDTH_BYTES_PER_SEC,
        dropped: false,
      };
      this.links.set(key, l);
    }
    return l;
  }

  /** Links that were ever used or configured, sorted by ports. */
  allLinks(): LinkState[] {
    return [...this.links.values()].sort((x, y) => x.a - y.a || x.b - y.b);
  }

  setLatency(a: number, b: number, ms: number): void {
    this.link(a, b).latencyMs = Math.max(0, ms);
  }

  setBandwidth(a: number, b: number, bytesPerSec: number): void {
    this.link(a, b).bandwidthBytesPerSec = Math.max(1, bytesPerSec);
  }

  /**
   * A silent partition between a and b: nothing crosses it either way, but no end is told. Open
   * sockets stay open (their bytes wait), connects get no answer, until `heal`.
   */
  partition(a: number, b: number): void {
    this.link(a, b).dropped = true;
  }

  /** Reset every connection between a and b: both ends learn at once, what was in flight is lost. */
  reset(a: number, b: number, reason = 'Connection reset by peer'): number {
    let n = 0;
    for (const s of [...this.sockets]) {
      if (!s.open) continue;
      if ((s.localPort === a && s.remotePort === b) || (s.localPort === b && s.remotePort === a)) {
        this.closePair(s, reason, false);
        n++;
      }
    }
    return n;
  }

  /** Heal every partition: held bytes, closes and connects go on (after the link's latency). */
  heal(): void {
    for (const l of this.links.values()) l.dropped = false;
    this.resumeWaiting();
  }

  isDropped(a: number, b: number): boolean {
    return this.links.get(linkKey(a, b))?.dropped ?? false;
  }

  /** Whether a and b can exchange packets now (no partition, both hosts up). */
  private reachable(a: number, b: number): boolean {
    return !this.isDropped(a, b) && !this.downHosts.has(a) && !this.downHosts.has(b);
  }

  /** Run what waited on partitions or dead hosts that are now passable. */
  private resumeWaiting(): void {
    const still: typeof this.waiting = [];
    const ready: Array<() => void> = [];
    for (const w of this.waiting) {
      if (this.reachable(w.a, w.b)) ready.push(w.resume);
      else still.push(w);
    }
    this.waiting = still;
    for (const r of ready) r();
  }

  /**
   * The host of `port` dies: every socket it had stops sending (bytes not yet delivered are lost)
   * and reading; its peers are not told. Connects to it get no answer until `hostUp`.
   */
  hostDown(port: number): void {
    this.downHosts.add(port);
    this.unlisten(port);
    for (const s of [...this.sockets]) {
      if (!s.open || s.localPort !== port) continue;
      s.open = false;
      s.hostDead = true;
      this.sockets.delete(s);
      this.killDirection(s);
    }
  }

  /**
   * The host of `port` is back (rebooted, nothing listening yet). A peer still holding a connection
   * to the dead host learns now: its next packet is answered with a reset.
   */
  hostUp(port: number): void {
    if (!this.downHosts.delete(port)) return;
    for (const s of [...this.sockets]) {
      if (s.open && s.remotePort === port && s.peer.hostDead) {
        this.kill(s);
        s.onClose('Connection reset by peer');
      }
    }
    this.resumeWaiting();
  }

  isHostDown(port: number): boolean {
    return this.downHosts.has(port);
  }

  listen(port: number, accept: (sock: SocketEnd<M>) => void): void {
    this.listeners.set(port, accept);
  }

  unlisten(port: number): void {
    this.listeners.delete(port);
  }

  isListening(port: number): boolean {
    return this.listeners.has(port);
  }

  /**
   * Close every socket with an end on `port`: abruptly when the process crashed, gracefully when
   * it exited (data already written still arrives).
   */
  closeAllOf(port: number, reason: string, graceful = false): void {
    for (const s of [...this.sockets]) {
      if (s.open && s.localPort === port) this.closePair(s, reason, graceful);
    }
  }

  /**
   * Open a connection from `from` to `to`. After one round trip, `done` gets the client end, or
   * null and "Connection refused" when nobody listens on `to`. Across a partition, or to a dead
   * host, the SYN gets no answer: the attempt waits (the caller's own timeout cancels it) and goes
   * on when the way is clear again, as a retransmitted SYN would.
   */
  connect(
    from: number,
    to: number,
    done: (sock: SocketEnd<M> | null, error?: string) => void,
    periodic = false,
  ): EventHandle {
    const rtt = 2 * this.link(from, to).latencyMs;
    const label: NetEventLabel = { kind: 'connect', from, to };
    const attempt = {
      cancelled: false,
      event: null as EventHandle | null,
      cancel() {
        this.cancelled = true;
        this.event?.cancel();
      },
      get info() {
        return this.event!.info;
      },
    };
    const arrive = (): void => {
      if (attempt.cancelled) return;
      if (!this.reachable(from, to)) {
        this.waiting.push({ a: from, b: to, resume: () => !attempt.cancelled && (attempt.event = this.scheduler.after(rtt, label, arrive, periodic)) });
        return;
      }
      const accept = this.listeners.get(to);
      if (!accept) {
        // Serve mode: a port nobody simulates may be a real server on this machine.
        if (this.dialer !== null && this.dialer(from, to, done)) return;
        done(null, 'Connection refused');
        return;
      }
      const link = this.link(from, to);
      const client = new Socket<M>(this, this.nextSocketId++, from, to, link);
      const server = new Socket<M>(this, this.nextSocketId++, to, from, link);
      client.peer = server;
      server.peer = client;
      this.sockets.add(client);
      this.sockets.add(server);
      accept(server);
      done(client);
    };
    attempt.event = this.scheduler.after(rtt, label, arrive, periodic);
    return attempt;
  }

  /** @internal Queue a message on `from`'s outgoing direction. */
  transmit(from: Socket<M>, msg: M, bytes: number, periodic: boolean): void {
    const link = from.link;
    const now = this.scheduler.now;
    const dir = from.out;
    const start = dir.busyUntilMs > now ? dir.busyUntilMs : now;
    dir.busyUntilMs = start + (bytes * 1000) / link.bandwidthBytesPerSec;
    // Rounded to whole ms so that many small writes share one delivery event; FIFO is kept because
    // arrival times never decrease.
    let atMs = Math.round(dir.busyUntilMs + link.latencyMs);
    if (atMs < dir.lastArrivalMs) atMs = dir.lastArrivalMs;
    dir.lastArrivalMs = atMs;
    const i = dir.tail++;
    dir.queue[i] = msg;
    dir.arrivals[i] = atMs;
    dir.periodics[i] = periodic;
    if (dir.event === null) {
      this.scheduleDelivery(from, atMs, periodic);
    } else if (dir.eventPeriodic && !periodic && atMs <= dir.event.info.atMs) {
      // A real message joins a heartbeat-only batch: the batch now counts as pending work.
      dir.event.cancel();
      this.scheduleDelivery(from, dir.event.info.atMs, false);
    }
  }

  private scheduleDelivery(from: Socket<M>, atMs: number, periodic: boolean): void {
    const dir = from.out;
    dir.eventPeriodic = periodic;
    // The label and the callback are the same for every delivery of a direction: build them once.
    if (dir.deliverFn === null) {
      dir.deliverLabel = { kind: 'deliver', from: from.localPort, to: from.remotePort };
      dir.deliverFn = () => this.deliver(from);
    }
    dir.event = this.scheduler.at(atMs, dir.deliverLabel!, dir.deliverFn, periodic);
  }

  private deliver(from: Socket<M>): void {
    const dir = from.out;
    dir.event = null;
    const now = this.scheduler.now;
    const to = from.peer;
    if (!to.open) {
      // Nobody reads at the other end any more (its process exited or its host died): the bytes go nowhere.
      this.killDirection(from);
      return;
    }
    // The socket's own link object and an empty host set: no key built on this hot path.
    if (from.link.dropped || (this.downHosts.size > 0 && !this.reachable(from.localPort, from.remotePort))) {
      this.stall(from);
      return;
    }
    while (dir.head < dir.tail && to.open) {
      if (dir.arrivals[dir.head] > now) break;
      const msg = dir.queue[dir.head];
      dir.queue[dir.head] = undefined as M; // let the message be collected
      dir.head++;
      to.onMessage(msg);
    }
    if (dir.event !== null || dir.tail === 0) return;
    if (dir.head >= dir.tail) {
      dir.head = 0;
      dir.tail = 0;
      return;
    }
    if (dir.head > 1024 && dir.head * 2 > dir.tail) {
      // A plain loop: Array.prototype.copyWithin takes V8's slow generic path.
      const { queue, arrivals, periodics } = dir;
      const n = dir.tail - dir.head;
      for (let i = 0, j = dir.head; i < n; i++, j++) {
        queue[i] = queue[j];
        arrivals[i] = arrivals[j];
        periodics[i] = periodics[j];
        queue[j] = undefined as M;
      }
      dir.tail = n;
      dir.head = 0;
    }
    const nextAt = dir.arrivals[dir.head];
    let periodic = true;
    for (let i = dir.head; i < dir.tail && dir.arrivals[i] === nextAt; i++) {
      if (!dir.periodics[i]) {
        periodic = false;
        break;
      }
    }
    this.scheduleDelivery(from, nextAt, periodic);
  }

  /**
   * Hold `from`'s queued bytes until the partition heals; then they arrive in order, one latency
   * after the heal at the earliest (TCP retransmits what was never acknowledged).
   */
  private stall(from: Socket<M>): void {
    const dir = from.out;
    if (dir.stalled) return;
    dir.stalled = true;
    this.waiting.push({
      a: from.localPort,
      b: from.remotePort,
      resume: () => {
        dir.stalled = false;
        if (!from.open && !from.peer.open) return;
        if (dir.head >= dir.tail || dir.event !== null) return;
        const earliest = Math.round(this.scheduler.now + from.link.latencyMs);
        for (let i = dir.head; i < dir.tail; i++) if (dir.arrivals[i] < earliest) dir.arrivals[i] = earliest;
        if (dir.lastArrivalMs < earliest) dir.lastArrivalMs = earliest;
        this.scheduleDelivery(from, dir.arrivals[dir.head], dir.periodics[dir.head]);
      },
    });
  }

  /**
   * Close a connection. Abrupt (a fault: link drop, crash): both ends learn now and everything in
   * flight is lost. Graceful (the program closed `s`, or shut down): `s` stops at once, the bytes
   * it already wrote still arrive, then the peer sees the close (TCP's FIN after the data).
   */
  closePair(s: Socket<M>, reason: string, graceful: boolean): void {
    const peer = s.peer;
    if (!graceful) {
      for (const end of [s, peer]) this.kill(end);
      s.onClose(reason);
      peer.onClose(reason);
      return;
    }
    // Nothing more reaches `s`; what `s` wrote is still on its way.
    s.open = false;
    this.sockets.delete(s);
    this.killDirection(peer);
    peer.discardOutput = true;
    const atMs = Math.max(this.scheduler.now + this.link(s.localPort, s.remotePort).latencyMs, s.out.lastArrivalMs);
    const label: NetEventLabel = { kind: 'close', from: s.localPort, to: s.remotePort };
    const finish = (): void => {
      // A partition holds the data and the FIN alike: both go on when it heals.
      if (!this.reachable(s.localPort, s.remotePort)) {
        this.waiting.push({ a: s.localPort, b: s.remotePort, resume: () => this.scheduler.after(s.link.latencyMs, label, finish) });
        return;
      }
      // Deliver whatever is still queued, then the close.
      const dir = s.out;
      if (dir.event) dir.event.cancel();
      dir.event = null;
      while (dir.head < dir.tail && peer.open) peer.onMessage(dir.queue[dir.head++]);
      this.kill(s);
      if (!peer.open) return;
      this.kill(peer);
      peer.onClose(reason);
    };
    this.scheduler.at(atMs, label, finish);
    s.onClose(reason);
  }

  private kill(end: Socket<M>): void {
    end.open = false;
    this.sockets.delete(end);
    this.killDirection(end);
  }

  private killDirection(end: Socket<M>): void {
    if (end.out.event) end.out.event.cancel();
    end.out.event = null;
    end.out.queue = [];
    end.out.arrivals = [];
    end.out.periodics = [];
    end.out.head = 0;
    end.out.tail = 0;
  }
}
