// The tutor's own lines speak the learner's language; Redis and the shell keep their own words.
import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../src/repl/api.js';
import { ReplSession } from '../../src/repl/session.js';
import { World } from '../../src/redis/world.js';
import { parseTutorLine, tutorHelp, TUTOR_SYNOPSES } from '../../src/repl/tutor.js';
import { tutorStrings, type TutorStrings } from '../../src/repl/tutor-strings.js';
import type { Language } from '../../src/language.js';
import { faultWords, type FaultWords } from '../../src/repl/fault-words.js';
import { FAULT_KINDS, type FaultKind } from '../../src/redis/faults.js';

const texts = (lines: OutputLine[]) => lines.map((l) => l.text);

/** A session in `lang` after `setup`; returns what `line` printed. */
function say(lang: Language, setup: readonly string[], line: string, maxMemoryBytes = 0): string[] {
  const s = new ReplSession({ seed: 7, language: lang, createWorld: (seed) => new World({ seed, maxMemoryBytes }) });
  for (const l of setup) s.submit(l);
  return texts(s.submit(line));
}

const up = (port: number) => `redis-server /data/${port}/redis.conf`;

/**
 * One case per message in the tables: how to make the tutor say it, and what it says in each
 * language. `take` keeps only the first lines (the rest are Redis's own replies).
 */
interface Case {
  /** A tutor-strings.ts key, or `done.KIND` / `refused.REASON` of fault-words.ts. */
  key: keyof TutorStrings | `done.${FaultKind}` | `refused.${keyof FaultWords['refused']}`;
  setup: string[];
  line: string;
  en: string[];
  zh: string[];
  take?: number;
  /** The world's memory budget (none by default). */
  maxMemoryBytes?: number;
}

