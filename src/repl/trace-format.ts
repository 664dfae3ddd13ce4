/**
 * One readable line per trace event (`6380 → 6381  +FULLRESYNC 3f2a… 0`), for batch `--trace`
 * and the TUI's timeline: what a teacher would say at each step of replication.c's work, in English
 * or Chinese (wire text, commands and numbers stay verbatim in both).
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

/** The languages a trace line can be written in. */
export type TraceLang = 'en' | 'zh';

/**
 * The event as one line, without its time (the timeline prints the time in its own column).
 * English by default: batch `--trace` output does not change with the learner's language.
 */
export function formatTrace(e: TraceEvent, lang: TraceLang = 'en'): string {
  return lang === 'zh' ? formatTraceZh(e) : formatTraceEn(e);
}

function formatTraceEn(e: TraceEvent): string {
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
  return unknownEvent(e);
}

/** A variant added to trace.ts after this file: show its type and fields rather than nothing. */
function unknownEvent(e: TraceEvent): string {
  const { t: _t, seq: _seq, type, ...rest } = e as TraceEvent & Record<string, unknown>;
  return `${type} ${JSON.stringify(rest)}`;
}

/**
 * The engine's reasons (for a full resync, a dropped link) in Chinese; a reason not listed here is
 * shown as the engine wrote it. Redis's own words (PSYNC, second_repl_offset, REPLICAOF) stay.
 */
const zhReasons: ReadonlyArray<[RegExp, string]> = [
  [/^replica asked for a full resync \(PSYNC \? -1\)$/, '从库请求全量同步（PSYNC ? -1）'],
  [/^offset (-?\d+) is past second_repl_offset (-?\d+)$/, '偏移量 $1 超过了 second_repl_offset $2'],
  [/^replication id mismatch \(replica asked (\S+), mine is (\S+)\)$/, 'replication ID 不一致（从库请求 $1，主库的是 $2）'],
  [/^no backlog$/, '没有复制积压缓冲区'],
  [/^offset (-?\d+) is outside the backlog \((\d+)\.\.(\d+)\)$/, '偏移量 $1 已不在复制积压缓冲区内（$2..$3）'],
  [/^SYNC always means a full resync$/, 'SYNC 总是意味着全量同步'],
  [/^full resync$/, '全量同步'],
  [/^attached to the BGSAVE in progress$/, '复用正在进行的 BGSAVE'],
  [/^connection closed$/, '连接已关闭'],
  [/^client closed$/, '客户端已关闭'],
  [/^MASTER timeout: no data nor PING received$/, '主库超时：既没有收到数据也没有收到 PING'],
  [/^Timeout connecting to the MASTER$/, '连接主库超时'],
  [/^Timeout receiving bulk data from MASTER$/, '接收主库的 RDB 数据超时'],
  [/^Disconnecting timedout replica \(streaming sync\)$/, '断开超时的从库（命令传播阶段）'],
  [/^REPLICAOF changed the master$/, 'REPLICAOF 换了主库'],
  [/^master became replica$/, '主库变成了从库'],
  [/^master changed role$/, '主库的角色变了'],
  [/^master replication id changed$/, '主库的 replication ID 变了'],
  [/^replica is loading a new dataset$/, '从库正在载入新的数据集'],
];

function zhReason(reason: string): string {
  for (const [re, zh] of zhReasons) if (re.test(reason)) return reason.replace(re, zh);
  return reason;
}

