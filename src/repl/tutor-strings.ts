/** The tutor's own words at the REPL — `:` line confirmations and errors, `:help`, its notes — in English and Chinese. */

import type { TimeMode } from './api.js';
import type { TutorOwnName } from './tutor.js';
import type { Language } from '../language.js';
import type { RefusalReason } from '../redis/command-refusals.js';

const REFUSAL_EN: Record<RefusalReason, string> = {
  scripting: 'Lua scripting and functions are left out',
  cluster: 'Redis Cluster is left out (one master with its replicas only)',
  modules: 'modules are left out',
  auth: 'users, ACLs and protocol negotiation are left out (every connection is the default user)',
  'streams-groups': 'stream consumer groups are left out (XADD, XRANGE, XREAD… work)',
  bitmaps: 'bitmap commands are left out',
  geo: 'geospatial commands are left out',
  hyperloglog: 'HyperLogLog is left out',
  aof: 'the tutor persists with RDB snapshots only, no append-only file',
  serialization: "DUMP/RESTORE's serialized format is left out",
  diagnostics: "it reports a real process's memory and latency, which a simulation does not have",
  'not-yet': 'not built yet',
};

const REFUSAL_ZH: Record<RefusalReason, string> = {
  scripting: '没有包含 Lua 脚本和函数',
  cluster: '没有包含 Redis Cluster（只有一个主库和它的从库）',
  modules: '没有包含模块',
  auth: '没有包含用户、ACL 和协议协商（每个连接都是 default 用户）',
  'streams-groups': '没有包含 Stream 的消费者组（XADD、XRANGE、XREAD 等可以用）',
  bitmaps: '没有包含位图命令',
  geo: '没有包含地理位置命令',
  hyperloglog: '没有包含 HyperLogLog',
  aof: '本教程只用 RDB 快照持久化，没有 AOF 文件',
  serialization: '没有包含 DUMP/RESTORE 的序列化格式',
  diagnostics: '它报告的是真实进程的内存和响应耗时，模拟中没有这些',
  'not-yet': '还没有实现',
};

