/** The app's own words (menus, pane titles, footer) in English and Chinese; lesson text comes from the lessons. */

import type { Language } from '../language.js';
import { eventLabel } from '../redis/event-labels.js';
import type { EventLabel } from '../sim/scheduler.js';
import type { Notice } from './deps.js';
import type { LiveNotice } from '../repl/api.js';
import { servedWhere } from './served-where.js';
import type { Action } from './key-map.js';
import type { ViewId } from './view-registry.js';

const en = {
  appTitle: 'repl-tutor — Redis replication, live',
  menuLessons: 'Lessons',
  sandbox: 'Sandbox — three nodes, free play',
  language: 'Language: English  (Enter: 中文)',
  quit: 'Quit',
  menuKeys: '↑/↓ move · Enter choose · r start again · q quit · F1 keys',
  done: 'done',
  started: 'started',
  step: 'Step',
  goals: 'Goals',
  goalsMet: (met: number, total: number) => `goals met (${met}/${total})`,
  goalsFolded: (met: number, total: number, key: string) => `${met}/${total} goals met · ${key} lists them`,
  /** A revealed hint's label: `Hint 1:`, `提示 1：`. */
  hintLabel: (n: number) => `Hint ${n}:`,
  hintKey: '? for a hint',
  why: 'Why:',
  stepDone: 'Step complete — Enter on an empty line for the next step',
  lessonDone: 'Lesson complete! Esc for the menu',
  cluster: 'Cluster',
  timeline: 'Events',
  next: 'next:',
  nothingNext: 'next: nothing pending',
  onlyPeriodic: (label: string) => `stepped ${label}: only periodic timers pending, nothing changed`,
  settled: 'settled',
  stepMode: 'step mode',
  playing: 'playing',
  paused: 'paused',
  output: 'Output',
  tooSmall: (w: number, h: number) => `terminal too small (80×24 needed, now ${w}×${h})`,
  tooSmallHelp: 'Make the window bigger; the tutor comes back as it was. Ctrl+C quits.',
  faultsTitle: 'Faults — pick one (Esc closes)',
  pickPort: 'Pick a node (1–9), Esc cancels',
  pickPeer: 'Pick the other node (1–9), Esc cancels',
  inspectTitle: 'Inspect — 1–9 node · i INFO replication · k keys · Esc close',
  noNodes: 'no servers running yet',
  nothingToRewind: 'nothing to rewind',
  noMark: 'no step start to go back to',
  rewound: 'rewound one event',
  rewoundStep: 'back to the start of the step',
  noMoreHints: 'no more hints',
  keysOf: (p: number) => `keys on ${p}`,
  infoOf: (p: number) => `INFO replication on ${p}`,
  speed: 'speed',
  warnings: 'Warnings',
  // What each key does, for the footer and the key sheet (F1).
  actions: {
    quit: 'quit',
    keySheet: 'keys',
    menuUp: 'up',
    menuDown: 'down',
    menuOpen: 'open',
    menuRestart: 'start the lesson again',
    menuQuit: 'quit',
    back: 'menu',
    step: 'step',
    toggleTimeMode: 'step mode ↔ settled',
    playPause: 'play/pause',
    faster: 'speed',
    runSettled: 'settle',
    rewindEvent: 'undo event',
    rewindStep: 'step start',
    previousStep: 'previous step',
    faults: 'faults',
    inspect: 'inspect',
    hint: 'hint',
    scrollUp: 'page up',
    scrollDown: 'page down',
    scrollTop: 'top',
    scrollBottom: 'bottom',
    search: 'search the output',
    textUp: 'step text up',
    textDown: 'step text down',
    clear: 'clear output',
    nextView: 'view',
    view: 'pick a view',
    submit: 'run the line',
    historyPrev: 'history back',
    historyNext: 'history forward',
    complete: 'complete',
    left: 'cursor left',
    right: 'cursor right',
    home: 'start of line',
    end: 'end of line',
    backspace: 'delete left',
    deleteForward: 'delete right',
    deleteWordLeft: 'delete word',
    deleteLineLeft: 'delete to line start',
    leaveCli: 'leave redis-cli (empty line)',
    insert: 'type',
    close: 'close',
    pickNode: 'pick a node',
    pickFault: 'pick a fault',
    tabInfo: 'INFO replication',
    tabKeys: 'keys',
    filterKeys: 'filter keys (MATCH pattern)',
    yes: 'yes',
    no: 'no',
  } satisfies Record<Action, string>,
  /** The footer's words where they follow the state. */
  footerNow: {
    toSettled: 'settled',
    toStepMode: 'step mode',
    pause: 'pause',
    play: (speed: number) => `play ${speed}×`,
  },
  keySheetTitle: 'Keys — Esc closes',
  keyContexts: { app: 'Everywhere', menu: 'Menu', lesson: 'Lesson', line: 'Input line', faults: 'Fault menu', inspect: 'Inspector', keySheet: 'This sheet', confirm: 'Questions', form: 'A one-field form' },
  views: { lesson: 'Lesson', output: 'Output', cluster: 'Cluster', events: 'Events', step: 'Step', sequence: 'Sequence', seedTable: 'SYNC table', logs: 'Logs' } satisfies Record<ViewId, string>,
  viewBar: (name: string, key: string) => `${name} (${key})`,
  notice: (n: Notice): string => {
    switch (n.kind) {
      case 'rewound': return 'rewound one event';
      case 'nothingToRewind': return 'nothing to rewind';
      case 'rewoundStep': return 'back to the start of the step';
      case 'noMark': return 'no step start to go back to';
      case 'noMoreHints': return 'no more hints';
      case 'noPreviousStep': return 'this is the first step';
      case 'previousStep': return 'back to the start of the previous step';
      case 'restarted': return 'the lesson starts again from step 1';
      case 'nothingPending': return 'next: nothing pending';
      case 'onlyPeriodic': return `stepped ${eventLabel(n.label, 'en')}: only periodic timers pending, nothing changed`;
      case 'stepMode': return 'step mode';
      case 'settled': return 'settled';
      case 'solving': return `back to the start of the step; typing the solution (${n.lines} lines)…`;
      case 'noSolution': return 'this step has no solution to show';
      case 'saved': return `saved as ${n.name} (${n.file}); reopen it with repl-tutor --sandbox ${n.name}`;
      case 'saveFailed': return n.message;
      case 'saveOnlySandbox': return ':save saves the sandbox; a lesson keeps its progress by itself';
      case 'saveServed': return 'a served session is kept with repl-tutor serve --record FILE (replay it with batch --replay FILE)';
      case 'live': return liveNotices(n.notices, 'en');
    }
  },
  /** Under a dead end, and under the last hint while goals are unmet: the way out. */
  wayOut: (rewindKey: string) => `${rewindKey}: back to the start of the step · :solve types the solution for you`,
  deadEndTitle: 'Dead end: ',
  metOnArrival: 'Already done: what you did before this step meets its goals.',
  summarySteps: (done: number, total: number) => `${done}/${total} steps done`,
  startAgain: 'r: start again from step 1',
  resumeSandbox: 'Sandbox — back to your world',
  newSandboxQuestion: 'Start a new sandbox? Your current sandbox world will be discarded. (y/n)',
  quitSandboxQuestion: 'Quit? This sandbox world is lost unless you save it first (:save NAME). (y/n)',
  newSandboxKey: 'r: a new sandbox (asks first: your world is kept until then)',
  outputMore: (n: number, key: string) => `↑ ${n} more — ${key}`,
  morePane: (key: string) => `… more: ${key}`,
  keysWaiting: (n: number) => `${n} keys waiting`,
  formLabel: {
    faultValue: (line: string, a: number, b: number) => `${line.split(' ')[0]} ${a} ↔ ${b}: `,
    keyFilter: (port: number) => `keys on ${port} matching (MATCH pattern, * ? [..]): `,
    saveName: 'save the sandbox as: ',
    search: 'search the output (older first): ',
  },
  searchFound: (needle: string, rowsUp: number) => `found "${needle}" ${rowsUp} rows up · ^S again for the one before · ^End back down`,
  searchNotFound: (needle: string) => `"${needle}" is not in the output above`,
  formHelp: 'Enter applies · Esc cancels',
  keysPage: (from: number, to: number, total: number, filter: string) => `keys ${from}–${to} of ${total}${filter ? ` matching ${filter}` : ''} · PgDn/PgUp · / filter`,
  badFormValue: (value: string) => `not a valid value: ${value}`,
  pausedWhileSmall: 'time is stopped until the window is larger',
  periodic: '(periodic)',
  /** A scheduler label (`deliver 6380→6381`, `6380 BGSAVE ends`) for the "next:" line. */
  eventLabel: (label: EventLabel) => eventLabel(label, 'en'),
  nothingToPlay: 'nothing to play: only periodic timers pending · type a command, or :run 10s',
  exportUsage: 'usage: :export svg [FILE] (the sequence diagram so far, as in F7)',
  exported: (path: string, bytes: number) => `wrote ${path} (${bytes} bytes): the sequence diagram so far; open it in a browser`,
  exportFailed: (why: string) => `could not write the diagram: ${why}`,
  exportNoFiles: 'this app cannot write files',
  nodeNotRunning: (port: number) => `${port} is not running`,
  // The cluster picture.
  noServers: 'no servers running',
  /** Serve mode: a real process outside the simulation (a redis-server replica or master, a client). */
  realServer: '(real redis-server)',
  realServerShort: '(real)',
  realClient: 'client',
  live: 'live',
  served: (where: string) => `served on ${where}`,
  realMaster: (port: number, state: string) => `real master 127.0.0.1:${port} (${state === 'connected' ? 'connected' : 'connecting'})`,
  quitServeQuestion: 'Stop serving and quit? Real clients are disconnected. (y/n)',
  stopServing: 'stop serving',
  backToLesson: 'back',
  typedTextKey: 'text',
  liveStepped: 'time paused to step (^P resumes the clock)',
  livePaused: 'time paused: clients\' replies wait (^P resumes)',
  liveResumed: (speed: number) => `time follows the wall clock again (${speed}×)`,
  liveSpeed: (speed: number) => `virtual time runs at ${speed}× the wall clock`,
  dead: 'dead',
  stopped: 'stopped',
  pausedNode: 'paused',
  offset: 'off',
  keys: 'keys',
  lag: (s: number) => `lag ${s}s`,
  behind: (bytes: number) => `${bytes}B behind`,
  rdbIn: 'RDB in ',
  rdbOut: 'RDB out',
  loadingRdb: 'loading the RDB into memory…',
  bgsaveKeys: (n: number) => `${n} keys`,
  buffer: (n: number, bytes: number) => `buffer ${n} (${bytes}B):`,
  bufferEmpty: '(empty)',
  moreRows: (n: number) => `… ${n} more rows`,
  inFlight: (n: number, bytes: number, rdbBytes: number) =>
    rdbBytes > 0 ? `in flight ${n} (${bytes}B) after RDB ${rdbBytes}B:` : `in flight ${n} (${bytes}B):`,
  held: (n: number, bytes: number) => `held ${n} (${bytes}B) until loaded:`,
  applied: (n: number, bytes: number, offset: number) => `applied ${n} (${bytes}B) → off ${offset}:`,
  continueApplied: 'applied',
  moreWrites: (n: number) => `+${n} more`,
  backlog: 'backlog',
  outOfBacklog: (port: number, offset: number) => `${port}@${offset} out of backlog`,
  empty: '(empty)',
};