/** The Chinese line: the seed's terms (全量同步, 部分重同步, 复制积压缓冲区, 从库, 主库, 偏移量, 命令传播). */
function formatTraceZh(e: TraceEvent): string {
  switch (e.type) {
    case 'server.start':
      return e.fromRdb ? `${e.port} 已启动，从 dump.rdb 载入了 ${e.loadedKeys} 个键` : `${e.port} 已启动`;
    case 'server.shutdown':
      return `${e.port} 已关闭${e.saved ? '（已保存 dump.rdb）' : ''}`;
    case 'server.crash':
      return `${e.port} 崩溃了（进程被杀，什么都没保存）`;
    case 'server.pause':
      return `${e.port} 已暂停（冻结：不读取也不回复任何东西）`;
    case 'server.resume':
      return `${e.port} 恢复运行`;
    case 'link.fault':
      switch (e.fault) {
        case 'drop':
          return `链路 ${e.a} ↔ ${e.b} 断开`;
        case 'heal':
          return e.a === 0 && e.b === 0 ? '所有链路已恢复' : `链路 ${e.a} ↔ ${e.b} 已恢复`;
        case 'latency':
          return `链路 ${e.a} ↔ ${e.b} 时延 ${e.value ?? 0} ms`;
        case 'bandwidth':
          return `链路 ${e.a} ↔ ${e.b} 带宽 ${e.value ?? 0} 字节/秒`;
      }
      return `链路 ${e.a} ↔ ${e.b} ${e.fault}`;
    case 'config.set':
    case 'command':
    case 'handshake.send':
    case 'handshake.reply':
    case 'ack.send':
      // Wire text and typed commands read the same in any language.
      return formatTraceEn(e);
    case 'repl.state':
      return `${e.port} 到主库 ${e.masterPort} 的复制连接：${e.state}${e.reason ? `（${zhReason(e.reason)}）` : ''}`;
    case 'link.down':
      return `${e.replica} 与主库 ${e.master} 的连接断开（${zhReason(e.reason)}）`;
    case 'psync.fullresync':
      return `${e.master} 对从库 ${e.replica} 执行全量同步：+FULLRESYNC ${shortId(e.replid)} ${e.offset}（${zhReason(e.reason)}）`;
    case 'psync.continue':
      return `${e.master} 对从库 ${e.replica} 执行部分重同步：+CONTINUE，从偏移量 ${e.fromOffset} 开始，补发复制积压缓冲区中的 ${e.bytes} 字节`;
    case 'sync.legacy':
      return `${e.master} 收到从库 ${e.replica} 的旧式 SYNC（全量同步，没有偏移量）`;
    case 'replica.state':
      return `${e.master} 上从库 ${e.replica} 的状态变为 ${e.state}`;
    case 'bgsave.start':
      return `${e.port} 开始 BGSAVE（${e.keys} 个键${e.forReplication ? '，为复制而做' : ''}）`;
    case 'bgsave.end':
      return `${e.port} BGSAVE 完成：${e.keys} 个键，${e.bytes} 字节`;
    case 'rdb.transfer.start':
      return `RDB ${e.master}→${e.replica} 开始传输：共 ${e.total} 字节${e.diskless ? '（无盘复制）' : ''}`;
    case 'rdb.chunk.sent':
      return `RDB 分块 ${e.master}→${e.replica} 已发送 ${e.offset + e.size}/${e.total} 字节`;
    case 'rdb.chunk.received':
      return `RDB 分块 ${e.master}→${e.replica} 已接收 ${e.offset + e.size}/${e.total} 字节`;
    case 'replica.flush':
      return `${e.port} 清空旧数据（${e.keys} 个键）`;
    case 'replica.load.start':
      return `${e.port} 开始载入 RDB（${e.bytes} 字节）`;
    case 'replica.load.end':
      return `${e.port} 载入 RDB 完成：${e.keys} 个键`;
    case 'buffer.append':
      return `${e.master} 为从库 ${e.replica} 缓冲写命令：${printableArgv(e.argv)}（待发送 ${e.pending} 条）`;
    case 'buffer.send':
      return `${e.master} → ${e.replica}  发送缓冲的 ${printableArgv(e.argv)}（${e.bytes} 字节）`;
    case 'buffer.apply':
      return `${e.replica} 执行缓冲的 ${printableArgv(e.argv)}（偏移量 ${e.offset}）`;
    case 'propagate': {
      const to = e.replicas.length > 0 ? ` → ${e.replicas.join(', ')}` : '（只写入复制积压缓冲区）';
      return `${e.master} 命令传播 ${printableArgv(e.argv)}${to}（+${e.bytes} B，偏移量 ${e.offset}）`;
    }
    case 'stream.apply':
      return `${e.replica} 执行来自 ${e.master} 的 ${printableArgv(e.argv)}（偏移量 ${e.offset}）`;
    case 'backlog.create':
      return `${e.port} 创建复制积压缓冲区，replid ${shortId(e.replid)}，首字节偏移量 ${e.firstByteOffset}`;
    case 'backlog.trim':
      return `${e.port} 复制积压缓冲区被裁剪：首字节偏移量 ${e.firstByteOffset}，保留 ${e.histlen} 字节`;
    case 'replid.change':
      return /^0+$/.test(e.replid2)
        ? `${e.port} 换用新的 replid ${shortId(e.replid)}（没有第二个 ID）`
        : `${e.port} 换用新的 replid ${shortId(e.replid)}，replid2 ${shortId(e.replid2)} 有效至偏移量 ${e.secondReplOffset}`;
    case 'ping.send':
      return `${e.master} 向从库发送 PING（偏移量 ${e.offset}）`;
    case 'ack.recv':
      return `${e.master} 收到 ${e.replica} 的 ACK ${e.offset}`;
    case 'getack.send':
      return `${e.master} → 从库  REPLCONF GETACK *（偏移量 ${e.offset}）`;
    case 'wait.block':
      return `${e.port} WAIT 阻塞，等待 ${e.numreplicas} 个从库确认偏移量 ${e.offset}${e.timeoutMs > 0 ? `（超时 ${e.timeoutMs} ms）` : ''}`;
    case 'wait.done':
      return `${e.port} WAIT 返回 ${e.acked}${e.timedOut ? '（已超时）' : ''}`;
    case 'write.refused':
      return `${e.port} 拒绝执行 ${printableArgv(e.argv)}：${bytesToUtf8(e.error)}`;
  }
  return unknownEvent(e);
}

/** `[  1.203s] …`: the event with its virtual time, for batch `--trace`. */
export function formatTraceLine(e: TraceEvent, lang: TraceLang = 'en'): string {
  return `[${(e.t / 1000).toFixed(3).padStart(8)}s] ${formatTrace(e, lang)}`;
}
