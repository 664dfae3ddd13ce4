/**
 * Client requests from bytes, as Redis 7.0's networking.c reads them (processInputBuffer,
 * processInlineBuffer, processMultibulkBuffer): RESP multibulk and inline commands, pipelining,
 * arguments split across reads, proto-max-bulk-len, client-query-buffer-limit, and the exact
 * `ERR Protocol error: …` replies after which the connection is closed.
 */

import { splitArgBytes } from '../repl/split-args.js';

/** PROTO_INLINE_MAX_SIZE: an inline command, or a count line, longer than this is refused. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
const INT_MAX = 2147483647;

export type ParsedRequest =
  /** A command with the bytes it occupied (for net_input_bytes and the record). */
  | { kind: 'command'; argv: string[]; bytes: number }
  /** A protocol error: reply `-<text>` and close the connection after it. */
  | { kind: 'protocol-error'; text: string }
  /** client-query-buffer-limit exceeded: close at once, no reply. */
  | { kind: 'close'; reason: string };

/** What the parser must know about the client, read at each command (AUTH may change it mid-buffer). */
export interface ParserContext {
  protoMaxBulkLen(): number;
  queryBufferLimit(): number;
  /** requirepass set and not authenticated yet: stricter count limits. */
  authRequired(): boolean;
}

/**
 * string2ll(): a whole signed 64-bit decimal with no sign but '-', no leading zeros, no spaces.
 * Returns null when Redis would refuse it.
 */
export function string2ll(s: string): number | null {
  if (s.length === 0 || s.length >= 21) return null;
  if (s === '0') return 0;
  // The common case, a short positive count: digits only, no leading zero, exact in a double.
  if (s.length < 16) {
    let v = 0;
    let i = 0;
    let neg = false;
    if (s.charCodeAt(0) === 45) {
      neg = true;
      i = 1;
      if (s.length === 1) return null;
    }
    const first = s.charCodeAt(i);
    if (first < 49 || first > 57) return null;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      v = v * 10 + (c - 48);
    }
    return neg ? -v : v;
  }
  if (!/^-?[1-9][0-9]*$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  // Beyond 2^53 only the comparisons with the limits matter: keep the sign and the size.
  return Number(v);
}

/**
 * string2ll() of the bytes buf[start, end), without making a string of the common case: a short
 * count line (`*3`, `$16`), read byte by byte with the same rules.
 */
function countAt(buf: Buffer, start: number, end: number): number | null {
  const len = end - start;
  if (len === 0 || len >= 16) return string2ll(buf.toString('latin1', start, end));
  let i = start;
  let neg = false;
  if (buf[i] === 45) {
    if (len === 1) return null;
    neg = true;
    i++;
  }
  const first = buf[i];
  if (first === 48 && !neg && len === 1) return 0;
  if (first < 49 || first > 57) return null;
  let v = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
  }
  return neg ? -v : v;
}

/** Buffer's own latin1 decoder, without toString()'s argument checks (it is on Buffer.prototype since Node 0.x). */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * buf[pos, pos + len) as a byte string. Up to 8 bytes are read here (a value like `1` or `xxx`:
 * one-character strings even come from V8's cache), longer ones by the Buffer's own decoder.
 */
function latin1(buf: Buffer, pos: number, len: number): string {
  switch (len) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(buf[pos]);
    case 2:
      return String.fromCharCode(buf[pos], buf[pos + 1]);
    case 3:
      return String.fromCharCode(buf[pos], buf[pos + 1], buf[pos + 2]);
    case 4:
      return String.fromCharCode(buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3]);
    case 5:
      return String.fromCharCode(buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3], buf[pos + 4]);
    case 6:
      return String.fromCharCode(buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3], buf[pos + 4], buf[pos + 5]);
    case 7:
      return String.fromCharCode(buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3], buf[pos + 4], buf[pos + 5], buf[pos + 6]);
    case 8:
      return String.fromCharCode(buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3], buf[pos + 4], buf[pos + 5], buf[pos + 6], buf[pos + 7]);
    default:
      return (buf as Latin1Buffer).latin1Slice(pos, pos + len);
  }
}

/** Arguments longer than this are not compared with the previous command's name. */
const NAME_MAX = 24;

/** strchr(buf + pos, '\r') on a C string: a NUL byte before the '\r' hides it. */
function findCr(buf: Buffer, pos: number): number {
  // A count line is a few bytes: look at them here, before asking indexOf (a native call) to scan.
  const near = Math.min(buf.length, pos + 24);
  for (let i = pos; i < near; i++) {
    const c = buf[i];
    if (c === 13) return i;
    if (c === 0) return -1;
  }
  const cr = buf.indexOf(13, pos);
  if (cr < 0) return -1;
  // Only the bytes before the '\r' matter (a count line: a few bytes).
  for (let i = pos; i < cr; i++) if (buf[i] === 0) return -1;
  return cr;
}