// Durations arrive already formatted (`12.345s`), ports and counts as numbers: they read the same
// in both languages. Keywords the learner types (`:run`, `settled`, `manual`) stay as typed.
const en = {
  usage: (synopsis: string) => `usage: ${synopsis}`,
  unknown: (word: string) => `unknown tutor command ':${word}' (try :help)`,

  nothingToStep: 'nothing to step: no event is scheduled',
  stepped: (at: string, label: string) => `stepped [${at}] ${label}`,
  steppedMany: (count: number, now: string, last: string) => `stepped ${count} events, now ${now} (last: ${last})`,
  ranIdle: (passed: string, now: string) => `ran until idle: ${passed} passed, now ${now}`,
  ran: (duration: string, now: string) => `ran ${duration}, now ${now}`,

  newWorld: (seed: number) => `new world with seed ${seed}: no servers running, time 0 (rewind starts here)`,
  timeMode: (mode: TimeMode) => `time mode: ${mode}`,
  nowSettled: 'time mode: settled (the world runs until replication settles after each line)',
  nowManual: 'time mode: manual (time moves only with :step and :run)',

  // Notes the tutor adds between redis-cli's lines (parenthesised, so they read as asides).
  waitingForReply: '(redis-cli is waiting for the reply to the previous command: move time with :run or :step, or press Ctrl-C to quit redis-cli)',
  readingMessages: '(redis-cli is in subscribed mode, reading messages: they print as time moves (:run, :step); press Ctrl-C to go back to its prompt)',
  repeatCapped: (max: number) => `(the tutorial repeats a command at most ${max} times)`,
  stillWaiting: '(still waiting for the reply after 60s of virtual time; it will print when it arrives)',
  memoryBudget: (limit: string) =>
    `(the tutor's memory budget of ${limit} for all its servers together is spent: --max-memory sets it; your servers' own maxmemory is not involved)`,
  tooManyWords: (max: number) => `(brace expansion would make more than ${max} words; the tutorial's shell stops there)`,
  settleCapped: (cap: string) =>
    `(stopped after ${cap} of virtual time: replication has not settled; :run idle, :step or :run go on)`,
  /** After a 7.0 command the tutor does not run: why (src/redis/command-refusals.ts). */
  refused: (name: string, why: RefusalReason) => `(${name.toUpperCase()} is a Redis 7.0 command the tutor does not run: ${REFUSAL_EN[why]})`,

  // The tutorial shell's own notes (the `$` prompt); what bash and redis-cli print stays theirs.
  shellHelp: [
    'Shell commands:',
    '  redis-server PATH [--name value ...]   start a server from a config file (e.g. /data/6380/redis.conf)',
    '  redis-server --port N [--name value ...]',
    '  redis-cli [-h HOST] [-p PORT] [-n DB] [COMMAND ARGS...]   open a prompt, or run one command',
    '  netstat -tlnp [| grep PATTERN]        list the listening servers',
    '  ps [aux|-ef]   kill [-9|-STOP|-CONT] PID   list processes; stop one (TERM: graceful shutdown, -9: crash)',
    '  ls [PATH]   cat PATH   cd PATH   pwd   mkdir PATH   clear   help',
    '  tail [-n N] [-f] /data/6380/redis.log   a server\'s own log (-f follows it until you type a line that is not a : line)',
    // The tutor lines' synopses follow, from tutor.ts (so a new fault is listed without an edit here).
    'Tutor lines (any prompt):',
  ],
  noEditor: (name: string) => `${name}: editing is not available in this tutorial; the config files already hold the seed's contents (try cat)`,
  shellExit: 'this is the tutorial shell; quit the program with Ctrl-C',
  serverStarted: (port: number) =>
    `redis-server started on port ${port} (in the foreground a real one would print its log here; this one runs in the background)`,
  serverFailedToLog: (logPath: string) =>
    `(a real redis-server prints nothing here: it could not listen on its port, which is taken, and exited; see tail ${logPath})`,
  cliOptionNotEmulated: (option: string) => `redis-cli: option '${option}' is not emulated here (supported: -h HOST -p PORT -n DB --raw)`,
  onlyGrepPipes: (got: string) => `only \`| grep PATTERN\` pipes are supported here (got \`| ${got}\`)`,
  noStdin: (tool: string) => `${tool}: there is no standard input to read here; name a file (e.g. ${tool} /data/6380/redis.log)`,
  psOptionNotEmulated: (options: string) => `ps: options '${options}' are not emulated here (supported: ps, ps aux, ps -ef)`,

  /** `:help`'s descriptions of the tutor's own commands (the synopses are in tutor.ts; faults: fault-words.ts). */
  help: {
    step: 'fire the next N events (default 1)',
    run: 'run until replication settles, or for a time (11s, 500ms, 2m)',
    seed: 'start a new world with seed N (everything resets)',
    mode: 'settle after each line, or leave time to :step/:run',
    help: 'this list',
  } satisfies Record<TutorOwnName, string>,
};

export type TutorStrings = typeof en;

