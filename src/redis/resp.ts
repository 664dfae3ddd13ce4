/**
 * RESP2 on the wire (networking.c): encoding commands and replies, how many bytes they take, and
 * parsing replies back (what the conformance client and the tests read real and simulated servers with).
 */

import { OK, type Reply } from './reply.js';

/** Number of decimal digits of a non-negative integer. */
function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : String(n).length;
}

/**
 * Byte length of `argv` encoded as a RESP multibulk, without building the string.
 * Worked example: SET a 10 → "*3\r\n" (4) + "$3\r\nSET\r\n" (9) + "$1\r\na\r\n" (7) + "$2\r\n10\r\n" (8) = 28.
 */
export function respCommandLength(argv: readonly string[]): number {
  let n = 1 + digits(argv.length) + 2;
  for (const a of argv) n += 1 + digits(a.length) + 2 + a.length + 2;
  return n;
}

/** `argv` as a RESP multibulk byte string. */
export function encodeCommand(argv: readonly string[]): string {
  let s = `*${argv.length}\r\n`;
  for (const a of argv) s += `$${a.length}\r\n${a}\r\n`;
  return s;
}

/** The most frequent reply's bytes, made once. */
const OK_BYTES = '+OK\r\n';

/** A reply as RESP2 bytes. */
export function encodeReply(r: Reply): string {
  switch (r.kind) {
    case 'status':
      return r === OK ? OK_BYTES : `+${r.text}\r\n`;
    case 'error':
      return `-${r.text}\r\n`;
    case 'integer':
      return `:${r.value}\r\n`;
    case 'bulk':
      return r.value === null ? '$-1\r\n' : `$${r.value.length}\r\n${r.value}\r\n`;
    case 'array':
      return r.items === null
        ? '*-1\r\n'
        : `*${r.items.length}\r\n` + r.items.map(encodeReply).join('');
  }
}

/** Thrown by the parser when the bytes are not RESP2 (a protocol error ends the connection). */
export class RespProtocolError extends Error {}

type Parsed = { reply: Reply; end: number } | null;

/**
 * An incremental RESP2 reply parser: feed it bytes as they arrive, take out complete replies.
 * Partial input stays buffered until the rest arrives.
 */
export class RespParser {
  private buf = '';

  /** Append received bytes (a byte string: one char per byte) and return every reply now complete. */
  feed(chunk: string): Reply[] {
    this.buf += chunk;
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

/** Every reply in `bytes`, which must hold whole replies only (tests compare encoded output this way). */
export function parseReplies(bytes: string): Reply[] {
  const parser = new RespParser();
  const replies = parser.feed(bytes);
  if (parser.pendingBytes > 0) throw new RespProtocolError(`incomplete RESP: ${parser.pendingBytes} bytes left over`);
  return replies;
}