/** The live server's notices as one line: the nodes that started listening together, then the rest. */
function liveNotices(notices: readonly LiveNotice[], lang: 'en' | 'zh'): string {
  const listening = notices.flatMap((n) => (n.kind === 'listening' ? [n] : []));
  const rest = notices.filter((n) => n.kind !== 'listening').map(liveNotice[lang]);
  if (listening.length > 1) {
    const where = servedWhere(listening);
    const first = listening[0].address.slice(listening[0].address.lastIndexOf(':') + 1);
    rest.unshift(lang === 'zh' ? `正在监听 ${where}（试试 redis-cli -p ${first}）` : `listening on ${where} (try redis-cli -p ${first})`);
  } else if (listening.length === 1) rest.unshift(liveNotice[lang](listening[0]));
  return rest.join(lang === 'zh' ? '；' : '; ');
}

/** What the live server says in serve mode, in each language. */
const liveNotice: Record<'en' | 'zh', (n: LiveNotice) => string> = {
  en: (n) => {
    switch (n.kind) {
      case 'listening': return `node ${n.port} listens on ${n.address}`;
      case 'portTaken': return `port ${n.realPort} is taken on this machine: node ${n.port} is not served (restart with --port-offset N)`;
      case 'listenFailed': return `node ${n.port} cannot listen on ${n.address}: ${n.message}`;
      case 'rewoundClosed': return `rewind closed ${n.count} real connection${n.count === 1 ? '' : 's'} (they reconnect); time paused, ^P resumes`;
      case 'rewindOff': return `rewind is off from here: the clients sent more than ${n.budgetMb} MB (serve --record FILE keeps a whole session)`;
    }
  },
  zh: (n) => {
    switch (n.kind) {
      case 'listening': return `节点 ${n.port} 在 ${n.address} 上监听`;
      case 'portTaken': return `本机端口 ${n.realPort} 已被占用：节点 ${n.port} 没有对外服务（用 --port-offset N 重新启动）`;
      case 'listenFailed': return `节点 ${n.port} 无法在 ${n.address} 上监听：${n.message}`;
      case 'rewoundClosed': return `回退关闭了 ${n.count} 个真实连接（会自动重连）；时间已暂停，^P 继续`;
      case 'rewindOff': return `从这里起不能回退：客户端发送的数据超过了 ${n.budgetMb} MB（serve --record 文件 可保存整个会话）`;
    }
  },
};

