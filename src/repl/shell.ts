/**
 * The `$ ` prompt: the shell lines of the seed (redis-server, redis-cli, netstat -tlnp | grep, ls,
 * cat, mkdir, cd) with the real tools' wording, over the simulated world and the virtual files.
 */

import type { ServerStartOptions, StartResult, WorldApi } from '../redis/api.js';
import { utf8ToBytes } from '../redis/bytes.js';
import type { OutputLine } from './api.js';
import { atoi, type CliOptions } from './redis-cli.js';
import { parseShellLine } from './shell-words.js';
import { compileGrepPattern, GrepPatternError } from './grep-match.js';
import type { TutorStrings } from './tutor-strings.js';
import { tutorSynopsisLines } from './tutor.js';
import type { Vfs } from './vfs.js';

/** What the shell needs from the session. */
export interface ShellEnv {
  readonly world: WorldApi;
  readonly vfs: Vfs;
  /**
   * Run redis-cli. With `argv`: send it once and push what redis-cli prints to `out`.
   * Without: enter the node's prompt (printing `Could not connect…` to `out` if nothing listens).
   */
  redisCli(opts: CliOptions, argv: string[] | null, out: OutputLine[]): void;
  /** Start a server and remember its pid (netstat shows it). */
  startServer(opts: ServerStartOptions): StartResult;
  /** The fake pid of the process listening on `port`. */
  pidOf(port: number): number | undefined;
  /** A pid for a short-lived process (ps itself), taken from the same sequence as the servers'. */
  nextPid(): number;
  /** Clear the screen (the TUI clears its output pane). */
  clear(): void;
  /** The tutor's own words in the learner's language (its notes; bash's and redis-cli's stay theirs). */
  readonly say: TutorStrings;
  /** `tail -f`: print lines appended to these files from now on, until the session stops it. */
  follow?(paths: string[], headers: boolean): void;
}


const REDIS_CLI_VERSION = 'redis-cli 7.0.15';
const REDIS_SERVER_VERSION = 'Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=ae4d7c971a948f0';

/** Options of the real redis-cli this tutorial does not emulate (so the message is honest). */
const UNSUPPORTED_CLI_OPTIONS = new Set([
  '-s', '-a', '--user', '--pass', '--askpass', '-u', '-i', '-x', '-X', '-d', '-D', '-c', '-e', '-4', '-6',
  '--tls', '--sni', '--cacert', '--cacertdir', '--insecure', '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites',
  '-3', '--resp2', '--resp3', '--csv', '--quoted-input', '--show-pushes', '--stat', '--latency', '--latency-history',
  '--latency-dist', '--lru-test', '--replica', '--rdb', '--functions-rdb', '--pipe', '--pipe-timeout', '--bigkeys',
  '--memkeys', '--memkeys-samples', '--hotkeys', '--scan', '--pattern', '--quoted-pattern', '--intrinsic-latency',
  '--eval', '--ldb', '--ldb-sync-mode', '--cluster', '--verbose', '--no-auth-warning', '--help',
]);

/** Run one line typed at `$ `. Never throws for bad input: every problem is one printed line. */
export function runShellLine(line: string, env: ShellEnv): OutputLine[] {
  const parsed = parseShellLine(line);
  if (!parsed.ok) return [{ text: 'error' in parsed ? parsed.error : env.say.tooManyWords(parsed.tooManyWords), kind: 'error' }];
  if (parsed.pipeline.length === 0) return [];
  const [first, ...filters] = parsed.pipeline;
  for (const f of filters) {
    if (f[0] !== 'grep') {
      return [{ text: env.say.onlyGrepPipes(f.join(' ')), kind: 'error' }];
    }
  }
  let out = runCommand(first, env);
  for (const f of filters) out = grep(f.slice(1), out);
  return out;
}

