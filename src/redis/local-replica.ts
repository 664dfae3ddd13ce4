/**
 * The socket of a redis-cli that typed SYNC or PSYNC at its prompt (redis-cli.c slaveMode): the
 * master treats that client as a replica and writes the replication protocol to it — the
 * +FULLRESYNC line, keepalive newlines, the RDB, then the command stream — which redis-cli reads
 * and prints. Writes are handed to the reader at once (a loopback with no delay).
 */

import type { SocketEnd } from '../sim/network.js';
import type { WireMessage } from './wire.js';

export class LocalReplicaSocket implements SocketEnd<WireMessage> {
  readonly id = -1;
  open = true;
  onMessage: (msg: WireMessage) => void = () => {};
  onClose: (reason: string) => void = () => {};

  constructor(
    readonly localPort: number,
    /** The client's own (ephemeral) port: what the master sees as the replica's address. */
    readonly remotePort: number,
    private readonly reader: (msg: WireMessage) => void,
    private readonly now: () => number,
  ) {}

  send(msg: WireMessage): void {
    if (this.open) this.reader(msg);
  }

  close(): void {
    this.open = false;
  }

  drainedAtMs(): number {
    return this.now();
  }

  /** Nothing is ever in flight: every write is read at once. */
  forEachInFlight(): void {}
}