const CASES: Case[] = [
  { key: 'usage', setup: [], line: ':kill', en: ['usage: :kill PORT'], zh: ['用法：:kill PORT'] },
  {
    key: 'unknown',
    setup: [],
    line: ':frobnicate',
    en: ["unknown tutor command ':frobnicate' (try :help)"],
    zh: ["没有 ':frobnicate' 这个教程命令（试试 :help）"],
  },
  { key: 'nothingToStep', setup: [], line: ':step', en: ['nothing to step: no event is scheduled'], zh: ['无法单步：没有待发生的事件'] },
  {
    key: 'stepped',
    setup: [up(6380), ':mode manual'],
    line: ':step',
    en: ['stepped [0.000s] 6380 serverCron'],
    zh: ['单步执行 [0.000s] 6380 serverCron'],
  },
  {
    key: 'steppedMany',
    setup: [up(6380), ':mode manual'],
    line: ':step 20',
    en: ['stepped 20 events, now 19.000s (last: 6380 serverCron)'],
    zh: ['单步执行了 20 个事件，现在是 19.000s（最后一个：6380 serverCron）'],
  },
  {
    key: 'ranIdle',
    setup: [up(6380), up(6381), ':mode manual', 'redis-cli -p 6381 slaveof 127.0.0.1 6380'],
    line: ':run idle',
    en: ['ran until idle: 0.040s passed, now 0.040s'],
    zh: ['已运行到复制稳定：经过 0.040s，现在是 0.040s'],
  },
  { key: 'ran', setup: [up(6380), ':mode manual'], line: ':run 11s', en: ['ran 11.000s, now 11.000s'], zh: ['已运行 11.000s，现在是 11.000s'] },
  {
    key: 'done.kill',
    setup: [up(6380)],
    line: ':kill 6380',
    en: ['killed 6380: the process crashed, nothing was saved'],
    zh: ['已杀掉 6380：进程崩溃，什么都没保存'],
  },
  { key: 'refused.not-running', setup: [], line: ':kill 7000', en: ['no running process on port 7000'], zh: ['端口 7000 上没有正在运行的进程'] },
  { key: 'done.restart', setup: [up(6380), ':kill 6380'], line: ':restart 6380', en: ['restarted 6380'], zh: ['已重启 6380'] },
  {
    key: 'refused.never-started',
    setup: [],
    line: ':restart 7000',
    en: ['No server was ever started on port 7000'],
    zh: ['端口 7000 上从没启动过服务器'],
  },
  {
    key: 'done.pause',
    setup: [up(6380)],
    line: ':pause 6380',
    en: ['paused 6380: its links stay up, but it reads and answers nothing'],
    zh: ['已暂停 6380：链路仍然保持，但它不读取也不回复任何东西'],
  },
  { key: 'done.resume', setup: [up(6380), ':pause 6380'], line: ':resume 6380', en: ['resumed 6380'], zh: ['6380 已恢复运行'] },
  { key: 'refused.not-paused', setup: [up(6380)], line: ':resume 6380', en: ['port 6380 is not paused'], zh: ['端口 6380 没有被暂停'] },
  {
    key: 'done.drop',
    setup: [],
    line: ':drop 6380 6381',
    en: ['dropped the link between 6380 and 6381'],
    zh: ['已切断 6380 与 6381 之间的链路'],
  },
  {
    key: 'done.crash',
    setup: [up(6380)],
    line: ':crash 6380',
    en: ["6380's host crashed: nothing more leaves it, its peers find out only by timeouts"],
    zh: ['6380 所在的主机宕机了：什么都发不出去，对端只能靠超时发现'],
  },
  {
    key: 'done.reset',
    setup: [],
    line: ':reset 6380 6381',
    en: ['reset the connections between 6380 and 6381'],
    zh: ['已重置 6380 与 6381 之间的连接'],
  },
  { key: 'done.heal', setup: [':drop 6380 6381'], line: ':heal', en: ['healed every dropped link'], zh: ['所有切断的链路都已修复'] },
  {
    key: 'done.latency',
    setup: [],
    line: ':latency 6380 6381 250',
    en: ['latency between 6380 and 6381 is now 250 ms'],
    zh: ['6380 与 6381 之间的链路时延现在是 250 ms'],
  },
  {
    key: 'done.bandwidth',
    setup: [],
    line: ':bandwidth 6380 6381 10kb',
    en: ['bandwidth between 6380 and 6381 is now 10240 bytes/s'],
    zh: ['6380 与 6381 之间的带宽现在是每秒 10240 字节'],
  },
  {
    key: 'newWorld',
    setup: [up(6380)],
    line: ':seed 99',
    en: ['new world with seed 99: no servers running, time 0 (rewind starts here)'],
    zh: ['用种子 99 新建了一个世界：没有运行的服务器，时间归零（回退最远只到这里）'],
  },
  { key: 'timeMode', setup: [':mode manual'], line: ':mode', en: ['time mode: manual'], zh: ['时间模式：manual'] },
  {
    key: 'nowSettled',
    setup: [':mode manual'],
    line: ':mode settled',
    en: ['time mode: settled (the world runs until replication settles after each line)'],
    zh: ['时间模式：settled（每输入一行，世界都会运行到复制稳定为止）'],
  },
  {
    key: 'nowManual',
    setup: [],
    line: ':mode manual',
    en: ['time mode: manual (time moves only with :step and :run)'],
    zh: ['时间模式：manual（时间只随 :step 和 :run 前进）'],
  },
  {
    key: 'waitingForReply',
    setup: [up(6380), 'redis-cli -p 6380', ':mode manual', ':pause 6380', 'ping'],
    line: 'ping',
    en: ['(redis-cli is waiting for the reply to the previous command: move time with :run or :step, or press Ctrl-C to quit redis-cli)'],
    zh: ['（redis-cli 还在等上一条命令的回复：用 :run 或 :step 推进时间，或按 Ctrl-C 退出 redis-cli）'],
  },
  {
    key: 'readingMessages',
    setup: [up(6380), 'redis-cli -p 6380', 'subscribe ch'],
    line: 'get x',
    en: ['(redis-cli is in subscribed mode, reading messages: they print as time moves (:run, :step); press Ctrl-C to go back to its prompt)'],
    zh: ['（redis-cli 处于订阅模式，正在读取消息：推进时间（:run、:step）时消息会显示出来；按 Ctrl-C 回到它的提示符）'],
  },
  {
    key: 'repeatCapped',
    setup: [up(6380), 'redis-cli -p 6380'],
    line: '20000 ping',
    en: ['(the tutorial repeats a command at most 10000 times)', 'PONG'],
    zh: ['（本教程最多把一条命令重复 10000 次）', 'PONG'],
    take: 2,
  },
  {
    key: 'memoryBudget',
    setup: [up(6380)],
    line: 'redis-cli -p 6380 debug populate 20000',
    maxMemoryBytes: 2 << 20,
    en: [
      "(error) OOM command not allowed when used memory > 'maxmemory'.",
      "(the tutor's memory budget of 2 MB for all its servers together is spent: --max-memory sets it; your servers' own maxmemory is not involved)",
    ],
    zh: ["(error) OOM command not allowed when used memory > 'maxmemory'.", '（本教程给所有服务器合计的内存预算 2 MB 已用完：用 --max-memory 调整；与服务器自己的 maxmemory 无关）'],
  },
  {
    key: 'settleCapped',
    setup: [up(6380), up(6381), 'redis-cli -p 6380 debug populate 10000', ':bandwidth 6380 6381 100'],
    line: 'redis-cli -p 6381 replicaof 127.0.0.1 6380',
    en: ['OK', '(stopped after 600.000s of virtual time: replication has not settled; :run idle, :step or :run go on)'],
    zh: ['OK', '（虚拟时间已走了 600.000s，复制仍未稳定，先停在这里；可用 :run idle、:step 或 :run 继续）'],
  },
  {
    key: 'tooManyWords',
    setup: [],
    line: 'ls {1..10000}{1..10000}',
    en: ["(brace expansion would make more than 10000 words; the tutorial's shell stops there)"],
    zh: ['（花括号展开会产生超过 10000 个词；本教程的 shell 到此为止）'],
  },
  {
    key: 'stillWaiting',
    setup: [up(6380), 'redis-cli -p 6380', ':pause 6380'],
    line: 'ping',
    en: ['(still waiting for the reply after 60s of virtual time; it will print when it arrives)'],
    zh: ['（虚拟时间过去 60 秒仍未收到回复；回复到达时会显示出来）'],
  },
  {
    key: 'psOptionNotEmulated',
    setup: [],
    line: 'ps -x',
    en: ["ps: options '-x' are not emulated here (supported: ps, ps aux, ps -ef)"],
    zh: ["ps：这里没有模拟选项 '-x'（支持 ps、ps aux、ps -ef）"],
  },
  {
    key: 'refused',
    setup: [up(6380), 'redis-cli -p 6380'],
    line: 'eval "return 1" 0',
    en: [
      "(error) ERR unknown command 'eval', with args beginning with: 'return 1' '0' ",
      '(EVAL is a Redis 7.0 command the tutor does not run: Lua scripting and functions are left out)',
    ],
    zh: [
      "(error) ERR unknown command 'eval', with args beginning with: 'return 1' '0' ",
      '（EVAL 是 Redis 7.0 的命令，本教程没有实现：没有包含 Lua 脚本和函数）',
    ],
  },
  {
    key: 'shellHelp',
    setup: [],
    line: 'help',
    en: ['Shell commands:', '  redis-server PATH [--name value ...]   start a server from a config file (e.g. /data/6380/redis.conf)'],
    zh: ['Shell 命令：', '  redis-server PATH [--name value ...]   用配置文件启动服务器（如 /data/6380/redis.conf）'],
    take: 2,
  },
  {
    key: 'noEditor',
    setup: [],
    line: 'vim /data/6380/redis.conf',
    en: ["vim: editing is not available in this tutorial; the config files already hold the seed's contents (try cat)"],
    zh: ['vim：本教程不能编辑文件；配置文件里已经是笔记中的内容（试试 cat）'],
  },
  { key: 'shellExit', setup: [], line: 'exit', en: ['this is the tutorial shell; quit the program with Ctrl-C'], zh: ['这是教程自带的 shell；按 Ctrl-C 退出程序'] },
  {
    key: 'serverStarted',
    setup: [],
    line: 'redis-server --port 6390',
    en: ['redis-server started on port 6390 (in the foreground a real one would print its log here; this one runs in the background)'],
    zh: ['redis-server 已在端口 6390 启动（真实的前台进程会在这里打印日志；这个在后台运行）'],
  },
  {
    key: 'serverFailedToLog',
    setup: [up(6380)],
    line: up(6380),
    en: ['(a real redis-server prints nothing here: it could not listen on its port, which is taken, and exited; see tail /data/6380/redis.log)'],
    zh: ['（真实的 redis-server 在这里什么也不打印：它无法监听——端口已被占用——随即退出；见 tail /data/6380/redis.log）'],
  },
  {
    key: 'cliOptionNotEmulated',
    setup: [],
    line: 'redis-cli --cluster info',
    en: ["redis-cli: option '--cluster' is not emulated here (supported: -h HOST -p PORT -n DB --raw)"],
    zh: ["redis-cli：本教程没有模拟选项 '--cluster'（支持：-h HOST -p PORT -n DB --raw）"],
  },
  {
    key: 'onlyGrepPipes',
    setup: [],
    line: 'netstat -tlnp | wc -l',
    en: ['only `| grep PATTERN` pipes are supported here (got `| wc -l`)'],
    zh: ['这里的管道只支持 `| grep PATTERN`（收到的是 `| wc -l`）'],
  },
  {
    key: 'noStdin',
    setup: [],
    line: 'tail -n 5',
    en: ['tail: there is no standard input to read here; name a file (e.g. tail /data/6380/redis.log)'],
    zh: ['tail：这里没有标准输入可读；请给出文件名（如 tail /data/6380/redis.log）'],
  },
  {
    key: 'help',
    setup: [],
    line: ':help',
    en: [
      ':step [N]                  fire the next N events (default 1)',
      ':run idle | :run DURATION  run until replication settles, or for a time (11s, 500ms, 2m)',
      ':kill PORT                 kill -9 a server: no save (what it wrote is still sent)',
      ':crash PORT                its host dies: nothing more leaves it',
      ':restart PORT              start a crashed or shut-down server again',
      ':pause PORT                freeze a process: links stay up, nothing is read or answered',
      ':resume PORT               unfreeze it',
      ':drop A B                  a silent partition: only timeouts notice it',
      ':reset A B                 reset the connections between two ports',
      ':heal                      end every partition (TCP retransmits)',
      ':latency A B MS            one-way delay between two ports',
      ':bandwidth A B RATE        bytes per second between two ports (e.g. 10kb, 1mb)',
      ':seed N                    start a new world with seed N (everything resets)',
      ':mode settled|manual       settle after each line, or leave time to :step/:run',
      ':help                      this list',
    ],
    zh: [
      ':step [N]                  触发接下来的 N 个事件（默认 1 个）',
      ':run idle | :run DURATION  运行到复制稳定，或运行一段时间（11s、500ms、2m）',
      ':kill PORT                 kill -9 杀掉服务器：不保存（已写出的数据仍会发出）',
      ':crash PORT                所在主机宕机：什么都发不出去了',
      ':restart PORT              重新启动崩溃或已关闭的服务器',
      ':pause PORT                冻结进程：链路仍然保持，但什么都不读取、不回复',
      ':resume PORT               解除冻结',
      ':drop A B                  无声的网络隔断：只有超时才能发现',
      ':reset A B                 重置两个端口之间的连接',
      ':heal                      结束所有网络隔断（TCP 会重传）',
      ':latency A B MS            两个端口之间的单向链路时延',
      ':bandwidth A B RATE        两个端口之间每秒的字节数（如 10kb、1mb）',
      ':seed N                    用种子 N 新建一个世界（一切重置）',
      ':mode settled|manual       每行之后自动运行到稳定，或把时间交给 :step/:run',
      ':help                      显示这个列表',
    ],
  },
];