// The lessons' vocabulary: 主库/从库, 链路, 端口, 事件; 崩溃/暂停/恢复 as in the trace lines.
const zh: TutorStrings = {
  usage: (synopsis) => `用法：${synopsis}`,
  unknown: (word) => `没有 ':${word}' 这个教程命令（试试 :help）`,

  nothingToStep: '无法单步：没有待发生的事件',
  stepped: (at, label) => `单步执行 [${at}] ${label}`,
  steppedMany: (count, now, last) => `单步执行了 ${count} 个事件，现在是 ${now}（最后一个：${last}）`,
  ranIdle: (passed, now) => `已运行到复制稳定：经过 ${passed}，现在是 ${now}`,
  ran: (duration, now) => `已运行 ${duration}，现在是 ${now}`,

  newWorld: (seed) => `用种子 ${seed} 新建了一个世界：没有运行的服务器，时间归零（回退最远只到这里）`,
  timeMode: (mode) => `时间模式：${mode}`,
  nowSettled: '时间模式：settled（每输入一行，世界都会运行到复制稳定为止）',
  nowManual: '时间模式：manual（时间只随 :step 和 :run 前进）',

  waitingForReply: '（redis-cli 还在等上一条命令的回复：用 :run 或 :step 推进时间，或按 Ctrl-C 退出 redis-cli）',
  readingMessages: '（redis-cli 处于订阅模式，正在读取消息：推进时间（:run、:step）时消息会显示出来；按 Ctrl-C 回到它的提示符）',
  repeatCapped: (max) => `（本教程最多把一条命令重复 ${max} 次）`,
  stillWaiting: '（虚拟时间过去 60 秒仍未收到回复；回复到达时会显示出来）',
  memoryBudget: (limit) => `（本教程给所有服务器合计的内存预算 ${limit} 已用完：用 --max-memory 调整；与服务器自己的 maxmemory 无关）`,
  tooManyWords: (max) => `（花括号展开会产生超过 ${max} 个词；本教程的 shell 到此为止）`,
  settleCapped: (cap) => `（虚拟时间已走了 ${cap}，复制仍未稳定，先停在这里；可用 :run idle、:step 或 :run 继续）`,
  refused: (name, why) => `（${name.toUpperCase()} 是 Redis 7.0 的命令，本教程没有实现：${REFUSAL_ZH[why]}）`,

  shellHelp: [
    'Shell 命令：',
    '  redis-server PATH [--name value ...]   用配置文件启动服务器（如 /data/6380/redis.conf）',
    '  redis-server --port N [--name value ...]',
    '  redis-cli [-h HOST] [-p PORT] [-n DB] [COMMAND ARGS...]   打开提示符，或执行一条命令',
    '  netstat -tlnp [| grep PATTERN]        列出正在监听的服务器',
    '  ps [aux|-ef]   kill [-9|-STOP|-CONT] PID   列出进程；结束一个进程（TERM：正常关闭，-9：崩溃）',
    '  ls [PATH]   cat PATH   cd PATH   pwd   mkdir PATH   clear   help',
    '  tail [-n N] [-f] /data/6380/redis.log   服务器自己的日志（-f 持续跟踪，直到你输入一行非 : 开头的命令）',
    '教程命令（任何提示符下）：',
  ],
  noEditor: (name) => `${name}：本教程不能编辑文件；配置文件里已经是笔记中的内容（试试 cat）`,
  shellExit: '这是教程自带的 shell；按 Ctrl-C 退出程序',
  serverStarted: (port) => `redis-server 已在端口 ${port} 启动（真实的前台进程会在这里打印日志；这个在后台运行）`,
  serverFailedToLog: (logPath) => `（真实的 redis-server 在这里什么也不打印：它无法监听——端口已被占用——随即退出；见 tail ${logPath}）`,
  cliOptionNotEmulated: (option) => `redis-cli：本教程没有模拟选项 '${option}'（支持：-h HOST -p PORT -n DB --raw）`,
  onlyGrepPipes: (got) => `这里的管道只支持 \`| grep PATTERN\`（收到的是 \`| ${got}\`）`,
  noStdin: (tool) => `${tool}：这里没有标准输入可读；请给出文件名（如 ${tool} /data/6380/redis.log）`,
  psOptionNotEmulated: (options) => `ps：这里没有模拟选项 '${options}'（支持 ps、ps aux、ps -ef）`,

  help: {
    step: '触发接下来的 N 个事件（默认 1 个）',
    run: '运行到复制稳定，或运行一段时间（11s、500ms、2m）',
    seed: '用种子 N 新建一个世界（一切重置）',
    mode: '每行之后自动运行到稳定，或把时间交给 :step/:run',
    help: '显示这个列表',
  },
};

const TABLES: Record<Language, TutorStrings> = { en, zh };

/** The tutor's words in `lang` (English for anything else: a message must never be undefined). */
export function tutorStrings(lang: Language): TutorStrings {
  return TABLES[lang] ?? en;
}
