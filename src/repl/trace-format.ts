/**
 * One readable line per trace event (`6380 → 6381  +FULLRESYNC 3f2a… 0`), for batch `--trace`
 * and the TUI's timeline: what a teacher would say at each step of replication.c's work.
 */

import { bytesToUtf8 } from '../redis/bytes.js';
import type { TraceEvent } from '../redis/trace.js';

/** An argument as a person reads it: UTF-8 decoded, double-quoted (redis-cli style) when needed. */
export function printableArg(arg: string): string {
  const text = bytesToUtf8(arg);
  // Quote empty strings, blanks, quotes, backslashes, control characters and invalid UTF-8.
  if (text !== '' && !/[\s"'\\\x00-\x1f\x7f\ufffd]/.test(text)) return text;
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** argv as a readable command line, long ones shortened (`SET k4 v4`). */
export function printableArgv(argv: readonly string[], maxChars = 80): string {
  const s = argv.map(printableArg).join(' ');
  return s.length > maxChars ? s.slice(0, maxChars - 1) + '…' : s;
}

/** A replication id shortened for a line: `3f2a9c…`. */
export function shortId(replid: string): string {
  return replid.length > 8 ? replid.slice(0, 6) + '…' : replid;
}

const arrow = (a: number, b: number) => `${a} → ${b}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The event as one line, without its time (the timeline prints the time in its own column). */
export function formatTrace(e: TraceEvent): string {
  switch (e.type) {
    case 'server.start':
      return e.fromRdb ? `${e.port} started, loaded ${plural(e.loadedKeys, 'key')} from dump.rdb` : `${e.port} started`;
    case 'server.shutdown':
      return `${e.port} shut down${e.saved ? ' (saved dump.rdb)' : ''}`;
    case 'server.crash':
      return `${e.port} crashed (killed, nothing saved)`;
    case 'server.pause':
      return `${e.port} paused (frozen: reads and answers nothing)`;
    case 'server.resume':
      return `${e.port} resumed`;
    case 'link.fault':
      switch (e.fault) {
        case 'drop':
          return `link ${e.a} ↔ ${e.b} dropped`;
        case 'heal':
          return e.a === 0 && e.b === 0 ? 'all links healed' : `link ${e.a} ↔ ${e.b} healed`;
        case 'latency':
          return `link ${e.a} ↔ ${e.b} latency ${e.value ?? 0} ms`;
        case 'bandwidth':
          return `link ${e.a} ↔ ${e.b} bandwidth ${e.value ?? 0} bytes/s`;
      }
      return `link ${e.a} ↔ ${e.b} ${e.fault}`;
    case 'config.set':
      return `${e.port} CONFIG SET ${e.name} ${printableArg(e.value)}`;
    case 'command':
      return `${e.port}${e.db !== 0 ? `[${e.db}]` : ''} > ${printableArgv(e.argv)}  → ${bytesToUtf8(e.reply)}`;
    case 'repl.state':
      return `${e.port} replica link to ${e.masterPort}: ${e.state}${e.reason ? ` (${e.reason})` : ''}`;
    case 'handshake.send':
      return `${arrow(e.from, e.to)}  ${printableArgv(e.argv)}`;
    case 'handshake.reply': {
      const full = /^\+FULLRESYNC (\S+) (\d+)/.exec(e.line);
      if (full) return `${arrow(e.from, e.to)}  +FULLRESYNC ${shortId(full[1])} ${full[2]}`;
      const cont = /^\+CONTINUE (\S+)/.exec(e.line);
      if (cont) return `${arrow(e.from, e.to)}  +CONTINUE ${shortId(cont[1])}`;
      return `${arrow(e.from, e.to)}  ${bytesToUtf8(e.line)}`;
    }
    case 'link.down':
      return `${e.replica} lost its link to master ${e.master} (${e.reason})`;
    case 'psync.fullresync':
      return `${e.master} full resync for ${e.replica}: +FULLRESYNC ${shortId(e.replid)} ${e.offset} (${e.reason})`;
    case 'psync.continue':
      return `${e.master} partial resync for ${e.replica}: +CONTINUE from offset ${e.fromOffset}, ${plural(e.bytes, 'byte')} of backlog`;
    case 'sync.legacy':
      return `${e.master} got a plain SYNC from ${e.replica} (full resync, no offsets)`;
    case 'replica.state':
      return `${e.master} sees replica ${e.replica} as ${e.state}`;
    case 'bgsave.start':
      return `${e.port} BGSAVE started (${plural(e.keys, 'key')}${e.forReplication ? ', for replication' : ''})`;
    case 'bgsave.end':
      return `${e.port} BGSAVE done: ${plural(e.keys, 'key')}, ${plural(e.bytes, 'byte')}`;
    case 'rdb.transfer.start':
      return `RDB ${e.master}→${e.replica} transfer starts: ${plural(e.total, 'byte')}${e.diskless ? ' (diskless)' : ''}`;
    case 'rdb.chunk.sent':
      return `RDB chunk ${e.master}→${e.replica} ${e.offset + e.size}/${e.total} bytes sent`;
    case 'rdb.chunk.received':
      return `RDB chunk ${e.master}→${e.replica} ${e.offset + e.size}/${e.total} bytes received`;
    case 'replica.flush':
      return `${e.port} flushes its old data (${plural(e.keys, 'key')})`;
    case 'replica.load.start':
      return `${e.port} loading the RDB (${plural(e.bytes, 'byte')})`;
    case 'replica.load.end':
      return `${e.port} loaded the RDB: ${plural(e.keys, 'key')}`;
    case 'buffer.append':
      return `${e.master} buffered for ${e.replica}: ${printableArgv(e.argv)} (pending ${e.pending})`;
    case 'buffer.send':
      return `${e.master} → ${e.replica}  buffered ${printableArgv(e.argv)} (${plural(e.bytes, 'byte')})`;
    case 'buffer.apply':
      return `${e.replica} applied buffered ${printableArgv(e.argv)} (offset ${e.offset})`;
    case 'propagate': {
      const to = e.replicas.length > 0 ? ` → ${e.replicas.join(', ')}` : ' (backlog only)';
      return `${e.master} propagates ${printableArgv(e.argv)}${to} (+${e.bytes} B, offset ${e.offset})`;
    }
    case 'stream.apply':
      return `${e.replica} applied ${printableArgv(e.argv)} from ${e.master} (offset ${e.offset})`;
    case 'backlog.create':
      return `${e.port} created its backlog, replid ${shortId(e.replid)}, first byte ${e.firstByteOffset}`;
    case 'backlog.trim':
      return `${e.port} backlog trimmed: first byte ${e.firstByteOffset}, ${plural(e.histlen, 'byte')} kept`;
    case 'replid.change':
      // A cleared replid2 is forty zeros with second_repl_offset -1: no history to offer PSYNC.
      return /^0+$/.test(e.replid2)
        ? `${e.port} new replid ${shortId(e.replid)} (no secondary id)`
        : `${e.port} new replid ${shortId(e.replid)}, replid2 ${shortId(e.replid2)} valid up to offset ${e.secondReplOffset}`;
    case 'ping.send':
      return `${e.master} PINGs its replicas (offset ${e.offset})`;
    case 'ack.send':
      return `${arrow(e.replica, e.master)}  REPLCONF ACK ${e.offset}`;
    case 'ack.recv':
      return `${e.master} got ACK ${e.offset} from ${e.replica}`;
    case 'getack.send':
      return `${e.master} → replicas  REPLCONF GETACK * (offset ${e.offset})`;
    case 'wait.block':
      return `${e.port} WAIT blocks for ${plural(e.numreplicas, 'replica')} at offset ${e.offset}${e.timeoutMs > 0 ? ` (timeout ${e.timeoutMs} ms)` : ''}`;
    case 'wait.done':
      return `${e.port} WAIT answers ${e.acked}${e.timedOut ? ' (timed out)' : ''}`;
    case 'write.refused':
      return `${e.port} refused ${printableArgv(e.argv)}: ${bytesToUtf8(e.error)}`;
  }
  // A variant added to trace.ts after this file: show its type and fields rather than nothing.
  const { t: _t, seq: _seq, type, ...rest } = e as TraceEvent & Record<string, unknown>;
  return `${type} ${JSON.stringify(rest)}`;
}

/** `[  1.203s] …`: the event with its virtual time, for batch `--trace`. */
export function formatTraceLine(e: TraceEvent): string {
  return `[${(e.t / 1000).toFixed(3).padStart(8)}s] ${formatTrace(e)}`;
}