const HAN = /\p{Script=Han}/u;

describe('tutor lines — the message tables', () => {
  const en = tutorStrings('en');
  const zh = tutorStrings('zh');

  it('English and Chinese have the same messages, each the same kind (text or template of the same arity)', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof TutorStrings>) {
      const [e, z] = [en[key], zh[key]];
      expect(typeof z, key).toBe(typeof e);
      if (typeof e === 'function') expect((z as (...a: unknown[]) => string).length, key).toBe(e.length);
    }
  });

  it(':help describes every tutor command, in both languages (faults from the fault words)', () => {
    const commands = Object.keys(TUTOR_SYNOPSES).sort();
    for (const lang of ['en', 'zh'] as const) {
      const described = [...Object.keys(tutorStrings(lang).help), ...Object.keys(faultWords(lang).help)];
      expect(described.sort()).toEqual(commands);
    }
  });

  it('the fault words: every fault and every refusal has its words, in Chinese for 中文', () => {
    for (const lang of ['en', 'zh'] as const) {
      expect(Object.keys(faultWords(lang).done).sort()).toEqual([...FAULT_KINDS].sort());
      expect(Object.keys(faultWords(lang).help).sort()).toEqual([...FAULT_KINDS].sort());
    }
    const zhWords = faultWords('zh');
    for (const text of Object.values(zhWords.help)) expect(text).toMatch(HAN);
    for (const f of Object.values(zhWords.refused)) expect(f(6380)).toMatch(HAN);
  });

  it('every Chinese message is written in Chinese, not left in English', () => {
    const render = (v: unknown): string => (typeof v === 'function' ? v('A', 'B', 'C') : String(v));
    for (const key of Object.keys(en) as Array<keyof TutorStrings>) {
      if (key === 'help') continue;
      expect(render(zh[key]), key).toMatch(HAN);
      expect(render(zh[key]), key).not.toBe(render(en[key]));
    }
    for (const [name, text] of Object.entries(zh.help)) expect(text, name).toMatch(HAN);
  });

  it('every message has a case below, so a new message cannot go untested', () => {
    const own = CASES.map((c) => c.key).filter((k) => !k.includes('.'));
    expect(own.sort()).toEqual(Object.keys(en).sort());
    const faults = CASES.map((c) => c.key).filter((k) => k.includes('.'));
    const expected = [
      ...Object.keys(faultWords('en').done).map((k) => `done.${k}`),
      ...Object.keys(faultWords('en').refused).map((k) => `refused.${k}`),
    ];
    expect(faults.sort()).toEqual(expected.sort());
  });
});

