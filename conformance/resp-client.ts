/**
 * A small RESP2 client over node:net, the way an interactive redis-cli talks to one server: one
 * persistent connection, commands answered in order. Strings are byte strings (see bytes.ts).
 */

import net from 'node:net';
import type { Reply } from '../src/redis/reply.js';
import { RespParser, encodeCommand } from '../src/redis/resp.js';

/** Why a connection could not be opened, worded like redis-cli ("Connection refused"). */
export class ConnectError extends Error {}

/** One open connection to a server. Replies come back in command order. */
export class RespConnection {
  private readonly parser = new RespParser();
  private readonly waiting: Array<(r: Reply | null) => void> = [];
  private closedFlag = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      let replies: Reply[];
      try {
        replies = this.parser.feed(chunk.toString('latin1'));
      } catch {
        socket.destroy();
        return;
      }
      for (const r of replies) this.waiting.shift()?.(r);
    });
    const onGone = (): void => {
      this.closedFlag = true;
      // A command still waiting when the server goes away gets null (SHUTDOWN, a crash).
      for (const w of this.waiting.splice(0)) w(null);
    };
    socket.on('close', onGone);
    socket.on('error', () => socket.destroy());
  }

  /** Connect to host:port; rejects with a ConnectError whose message is redis-cli's reason. */
  static open(host: string, port: number, timeoutMs = 3000): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectError('Connection timed out'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new RespConnection(socket));
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ConnectError(err.code === 'ECONNREFUSED' ? 'Connection refused' : err.message));
      });
    });
  }

  /** True once the server closed the connection or `close()` was called. */
  get closed(): boolean {
    return this.closedFlag || this.socket.destroyed;
  }

  /** Send argv (byte strings) and wait for its reply; null when the connection closes first. */
  send(argv: readonly string[]): Promise<Reply | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(Buffer.from(encodeCommand(argv), 'latin1'));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
