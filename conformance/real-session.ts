/**
 * The batch line language played against real redis-server processes, printing what a terminal
 * would show: shell lines start/stop real servers, `redis-cli -p N` opens one persistent connection
 * (an interactive redis-cli), node-prompt lines go over it and their replies are printed by the same
 * formatter the engine's REPL uses (src/repl/format-reply.ts), and `:` lines become real faults.
 */

import { bytesToUtf8 } from '../src/redis/bytes.js';
import { isFaultKind, parseFault, type Fault } from '../src/redis/faults.js';
import type { Reply } from '../src/redis/reply.js';
import { formatReply, toScreenLines } from '../src/repl/format-reply.js';
import { parsePromptLine, splitArgs } from '../src/repl/split-args.js';
import { RealCluster } from './real-cluster.js';
import { ConnectError, RespConnection } from './resp-client.js';
import { SEED_FILES } from './seed-files.js';
import { parseLogRead, parseRedisCli, type Segment } from './transcript.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A reply that takes longer than this means the scenario is stuck (a command blocked on a frozen server). */
const REPLY_TIMEOUT_MS = 60_000;

/** Wait for a reply, but never forever. */
async function withTimeout(p: Promise<Reply | null>, what: string): Promise<Reply | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnsupportedLine(`no reply to "${what}" within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An unsupported line: the scenario cannot be played on real Redis. */
export class UnsupportedLine extends Error {}

/** `11s`, `500ms`, `2m` → ms. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

interface NodePrompt {
  port: number;
  conn: RespConnection | null;
  db: number;
  inMulti: boolean;
  preMultiDb: number;
}

export class RealSession {
  private node: NodePrompt | null = null;

  constructor(private readonly cluster: RealCluster) {}

  /** The prompt the next line is typed at, exactly like redis-cli / the shell. */
  get prompt(): string {
    if (!this.node) return '$ ';
    // A connection the server closed still shows its prompt: redis-cli notices only when it next uses it.
    if (!this.node.conn) return 'not connected> ';
    const db = this.node.db !== 0 ? `[${this.node.db}]` : '';
    return `127.0.0.1:${this.node.port}${db}${this.node.inMulti ? '(TX)' : ''}> `;
  }

  /** Run one line; returns its segment (prompt it was typed at, printed lines). */
  async submit(line: string): Promise<Segment> {
    const prompt = this.prompt;
    const output = line.trimStart().startsWith(':')
      ? await this.tutorLine(line.trim())
      : this.node
        ? await this.nodeLine(line)
        : await this.shellLine(line);
    await this.cluster.settle();
    return { prompt, line, output: output.map((l) => this.cluster.ports.mapText(l)) };
  }

  /** Close the learner's connection (end of scenario). */
  close(): void {
    this.node?.conn?.close();
    this.node = null;
  }

  // ---- shell ----

  private async shellLine(line: string): Promise<string[]> {
    const words = splitArgs(line);
    if (!words || words.length === 0) return [];
    if (words[0] === 'redis-server') return this.redisServer(words.slice(1));
    if (words[0] === 'redis-cli') {
      const cli = parseRedisCli(words);
      if (!cli) throw new UnsupportedLine(`redis-cli options in: ${line}`);
      if (cli.argv.length === 0) return this.enterPrompt(cli.port, cli.db);
      return this.oneShot(cli.port, cli.db, cli.argv);
    }
    const log = parseLogRead(words);
    if (log) return this.readLog(log.port, log.lines);
    // netstat, ls, cat, help…: the real side has no equivalent; their output is not compared.
    return [];
  }

  /** A real node's log file, whole or its last `lines` lines; ports mapped back to the scenario's. */
  private readLog(port: number, lines: number | null): string[] {
    const text = this.cluster.readLog(port);
    if (text === null) return [`cat: /data/${port}/redis.log: No such file or directory`];
    // The overcommit and THP warnings describe the host's kernel settings, which the tutor has none
    // of: they are left out before counting lines, as if the host were tuned.
    const all = text.split('\n').filter((l) => l !== '' && !/^\d+:[CMSX] .{24} # WARNING /.test(l));
    const shown = lines === null ? all : lines === 0 ? [] : all.slice(-lines);
    return shown.map((l) => l.replace(/\bport=(\d+)\./, (_m, n: string) => `port=${this.cluster.ports.scenario(Number(n))}.`));
  }

  private async redisServer(args: string[]): Promise<string[]> {
    let configText = '';
    let rest = args;
    if (rest.length > 0 && !rest[0].startsWith('--')) {
      const file = SEED_FILES.get(rest[0]);
      if (file === undefined) throw new UnsupportedLine(`unknown config file ${rest[0]}`);
      configText = file;
      rest = rest.slice(1);
    }
    const flags: string[][] = [];
    for (const a of rest) {
      if (a.startsWith('--')) flags.push([a.slice(2)]);
      else if (flags.length > 0) flags[flags.length - 1].push(...a.split(/\s+/));
      else throw new UnsupportedLine(`redis-server argument ${a}`);
    }
    return this.cluster.start(configText, flags);
  }

  private async enterPrompt(port: number, db: number): Promise<string[]> {
    this.node = { port, conn: null, db, inMulti: false, preMultiDb: db };
    return this.connect();
  }

  /** (Re)connect the prompt's connection like cliConnect(): selects the prompt's db again. */
  private async connect(): Promise<string[]> {
    const node = this.node!;
    try {
      node.conn = await RespConnection.open('127.0.0.1', await this.cluster.ports.real(node.port));
      if (node.db !== 0) await node.conn.send(['SELECT', String(node.db)]);
      return [];
    } catch (e) {
      node.conn = null;
      const why = e instanceof ConnectError ? e.message : String(e);
      return [`Could not connect to Redis at 127.0.0.1:${node.port}: ${why}`];
    }
  }

  private async oneShot(port: number, db: number, argv: string[]): Promise<string[]> {
    let conn: RespConnection;
    try {
      conn = await RespConnection.open('127.0.0.1', await this.cluster.ports.real(port));
    } catch (e) {
      const why = e instanceof ConnectError ? e.message : String(e);
      return [`Could not connect to Redis at 127.0.0.1:${port}: ${why}`];
    }
    try {
      if (db !== 0) await conn.send(['SELECT', String(db)]);
      const reply = await withTimeout(conn.send(await this.rewrite(port, argv)), argv.join(' '));
      if (reply === null) {
        if (argv[0].toLowerCase() === 'shutdown') {
          await this.cluster.awaitExit(port);
          return [];
        }
        return ['Error: Server closed the connection'];
      }
      return this.print(argv, reply);
    } finally {
      conn.close();
    }
  }

  // ---- node prompt ----

  private async nodeLine(line: string): Promise<string[]> {
    const node = this.node!;
    const p = parsePromptLine(line);
    if (p.kind === 'blank') return [];
    if (p.kind === 'invalid') return [p.message];
    const name = p.argv[0].toLowerCase();
    if (name === 'exit' || name === 'quit') {
      node.conn?.close();
      this.node = null;
      return [];
    }
    const out: string[] = [];
    if (!node.conn) {
      // At `not connected>` redis-cli tries to connect before sending.
      const err = await this.connect();
      if (err.length > 0) return err;
    }
    const started = Date.now();
    for (let i = 0; i < p.repeat; i++) {
      const conn = node.conn!;
      const reply = conn.closed ? null : await withTimeout(conn.send(await this.rewrite(node.port, p.argv)), line);
      if (reply === null) {
        conn.close();
        // redis-cli keeps its db number and its (TX) flag across the reconnect (seen live).
        node.conn = null;
        if (name === 'shutdown') {
          await this.cluster.awaitExit(node.port);
          return out;
        }
        out.push('Error: Server closed the connection');
        return out;
      }
      out.push(...this.print(p.argv, reply));
      this.trackPromptState(p.argv, reply);
    }
    const elapsedMs = Date.now() - started;
    if (elapsedMs >= 500) out.push(`(${(elapsedMs / 1000).toFixed(2)}s)`);
    return out;
  }

  /** redis-cli's prompt bookkeeping after a reply (cliSendCommand: SELECT, MULTI, EXEC, DISCARD, RESET). */
  private trackPromptState(argv: string[], reply: Reply): void {
    const node = this.node!;
    const name = argv[0].toLowerCase();
    const isError = reply.kind === 'error';
    if (name === 'select' && argv.length === 2 && !isError) {
      node.db = Number.parseInt(argv[1], 10) || 0;
    } else if (name === 'multi' && argv.length === 1 && !isError) {
      node.inMulti = true;
      node.preMultiDb = node.db;
    } else if (name === 'exec' && argv.length === 1 && node.inMulti) {
      node.inMulti = false;
      const nil = (reply.kind === 'bulk' && reply.value === null) || (reply.kind === 'array' && reply.items === null);
      if (isError || nil) node.db = node.preMultiDb;
    } else if (name === 'discard' && argv.length === 1 && !isError) {
      node.inMulti = false;
      node.db = node.preMultiDb;
    } else if (name === 'reset' && argv.length === 1 && !isError) {
      node.inMulti = false;
      node.db = 0;
    }
  }

  /**
   * What the real server must be sent instead: REPLICAOF/SLAVEOF to a scenario port points the real
   * replica at its relay to that master (see link-proxy.ts); FAILOVER TO names the real port.
   */
  private async rewrite(port: number, argv: string[]): Promise<string[]> {
    const name = argv[0].toLowerCase();
    if ((name === 'replicaof' || name === 'slaveof') && argv.length === 3 && /^\d+$/.test(argv[2])) {
      const masterPort = Number(argv[2]);
      if (masterPort > 0 && masterPort <= 65535) {
        return [argv[0], argv[1], String(await this.cluster.replicaofTarget(port, masterPort))];
      }
    }
    // FAILOVER TO host port names a replica by the port it announced: the real one.
    const to = argv.findIndex((a, i) => i > 0 && a.toLowerCase() === 'to');
    if (name === 'failover' && to > 0 && to + 2 < argv.length && /^\d+$/.test(argv[to + 2])) {
      const real = this.cluster.ports.peekReal(Number(argv[to + 2]));
      if (real !== undefined) return [...argv.slice(0, to + 2), String(real), ...argv.slice(to + 3)];
    }
    return argv;
  }

  /** A reply as printed lines, ROLE's ports mapped back to scenario ports first. */
  private print(argv: string[], reply: Reply): string[] {
    const r = argv[0].toLowerCase() === 'role' ? this.mapRole(reply) : reply;
    return toScreenLines(bytesToUtf8(formatReply(argv, r)));
  }

  private mapRole(reply: Reply): Reply {
    if (reply.kind !== 'array' || !reply.items) return reply;
    const items = [...reply.items];
    const ports = this.cluster.ports;
    if (items[0]?.kind === 'bulk' && items[0].value === 'slave' && items[2]?.kind === 'integer') {
      items[2] = { kind: 'integer', value: ports.scenario(items[2].value) };
    }
    if (items[0]?.kind === 'bulk' && items[0].value === 'master' && items[2]?.kind === 'array' && items[2].items) {
      items[2] = {
        kind: 'array',
        items: items[2].items.map((rep) => {
          if (rep.kind !== 'array' || !rep.items || rep.items[1]?.kind !== 'bulk' || rep.items[1].value === null) return rep;
          const mapped = String(ports.scenario(Number(rep.items[1].value)));
          return { kind: 'array', items: [rep.items[0], { kind: 'bulk', value: mapped }, ...rep.items.slice(2)] };
        }),
      };
    }
    return { kind: 'array', items };
  }

  // ---- tutor lines ----

  private async tutorLine(line: string): Promise<string[]> {
    const [cmd, ...args] = line.slice(1).split(/\s+/);
    if (isFaultKind(cmd)) {
      // Faults are read with the engine's own table, so both sides get the same fault.
      const fault = parseFault(cmd, args);
      if (!fault) throw new UnsupportedLine(`bad fault line: ${line}`);
      return this.fault(fault);
    }
    switch (cmd) {
      case 'run': {
        if (args[0] === 'idle') return [];
        const ms = parseDuration(args[0] ?? '');
        if (ms === null) throw new UnsupportedLine(line);
        await sleep(ms);
        return [];
      }
      case 'seed':
      case 'help':
        return [];
      default:
        throw new UnsupportedLine(`tutor line not playable on real Redis: ${line}`);
    }
  }

  /** A fault done to real processes and relays (see real-cluster.ts for how each is made real). */
  private async fault(f: Fault): Promise<string[]> {
    switch (f.kind) {
      case 'kill':
        return this.cluster.kill(f.port);
      case 'crash':
        return this.cluster.crashHost(f.port);
      case 'restart':
        return this.cluster.restart(f.port);
      case 'pause':
        return this.cluster.pause(f.port);
      case 'resume':
        return this.cluster.resume(f.port);
      case 'drop':
        return this.cluster.drop(f.a, f.b);
      case 'reset':
        return this.cluster.reset(f.a, f.b);
      case 'heal':
        return this.cluster.heal();
      case 'latency':
        return this.cluster.slow(f.a, f.b, { latencyMs: f.ms });
      case 'bandwidth':
        return this.cluster.slow(f.a, f.b, { bytesPerSec: f.bytesPerSec });
    }
  }
}
