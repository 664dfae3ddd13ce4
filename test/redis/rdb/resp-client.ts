/** A minimal RESP2 client for the interop test: one command at a time over a loopback socket. */
import { connect, type Socket } from 'node:net';

export type RespValue = string | number | null | RespValue[] | Error;

/** Parse one reply from buf at pos; returns [value, nextPos] or null when more bytes are needed. */
function parse(buf: Buffer, pos: number): [RespValue, number] | null {
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return null;
  const line = buf.toString('latin1', pos + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[pos])) {
    case '+':
      return [line, next];
    case '-':
      return [new Error(line), next];
    case ':':
      return [Number(line), next];
    case '$': {
      const n = Number(line);
      if (n < 0) return [null, next];
      if (buf.length < next + n + 2) return null;
      return [buf.toString('latin1', next, next + n), next + n + 2];
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return [null, next];
      const items: RespValue[] = [];
      let p = next;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (r === null) return null;
        items.push(r[0]);
        p = r[1];
      }
      return [items, p];
    }
    default:
      throw new Error(`bad RESP type byte ${buf[pos]}`);
  }
}

export class RespClient {
  private buf = Buffer.alloc(0);
  private waiting: ((v: RespValue) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.drain();
    });
  }

  static open(port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RespClient(socket)));
      socket.once('error', reject);
    });
  }

  private drain(): void {
    if (!this.waiting) return;
    const r = parse(this.buf, 0);
    if (r === null) return;
    this.buf = this.buf.subarray(r[1]);
    const done = this.waiting;
    this.waiting = null;
    done(r[0]);
  }

  /** Send one command (arguments are byte strings) and wait for its reply. */
  call(...argv: string[]): Promise<RespValue> {
    let out = `*${argv.length}\r\n`;
    for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(Buffer.from(out, 'latin1'));
      this.drain();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