export type Strings = typeof en;

const zh: Strings = {
  appTitle: 'repl-tutor — 实时观察 Redis 主从复制',
  menuLessons: '课程',
  sandbox: '沙盒 — 三个节点，自由练习',
  language: '语言：中文  （回车：English）',
  quit: '退出',
  menuKeys: '↑/↓ 移动 · 回车 选择 · r 重新开始 · q 退出 · F1 按键',
  done: '已完成',
  started: '进行中',
  step: '步骤',
  goals: '目标',
  goalsMet: (met: number, total: number) => `目标已达成（${met}/${total}）`,
  goalsFolded: (met: number, total: number, key: string) => `已达成 ${met}/${total} 个目标 · ${key} 查看`,
  hintLabel: (n: number) => `提示 ${n}：`,
  hintKey: '按 ? 查看提示',
  why: '原因：',
  stepDone: '本步完成 — 在空行按回车进入下一步',
  lessonDone: '课程完成！按 Esc 返回菜单',
  cluster: '集群',
  timeline: '事件',
  next: '下一个：',
  nothingNext: '下一个：无待处理事件',
  onlyPeriodic: (label: string) => `单步执行了 ${label}：只剩周期定时器，没有变化`,
  settled: '自动稳定',
  stepMode: '单步模式',
  playing: '播放中',
  paused: '已暂停',
  output: '输出',
  tooSmall: (w: number, h: number) => `终端太小（需要 80×24，当前 ${w}×${h}）`,
  tooSmallHelp: '请放大窗口，教程会恢复原样。Ctrl+C 退出。',
  faultsTitle: '故障 — 选择一项（Esc 关闭）',
  pickPort: '选择节点（1–9），Esc 取消',
  pickPeer: '选择另一个节点（1–9），Esc 取消',
  inspectTitle: '查看 — 1–9 节点 · i INFO replication · k 键 · Esc 关闭',
  noNodes: '还没有运行的服务器',
  nothingToRewind: '没有可以回退的事件',
  noMark: '没有可以回到的步骤开头',
  rewound: '已回退一个事件',
  rewoundStep: '已回到本步开头',
  noMoreHints: '没有更多提示了',
  keysOf: (p: number) => `${p} 上的键`,
  infoOf: (p: number) => `${p} 的 INFO replication`,
  speed: '速度',
  warnings: '警告',
  actions: {
    quit: '退出',
    keySheet: '按键',
    menuUp: '上移',
    menuDown: '下移',
    menuOpen: '打开',
    menuRestart: '从头开始本课',
    menuQuit: '退出',
    back: '菜单',
    step: '单步',
    toggleTimeMode: '单步模式 ↔ 自动稳定',
    playPause: '播放/暂停',
    faster: '速度',
    runSettled: '运行到稳定',
    rewindEvent: '撤销事件',
    rewindStep: '回到本步开头',
    previousStep: '上一步',
    faults: '故障',
    inspect: '查看',
    hint: '提示',
    scrollUp: '上翻页',
    scrollDown: '下翻页',
    scrollTop: '顶部',
    scrollBottom: '底部',
    search: '搜索输出',
    textUp: '步骤文字上移',
    textDown: '步骤文字下移',
    clear: '清空输出',
    nextView: '视图',
    view: '选择视图',
    submit: '执行这一行',
    historyPrev: '上一条历史',
    historyNext: '下一条历史',
    complete: '补全',
    left: '光标左移',
    right: '光标右移',
    home: '行首',
    end: '行尾',
    backspace: '删除左边',
    deleteForward: '删除右边',
    deleteWordLeft: '删除一个词',
    deleteLineLeft: '删除到行首',
    leaveCli: '退出 redis-cli（空行时）',
    insert: '输入',
    close: '关闭',
    pickNode: '选择节点',
    pickFault: '选择故障',
    tabInfo: 'INFO replication',
    tabKeys: '键',
    filterKeys: '筛选键（MATCH 模式）',
    yes: '是',
    no: '否',
  },
  footerNow: {
    toSettled: '自动稳定',
    toStepMode: '单步模式',
    pause: '暂停',
    play: (speed: number) => `播放 ${speed}×`,
  },
  keySheetTitle: '按键一览 — Esc 关闭',
  keyContexts: { app: '任何时候', menu: '菜单', lesson: '课程', line: '输入行', faults: '故障菜单', inspect: '查看器', keySheet: '本页', confirm: '提问', form: '单行输入框' },
  views: { lesson: '课程', output: '输出', cluster: '集群', events: '事件', step: '步骤', sequence: '时序图', seedTable: 'SYNC 表', logs: '日志' },
  viewBar: (name: string, key: string) => `${name}（${key}）`,
  notice: (n: Notice): string => {
    switch (n.kind) {
      case 'rewound': return '已回退一个事件';
      case 'nothingToRewind': return '没有可以回退的事件';
      case 'rewoundStep': return '已回到本步开头';
      case 'noMark': return '没有可以回到的步骤开头';
      case 'noMoreHints': return '没有更多提示了';
      case 'noPreviousStep': return '这已经是第一步';
      case 'previousStep': return '已回到上一步的开头';
      case 'restarted': return '本课从第 1 步重新开始';
      case 'nothingPending': return '下一个：无待处理事件';
      case 'onlyPeriodic': return `单步执行了 ${eventLabel(n.label, 'zh')}：只剩周期定时器，没有变化`;
      case 'stepMode': return '单步模式';
      case 'settled': return '自动稳定';
      case 'solving': return `已回到本步开头，正在输入答案（共 ${n.lines} 行）…`;
      case 'noSolution': return '本步没有可演示的答案';
      case 'saved': return `已保存为 ${n.name}（${n.file}）；用 repl-tutor --sandbox ${n.name} 重新打开`;
      case 'saveFailed': return n.message;
      case 'saveOnlySandbox': return ':save 用来保存沙盒；课程的进度会自动保存';
      case 'saveServed': return '服务模式的会话用 repl-tutor serve --record 文件 保存（用 batch --replay 文件 重放）';
      case 'live': return liveNotices(n.notices, 'zh');
    }
  },
  wayOut: (rewindKey: string) => `${rewindKey}：回到本步开头 · 输入 :solve 自动演示答案`,
  deadEndTitle: '走不通了：',
  metOnArrival: '已经完成：你之前的操作已达成本步目标。',
  summarySteps: (done: number, total: number) => `已完成 ${done}/${total} 步`,
  startAgain: 'r：从第 1 步重新开始',
  resumeSandbox: '沙盒 — 回到你的环境',
  newSandboxQuestion: '要新建沙盒吗？当前沙盒环境将被丢弃。（y/n）',
  quitSandboxQuestion: '要退出吗？除非先保存（:save 名字），这个沙盒环境将丢失。（y/n）',
  newSandboxKey: 'r：新建沙盒（会先询问；在那之前保留你的环境）',
  outputMore: (n: number, key: string) => `↑ 还有 ${n} 行 — ${key}`,
  morePane: (key: string) => `… 更多：${key}`,
  keysWaiting: (n: number) => `${n} 个按键等待中`,
  formLabel: {
    faultValue: (line: string, a: number, b: number) => `${line.split(' ')[0]} ${a} ↔ ${b}：`,
    keyFilter: (port: number) => `${port} 上匹配的键（MATCH 模式，* ? [..]）：`,
    saveName: '沙盒保存为：',
    search: '搜索输出（向上查找）：',
  },
  searchFound: (needle: string, rowsUp: number) => `找到"${needle}"，在上方 ${rowsUp} 行 · 再按 ^S 找更早的 · ^End 回到底部`,
  searchNotFound: (needle: string) => `上方的输出里没有"${needle}"`,
  formHelp: '回车确认 · Esc 取消',
  keysPage: (from: number, to: number, total: number, filter: string) => `键 ${from}–${to}，共 ${total} 个${filter ? `，匹配 ${filter}` : ''} · PgDn/PgUp · / 筛选`,
  badFormValue: (value: string) => `不是有效的值：${value}`,
  pausedWhileSmall: '窗口放大前时间暂停',
  periodic: '（周期事件）',
  eventLabel: (label: EventLabel) => eventLabel(label, 'zh'),
  nothingToPlay: '没有可播放的事件：只剩周期定时器 · 先输入命令，或用 :run 10s 让时间前进',
  exportUsage: '用法：:export svg [文件]（到目前为止的时序图，同 F7）',
  exported: (path: string, bytes: number) => `已写入 ${path}（${bytes} 字节）：到目前为止的时序图，可用浏览器打开`,
  exportFailed: (why: string) => `无法写入时序图：${why}`,
  exportNoFiles: '此程序不能写文件',
  nodeNotRunning: (port: number) => `${port} 没有在运行`,
  noServers: '没有运行中的服务器',
  realServer: '（真实 redis-server）',
  realServerShort: '（真实）',
  realClient: '客户端',
  live: '实时',
  served: (where: string) => `服务于 ${where}`,
  realMaster: (port: number, state: string) => `真实主库 127.0.0.1:${port}（${state === 'connected' ? '已连接' : '连接中'}）`,
  quitServeQuestion: '要停止服务并退出吗？真实客户端会被断开。（y/n）',
  stopServing: '停止服务',
  backToLesson: '返回',
  typedTextKey: '文字',
  liveStepped: '为单步执行已暂停时间（^P 恢复时钟）',
  livePaused: '时间已暂停：客户端的回复会等待（^P 继续）',
  liveResumed: (speed: number) => `时间重新跟随墙上时钟（${speed}×）`,
  liveSpeed: (speed: number) => `虚拟时间以墙上时钟的 ${speed}× 运行`,
  dead: '已崩溃',
  stopped: '已关闭',
  pausedNode: '已暂停',
  offset: '偏移量',
  keys: '键',
  lag: (s: number) => `复制延迟 ${s}s`,
  behind: (bytes: number) => `落后 ${bytes}B`,
  rdbIn: 'RDB 接收',
  rdbOut: 'RDB 发送',
  loadingRdb: '正在把 RDB 载入内存…',
  bgsaveKeys: (n: number) => `${n} 个键`,
  buffer: (n: number, bytes: number) => `缓冲区 ${n} 条（${bytes}B）：`,
  bufferEmpty: '（空）',
  moreRows: (n: number) => `… 还有 ${n} 行`,
  inFlight: (n: number, bytes: number, rdbBytes: number) =>
    rdbBytes > 0 ? `传输中 ${n} 条（${bytes}B），排在 RDB 剩余 ${rdbBytes}B 之后：` : `传输中 ${n} 条（${bytes}B）：`,
  held: (n: number, bytes: number) => `已收到 ${n} 条（${bytes}B），载入后执行：`,
  applied: (n: number, bytes: number, offset: number) => `已执行 ${n} 条（${bytes}B）→ 偏移量 ${offset}：`,
  continueApplied: '已执行',
  moreWrites: (n: number) => `另 ${n} 条`,
  backlog: '复制积压缓冲区',
  outOfBacklog: (port: number, offset: number) => `${port}@${offset} 已超出复制积压缓冲区`,
  empty: '（空）',
};

export function strings(lang: Language): Strings {
  return lang === 'zh' ? zh : en;
}
