/**
 * The seed's SYNC example as a live table — time | master | replica, T0, T1, … — filled from the
 * trace as it happens: the writes before the sync, the replica's SYNC/PSYNC, the BGSAVE and the
 * buffer, the writes recorded in it, the RDB sent and loaded, the buffer sent and executed. In
 * English and Chinese. Pure: the trace in, rows and `Line[]` out.
 */

import type { TraceEvent } from '../redis/trace.js';
import { printableArgv, shortId } from '../redis/trace-types.js';
import { lineText, seg, type Line } from './lines.js';
import { wrapSegs } from './markdown.js';
import { textWidth } from './text-width.js';

export type SeedTableLang = 'en' | 'zh';

/** One row of the table: which T, when, and what each side does. */
export interface SeedTableRow {
  t: number;
  master: string;
  replica: string;
}

export interface SeedTableOptions {
  lang: SeedTableLang;
  /** The pair to follow; by default the first master/replica pair that syncs in the events. */
  master?: number;
  replica?: number;
}

/** Commands that change nothing, left out of the master's column. */
const READS = new Set([
  'get', 'mget', 'info', 'keys', 'exists', 'ttl', 'pttl', 'type', 'dbsize', 'scan', 'ping', 'role', 'config', 'client', 'lrange',
  'llen', 'smembers', 'scard', 'sismember', 'hget', 'hgetall', 'hkeys', 'hvals', 'hlen', 'strlen', 'zrange', 'zscore', 'zcard',
  'select', 'command', 'wait', 'echo', 'time', 'lastsave', 'object', 'memory', 'slowlog', 'randomkey', 'getrange', 'substr',
]);

const T = {
  en: {
    starts: 'server starts',
    executes: (cmd: string) => `executes ${cmd}`,
    buffered: (cmd: string) => `executes ${cmd} and records it in the buffer`,
    slaveof: (cmd: string) => `${cmd}: connects to the master`,
    sendsSync: (cmd: string) => `sends ${cmd} (asks to synchronize)`,
    bgsave: (keys: number) => `receives the request, runs BGSAVE: an RDB file of its ${keys} keys; from now on records every write in a buffer`,
    fullresync: (line: string) => `gets ${line}: a full sync`,
    bgsaveDone: (bytes: number) => `BGSAVE done: sends the RDB file (${bytes} bytes)`,
    receiving: (got: number, total: number) => `receives the RDB: ${got}/${total} bytes`,
    loading: (bytes: number) => `flushes its old data, loads the RDB (${bytes} bytes)`,
    loaded: (keys: number) => `has loaded the RDB: ${keys} keys`,
    sendsBuffer: (cmds: string) => `sends the writes in the buffer: ${cmds}`,
    appliesBuffer: (cmds: string, keys: string) => `executes ${cmds}${keys}`,
    propagates: (cmd: string) => `executes ${cmd} and sends it to the replica`,
    applies: (cmd: string, offset: number) => `executes ${cmd} (offset ${offset})`,
    header: ['time', 'master', 'replica'] as const,
    empty: 'Nothing yet: the table fills in as the lesson runs.',
  },
  zh: {
    starts: '服务器启动',
    executes: (cmd: string) => `执行 ${cmd}`,
    buffered: (cmd: string) => `执行 ${cmd}，并将这个命令记录到缓冲区里面`,
    slaveof: (cmd: string) => `${cmd}：连接主库`,
    sendsSync: (cmd: string) => `向主库发送 ${cmd}（请求同步）`,
    bgsave: (keys: number) => `接收到从库发来的同步请求，执行 BGSAVE，创建包含 ${keys} 个键的 RDB 文件，并使用缓冲区记录接下来执行的所有写命令`,
    fullresync: (line: string) => `收到 ${line}：全量同步`,
    bgsaveDone: (bytes: number) => `BGSAVE 执行完毕，向从库发送 RDB 文件（${bytes} 字节）`,
    receiving: (got: number, total: number) => `接收 RDB 文件：${got}/${total} 字节`,
    loading: (bytes: number) => `清空旧数据，载入 RDB 文件（${bytes} 字节）`,
    loaded: (keys: number) => `RDB 文件载入完毕：${keys} 个键`,
    sendsBuffer: (cmds: string) => `向从库发送缓冲区中保存的写命令：${cmds}`,
    appliesBuffer: (cmds: string, keys: string) => `接收并执行主库发来的 ${cmds}${keys}`,
    propagates: (cmd: string) => `执行 ${cmd}，并把它发送给从库`,
    applies: (cmd: string, offset: number) => `执行 ${cmd}（偏移量 ${offset}）`,
    header: ['时间', '主库', '从库'] as const,
    empty: '还没有内容：课程进行时表格会逐行填充。',
  },
} as const;

