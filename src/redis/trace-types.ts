/**
 * One row per trace type: how the events pane colours it, whether it is a heartbeat, its line in
 * English and 中文 (what a teacher would say at that step of replication.c's work), and its phrase
 * and sentence for lesson goals. The events pane, batch `--trace` and goals all read this table;
 * adding a type to trace.ts without a row here does not compile.
 */

import type { Language, Localized } from '../language.js';
import { bytesToUtf8 } from './bytes.js';
import type { TraceBody, TraceType } from './trace.js';

/** What an event is about, for its colour on the events pane (the UI's palette names these). */
export type TraceTone = 'buffer' | 'linkSync' | 'linkHandshake' | 'dead' | 'paused' | 'accent';

/** A trace body of one type. */
export type TraceBodyOf<K extends TraceType> = Extract<TraceBody, { type: K }>;

export interface TraceTypeRow<K extends TraceType> {
  /** The colour role of its line; none for plain state changes. */
  tone?: TraceTone;
  /** A heartbeat (PING, ACK): shown dim, and revealed without delay by the animation. */
  heartbeat?: true;
  /** The event as one line, without its time. Wire text, commands and numbers read the same in both. */
  line: Record<Language, (e: TraceBodyOf<K>) => string>;
  /** The type in prose, for a `trace` goal: "a BGSAVE started". */
  phrase: Localized;
  /**
   * A goal sentence naming the nodes, used when the goal's `where` gives every `{field}`
   * (argv as text): "{port} started a BGSAVE".
   */
  sentence?: Localized;
}

/** An argument as a person reads it: UTF-8 decoded, double-quoted (redis-cli style) when needed. */
export function printableArg(arg: string): string {
  const text = bytesToUtf8(arg);
  // Quote empty strings, blanks, quotes, backslashes, control characters and invalid UTF-8.
  // eslint-disable-next-line no-control-regex
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

/**
 * The engine's reasons (for a full resync, a dropped link or socket) in Chinese; a reason not
 * listed here is shown as the engine wrote it. Redis's own words (PSYNC, second_repl_offset,
 * REPLICAOF) and the system's error text (Connection refused) stay.
 */
export const ZH_REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^replica asked for a full resync \(PSYNC \? -1\)$/, '从库请求全量同步（PSYNC ? -1）'],
  [/^offset (-?\d+) is past second_repl_offset (-?\d+)$/, '偏移量 $1 超过了 second_repl_offset $2'],
  [/^replication id mismatch \(replica asked (\S+), mine is (\S+)\)$/, 'replication ID 不一致（从库请求 $1，主库的是 $2）'],
  [/^no backlog$/, '没有复制积压缓冲区'],
  [/^offset (-?\d+) is outside the backlog \((\d+)\.\.(\d+)\)$/, '偏移量 $1 已不在复制积压缓冲区内（$2..$3）'],
  [/^SYNC always means a full resync$/, 'SYNC 总是意味着全量同步'],
  [/^full resync$/, '全量同步'],
  [/^attached to the BGSAVE in progress$/, '复用正在进行的 BGSAVE'],
  [/^connection closed$/, '连接已关闭'],
  [/^Connection reset by peer$/, '连接被对端重置'],
  [/^connection closed by peer$/, '连接被对方关闭'],
  [/^connection reset$/, '连接被重置'],
  [/^link dropped$/, '链路断开'],
  [/^server shutdown$/, '服务器已关闭'],
  [/^client closed$/, '客户端已关闭'],
  [/^replica closed the link$/, '从库关闭了连接'],
  [/^stale connection$/, '过时的连接'],
  [/^CLIENT KILL$/, '被 CLIENT KILL 断开'],
  [/^REPLICAOF NO ONE$/, 'REPLICAOF NO ONE：不再复制'],
  [/^scheduled to be closed ASAP for overcoming of output buffer limits$/, '输出缓冲区超出限制，连接将被尽快关闭'],
  [/^MASTER timeout: no data nor PING received$/, '主库超时：既没有收到数据也没有收到 PING'],
  [/^Timeout connecting to the MASTER$/, '连接主库超时'],
  [/^Timeout receiving bulk data from MASTER$/, '接收主库的 RDB 数据超时'],
  [/^Disconnecting timedout replica \(streaming sync\)$/, '断开超时的从库（命令传播阶段）'],
  [/^Error condition on socket for SYNC: (.*)$/, 'SYNC 连接出错：$1'],
  [/^Error reply to PING from master: (.*)$/, '主库对 PING 回复了错误：$1'],
  [/^Master is currently unable to PSYNC but should be in the future: (.*)$/, '主库暂时无法执行 PSYNC，稍后会恢复：$1'],
  [/^MASTER aborted replication with an error: (.*)$/, '主库以错误中止了复制：$1'],
  [/^Failed trying to load the MASTER synchronization DB from disk: (.*)$/, '从磁盘载入主库的同步 RDB 失败：$1'],
  [/^REPLICAOF changed the master$/, 'REPLICAOF 换了主库'],
  [/^master became replica$/, '主库变成了从库'],
  [/^master changed role$/, '主库的角色变了'],
  [/^master replication id changed$/, '主库的 replication ID 变了'],
  [/^replica is loading a new dataset$/, '从库正在载入新的数据集'],
];