/** `grep [-i] [-v] [-F|-E] PATTERN` (basic regular expressions unless -E) over printed lines (errors pass through, as stderr would). */
function grep(args: string[], lines: OutputLine[]): OutputLine[] {
  let ignoreCase = false;
  let invert = false;
  let fixed = false;
  let extended = false;
  const rest: string[] = [];
  for (const a of args) {
    if (/^-[ivFEw]+$/.test(a)) {
      if (a.includes('i')) ignoreCase = true;
      if (a.includes('v')) invert = true;
      if (a.includes('F')) fixed = true;
      if (a.includes('E')) extended = true;
    } else rest.push(a);
  }
  if (rest.length === 0) {
    return [
      { text: 'Usage: grep [OPTION]... PATTERNS [FILE]...', kind: 'error' },
      { text: "Try 'grep --help' for more information.", kind: 'error' },
    ];
  }
  let test: (s: string) => boolean;
  const pattern = rest[0];
  if (fixed) {
    const p = ignoreCase ? pattern.toLowerCase() : pattern;
    test = (s) => (ignoreCase ? s.toLowerCase() : s).includes(p);
  } else {
    // Basic regular expressions, or extended with -E, matched in linear time (never backtracking).
    try {
      test = compileGrepPattern(pattern, { extended, ignoreCase });
    } catch (e) {
      if (!(e instanceof GrepPatternError)) throw e;
      return [...lines.filter((l) => l.kind === 'error'), { text: `grep: ${e.message}`, kind: 'error' }];
    }
  }
  // Error lines went to stderr, which a pipe does not filter.
  return lines.filter((l) => l.kind === 'error' || test(l.text) !== invert);
}

function runCommand(words: string[], env: ShellEnv): OutputLine[] {
  const [name, ...args] = words;
  switch (name) {
    case 'redis-server':
      return redisServer(args, env);
    case 'redis-cli':
      return redisCli(args, env);
    case 'netstat':
      return netstat(args, env);
    case 'ls':
      return ls(args, env);
    case 'cat':
      return cat(args, env);
    case 'tail':
      return tail(args, env);
    case 'cd':
      return cd(args, env);
    case 'ps':
      return ps(args, env);
    case 'kill':
      return kill(args, env);
    case 'pwd':
      return [{ text: env.vfs.cwd, kind: 'reply' }];
    case 'mkdir':
      return mkdir(args, env);
    case 'help':
      return [...env.say.shellHelp, ...tutorSynopsisLines()].map((text) => ({ text, kind: 'info' as const }));
    case 'clear':
      env.clear();
      return [];
    case 'vim':
    case 'vi':
    case 'nano':
      return [{ text: env.say.noEditor(name), kind: 'info' }];
    case 'exit':
      return [{ text: env.say.shellExit, kind: 'info' }];
    default:
      return [{ text: `bash: ${name}: command not found`, kind: 'error' }];
  }
}

// ---------------------------------------------------------------------------------------------
// redis-server