/** The master/replica pair whose sync the table follows. */
function findPair(events: readonly TraceEvent[]): { master: number; replica: number } | null {
  for (const e of events) {
    if (e.type === 'handshake.send') return { master: e.to, replica: e.from };
    if (e.type === 'psync.fullresync' || e.type === 'sync.legacy') return { master: e.master, replica: e.replica };
  }
  return null;
}

/** The trace → the table's rows, in order. */
export function seedTableRows(events: readonly TraceEvent[], opts: SeedTableOptions): SeedTableRow[] {
  const w = T[opts.lang];
  const pair = opts.master !== undefined && opts.replica !== undefined ? { master: opts.master, replica: opts.replica } : findPair(events);
  const rows: SeedTableRow[] = [];
  const M = pair?.master;
  const R = pair?.replica;
  // Rows that grow while the same thing goes on (chunks, a run of buffered writes); any new row ends them.
  let receiving: SeedTableRow | null = null;
  let loading: SeedTableRow | null = null;
  let sending: { row: SeedTableRow; cmds: string[] } | null = null;
  let applying: { row: SeedTableRow; cmds: string[] } | null = null;
  const add = (t: number, master: string, replica: string) => {
    receiving = null;
    sending = null;
    applying = null;
    rows.push({ t, master, replica });
    return rows[rows.length - 1];
  };
  let bufferedArgv: string | null = null;
  /** The buffer was sent: the replica's next applies are its writes (how many: bufferedCount). */
  let pendingApplies = false;
  let bufferedCount = 0;
  let syncing = false;
  for (const e of events) {
    switch (e.type) {
      case 'server.start': {
        if (e.port !== M && e.port !== R && pair) break;
        const last = rows[rows.length - 1];
        // Both servers starting together share T0.
        if (last && last.t === e.t && ((e.port === R && last.replica === '') || (e.port === M && last.master === ''))) {
          if (e.port === R) last.replica = w.starts;
          else last.master = w.starts;
        } else if (e.port === R) add(e.t, '', w.starts);
        else add(e.t, w.starts, '');
        break;
      }
      case 'buffer.append':
        if (e.master === M && e.replica === R) bufferedArgv = printableArgv(e.argv);
        break;
      case 'command': {
        const name = e.argv[0]?.toLowerCase() ?? '';
        const cmd = printableArgv(e.argv);
        if (e.port === R && (name === 'slaveof' || name === 'replicaof')) add(e.t, '', w.slaveof(cmd));
        if (e.port !== M || READS.has(name) || e.reply.startsWith('ERR') || e.reply.startsWith('(error)')) break;
        if (bufferedArgv === cmd) add(e.t, w.buffered(cmd), '');
        else add(e.t, syncing ? w.propagates(cmd) : w.executes(cmd), '');
        bufferedArgv = null;
        break;
      }
      case 'handshake.send':
        if (e.from === R && e.to === M && (e.argv[0] === 'PSYNC' || e.argv[0] === 'SYNC')) {
          add(e.t, '', w.sendsSync(printableArgv(e.argv).replace(/\b[0-9a-f]{40}\b/g, (id) => shortId(id))));
        }
        break;
      case 'handshake.reply':
        if (e.to === R && e.line.startsWith('+FULLRESYNC')) add(e.t, '', w.fullresync(e.line.replace(/\b[0-9a-f]{40}\b/g, (id) => shortId(id))));
        break;
      case 'bgsave.start':
        if (e.port === M && e.forReplication) add(e.t, w.bgsave(e.keys), '');
        break;
      case 'bgsave.end':
        if (e.port === M) add(e.t, w.bgsaveDone(e.bytes), '');
        break;
      case 'rdb.chunk.received':
        if (e.replica !== R) break;
        receiving ??= add(e.t, '', '');
        receiving.replica = w.receiving(e.offset + e.size, e.total);
        break;
      case 'replica.load.start':
        if (e.port === R) loading = add(e.t, '', w.loading(e.bytes));
        break;
      case 'replica.load.end':
        if (e.port === R && loading) loading.replica += opts.lang === 'zh' ? `；${w.loaded(e.keys)}` : `; ${w.loaded(e.keys)}`;
        syncing = true;
        break;
      case 'buffer.send':
        if (e.master !== M || e.replica !== R) break;
        if (sending === null) {
          const row = add(e.t, '', '');
          sending = { row, cmds: [] };
          pendingApplies = true;
        }
        sending.cmds.push(printableArgv(e.argv));
        bufferedCount = sending.cmds.length;
        sending.row.master = w.sendsBuffer(sending.cmds.join(', '));
        break;
      case 'buffer.apply':
      case 'stream.apply': {
        if (e.replica !== R) break;
        const cmd = printableArgv(e.argv);
        if (e.type === 'stream.apply' && cmd.toLowerCase() === 'ping') break;
        // The first writes applied after the buffer was sent are the buffer's, in one row.
        if (e.type === 'buffer.apply' || pendingApplies || applying !== null) {
          if (applying === null) {
            const row = add(e.t, '', '');
            applying = { row, cmds: [] };
          }
          pendingApplies = false;
          applying.cmds.push(cmd);
          applying.row.replica = w.appliesBuffer(applying.cmds.join(', '), '');
          if (applying.cmds.length >= bufferedCount) applying = null;
        } else add(e.t, '', w.applies(cmd, e.offset));
        break;
      }
      default:
        break;
    }
  }
  return rows;
}