/** A reason in Chinese, or as the engine wrote it when the table has no row for it. */
export function zhReason(reason: string): string {
  for (const [re, zh] of ZH_REASONS) if (re.test(reason)) return reason.replace(re, zh);
  return reason;
}

/**
 * A `command` event's reply summary in Chinese: redis-cli's own words (`(integer) 1`, `(nil)`,
 * `(empty array)`, `(error) …`) stay as redis-cli prints them; the tutor's own shorthand does not.
 */
function zhReplySummary(reply: string): string {
  const arr = /^\(array of (\d+)\)$/.exec(reply);
  if (arr) return `（${arr[1]} 个元素的数组）`;
  if (reply === '(closed)') return '（连接已关闭）';
  return bytesToUtf8(reply);
}

// A real TCP client (serve mode) is named by its address: `6380 client 127.0.0.1:53122 > SET a 1`.
const commandPrompt = (e: TraceBodyOf<'command'>) =>
  `${e.port}${e.db !== 0 ? `[${e.db}]` : ''}${e.client ? ` client ${e.client}` : ''} > ${printableArgv(e.argv)}`;

/** A handshake reply as a line: replication ids shortened, the rest verbatim. */
function handshakeReplyLine(e: TraceBodyOf<'handshake.reply'>): string {
  const full = /^\+FULLRESYNC (\S+) (\d+)/.exec(e.line);
  if (full) return `${arrow(e.from, e.to)}  +FULLRESYNC ${shortId(full[1])} ${full[2]}`;
  const cont = /^\+CONTINUE (\S+)/.exec(e.line);
  if (cont) return `${arrow(e.from, e.to)}  +CONTINUE ${shortId(cont[1])}`;
  return `${arrow(e.from, e.to)}  ${bytesToUtf8(e.line)}`;
}

/** A line that reads the same in both languages (wire text, typed commands). */
function verbatim<K extends TraceType>(f: (e: TraceBodyOf<K>) => string): Record<Language, (e: TraceBodyOf<K>) => string> {
  return { en: f, zh: f };
}

/** A cleared replid2 is forty zeros with second_repl_offset -1: no history to offer PSYNC. */
const noReplid2 = (replid2: string) => /^0+$/.test(replid2);