/** Parse the real binary's arguments: `[PATH] [--name value ...]`. */
function redisServer(args: string[], env: ShellEnv): OutputLine[] {
  if (args[0] === '-v' || args[0] === '--version') return [{ text: REDIS_SERVER_VERSION, kind: 'reply' }];
  if (args[0] === '-h' || args[0] === '--help') {
    return [
      'Usage: ./redis-server [/path/to/redis.conf] [options] [-]',
      '       ./redis-server - (read config from stdin)',
      '       ./redis-server -v or --version',
      '       ./redis-server -h or --help',
      '',
      'Examples:',
      '       ./redis-server (run the server with default conf)',
      '       ./redis-server /etc/redis/6379.conf',
      '       ./redis-server --port 7777',
      '       ./redis-server --port 7777 --replicaof 127.0.0.1 8888',
      '       ./redis-server /etc/myredis.conf --loglevel verbose',
    ].map((text) => ({ text, kind: 'info' as const }));
  }
  const opts: ServerStartOptions = {};
  let i = 0;
  if (args.length > 0 && !args[0].startsWith('--')) {
    const path = env.vfs.resolve(args[0]);
    const entry = env.vfs.stat(path);
    if (!entry || entry.kind !== 'file') {
      const reason = entry ? 'Is a directory' : 'No such file or directory';
      return [{ text: `Fatal error, can't open config file '${args[0]}': ${reason}`, kind: 'error' }];
    }
    opts.configText = entry.bytes;
    opts.configPath = path;
    i = 1;
  }
  const flags: Array<[string, ...string[]]> = [];
  for (; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) flags.push([a.slice(2)]);
    else if (flags.length > 0) flags[flags.length - 1].push(a);
    else return [{ text: `Invalid argument '${a}'`, kind: 'error' }];
  }
  // Options are byte strings in the engine.
  if (flags.length > 0) opts.flags = flags.map(([n, ...v]) => [utf8ToBytes(n), ...v.map(utf8ToBytes)]);
  if (opts.configText !== undefined) opts.configText = utf8ToBytes(opts.configText);

  const result = env.startServer(opts);
  if (!result.ok) {
    // The real binary printed nothing (its lines went to its logfile): say where they are, as an aside.
    if (result.lines.length === 0 && result.loggedTo !== undefined) return [{ text: env.say.serverFailedToLog(result.loggedTo), kind: 'info' }];
    return result.lines.map((text) => ({ text, kind: 'error' as const }));
  }
  // With `daemonize yes` (the seed's files) the real binary forks and prints nothing.
  if (daemonizes(opts)) return [];
  return [{ text: env.say.serverStarted(result.port), kind: 'info' }];
}

/** Whether the last `daemonize` setting (file, then flags) is yes. */
function daemonizes(opts: ServerStartOptions): boolean {
  let on = false;
  for (const raw of (opts.configText ?? '').split('\n')) {
    const m = /^\s*daemonize\s+"?(\w+)"?\s*$/i.exec(raw);
    if (m) on = m[1].toLowerCase() === 'yes';
  }
  for (const [name, value] of opts.flags ?? []) {
    if (name.toLowerCase() === 'daemonize' && value !== undefined) on = value.toLowerCase() === 'yes';
  }
  return on;
}

// ---------------------------------------------------------------------------------------------
// redis-cli

/** redis-cli.c:parseOptions for the options we emulate; the rest of the words are the command. */
function redisCli(args: string[], env: ShellEnv): OutputLine[] {
  const opts: CliOptions = { host: '127.0.0.1', port: 6379, db: 0 };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    const last = i === args.length - 1;
    if (a === '-h' && !last) opts.host = args[++i];
    else if (a === '-p' && !last) opts.port = atoi(args[++i]); // atoi: `-p abc` is port 0, as in redis-cli
    else if (a === '-n' && !last) opts.db = atoi(args[++i]);
    else if (a === '-r' && !last) opts.repeat = strtoll(args[++i]);
    else if (a === '--raw') opts.raw = true;
    else if (a === '--no-raw') opts.raw = false;
    else if (a === '-v' || a === '--version') return [{ text: REDIS_CLI_VERSION, kind: 'reply' }];
    else if (UNSUPPORTED_CLI_OPTIONS.has(a)) {
      return [{ text: env.say.cliOptionNotEmulated(a), kind: 'error' }];
    } else if (a.startsWith('-')) {
      return [{ text: `Unrecognized option or bad number of args for: '${a}'`, kind: 'error' }];
    } else break;
  }
  const argv = args.slice(i).map(utf8ToBytes);
  const out: OutputLine[] = [];
  env.redisCli(opts, argv.length > 0 ? argv : null, out);
  return out;
}