/**
 * Wrap a cell to `width` columns as the panes wrap text: between words, and in Chinese between
 * characters, never inside a number or a command word, never starting a row with a closer.
 */
function wrapCell(text: string, width: number): string[] {
  return wrapSegs([{ text }], width).map(lineText);
}

/**
 * The table as rows of text for a pane `width` wide and `height` high: a header, a rule, then the
 * rows (cells wrapped in their column), the newest at the bottom; `scroll` rows back from there.
 */
export function seedTableLines(
  rows: readonly SeedTableRow[],
  opts: { lang: SeedTableLang; width: number; height: number; master?: number; replica?: number; scroll?: number },
): Line[] {
  const w = T[opts.lang];
  const timeCols = 12;
  const colWidth = Math.max(8, Math.floor((opts.width - timeCols - 3) / 2));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - textWidth(s)));
  const [th, tm, tr] = w.header;
  const header: Line = [
    seg(pad(th, timeCols), { bold: true }),
    seg('│ ', { dim: true }),
    seg(pad(`${tm}${opts.master ? ` ${opts.master}` : ''}`, colWidth), { bold: true, role: 'master' }),
    seg('│ ', { dim: true }),
    seg(`${tr}${opts.replica ? ` ${opts.replica}` : ''}`, { bold: true, role: 'replica' }),
  ];
  const rule: Line = [seg('─'.repeat(timeCols) + '┼' + '─'.repeat(colWidth + 1) + '┼' + '─'.repeat(Math.max(0, opts.width - timeCols - colWidth - 3)), { dim: true })];
  const body: Line[] = [];
  rows.forEach((r, i) => {
    const time = `T${i} ${(r.t / 1000).toFixed(3)}s`;
    const left = r.master === '' ? [''] : wrapCell(r.master, colWidth - 1);
    const right = r.replica === '' ? [''] : wrapCell(r.replica, colWidth - 1);
    const n = Math.max(left.length, right.length);
    for (let k = 0; k < n; k++) {
      body.push([
        seg(pad(k === 0 ? time : '', timeCols), { dim: true }),
        seg('│ ', { dim: true }),
        seg(pad(left[k] ?? '', colWidth), { role: 'master' }),
        seg('│ ', { dim: true }),
        seg(right[k] ?? '', { role: 'replica' }),
      ]);
    }
  });
  if (body.length === 0) body.push([seg(w.empty, { dim: true })]);
  const visible = Math.max(1, opts.height - 2);
  const scroll = Math.max(0, Math.min(opts.scroll ?? 0, body.length - visible));
  const first = Math.max(0, body.length - visible - scroll);
  return [header, rule, ...body.slice(first, first + visible)];
}