/** The table. The Chinese lines use the seed's terms (全量同步, 部分重同步, 复制积压缓冲区, 从库, 主库, 偏移量, 命令传播). */
export const TRACE_TYPES_TABLE: { readonly [K in TraceType]: TraceTypeRow<K> } = {
  // Processes and faults
  'server.start': {
    line: {
      en: (e) => (e.fromRdb ? `${e.port} started, loaded ${plural(e.loadedKeys, 'key')} from dump.rdb` : `${e.port} started`),
      zh: (e) => (e.fromRdb ? `${e.port} 已启动，从 dump.rdb 载入了 ${e.loadedKeys} 个键` : `${e.port} 已启动`),
    },
    phrase: { en: 'a server started', zh: '一个服务器启动' },
  },
  'server.shutdown': {
    tone: 'dead',
    line: {
      en: (e) => `${e.port} shut down${e.saved ? ' (saved dump.rdb)' : ''}`,
      zh: (e) => `${e.port} 已关闭${e.saved ? '（已保存 dump.rdb）' : ''}`,
    },
    phrase: { en: 'a server shut down', zh: '一个服务器关闭' },
  },
  'server.crash': {
    tone: 'dead',
    line: {
      en: (e) => (e.host ? `${e.port}'s host crashed (nothing more leaves it)` : `${e.port} crashed (killed, nothing saved)`),
      zh: (e) => (e.host ? `${e.port} 所在的主机宕机了（什么都发不出去了）` : `${e.port} 崩溃了（进程被杀，什么都没保存）`),
    },
    phrase: { en: 'a server crashed', zh: '一个服务器崩溃' },
  },
  'server.pause': {
    tone: 'paused',
    line: {
      en: (e) => `${e.port} paused (frozen: reads and answers nothing)`,
      zh: (e) => `${e.port} 已暂停（冻结：不读取也不回复任何东西）`,
    },
    phrase: { en: 'a server was paused', zh: '一个服务器被暂停' },
  },
  'server.resume': {
    line: {
      en: (e) => `${e.port} resumed`,
      zh: (e) => `${e.port} 恢复运行`,
    },
    phrase: { en: 'a server resumed', zh: '一个服务器恢复运行' },
  },
  'link.fault': {
    tone: 'paused',
    line: {
      en: (e) => {
        switch (e.fault) {
          case 'drop':
            return `link ${e.a} ↔ ${e.b} dropped`;
          case 'reset':
            return `connections ${e.a} ↔ ${e.b} reset`;
          case 'heal':
            return e.a === 0 && e.b === 0 ? 'all links healed' : `link ${e.a} ↔ ${e.b} healed`;
          case 'latency':
            return `link ${e.a} ↔ ${e.b} latency ${e.value ?? 0} ms`;
          case 'bandwidth':
            return `link ${e.a} ↔ ${e.b} bandwidth ${e.value ?? 0} bytes/s`;
        }
        return `link ${e.a} ↔ ${e.b} ${e.fault}`;
      },
      zh: (e) => {
        switch (e.fault) {
          case 'drop':
            return `链路 ${e.a} ↔ ${e.b} 断开`;
          case 'reset':
            return `${e.a} ↔ ${e.b} 之间的连接被重置`;
          case 'heal':
            return e.a === 0 && e.b === 0 ? '所有链路已恢复' : `链路 ${e.a} ↔ ${e.b} 已恢复`;
          case 'latency':
            return `链路 ${e.a} ↔ ${e.b} 时延 ${e.value ?? 0} ms`;
          case 'bandwidth':
            return `链路 ${e.a} ↔ ${e.b} 带宽 ${e.value ?? 0} 字节/秒`;
        }
        return `链路 ${e.a} ↔ ${e.b} ${e.fault}`;
      },
    },
    phrase: { en: 'a network fault was set', zh: '设置了一次网络故障' },
  },
  'config.set': {
    line: verbatim((e) => `${e.port} CONFIG SET ${e.name} ${printableArg(e.value)}`),
    phrase: { en: 'a config value was set', zh: '修改了一项配置' },
  },
  // A command a client (a learner) ran
  command: {
    tone: 'accent',
    line: {
      en: (e) => `${commandPrompt(e)}  → ${bytesToUtf8(e.reply)}`,
      zh: (e) => `${commandPrompt(e)}  → ${zhReplySummary(e.reply)}`,
    },
    phrase: { en: 'a command was run', zh: '执行了一条命令' },
  },
  // Replica side: handshake and link
  'repl.state': {
    line: {
      en: (e) => `${e.port} replica link to ${e.masterPort}: ${e.state}${e.reason ? ` (${e.reason})` : ''}`,
      zh: (e) => `${e.port} 到主库 ${e.masterPort} 的复制连接：${e.state}${e.reason ? `（${zhReason(e.reason)}）` : ''}`,
    },
    phrase: { en: 'a replica changed link state', zh: '从库的复制连接状态发生变化' },
  },
  'handshake.send': {
    tone: 'linkHandshake',
    line: verbatim((e) => `${arrow(e.from, e.to)}  ${printableArgv(e.argv)}`),
    phrase: { en: 'a replica sent a handshake command', zh: '从库发送了握手命令' },
  },
  'handshake.reply': {
    tone: 'linkHandshake',
    line: verbatim(handshakeReplyLine),
    phrase: { en: 'the master answered a handshake command', zh: '主库回复了握手命令' },
  },
  'link.down': {
    tone: 'dead',
    line: {
      en: (e) => `${e.replica} lost its link to master ${e.master} (${e.reason})`,
      zh: (e) => `${e.replica} 与主库 ${e.master} 的连接断开（${zhReason(e.reason)}）`,
    },
    phrase: { en: 'a replication link went down', zh: '主从复制连接断开' },
    sentence: { en: 'the link from {replica} to {master} went down', zh: '{replica} 到 {master} 的复制连接断开' },
  },
  // Master side: PSYNC outcome
  'psync.fullresync': {
    tone: 'linkHandshake',
    line: {
      en: (e) => `${e.master} full resync for ${e.replica}: +FULLRESYNC ${shortId(e.replid)} ${e.offset} (${e.reason})`,
      zh: (e) => `${e.master} 对从库 ${e.replica} 执行全量同步：+FULLRESYNC ${shortId(e.replid)} ${e.offset}（${zhReason(e.reason)}）`,
    },
    phrase: { en: 'the master replied +FULLRESYNC', zh: '主库回复了 +FULLRESYNC' },
    sentence: { en: '{master} answered {replica} with +FULLRESYNC', zh: '{master} 向 {replica} 回复了 +FULLRESYNC' },
  },
  'psync.continue': {
    tone: 'linkHandshake',
    line: {
      en: (e) => `${e.master} partial resync for ${e.replica}: +CONTINUE from offset ${e.fromOffset}, ${plural(e.bytes, 'byte')} of backlog`,
      zh: (e) => `${e.master} 对从库 ${e.replica} 执行部分重同步：+CONTINUE，从偏移量 ${e.fromOffset} 开始，补发复制积压缓冲区中的 ${e.bytes} 字节`,
    },
    phrase: { en: 'the master replied +CONTINUE', zh: '主库回复了 +CONTINUE' },
    sentence: { en: '{master} answered {replica} with +CONTINUE', zh: '{master} 向 {replica} 回复了 +CONTINUE' },
  },
  'sync.legacy': {
    tone: 'linkHandshake',
    line: {
      en: (e) => `${e.master} got a plain SYNC from ${e.replica} (full resync, no offsets)`,
      zh: (e) => `${e.master} 收到从库 ${e.replica} 的旧式 SYNC（全量同步，没有偏移量）`,
    },
    phrase: { en: 'a replica connected with plain SYNC', zh: '从库用旧的 SYNC 命令连接' },
    sentence: { en: '{replica} connected to {master} with plain SYNC', zh: '{replica} 用旧的 SYNC 命令连接 {master}' },
  },
  'replica.state': {
    line: {
      en: (e) => `${e.master} sees replica ${e.replica} as ${e.state}`,
      zh: (e) => `${e.master} 上从库 ${e.replica} 的状态变为 ${e.state}`,
    },
    phrase: { en: 'the master moved a replica to a new state', zh: '主库上从库的状态发生变化' },
  },
  // BGSAVE and the RDB
  'bgsave.start': {
    tone: 'linkSync',
    line: {
      en: (e) => `${e.port} BGSAVE started (${plural(e.keys, 'key')}${e.forReplication ? ', for replication' : ''})`,
      zh: (e) => `${e.port} 开始 BGSAVE（${e.keys} 个键${e.forReplication ? '，为复制而做' : ''}）`,
    },
    phrase: { en: 'a BGSAVE started', zh: 'BGSAVE 开始' },
    sentence: { en: '{port} started a BGSAVE', zh: '{port} 开始执行 BGSAVE' },
  },
  'bgsave.end': {
    tone: 'linkSync',
    line: {
      en: (e) => `${e.port} BGSAVE done: ${plural(e.keys, 'key')}, ${plural(e.bytes, 'byte')}`,
      zh: (e) => `${e.port} BGSAVE 完成：${e.keys} 个键，${e.bytes} 字节`,
    },
    phrase: { en: 'a BGSAVE finished', zh: 'BGSAVE 完成' },
    sentence: { en: 'the BGSAVE on {port} finished', zh: '{port} 的 BGSAVE 完成' },
  },
  'rdb.transfer.start': {
    tone: 'linkSync',
    line: {
      en: (e) => `RDB ${e.master}→${e.replica} transfer starts: ${plural(e.total, 'byte')}${e.diskless ? ' (diskless)' : ''}`,
      zh: (e) => `RDB ${e.master}→${e.replica} 开始传输：共 ${e.total} 字节${e.diskless ? '（无盘复制）' : ''}`,
    },
    phrase: { en: 'an RDB transfer started', zh: '开始传输 RDB 文件' },
    sentence: { en: '{master} started sending an RDB to {replica}', zh: '{master} 开始向 {replica} 发送 RDB' },
  },
  'rdb.chunk.sent': {
    tone: 'linkSync',
    line: {
      en: (e) => `RDB chunk ${e.master}→${e.replica} ${e.offset + e.size}/${e.total} bytes sent`,
      zh: (e) => `RDB 分块 ${e.master}→${e.replica} 已发送 ${e.offset + e.size}/${e.total} 字节`,
    },
    phrase: { en: 'an RDB chunk was sent', zh: '发送了一块 RDB 数据' },
  },
  'rdb.chunk.received': {
    tone: 'linkSync',
    line: {
      // A real master's diskless RDB ($EOF:) has no size until its end mark: total 0.
      en: (e) => `RDB chunk ${e.master}→${e.replica} ${e.offset + e.size}${e.total > 0 ? `/${e.total}` : ''} bytes received`,
      zh: (e) => `RDB 分块 ${e.master}→${e.replica} 已接收 ${e.offset + e.size}${e.total > 0 ? `/${e.total}` : ''} 字节`,
    },
    phrase: { en: 'an RDB chunk was received', zh: '收到了一块 RDB 数据' },
    sentence: { en: '{replica} received a chunk of the RDB', zh: '{replica} 收到一块 RDB 数据' },
  },
  'replica.flush': {
    tone: 'linkSync',
    line: {
      en: (e) => `${e.port} flushes its old data (${plural(e.keys, 'key')})`,
      zh: (e) => `${e.port} 清空旧数据（${e.keys} 个键）`,
    },
    phrase: { en: 'a replica flushed its old data', zh: '从库清空了旧数据' },
  },
  'replica.load.start': {
    tone: 'linkSync',
    line: {
      en: (e) => `${e.port} loading the RDB (${plural(e.bytes, 'byte')})`,
      zh: (e) => `${e.port} 开始载入 RDB（${e.bytes} 字节）`,
    },
    phrase: { en: 'a replica started loading the RDB', zh: '从库开始载入 RDB' },
  },
  'replica.load.end': {
    tone: 'linkSync',
    line: {
      en: (e) => `${e.port} loaded the RDB: ${plural(e.keys, 'key')}`,
      zh: (e) => `${e.port} 载入 RDB 完成：${e.keys} 个键`,
    },
    phrase: { en: 'a replica finished loading the RDB', zh: '从库载入 RDB 完成' },
    sentence: { en: '{port} finished loading the RDB', zh: '{port} 载入 RDB 完成' },
  },
  // The replica's output buffer on the master during a full sync
  'buffer.append': {
    tone: 'buffer',
    line: {
      en: (e) => `${e.master} buffered for ${e.replica}: ${printableArgv(e.argv)} (pending ${e.pending})`,
      zh: (e) => `${e.master} 为从库 ${e.replica} 缓冲写命令：${printableArgv(e.argv)}（待发送 ${e.pending} 条）`,
    },
    phrase: { en: 'a write was buffered for a replica', zh: '一条写命令被记录到从库的缓冲区' },
    sentence: { en: '`{argv}` was buffered for {replica}', zh: '`{argv}` 被记录到 {replica} 的缓冲区' },
  },
  'buffer.send': {
    tone: 'buffer',
    line: {
      en: (e) => `${e.master} → ${e.replica}  buffered ${printableArgv(e.argv)} (${plural(e.bytes, 'byte')})`,
      zh: (e) => `${e.master} → ${e.replica}  发送缓冲的 ${printableArgv(e.argv)}（${e.bytes} 字节）`,
    },
    phrase: { en: 'a buffered write was sent', zh: '缓冲区中的写命令被发送' },
    sentence: { en: 'the buffered `{argv}` was sent to {replica}', zh: '缓冲区中的 `{argv}` 被发给了 {replica}' },
  },
  'buffer.apply': {
    tone: 'buffer',
    line: {
      en: (e) => `${e.replica} applied buffered ${printableArgv(e.argv)} (offset ${e.offset})`,
      zh: (e) => `${e.replica} 执行缓冲的 ${printableArgv(e.argv)}（偏移量 ${e.offset}）`,
    },
    phrase: { en: 'a replica applied a buffered write', zh: '从库执行了缓冲区中的写命令' },
    sentence: { en: '{replica} applied the buffered `{argv}`', zh: '{replica} 执行了缓冲区中的 `{argv}`' },
  },
  // Command propagation (replicationFeedSlaves) and the backlog
  propagate: {
    tone: 'accent',
    line: {
      en: (e) => {
        const to = e.replicas.length > 0 ? ` → ${e.replicas.join(', ')}` : ' (backlog only)';
        return `${e.master} propagates ${printableArgv(e.argv)}${to} (+${e.bytes} B, offset ${e.offset})`;
      },
      zh: (e) => {
        const to = e.replicas.length > 0 ? ` → ${e.replicas.join(', ')}` : '（只写入复制积压缓冲区）';
        return `${e.master} 命令传播 ${printableArgv(e.argv)}${to}（+${e.bytes} B，偏移量 ${e.offset}）`;
      },
    },
    phrase: { en: 'the master propagated a command', zh: '主库传播了一条命令' },
    sentence: { en: '{master} propagated `{argv}`', zh: '{master} 传播了 `{argv}`' },
  },
  'stream.apply': {
    tone: 'accent',
    line: {
      en: (e) => `${e.replica} applied ${printableArgv(e.argv)} from ${e.master} (offset ${e.offset})`,
      zh: (e) => `${e.replica} 执行来自 ${e.master} 的 ${printableArgv(e.argv)}（偏移量 ${e.offset}）`,
    },
    phrase: { en: 'a replica applied a propagated write', zh: '从库执行了传播来的写命令' },
    sentence: { en: '{replica} applied `{argv}`', zh: '{replica} 执行了 `{argv}`' },
  },
  'backlog.create': {
    line: {
      en: (e) => `${e.port} created its backlog, replid ${shortId(e.replid)}, first byte ${e.firstByteOffset}`,
      zh: (e) => `${e.port} 创建复制积压缓冲区，replid ${shortId(e.replid)}，首字节偏移量 ${e.firstByteOffset}`,
    },
    phrase: { en: 'a replication backlog was created', zh: '创建了复制积压缓冲区' },
  },
  'backlog.trim': {
    line: {
      en: (e) => `${e.port} backlog trimmed: first byte ${e.firstByteOffset}, ${plural(e.histlen, 'byte')} kept`,
      zh: (e) => `${e.port} 复制积压缓冲区被裁剪：首字节偏移量 ${e.firstByteOffset}，保留 ${e.histlen} 字节`,
    },
    phrase: { en: 'the replication backlog dropped old bytes', zh: '复制积压缓冲区丢弃了最早的字节' },
  },
  'replid.change': {
    line: {
      en: (e) =>
        noReplid2(e.replid2)
          ? `${e.port} new replid ${shortId(e.replid)} (no secondary id)`
          : `${e.port} new replid ${shortId(e.replid)}, replid2 ${shortId(e.replid2)} valid up to offset ${e.secondReplOffset}`,
      zh: (e) =>
        noReplid2(e.replid2)
          ? `${e.port} 换用新的 replid ${shortId(e.replid)}（没有第二个 ID）`
          : `${e.port} 换用新的 replid ${shortId(e.replid)}，replid2 ${shortId(e.replid2)} 有效至偏移量 ${e.secondReplOffset}`,
    },
    phrase: { en: 'a replication ID changed', zh: '复制 ID 发生变化' },
  },
  // Heartbeats
  'ping.send': {
    heartbeat: true,
    line: {
      en: (e) => `${e.master} PINGs its replicas (offset ${e.offset})`,
      zh: (e) => `${e.master} 向从库发送 PING（偏移量 ${e.offset}）`,
    },
    phrase: { en: 'the master pinged its replicas', zh: '主库向从库发送 PING' },
  },
  'ack.send': {
    heartbeat: true,
    line: verbatim((e) => `${arrow(e.replica, e.master)}  REPLCONF ACK ${e.offset}`),
    phrase: { en: 'a replica sent REPLCONF ACK', zh: '从库发送了 REPLCONF ACK' },
  },
  'ack.recv': {
    heartbeat: true,
    line: {
      en: (e) => `${e.master} got ACK ${e.offset} from ${e.replica}`,
      zh: (e) => `${e.master} 收到 ${e.replica} 的 ACK ${e.offset}`,
    },
    phrase: { en: 'the master received REPLCONF ACK', zh: '主库收到了 REPLCONF ACK' },
  },
  'getack.send': {
    heartbeat: true,
    line: {
      en: (e) => `${e.master} → replicas  REPLCONF GETACK * (offset ${e.offset})`,
      zh: (e) => `${e.master} → 从库  REPLCONF GETACK *（偏移量 ${e.offset}）`,
    },
    phrase: { en: 'the master sent REPLCONF GETACK', zh: '主库发送了 REPLCONF GETACK' },
  },
  // WAIT and min-replicas
  'wait.block': {
    line: {
      en: (e) => `${e.port} WAIT blocks for ${plural(e.numreplicas, 'replica')} at offset ${e.offset}${e.timeoutMs > 0 ? ` (timeout ${e.timeoutMs} ms)` : ''}`,
      zh: (e) => `${e.port} WAIT 阻塞，等待 ${e.numreplicas} 个从库确认偏移量 ${e.offset}${e.timeoutMs > 0 ? `（超时 ${e.timeoutMs} ms）` : ''}`,
    },
    phrase: { en: 'a WAIT blocked', zh: 'WAIT 命令进入阻塞' },
  },
  'wait.done': {
    line: {
      en: (e) => `${e.port} WAIT answers ${e.acked}${e.timedOut ? ' (timed out)' : ''}`,
      zh: (e) => `${e.port} WAIT 返回 ${e.acked}${e.timedOut ? '（已超时）' : ''}`,
    },
    phrase: { en: 'a WAIT returned', zh: 'WAIT 命令返回' },
    sentence: { en: 'WAIT on {port} returned', zh: '{port} 上的 WAIT 返回' },
  },
  'pop.block': {
    line: {
      en: (e) => `${e.port} ${e.client} blocks on ${e.keys.map(printableArg).join(', ')} in ${e.argv[0].toUpperCase()}${e.timeoutMs > 0 ? ` (timeout ${e.timeoutMs} ms)` : ' (no timeout)'}`,
      zh: (e) => `${e.port} ${e.client} 在 ${e.argv[0].toUpperCase()} 中阻塞，等待 ${e.keys.map(printableArg).join('、')}${e.timeoutMs > 0 ? `（超时 ${e.timeoutMs} ms）` : '（不超时）'}`,
    },
    phrase: { en: 'a client blocked in a blocking pop', zh: '一个客户端在阻塞弹出命令中进入阻塞' },
    sentence: { en: 'a client blocked on {port}', zh: '{port} 上有客户端进入阻塞' },
  },
  'pop.unblock': {
    line: {
      en: (e) =>
        e.how === 'served'
          ? `${e.port} serves ${e.client}'s ${e.command} from ${printableArg(e.key ?? '')}: ${bytesToUtf8(e.reply)}`
          : e.how === 'timeout'
            ? `${e.port} ${e.client}'s ${e.command} timed out: ${e.reply}`
            : `${e.port} unblocks ${e.client}'s ${e.command} (it became a replica): ${e.reply}`,
      zh: (e) =>
        e.how === 'served'
          ? `${e.port} 用 ${printableArg(e.key ?? '')} 的元素响应 ${e.client} 的 ${e.command}：${bytesToUtf8(e.reply)}`
          : e.how === 'timeout'
            ? `${e.port} ${e.client} 的 ${e.command} 超时：${e.reply}`
            : `${e.port} 解除 ${e.client} 的 ${e.command} 阻塞（它变成了从库）：${e.reply}`,
    },
    phrase: { en: 'a blocked client was unblocked', zh: '一个被阻塞的客户端解除了阻塞' },
    sentence: { en: 'a blocked client on {port} was unblocked', zh: '{port} 上被阻塞的客户端解除了阻塞' },
  },
  'write.refused': {
    tone: 'dead',
    line: {
      en: (e) => `${e.port} refused ${printableArgv(e.argv)}: ${bytesToUtf8(e.error)}`,
      zh: (e) => `${e.port} 拒绝执行 ${printableArgv(e.argv)}：${bytesToUtf8(e.error)}`,
    },
    phrase: { en: 'a write was refused', zh: '一条写命令被拒绝' },
    sentence: { en: '{port} refused a write', zh: '{port} 拒绝了一条写命令' },
  },
  'pubsub.publish': {
    tone: 'accent',
    line: {
      en: (e) => {
        const what = `${e.port} ${e.shard ? 'SPUBLISH' : 'PUBLISH'} ${printableArg(e.channel)} ${printableArg(e.message)}${e.fromMaster ? ' (from its master)' : ''}`;
        return e.receivers.length === 0 ? `${what}: no subscriber here` : `${what} → ${plural(e.receivers.length, 'subscriber')}: ${e.receivers.join(', ')}`;
      },
      zh: (e) => {
        const what = `${e.port} ${e.shard ? 'SPUBLISH' : 'PUBLISH'} ${printableArg(e.channel)} ${printableArg(e.message)}${e.fromMaster ? '（来自主库）' : ''}`;
        return e.receivers.length === 0 ? `${what}：本节点没有订阅者` : `${what} → ${e.receivers.length} 个订阅者：${e.receivers.join('、')}`;
      },
    },
    phrase: { en: 'a message was published', zh: '发布了一条消息' },
    sentence: { en: 'a message was published on {channel} at {port}', zh: '{port} 上的频道 {channel} 发布了一条消息' },
  },
  'engine.fault': {
    tone: 'dead',
    line: {
      en: (e) => `${e.port} engine fault in ${printableArgv(e.argv)}: ${e.message}`,
      zh: (e) => `${e.port} 执行 ${printableArgv(e.argv)} 时引擎出错：${e.message}`,
    },
    phrase: { en: 'the engine failed running a command', zh: '引擎执行命令时出错' },
  },
};

/** Every trace type, in the table's order. */
export const TRACE_TYPES = Object.keys(TRACE_TYPES_TABLE) as TraceType[];

/** The row of a type, or undefined for a type this build does not know (a trace from a newer one). */
export function traceTypeRow(type: string): TraceTypeRow<TraceType> | undefined {
  return Object.hasOwn(TRACE_TYPES_TABLE, type) ? (TRACE_TYPES_TABLE[type as TraceType] as TraceTypeRow<TraceType>) : undefined;
}

/** Is this event a heartbeat (PING, REPLCONF ACK/GETACK)? */
export function isHeartbeat(type: string): boolean {
  return traceTypeRow(type)?.heartbeat === true;
}

/** The event as one line, without its time; a type without a row shows its type and fields. */
export function traceLine(e: TraceBody, lang: Language): string {
  const row = traceTypeRow(e.type);
  if (!row) return unknownEvent(e);
  return (row.line[lang] as (e: TraceBody) => string)(e);
}

/** A variant this build has no row for: show its type and fields rather than nothing. */
function unknownEvent(e: TraceBody): string {
  const { t: _t, seq: _seq, type, ...rest } = e as TraceBody & Record<string, unknown>;
  return `${type} ${JSON.stringify(rest)}`;
}