/** strtoll(s, NULL, 10) as redis-cli reads -r: leading number, else 0. */
function strtoll(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

// ---------------------------------------------------------------------------------------------
// netstat

/** netstat's row layout: `%-5s %6s %6s %-23s %-23s %-11s` then the PID/Program name column. */
function netstatRow(proto: string, local: string, foreign: string, program: string | null): string {
  let row =
    proto.padEnd(5) + ' ' + '0'.padStart(6) + ' ' + '0'.padStart(6) + ' ' + local.padEnd(23) + ' ' + foreign.padEnd(23) + ' ' + 'LISTEN'.padEnd(11);
  if (program !== null) row += ' ' + program.padEnd(20);
  return row;
}

/**
 * `netstat -tlnp`: one tcp and one tcp6 line per listening server (Redis binds `* -::*` by
 * default), in netstat's columns; the program column is "PID/redis-server *:PORT" cut to 19 chars,
 * as netstat does (`4598/redis-server * `).
 */
function netstat(args: string[], env: ShellEnv): OutputLine[] {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const showPrograms = flags.includes('p');
  const ports = [...env.world.listeningPorts()].sort((a, b) => a - b);
  const lines: string[] = ['Active Internet connections (only servers)'];
  let header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
  if (showPrograms) header += ' PID/Program name    ';
  lines.push(header);
  const program = (port: number, addr: string) => {
    if (!showPrograms) return null;
    const pid = env.pidOf(port);
    return pid === undefined ? '-' : `${pid}/redis-server ${addr}:${port}`.slice(0, 19);
  };
  const bindOf = (port: number): { v4: string | null; v6: boolean; title: string } => {
    const bind = env.world.node(port)?.config?.['bind'];
    if (!bind || bind.trim() === '' || bind.trim() === '* -::*' || bind.trim() === '*') return { v4: '0.0.0.0', v6: true, title: '*' };
    const addrs = bind.trim().split(/\s+/).map((a) => a.replace(/^-/, ''));
    const v4 = addrs.find((a) => !a.includes(':')) ?? null;
    return { v4: v4 === '*' ? '0.0.0.0' : v4, v6: addrs.some((a) => a.includes(':')), title: addrs[0] };
  };
  for (const port of ports) {
    const b = bindOf(port);
    if (b.v4) lines.push(netstatRow('tcp', `${b.v4}:${port}`, '0.0.0.0:*', program(port, b.title)));
  }
  for (const port of ports) {
    const b = bindOf(port);
    if (b.v6) lines.push(netstatRow('tcp6', `:::${port}`, ':::*', program(port, b.title)));
  }
  return lines.map((text) => ({ text, kind: 'reply' as const }));
}

// ---------------------------------------------------------------------------------------------
// Files

function ls(args: string[], env: ShellEnv): OutputLine[] {
  const paths = args.filter((a) => !a.startsWith('-'));
  const long = args.some((a) => a.startsWith('-') && a.includes('l'));
  if (paths.length === 0) paths.push('.');
  const out: OutputLine[] = [];
  const files: string[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    const entry = env.vfs.stat(env.vfs.resolve(p));
    if (!entry) out.push({ text: `ls: cannot access '${p}': No such file or directory`, kind: 'error' });
    else if (entry.kind === 'file') files.push(p);
    else dirs.push(p);
  }
  const show = (names: string[], dir: string | null) => {
    if (names.length === 0) return;
    if (long) {
      for (const n of names) {
        const abs = env.vfs.resolve(dir === null ? n : `${dir}/${n}`);
        const e = env.vfs.stat(abs)!;
        const size = e.kind === 'file' ? e.bytes.length : 4096;
        const mode = e.kind === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
        out.push({ text: `${mode} 1 root root ${String(size).padStart(5)} Mar  6 23:03 ${n}`, kind: 'reply' });
      }
    } else out.push({ text: names.join('  '), kind: 'reply' });
  };
  show(files, null);
  dirs.forEach((d, idx) => {
    const names = env.vfs.list(env.vfs.resolve(d));
    if (paths.length > 1) {
      if (files.length > 0 || idx > 0) out.push({ text: '', kind: 'reply' });
      out.push({ text: `${d}:`, kind: 'reply' });
    }
    if (long) out.push({ text: `total ${names.length * 4}`, kind: 'reply' });
    show(names, d);
  });
  return out;
}

function cat(args: string[], env: ShellEnv): OutputLine[] {
  const out: OutputLine[] = [];
  for (const p of args.filter((a) => a !== '-')) {
    const entry = env.vfs.stat(env.vfs.resolve(p));
    if (!entry) out.push({ text: `cat: ${p}: No such file or directory`, kind: 'error' });
    else if (entry.kind === 'dir') out.push({ text: `cat: ${p}: Is a directory`, kind: 'error' });
    else if (entry.bytes.startsWith('REDIS')) {
      // An RDB file is binary; show its printable bytes like a terminal would, control bytes as '.'.
      const printable = entry.bytes.replace(/[^\x20-\x7e]/g, '.');
      out.push({ text: printable, kind: 'reply' });
    } else {
      const lines = entry.bytes.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const text of lines) out.push({ text, kind: 'reply' });
    }
  }
  return out;
}

