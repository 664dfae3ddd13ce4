/**
 * A TCP relay standing between one real replica and its real master, so that link faults can be
 * made real, the way the engine's network makes them (src/sim/network.ts):
 * - blackholed (`:drop`, a silent partition): nothing crosses either way and no end is told;
 *   bytes and closes are held and go on when it heals (as TCP retransmits them); new connections
 *   are accepted but hear nothing, so a replica's handshake times out instead of being refused;
 * - reset (`:reset`): every relayed connection is reset (RST) on both ends at once;
 * - host down (`:crash` of either end): blackholed until that host is back, then the connections
 *   that outlived it are reset, as a rebooted host answers a stale connection.
 * - slowed (`:latency`, `:bandwidth`): each chunk waits behind the earlier ones at the link's rate,
 *   then the one-way latency, in order, as the engine's network paces its messages.
 * Closes otherwise pass through in order after the data (a killed process's kernel sends what was
 * written, then FIN). The relay refuses connections (does not listen) while the master process is
 * down, so the replica sees "Connection refused" as it would connecting directly.
 */

import net from 'node:net';

/** One relayed connection: the replica's side, the master's side, and what a partition holds back. */
/** One direction's pacing: when its last byte leaves, when its last chunk arrives (ms, Date.now()). */
interface Pace {
  busyUntil: number;
  lastAt: number;
}

interface Pair {
  down: net.Socket;
  up: net.Socket;
  paceUp: Pace;
  paceDown: Pace;
  /** Held while blackholed: bytes (Buffer) or a close (null), per direction. */
  toUp: Array<Buffer | null>;
  toDown: Array<Buffer | null>;
}

export class LinkProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<Pair>();
  /** The link is partitioned (`:drop`). */
  dropped = false;
  /** A host at one end is down (`:crash`): blackholed like a partition until it is back. */
  hostDown = false;
  /** The master process is running (or paused, or its host is down: the port stays "taken"). */
  masterUp = false;
  /** One-way delay added to every chunk (`:latency`), 0 for none. */
  latencyMs = 0;
  /** Bytes per second each way (`:bandwidth`), 0 for unlimited. */
  bytesPerSec = 0;

  /**
   * @param replica scenario port of the replica that connects through this relay
   * @param master scenario port of the master it relays to
   * @param listenPort the relay's own real port (what the replica is told in REPLICAOF)
   * @param masterRealPort the master's real port
   */
  constructor(
    readonly replica: number,
    readonly master: number,
    readonly listenPort: number,
    private readonly masterRealPort: number,
  ) {}

  private get blackholed(): boolean {
    return this.dropped || this.hostDown;
  }

  /** Listen iff the master is up (or unreachable: a dead host never refuses); flush on heal. */
  async refresh(): Promise<void> {
    const shouldListen = this.masterUp || this.hostDown;
    if (shouldListen && !this.server) await this.listen();
    if (!shouldListen && this.server) await this.stopListening();
    if (!this.blackholed) for (const p of this.pairs) this.flush(p);
  }

  /** `:reset`, or a host back after a crash: RST every relayed connection on both ends. */
  resetConnections(): void {
    for (const p of this.pairs) {
      p.down.resetAndDestroy();
      p.up.resetAndDestroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    for (const p of this.pairs) {
      p.down.destroy();
      p.up.destroy();
    }
    this.pairs.clear();
    await this.stopListening();
  }

  private listen(): Promise<void> {
    const server = net.createServer((down) => this.relay(down));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Send what a partition held, in order (a held close ends that direction). */
  private flush(p: Pair): void {
    for (const [queue, to] of [
      [p.toUp, p.up],
      [p.toDown, p.down],
    ] as const) {
      while (queue.length > 0) {
        const chunk = queue.shift()!;
        if (chunk === null) to.end();
        else if (!to.destroyed) to.write(chunk);
      }
    }
  }

  /** Write `chunk` (null: end) to `to` now, or after the link's rate and latency, in order. */
  private paced(pace: Pace, to: net.Socket, chunk: Buffer | null): void {
    const write = (): void => {
      if (chunk === null) to.end();
      else if (!to.destroyed) to.write(chunk);
    };
    if (this.latencyMs === 0 && this.bytesPerSec === 0 && pace.lastAt <= Date.now()) return write();
    const now = Date.now();
    const bytes = chunk === null ? 0 : chunk.length;
    pace.busyUntil = Math.max(pace.busyUntil, now) + (this.bytesPerSec > 0 ? (bytes * 1000) / this.bytesPerSec : 0);
    const at = Math.max(pace.busyUntil + this.latencyMs, pace.lastAt);
    pace.lastAt = at;
    setTimeout(write, at - now);
  }

  private relay(down: net.Socket): void {
    down.setNoDelay(true);
    // Connecting upstream at once even when blackholed: the master's side only hears bytes on heal.
    const up = net.connect({ host: '127.0.0.1', port: this.masterRealPort });
    up.setNoDelay(true);
    const p: Pair = { down, up, paceUp: { busyUntil: 0, lastAt: 0 }, paceDown: { busyUntil: 0, lastAt: 0 }, toUp: [], toDown: [] };
    this.pairs.add(p);
    const forward = (queue: Array<Buffer | null>, to: net.Socket, pace: Pace) => (chunk: Buffer | null) => {
      if (this.blackholed || queue.length > 0) queue.push(chunk);
      else this.paced(pace, to, chunk);
    };
    const toUp = forward(p.toUp, up, p.paceUp);
    const toDown = forward(p.toDown, down, p.paceDown);
    down.on('data', (c: Buffer) => toUp(c));
    up.on('data', (c: Buffer) => toDown(c));
    down.on('end', () => toUp(null));
    up.on('end', () => toDown(null));
    const gone = (): void => {
      // A reset on one side: the other side gets one too (unless a partition swallows it).
      if (this.blackholed) return;
      this.pairs.delete(p);
      down.destroy();
      up.destroy();
    };
    down.on('error', gone);
    up.on('error', gone);
    const closed = (): void => {
      if (down.destroyed && up.destroyed) this.pairs.delete(p);
    };
    down.on('close', closed);
    up.on('close', closed);
  }
}