/** One client's query buffer and the command being read. */
export class RequestParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Multibulk state: arguments still to read (0 = at a command boundary), and the current bulk's length. */
  private multibulklen = 0;
  private bulklen = -1;
  private argv: string[] = [];
  /** Arguments of the command being read so far (argv is allocated at its final size). */
  private argc = 0;
  /**
   * The previous command's name: a pipeline repeats it, and the same string object serves again
   * (one allocation less per command, and processCommand's lookup cache compares it by identity).
   */
  private lastName = '';
  private commandStart = 0;
  /** Bytes of the command being read that were consumed from earlier buffers. */
  private carried = 0;
  private dead = false;
  /** proto-max-bulk-len for the command being read (null: not read yet). */
  private maxBulk: number | null = null;

  /**
   * Append what one read returned and hand every complete request to `emit`, in order. Returns
   * false once the connection must close (a protocol error or the query buffer limit); after that
   * nothing more is parsed.
   */
  feed(chunk: Buffer, ctx: ParserContext, emit: (r: ParsedRequest) => void): boolean {
    if (this.dead) return false;
    if (this.pos >= this.buf.length) {
      this.buf = chunk;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    }
    this.carried += this.commandStart <= this.pos ? this.pos - this.commandStart : 0;
    this.commandStart = 0;
    this.pos = 0;
    if (this.buf.length > 1024 * 1024 && this.buf.length > ctx.queryBufferLimit()) {
      this.dead = true;
      emit({ kind: 'close', reason: 'max query buffer length' });
      return false;
    }
    while (this.pos < this.buf.length) {
      if (this.multibulklen === 0 && this.bulklen === -1) {
        this.commandStart = this.pos;
        this.carried = 0;
      }
      const isMultibulk = this.multibulklen > 0 || this.buf[this.commandStart] === 42; // '*'
      const r = isMultibulk ? this.multibulk(ctx) : this.inline();
      if (r === 'wait') break;
      if (typeof r === 'object') {
        this.dead = true;
        emit(r);
        return false;
      }
      if (r === 'done') this.maxBulk = null;
      if (r === 'done' && this.argv.length > 0) {
        const argv = this.argv;
        this.argv = [];
        emit({ kind: 'command', argv, bytes: this.carried + this.pos - this.commandStart });
      }
      this.argv = [];
    }
    return true;
  }

  /** processInlineBuffer(): one line, split like sdssplitargs. */
  private inline(): 'done' | 'wait' | ParsedRequest {
    const buf = this.buf;
    const nl = buf.indexOf(10, this.pos); // '\n'
    if (nl < 0) {
      if (buf.length - this.pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big inline request');
      return 'wait';
    }
    let end = nl;
    if (nl !== this.pos && buf[nl - 1] === 13) end = nl - 1;
    // sdssplitargs reads a C string: a NUL byte ends the line's arguments.
    const nul = buf.indexOf(0, this.pos);
    const line = buf.toString('latin1', this.pos, nul >= 0 && nul < end ? nul : end);
    const argv = splitArgBytes(line);
    if (argv === null) return protocolError('unbalanced quotes in request');
    this.pos = nl + 1;
    this.argv = argv;
    return 'done';
  }

  /** processMultibulkBuffer(): `*<n>\r\n` then n × `$<len>\r\n<bytes>\r\n`. */
  private multibulk(ctx: ParserContext): 'done' | 'wait' | ParsedRequest {
    const buf = this.buf;
    if (this.multibulklen === 0) {
      const cr = findCr(buf, this.pos);
      if (cr < 0) {
        if (buf.length - this.pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big mbulk count string');
        return 'wait';
      }
      if (cr + 1 >= buf.length) return 'wait'; // the '\n' has not arrived
      const ll = countAt(buf, this.pos + 1, cr);
      if (ll === null || ll > INT_MAX) return protocolError('invalid multibulk length');
      if (ll > 10 && ctx.authRequired()) return protocolError('unauthenticated multibulk length');
      this.pos = cr + 2;
      if (ll <= 0) return 'done'; // `*0` and `*-1` are skipped
      this.multibulklen = ll;
      // Sized once, as Redis sizes c->argv (at most 1024 slots ahead: the count is the client's word).
      this.argv = new Array<string>(Math.min(ll, 1024));
      this.argc = 0;
    }
    while (this.multibulklen > 0) {
      if (this.bulklen === -1) {
        const cr = findCr(buf, this.pos);
        if (cr < 0) {
          if (buf.length - this.pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big bulk count string');
          return 'wait';
        }
        if (cr + 1 >= buf.length) return 'wait';
        if (buf[this.pos] !== 36) {
          // '$' expected; Redis prints the byte it found as a character.
          return protocolError(`expected '$', got '${String.fromCharCode(buf[this.pos])}'`);
        }
        const ll = countAt(buf, this.pos + 1, cr);
        // proto-max-bulk-len read once per command: a CONFIG SET earlier in the same read still counts.
        if (ll !== null && ll >= 0 && this.maxBulk === null) this.maxBulk = ctx.protoMaxBulkLen();
        if (ll === null || ll < 0 || ll > this.maxBulk!) return protocolError('invalid bulk length');
        if (ll > 16384 && ctx.authRequired()) return protocolError('unauthenticated bulk length');
        this.pos = cr + 2;
        this.bulklen = ll;
      }
      // The two bytes after the argument are skipped unchecked, as Redis does.
      if (buf.length - this.pos < this.bulklen + 2) return 'wait';
      const i = this.argc++;
      this.argv[i] = i === 0 ? this.name(buf, this.pos, this.bulklen) : latin1(buf, this.pos, this.bulklen);
      this.pos += this.bulklen + 2;
      this.bulklen = -1;
      this.multibulklen--;
    }
    return 'done';
  }

  /** The command name at buf[pos, pos + len): the previous command's string when the bytes are the same. */
  private name(buf: Buffer, pos: number, len: number): string {
    const last = this.lastName;
    if (len === last.length && len <= NAME_MAX) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (buf[pos + i] !== last.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return last;
    }
    const s = latin1(buf, pos, len);
    if (len <= NAME_MAX) this.lastName = s;
    return s;
  }

  /** Bytes received and not yet parsed into a command (CLIENT LIST's qbuf). */
  get pending(): number {
    return this.buf.length - this.pos;
  }
}

function protocolError(what: string): ParsedRequest {
  return { kind: 'protocol-error', text: `ERR Protocol error: ${what}` };
}