/**
 * `tail [-n N | -N] [-f|-F] FILE…`: the last N lines (10 by default), with `==> FILE <==` headers
 * for several files, as coreutils prints them; `-f` then follows the files (the session decides
 * how long: until a key in the app, until the end of the input in batch mode).
 */
function tail(args: string[], env: ShellEnv): OutputLine[] {
  let count = 10;
  let follow = false;
  const paths: string[] = [];
  const bad = (text: string): OutputLine[] => [
    { text, kind: 'error' },
    { text: "Try 'tail --help' for more information.", kind: 'error' },
  ];
  const parseCount = (v: string | undefined): number | null => (v !== undefined && /^\+?\d+$/.test(v) ? Number(v.replace('+', '')) : null);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-f' || a === '-F' || a === '--follow') follow = true;
    else if (a === '-n' || a === '--lines') {
      const n = parseCount(args[++i]);
      if (n === null) return bad(args[i] === undefined ? "tail: option requires an argument -- 'n'" : `tail: invalid number of lines: '${args[i]}'`);
      count = n;
    } else if (/^-n./.test(a) || a.startsWith('--lines=')) {
      const v = a.startsWith('--') ? a.slice(8) : a.slice(2);
      const n = parseCount(v);
      if (n === null) return bad(`tail: invalid number of lines: '${v}'`);
      count = n;
    } else if (/^-\d+$/.test(a)) count = Number(a.slice(1));
    else if (/^-[fF]?n?\d*[fF]?$/.test(a) && a.length > 1) {
      // Bundled short options: -fn20, -nf is not valid but -fF is.
      follow ||= /[fF]/.test(a);
      const digits = /\d+/.exec(a);
      if (digits) count = Number(digits[0]);
    } else if (a.startsWith('-') && a !== '-') return bad(`tail: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'`);
    else paths.push(a);
  }
  if (paths.length === 0) return [{ text: env.say.noStdin('tail'), kind: 'info' }];
  const out: OutputLine[] = [];
  const opened: string[] = [];
  const headers = paths.length > 1;
  for (const p of paths) {
    const abs = env.vfs.resolve(p);
    const entry = env.vfs.stat(abs);
    if (!entry) {
      out.push({ text: `tail: cannot open '${p}' for reading: No such file or directory`, kind: 'error' });
      continue;
    }
    if (entry.kind === 'dir') {
      out.push({ text: `tail: error reading '${p}': Is a directory`, kind: 'error' });
      continue;
    }
    if (headers) {
      if (opened.length > 0) out.push({ text: '', kind: 'reply' });
      out.push({ text: `==> ${p} <==`, kind: 'reply' });
    }
    opened.push(abs);
    const lines = entry.bytes.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const text of count === 0 ? [] : lines.slice(-count)) out.push({ text, kind: 'reply' });
  }
  if (follow) {
    if (opened.length === 0) out.push({ text: 'tail: no files remaining', kind: 'error' });
    else env.follow?.(opened, headers);
  }
  return out;
}

