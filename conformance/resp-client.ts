/**
 * A small RESP2 client over node:net, the way an interactive redis-cli talks to one server: one
 * persistent connection, commands answered in order. Strings are byte strings (see bytes.ts).
 */

import net from 'node:net';
import type { Reply } from '../src/redis/reply.js';
import { encodeCommand } from '../src/redis/resp.js';

/** Thrown by the parser when the bytes are not RESP2 (a protocol error ends the connection). */
export class RespProtocolError extends Error {}

type Parsed = { reply: Reply; end: number } | null;

/**
 * An incremental RESP2 reply parser: feed it bytes as they arrive, take out complete replies.
 * Partial input stays buffered until the rest arrives.
 */
export class RespParser {
  private buf = '';

  /** Append received bytes (a Buffer, or a byte string) and return every reply now complete. */
  feed(chunk: Buffer | string): Reply[] {
    this.buf += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const replies: Reply[] = [];
    let pos = 0;
    for (;;) {
      const r = this.parseAt(pos);
      if (r === null) break;
      replies.push(r.reply);
      pos = r.end;
    }
    this.buf = this.buf.slice(pos);
    return replies;
  }

  /** Bytes received but not yet part of a complete reply. */
  get pendingBytes(): number {
    return this.buf.length;
  }

  private parseAt(pos: number): Parsed {
    const eol = this.buf.indexOf('\r\n', pos);
    if (eol < 0) return null;
    const type = this.buf[pos];
    const line = this.buf.slice(pos + 1, eol);
    const next = eol + 2;
    switch (type) {
      case '+':
        return { reply: { kind: 'status', text: line }, end: next };
      case '-':
        return { reply: { kind: 'error', text: line }, end: next };
      case ':':
        return { reply: { kind: 'integer', value: this.integer(line) }, end: next };
      case '$': {
        const len = this.integer(line);
        if (len < 0) return { reply: { kind: 'bulk', value: null }, end: next };
        if (this.buf.length < next + len + 2) return null;
        if (this.buf.slice(next + len, next + len + 2) !== '\r\n') {
          throw new RespProtocolError('bulk string not terminated by CRLF');
        }
        return { reply: { kind: 'bulk', value: this.buf.slice(next, next + len) }, end: next + len + 2 };
      }
      case '*': {
        const count = this.integer(line);
        if (count < 0) return { reply: { kind: 'array', items: null }, end: next };
        const items: Reply[] = [];
        let at = next;
        for (let i = 0; i < count; i++) {
          const item = this.parseAt(at);
          if (item === null) return null;
          items.push(item.reply);
          at = item.end;
        }
        return { reply: { kind: 'array', items }, end: at };
      }
      default:
        throw new RespProtocolError(`unexpected reply type byte ${JSON.stringify(type)}`);
    }
  }

  private integer(text: string): number {
    if (!/^-?\d+$/.test(text)) throw new RespProtocolError(`bad integer ${JSON.stringify(text)}`);
    return Number(text);
  }
}

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
        replies = this.parser.feed(chunk);
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
