/**
 * Simulated TCP between ports: links with latency, bandwidth and faults, and FIFO sockets over them.
 * Knows nothing about Redis: a message is any value plus the byte count it occupies on the wire.
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
}

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

  constructor(readonly scheduler: Scheduler) {}

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

  /** Cut the link: every socket between a and b closes at once on both ends; connects fail until heal. */
  drop(a: number, b: number): void {
    this.link(a, b).dropped = true;
    for (const s of [...this.sockets]) {
      if (!s.open) continue;
      if ((s.localPort === a && s.remotePort === b) || (s.localPort === b && s.remotePort === a)) {
        this.closePair(s, 'link dropped', false);
      }
    }
  }

  /** Restore every dropped link. */
  heal(): void {
    for (const l of this.links.values()) l.dropped = false;
  }

  isDropped(a: number, b: number): boolean {
    return this.links.get(linkKey(a, b))?.dropped ?? false;
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
   * null and "Connection refused" when nobody listens on `to` or the link is dropped.
   */
  connect(
    from: number,
    to: number,
    done: (sock: SocketEnd<M> | null, error?: string) => void,
    periodic = false,
  ): EventHandle {
    const rtt = 2 * this.link(from, to).latencyMs;
    const label: NetEventLabel = { kind: 'connect', from, to };
    return this.scheduler.after(
      rtt,
      label,
      () => {
        const accept = this.listeners.get(to);
        if (!accept || this.link(from, to).dropped) {
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
      },
      periodic,
    );
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
    this.scheduler.at(atMs, label, () => {
      // Deliver whatever is still queued, then the close.
      const dir = s.out;
      if (dir.event) dir.event.cancel();
      dir.event = null;
      while (dir.head < dir.tail && peer.open) peer.onMessage(dir.queue[dir.head++]);
      this.kill(s);
      if (!peer.open) return;
      this.kill(peer);
      peer.onClose(reason);
    });
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