function cd(args: string[], env: ShellEnv): OutputLine[] {
  const target = args[0] ?? '/root';
  if (args.length > 1) return [{ text: 'bash: cd: too many arguments', kind: 'error' }];
  const abs = env.vfs.resolve(target === '~' ? '/root' : target);
  if (abs === '/root') env.vfs.mkdirp('/root');
  const entry = env.vfs.stat(abs);
  if (!entry) return [{ text: `bash: cd: ${target}: No such file or directory`, kind: 'error' }];
  if (entry.kind !== 'dir') return [{ text: `bash: cd: ${target}: Not a directory`, kind: 'error' }];
  env.vfs.cwd = abs;
  return [];
}

function mkdir(args: string[], env: ShellEnv): OutputLine[] {
  const parents = args.includes('-p');
  const out: OutputLine[] = [];
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) {
    return [
      { text: 'mkdir: missing operand', kind: 'error' },
      { text: "Try 'mkdir --help' for more information.", kind: 'error' },
    ];
  }
  for (const p of paths) {
    const abs = env.vfs.resolve(p);
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
    if (env.vfs.stat(abs)) {
      if (!parents) out.push({ text: `mkdir: cannot create directory '${p}': File exists`, kind: 'error' });
    } else if (!parents && env.vfs.stat(parent)?.kind !== 'dir') {
      out.push({ text: `mkdir: cannot create directory '${p}': No such file or directory`, kind: 'error' });
    } else env.vfs.mkdirp(abs);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Processes: ps and kill

/** The tutorial's bash: pid 1 of the container, on the terminal pts/0. */
const BASH_PID = 1;

interface Proc {
  pid: number;
  port: number;
  /** Started with daemonize yes: detached from the terminal (TTY `?`). */
  daemon: boolean;
  paused: boolean;
  /** The process title Redis sets: `redis-server *:6380` (proc-title-template "{title} {listen-addr}"). */
  title: string;
}

/** The running (or stopped) redis-server processes, by pid. */
function processes(env: ShellEnv): Proc[] {
  const out: Proc[] = [];
  for (const port of env.world.listeningPorts()) {
    const pid = env.pidOf(port);
    const node = env.world.node(port);
    if (pid === undefined || node === undefined) continue;
    const bind = (node.config?.['bind'] ?? '').trim();
    const addr = bind === '' || bind === '* -::*' || bind === '*' ? '*' : bind.split(/\s+/)[0].replace(/^-/, '');
    out.push({
      pid,
      port,
      daemon: (node.config?.['daemonize'] ?? 'no') === 'yes',
      paused: node.status === 'paused',
      title: `redis-server ${addr}:${port}`,
    });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/**
 * `ps` (procps): without options, the processes of this terminal (bash, servers started in the
 * foreground, ps itself); `ps aux` / `ps -ef` every process, daemons with TTY `?`.
 */
function ps(args: string[], env: ShellEnv): OutputLine[] {
  const procs = processes(env);
  const self = env.nextPid();
  const opts = args.join(' ');
  const lines: string[] = [];
  if (args.length === 0) {
    lines.push('    PID TTY          TIME CMD');
    const row = (pid: number, cmd: string) => `${String(pid).padStart(7)} pts/0    00:00:00 ${cmd}`;
    lines.push(row(BASH_PID, 'bash'));
    for (const p of procs) if (!p.daemon) lines.push(row(p.pid, 'redis-server'));
    lines.push(row(self, 'ps'));
  } else if (/^-?[a-z]*a[a-z]*$/.test(opts) && opts.includes('u') && opts.includes('x')) {
    lines.push('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    const row = (pid: number, vsz: number, rss: number, tty: string, stat: string, cmd: string) =>
      `root     ${String(pid).padStart(7)}  0.0  0.1 ${String(vsz).padStart(6)} ${String(rss).padStart(5)} ${tty.padEnd(8)} ${stat.padEnd(4)} 00:00   0:00 ${cmd}`;
    lines.push(row(BASH_PID, 4624, 3840, 'pts/0', 'Ss', 'bash'));
    for (const p of procs) lines.push(row(p.pid, 55344, 10496, p.daemon ? '?' : 'pts/0', (p.paused ? 'T' : 'S') + 'sl', p.title));
    lines.push(row(self, 7060, 1536, 'pts/0', 'R+', `ps ${args.join(' ')}`));
  } else if (opts === '-ef' || opts === '-e -f' || opts === '-aef' || opts === '-eF') {
    lines.push('UID          PID    PPID  C STIME TTY          TIME CMD');
    const row = (pid: number, ppid: number, tty: string, cmd: string) =>
      `root     ${String(pid).padStart(7)} ${String(ppid).padStart(7)}  0 00:00 ${tty.padEnd(8)} 00:00:00 ${cmd}`;
    lines.push(row(BASH_PID, 0, 'pts/0', 'bash'));
    for (const p of procs) lines.push(row(p.pid, p.daemon ? 1 : BASH_PID, p.daemon ? '?' : 'pts/0', p.title));
    lines.push(row(self, BASH_PID, 'pts/0', `ps ${args.join(' ')}`));
  } else {
    return [{ text: env.say.psOptionNotEmulated(args.join(' ')), kind: 'error' }];
  }
  return lines.map((text) => ({ text, kind: 'reply' as const }));
}

/** Signal names and numbers kill accepts: TERM (15, the default), KILL (9), STOP (19), CONT (18), INT (2). */
const SIGNALS: Record<string, 'TERM' | 'KILL' | 'STOP' | 'CONT' | 'INT'> = {
  '15': 'TERM', TERM: 'TERM', SIGTERM: 'TERM',
  '9': 'KILL', KILL: 'KILL', SIGKILL: 'KILL',
  '19': 'STOP', STOP: 'STOP', SIGSTOP: 'STOP',
  '18': 'CONT', CONT: 'CONT', SIGCONT: 'CONT',
  '2': 'INT', INT: 'INT', SIGINT: 'INT',
};

/**
 * bash's `kill [-SIGNAL|-s SIGNAL] PID…`: TERM (and INT) make redis-server shut down gracefully as
 * 7.0 does on the signal (save if it has save points, wait for lagging replicas); KILL is the crash
 * of `:kill`; STOP/CONT are `:pause`/`:resume`. Silent on success, like bash.
 */
function kill(args: string[], env: ShellEnv): OutputLine[] {
  const usage = [{ text: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]', kind: 'error' as const }];
  let signal: (typeof SIGNALS)[string] = 'TERM';
  let i = 0;
  if (args[0] === '-s' || args[0] === '-n') {
    if (args.length < 2) return usage;
    const sig = SIGNALS[args[1].toUpperCase()];
    if (sig === undefined) return [{ text: `bash: kill: ${args[1]}: invalid signal specification`, kind: 'error' }];
    signal = sig;
    i = 2;
  } else if (args[0]?.startsWith('-') && args[0] !== '-') {
    const sig = SIGNALS[args[0].slice(1).toUpperCase()];
    if (sig === undefined) return [{ text: `bash: kill: ${args[0].slice(1)}: invalid signal specification`, kind: 'error' }];
    signal = sig;
    i = 1;
  }
  const pids = args.slice(i);
  if (pids.length === 0) return usage;
  const out: OutputLine[] = [];
  const procs = processes(env);
  for (const p of pids) {
    if (!/^\d+$/.test(p)) {
      out.push({ text: `bash: kill: ${p}: arguments must be process or job IDs`, kind: 'error' });
      continue;
    }
    const pid = Number(p);
    // The tutorial's own shell ignores signals sent to it (an interactive bash ignores TERM).
    if (pid === BASH_PID) continue;
    const proc = procs.find((x) => x.pid === pid);
    if (proc === undefined) {
      out.push({ text: `bash: kill: (${pid}) - No such process`, kind: 'error' });
      continue;
    }
    if (signal === 'KILL') env.world.crash(proc.port);
    else if (signal === 'STOP') env.world.pause(proc.port);
    else if (signal === 'CONT') env.world.resume(proc.port);
    else env.world.sigterm(proc.port);
  }
  return out;
}
