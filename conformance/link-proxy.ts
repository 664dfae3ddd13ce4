/**
 * A TCP relay standing between one real replica and its real master, so that `:drop A B` can cut
 * the replication link honestly, the way the engine's network does (src/sim/network.ts drop()):
 * every connection between the two closes at once on both ends, and new connections are refused
 * (the relay stops listening) until `:heal`. The relay also refuses connections while the master
 * process is down, so the replica sees "Connection refused" as it would connecting directly.
 */

import net from 'node:net';

export class LinkProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  /** The link is cut (`:drop`). */
  dropped = false;
  /** The master process is running (or paused: a frozen process still has its listening socket). */
  masterUp = false;

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

  /** Listen iff the link is healthy and the master is up; otherwise refuse (not listening). */
  async refresh(): Promise<void> {
    const shouldListen = !this.dropped && this.masterUp;
    if (shouldListen && !this.server) await this.listen();
    if (!shouldListen && this.server) await this.stopListening();
  }

  /** Cut every relayed connection now, on both ends. */
  cutConnections(): void {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cutConnections();
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

  private relay(down: net.Socket): void {
    down.setNoDelay(true);
    const up = net.connect({ host: '127.0.0.1', port: this.masterRealPort });
    up.setNoDelay(true);
    const pair: [net.Socket, net.Socket] = [down, up];
    this.pairs.add(pair);
    const end = (): void => {
      this.pairs.delete(pair);
      down.destroy();
      up.destroy();
    };
    down.pipe(up);
    up.pipe(down);
    for (const s of pair) {
      s.on('error', end);
      s.on('close', end);
    }
  }
}
