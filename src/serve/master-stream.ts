/**
 * What a real master writes to its replica, from bytes into the engine's WireMessages (the replica
 * side of replication.c: readSyncBulkPayload and the master client's input): handshake replies,
 * `\n` keepalives, the RDB (`$<len>` or diskless `$EOF:<mark>`) chunk by chunk as it arrives, then
 * the command stream with each command's exact size, which is what moves the replica's offset.
 */

import type { WireMessage } from '../redis/wire.js';

const EOF_MARK_SIZE = 40;

type State =
  | { s: 'lines' }
  | { s: 'rdb'; total: number; read: number }
  | { s: 'rdb-eof'; mark: string; read: number }
  | { s: 'stream' };

/** Parses one master connection. Feed it every read; it emits messages in order. */
export class MasterStreamParser {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = { s: 'lines' };
  private dead = false;

  /** Returns false after bytes no replica could accept (the link must be closed). */
  feed(chunk: Buffer, emit: (msg: WireMessage) => void): boolean {
    if (this.dead) return false;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      const before = this.buf.length;
      const st = this.state;
      if (st.s === 'lines') this.lines(emit);
      else if (st.s === 'rdb') this.rdb(st, emit);
      else if (st.s === 'rdb-eof') this.rdbEof(st, emit);
      else this.stream(emit);
      if (this.dead) return false;
      if (this.buf.length === before || this.buf.length === 0) return true;
    }
  }

  /** Handshake replies, keepalives and the RDB's bulk header. */
  private lines(emit: (msg: WireMessage) => void): void {
    const buf = this.buf;
    if (buf.length === 0) return;
    if (buf[0] === 10) {
      // The master's keepalive while it prepares the RDB.
      this.buf = buf.subarray(1);
      emit({ k: 'newline' });
      return;
    }
    const nl = buf.indexOf(10);
    if (nl < 0) return;
    const line = buf.toString('latin1', 0, nl > 0 && buf[nl - 1] === 13 ? nl - 1 : nl);
    this.buf = buf.subarray(nl + 1);
    const kind = line[0];
    if (kind === '+') {
      const text = line.slice(1);
      emit({ k: 'reply', reply: { kind: 'status', text } });
      if (text.startsWith('CONTINUE')) this.state = { s: 'stream' };
    } else if (kind === '-') {
      emit({ k: 'reply', reply: { kind: 'error', text: line.slice(1) } });
    } else if (kind === ':') {
      emit({ k: 'reply', reply: { kind: 'integer', value: Number(line.slice(1)) } });
    } else if (kind === '$' && line.startsWith('$EOF:') && line.length === 5 + EOF_MARK_SIZE) {
      const mark = line.slice(5);
      emit({ k: 'bulk', total: 0, eofMark: mark });
      this.state = { s: 'rdb-eof', mark, read: 0 };
    } else if (kind === '$' && /^\$\d+$/.test(line)) {
      const total = Number(line.slice(1));
      emit({ k: 'bulk', total, eofMark: null });
      this.state = { s: 'rdb', total, read: 0 };
      if (total === 0) this.endRdb(emit, new Uint8Array(0), 0);
    } else {
      this.dead = true;
    }
  }

  private endRdb(emit: (msg: WireMessage) => void, data: Uint8Array, offset: number): void {
    emit({ k: 'chunk', data, offset, last: true });
    this.state = { s: 'stream' };
  }

  /** `$<len>`: exactly len bytes, passed on as they come. */
  private rdb(st: { total: number; read: number }, emit: (msg: WireMessage) => void): void {
    const take = Math.min(this.buf.length, st.total - st.read);
    if (take === 0) return;
    const data = new Uint8Array(this.buf.subarray(0, take));
    this.buf = this.buf.subarray(take);
    const offset = st.read;
    st.read += take;
    if (st.read === st.total) this.endRdb(emit, data, offset);
    else emit({ k: 'chunk', data, offset, last: false });
  }

  /** `$EOF:<mark>`: bytes until the 40-byte mark; the last 40 bytes seen are held back until we know. */
  private rdbEof(st: { mark: string; read: number }, emit: (msg: WireMessage) => void): void {
    const buf = this.buf;
    const markAt = buf.indexOf(st.mark, 0, 'latin1');
    if (markAt >= 0) {
      const data = new Uint8Array(buf.subarray(0, markAt));
      this.buf = buf.subarray(markAt + EOF_MARK_SIZE);
      const offset = st.read;
      st.read += data.length;
      this.endRdb(emit, data, offset);
      return;
    }
    const safe = buf.length - (EOF_MARK_SIZE - 1);
    if (safe <= 0) return;
    const data = new Uint8Array(buf.subarray(0, safe));
    this.buf = buf.subarray(safe);
    emit({ k: 'chunk', data, offset: st.read, last: false });
    st.read += safe;
  }

  /** The replication stream: multibulk commands (and `\n` keepalives, which count for nothing). */
  private stream(emit: (msg: WireMessage) => void): void {
    let buf = this.buf;
    let pos = 0;
    while (pos < buf.length) {
      if (buf[pos] === 10) {
        pos++;
        continue;
      }
      if (buf[pos] !== 42) {
        this.dead = true; // a master only ever sends multibulk commands here
        break;
      }
      const start = pos;
      let p = pos;
      const cr = buf.indexOf(13, p);
      if (cr < 0 || cr + 1 >= buf.length) break;
      const n = Number(buf.toString('latin1', p + 1, cr));
      p = cr + 2;
      const argv: string[] = [];
      let complete = true;
      for (let i = 0; i < n; i++) {
        const c2 = buf.indexOf(13, p);
        if (c2 < 0 || c2 + 1 >= buf.length) {
          complete = false;
          break;
        }
        const len = Number(buf.toString('latin1', p + 1, c2));
        p = c2 + 2;
        if (buf.length - p < len + 2) {
          complete = false;
          break;
        }
        argv.push(buf.toString('latin1', p, p + len));
        p += len + 2;
      }
      if (!complete) break;
      pos = p;
      emit({ k: 'cmd', argv, bytes: p - start });
    }
    buf = buf.subarray(pos);
    this.buf = buf;
  }
}