describe('tutor lines — confirm in English by default (batch mode and old transcripts unchanged)', () => {
  it('a session built without a language speaks English', () => {
    expect(new ReplSession().language).toBe('en');
    expect(texts(new ReplSession({ seed: 7 }).submit(':kill 7000'))).toEqual(['no running process on port 7000']);
  });

  for (const c of CASES) {
    it(`${c.key}: ${c.line}`, () => {
      expect(say('en', c.setup, c.line, c.maxMemoryBytes).slice(0, c.take)).toEqual(c.en);
    });
  }
});

describe('tutor lines — confirm in Chinese when the session speaks 中文', () => {
  for (const c of CASES) {
    it(`${c.key}: ${c.line}`, () => {
      expect(say('zh', c.setup, c.line, c.maxMemoryBytes).slice(0, c.take)).toEqual(c.zh);
    });
  }

  it('usage errors keep the synopsis as it is typed', () => {
    expect(parseTutorLine(':latency 6380 6381 fast', 'zh')).toEqual({ ok: false, error: '用法：:latency A B MS' });
    expect(parseTutorLine(':latency 6380 6381 fast')).toEqual({ ok: false, error: 'usage: :latency A B MS' });
    const synopsis = (line: string) => line.slice(0, 26);
    expect(tutorHelp('zh').map(synopsis)).toEqual(tutorHelp('en').map(synopsis));
  });

  it('a tutor line is in the same output kind in either language (errors stay errors)', () => {
    for (const line of [':kill 7000', ':resume 7000', ':restart 7000', ':bogus', ':kill']) {
      const kinds = (lang: Language) => new ReplSession({ seed: 7, language: lang }).submit(line).map((l) => l.kind);
      expect(kinds('zh'), line).toEqual(kinds('en'));
      expect(kinds('zh'), line).toEqual(['error']);
    }
  });
});

