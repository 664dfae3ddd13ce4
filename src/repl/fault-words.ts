/**
 * The fault table's words for people (the other half of src/redis/faults.ts): what `:help` says a
 * fault does, the confirmation once it is applied, and why it could not be, in English and Chinese.
 * Keyed by fault kind, so a new fault does not compile until it has its words in both languages.
 */

import type { FaultKind, FaultOf, FaultRefusal } from '../redis/faults.js';
import type { Language } from '../language.js';

export interface FaultWords {
  /** `:help`'s description, after the synopsis. */
  help: { readonly [K in FaultKind]: string };
  /** The confirmation printed once the fault is applied. */
  done: { readonly [K in FaultKind]: (f: FaultOf<K>) => string };
  /** Why the fault could not be applied (a start failure prints redis-server's own lines instead). */
  refused: { readonly [R in Exclude<FaultRefusal['reason'], 'start-failed'>]: (port: number) => string };
}

// Ports, milliseconds and byte counts read the same in both languages.
const en: FaultWords = {
  help: {
    kill: 'kill -9 a server: no save (what it wrote is still sent)',
    crash: 'its host dies: nothing more leaves it',
    restart: 'start a crashed or shut-down server again',
    pause: 'freeze a process: links stay up, nothing is read or answered',
    resume: 'unfreeze it',
    drop: 'a silent partition: only timeouts notice it',
    reset: 'reset the connections between two ports',
    heal: 'end every partition (TCP retransmits)',
    latency: 'one-way delay between two ports',
    bandwidth: 'bytes per second between two ports (e.g. 10kb, 1mb)',
  },
  done: {
    kill: (f) => `killed ${f.port}: the process crashed, nothing was saved`,
    crash: (f) => `${f.port}'s host crashed: nothing more leaves it, its peers find out only by timeouts`,
    restart: (f) => `restarted ${f.port}`,
    pause: (f) => `paused ${f.port}: its links stay up, but it reads and answers nothing`,
    resume: (f) => `resumed ${f.port}`,
    drop: (f) => `dropped the link between ${f.a} and ${f.b}`,
    reset: (f) => `reset the connections between ${f.a} and ${f.b}`,
    heal: () => 'healed every dropped link',
    latency: (f) => `latency between ${f.a} and ${f.b} is now ${f.ms} ms`,
    bandwidth: (f) => `bandwidth between ${f.a} and ${f.b} is now ${f.bytesPerSec} bytes/s`,
  },
  refused: {
    'not-running': (port) => `no running process on port ${port}`,
    'not-paused': (port) => `port ${port} is not paused`,
    // The engine's own wording for this case, so English output is what it always was.
    'never-started': (port) => `No server was ever started on port ${port}`,
  },
};

// The lessons' vocabulary: 主库/从库, 链路, 端口; 崩溃/暂停/恢复 as in the trace lines.
const zh: FaultWords = {
  help: {
    kill: 'kill -9 杀掉服务器：不保存（已写出的数据仍会发出）',
    crash: '所在主机宕机：什么都发不出去了',
    restart: '重新启动崩溃或已关闭的服务器',
    pause: '冻结进程：链路仍然保持，但什么都不读取、不回复',
    resume: '解除冻结',
    drop: '无声的网络隔断：只有超时才能发现',
    reset: '重置两个端口之间的连接',
    heal: '结束所有网络隔断（TCP 会重传）',
    latency: '两个端口之间的单向链路时延',
    bandwidth: '两个端口之间每秒的字节数（如 10kb、1mb）',
  },
  done: {
    kill: (f) => `已杀掉 ${f.port}：进程崩溃，什么都没保存`,
    crash: (f) => `${f.port} 所在的主机宕机了：什么都发不出去，对端只能靠超时发现`,
    restart: (f) => `已重启 ${f.port}`,
    pause: (f) => `已暂停 ${f.port}：链路仍然保持，但它不读取也不回复任何东西`,
    resume: (f) => `${f.port} 已恢复运行`,
    drop: (f) => `已切断 ${f.a} 与 ${f.b} 之间的链路`,
    reset: (f) => `已重置 ${f.a} 与 ${f.b} 之间的连接`,
    heal: () => '所有切断的链路都已修复',
    latency: (f) => `${f.a} 与 ${f.b} 之间的链路时延现在是 ${f.ms} ms`,
    bandwidth: (f) => `${f.a} 与 ${f.b} 之间的带宽现在是每秒 ${f.bytesPerSec} 字节`,
  },
  refused: {
    'not-running': (port) => `端口 ${port} 上没有正在运行的进程`,
    'not-paused': (port) => `端口 ${port} 没有被暂停`,
    'never-started': (port) => `端口 ${port} 上从没启动过服务器`,
  },
};

const TABLES: Record<Language, FaultWords> = { en, zh };

/** The fault words in `lang` (English for anything else: a message must never be undefined). */
export function faultWords(lang: Language): FaultWords {
  return TABLES[lang] ?? en;
}

/** The confirmation for an applied fault, in `lang`. */
export function faultDone<K extends FaultKind>(f: FaultOf<K>, lang: Language): string {
  const done = faultWords(lang).done[f.kind as K] as (f: FaultOf<K>) => string;
  return done(f);
}