describe('tutor lines — switching language', () => {
  it('the next tutor line speaks the new language; the world is untouched', () => {
    const s = new ReplSession({ seed: 7 });
    s.submit(up(6380));
    expect(texts(s.submit(':pause 6380'))).toEqual(['paused 6380: its links stay up, but it reads and answers nothing']);
    s.language = 'zh';
    expect(texts(s.submit(':resume 6380'))).toEqual(['6380 已恢复运行']);
    expect(s.world.node(6380)?.status).toBe('running');
    s.language = 'en';
    expect(texts(s.submit(':resume 6380'))).toEqual(['port 6380 is not paused']);
  });

  it('a rewind re-tells the transcript in the language spoken now', () => {
    const s = new ReplSession({ seed: 7, timeMode: 'manual' });
    s.submit(up(6380));
    s.submit(':run 2s');
    const mark = s.mark();
    expect(texts(s.transcript).slice(-1)).toEqual(['ran 2.000s, now 2.000s']);
    s.language = 'zh';
    expect(s.rewindToMark(mark)).toBe(true);
    expect(texts(s.transcript).slice(-2)).toEqual(['$ :run 2s', '已运行 2.000s，现在是 2.000s']);
  });
});

describe('Redis and the shell print the same in either language', () => {
  /** Everything but `:` lines: shell commands, their errors, redis-cli and Redis replies. */
  const SCRIPT = [
    'ls /data',
    'cat /data/6380/redis.conf',
    'frobnicate',
    'cat /nope',
    'redis-cli -p 7000 ping',
    up(6380),
    up(6381),
    'netstat -tlnp',
    'redis-cli -p 6381 slaveof 127.0.0.1 6380',
    'redis-cli -p 6380',
    'set a 1',
    'wat',
    'wait 1 100',
    'info replication',
    'help set',
    'exit',
    'redis-cli -p 6381 set a 2',
  ];

  const transcript = (lang: Language) => {
    const s = new ReplSession({ seed: 7, language: lang });
    return SCRIPT.flatMap((line) => s.submit(line).map((l) => `${l.kind}: ${l.text}`));
  };

  it('the whole transcript is identical, and it is the real programs’ English', () => {
    const en = transcript('en');
    expect(transcript('zh')).toEqual(en);
    expect(en).toContain('error: bash: frobnicate: command not found');
    expect(en).toContain('error: cat: /nope: No such file or directory');
    expect(en).toContain('error: Could not connect to Redis at 127.0.0.1:7000: Connection refused');
    expect(en).toContain("error: (error) ERR unknown command 'wat', with args beginning with: ");
    expect(en).toContain("error: (error) READONLY You can't write against a read only replica.");
    expect(en.join('\n')).not.toMatch(HAN);
  });

  it('a failed :restart shows redis-server’s own lines, untranslated', () => {
    const log = (lang: Language) => say(lang, ['redis-server --port 6380'], ':restart 6380');
    expect(log('zh')).toEqual(log('en'));
    expect(log('zh').at(-1)).toMatch(/# Failed listening on port 6380 \(TCP\), aborting\.$/);
  });

  it('redis-cli’s own timing note stays as redis-cli prints it', () => {
    const setup = [up(6380), up(6381), 'redis-cli -p 6381 slaveof 127.0.0.1 6380', ':pause 6381', 'redis-cli -p 6380', 'set x 1'];
    expect(say('zh', setup, 'wait 1 1500')).toEqual(['(integer) 0', '(1.50s)']);
  });
});
