/**
 * The real side's processes: real redis-server 7.0 instances on free loopback ports standing in for
 * the scenario's 6380, 6381, …, with replication links relayed through LinkProxy so faults can be
 * injected. Knows how to start, crash, restart, freeze and stop them, and when replication has
 * settled (the counterpart of the engine's runUntilSettled).
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LinkProxy } from './link-proxy.js';
import { PortMap, freePort } from './ports.js';
import { RespConnection } from './resp-client.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Pids of every server any RealCluster started and has not seen exit: killed on process exit. */
const livePids = new Set<number>();
process.on('exit', () => {
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

interface RealNode {
  /** Scenario port. */
  port: number;
  realPort: number;
  dir: string;
  confPath: string;
  proc: ChildProcess | null;
  running: boolean;
  paused: boolean;
  exited: Promise<void>;
  /** The settle poller's own connection (never the learner's, so it never disturbs SELECT/MULTI). */
  admin: RespConnection | null;
  /** What the process printed (kept for failure messages). */
  output: string;
}

/** Config directives the real side owns: the process must run in the foreground in our temp dir. */
const OWNED_DIRECTIVES = new Set(['daemonize', 'pidfile', 'logfile', 'dir']);

/** Parse `key value…` config lines (redis.conf syntax, quotes removed). */
function parseConfigLine(line: string): string[] | null {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return null;
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export type InfoFields = Map<string, string>;

/** `INFO` text → field map (`role` → `slave`, `slave0` → `ip=…,port=…`). */
export function parseInfo(text: string): InfoFields {
  const m = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

export class RealCluster {
  readonly ports = new PortMap();
  private readonly nodes = new Map<number, RealNode>();
  private readonly proxies = new Map<string, LinkProxy>();
  /** Scenario ports whose host is down (`:crash`) until restarted. */
  private readonly hostsDown = new Set<number>();
  /** Lines describing anything the settle loop gave up on (printed by the runner, not compared). */
  readonly warnings: string[] = [];

  /**
   * @param tmpDir where each node gets its dir, config, log and pid file
   * @param overrides config applied to every server (the same list the engine gets)
   * @param redisServer the binary
   */
  constructor(
    private readonly tmpDir: string,
    private readonly overrides: ReadonlyArray<readonly [string, string]>,
    private readonly redisServer = 'redis-server',
  ) {}

  /** The text of a node's log file (its `logfile` in the node's directory), or null if it has none. */
  readLog(port: number): string | null {
    const node = this.nodes.get(port);
    if (!node) return null;
    try {
      return readFileSync(path.join(node.dir, 'redis.log'), 'utf8');
    } catch {
      return null;
    }
  }

  isRunning(port: number): boolean {
    return this.nodes.get(port)?.running ?? false;
  }

  /**
   * Start a server from a config file's text plus `--name value` flags, like
   * `redis-server PATH --flag v`. Returns the lines to show on failure (empty on success).
   */
  async start(configText: string, flags: string[][]): Promise<string[]> {
    const directives: string[][] = [];
    for (const line of configText.split('\n')) {
      const d = parseConfigLine(line);
      if (d) directives.push(d);
    }
    for (const f of flags) directives.push(f);
    let port = 6379;
    for (const d of directives) if (d[0].toLowerCase() === 'port' && d[1] !== undefined) port = Number(d[1]);
    const existing = this.nodes.get(port);
    if (existing?.running) {
      return [`(real side) port ${port} is already in use`];
    }
    const realPort = await this.ports.real(port);
    const dir = path.join(this.tmpDir, String(port));
    mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    for (const d of directives) {
      const name = d[0].toLowerCase();
      if (OWNED_DIRECTIVES.has(name)) continue;
      if (name === 'port') {
        lines.push(`port ${realPort}`);
      } else if ((name === 'replicaof' || name === 'slaveof') && d.length >= 3) {
        const masterPort = Number(d[2]);
        const target = Number.isInteger(masterPort) ? await this.replicaofTarget(port, masterPort) : d[2];
        lines.push(`${d[0]} ${d[1]} ${target}`);
      } else {
        lines.push(d.map(quoteConfigArg).join(' '));
      }
    }
    // The overrides go after the file and before nothing else: the same place for every server.
    for (const [k, v] of this.overrides) lines.push(`${k} ${quoteConfigArg(v)}`);
    lines.push(
      'daemonize no',
      `dir ${quoteConfigArg(dir)}`,
      `logfile ${quoteConfigArg(path.join(dir, 'redis.log'))}`,
      `pidfile ${quoteConfigArg(path.join(dir, 'redis.pid'))}`,
      'bind 127.0.0.1',
    );
    const confPath = path.join(dir, 'redis.conf');
    writeFileSync(confPath, lines.join('\n') + '\n');
    const node: RealNode = {
      port,
      realPort,
      dir,
      confPath,
      proc: null,
      running: false,
      paused: false,
      exited: Promise.resolve(),
      admin: null,
      output: '',
    };
    this.nodes.set(port, node);
    return this.spawnNode(node);
  }

  /** Start a node again with the config file it was first started with (it loads its dump.rdb). */
  async restart(port: number): Promise<string[]> {
    const node = this.nodes.get(port);
    if (!node) return [`(real side) no server was ever started on port ${port}`];
    if (node.running) return [`(real side) server on port ${port} is still running`];
    // A crashed host is back: connections that outlived it are reset when they next send.
    for (const p of this.proxies.values()) {
      if (p.hostDown && (p.replica === port || p.master === port)) {
        p.hostDown = this.hostsDown.has(p.replica === port ? p.master : p.replica);
        p.resetConnections();
      }
    }
    this.hostsDown.delete(port);
    return this.spawnNode(node);
  }

  private async spawnNode(node: RealNode): Promise<string[]> {
    const proc = spawn(this.redisServer, [node.confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    node.proc = proc;
    node.running = true;
    node.paused = false;
    node.output = '';
    proc.stdout?.on('data', (d: Buffer) => (node.output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (node.output += d.toString()));
    if (proc.pid !== undefined) livePids.add(proc.pid);
    node.exited = new Promise((resolve) => {
      proc.once('exit', () => {
        if (proc.pid !== undefined) livePids.delete(proc.pid);
        if (node.proc === proc) {
          node.running = false;
          node.paused = false;
          node.admin?.close();
          node.admin = null;
        }
        resolve();
      });
      proc.once('error', (err) => {
        node.output += String(err);
        node.running = false;
        resolve();
      });
    });
    // Wait until it accepts connections (or dies).
    const deadline = Date.now() + 10_000;
    while (node.running && Date.now() < deadline) {
      try {
        const c = await RespConnection.open('127.0.0.1', node.realPort, 500);
        c.close();
        await this.refreshProxies();
        return [];
      } catch {
        await sleep(20);
      }
    }
    await this.refreshProxies();
    return [`(real side) redis-server on port ${node.port} did not start: ${node.output.trim().split('\n').pop() ?? ''}`];
  }

  /**
   * The port to give a real replica in `REPLICAOF 127.0.0.1 PORT`: the listening port of the relay
   * between this replica and that master (created on first use).
   */
  async replicaofTarget(replicaPort: number, masterPort: number): Promise<number> {
    const key = `${replicaPort}->${masterPort}`;
    let proxy = this.proxies.get(key);
    if (!proxy) {
      const masterReal = await this.ports.real(masterPort);
      const listenPort = await freePort();
      proxy = new LinkProxy(replicaPort, masterPort, listenPort, masterReal);
      this.ports.alias(listenPort, masterPort);
      this.proxies.set(key, proxy);
      await this.refreshProxies();
    }
    return proxy.listenPort;
  }

  /** Bring every relay's listening state in line with its master's process and the link faults. */
  async refreshProxies(): Promise<void> {
    for (const p of this.proxies.values()) {
      const master = this.nodes.get(p.master);
      // A killed master's kernel closes its connections itself (data first, then FIN): the relay
      // passes that through; it only stops listening, so new connections are refused.
      p.masterUp = master?.running ?? false;
      await p.refresh();
    }
  }

  /** Wait for a node's process to exit (after SHUTDOWN), bounded. */
  async awaitExit(port: number, timeoutMs = 15_000): Promise<void> {
    const node = this.nodes.get(port);
    if (!node || !node.running) return;
    await Promise.race([node.exited, sleep(timeoutMs)]);
    await this.refreshProxies();
  }

  /** `:kill PORT` — SIGKILL: the process dies at once, no save. */
  async kill(port: number): Promise<string[]> {
    const node = this.nodes.get(port);
    if (!node?.running || !node.proc?.pid) return [`(real side) nothing running on port ${port}`];
    process.kill(node.proc.pid, 'SIGKILL');
    await node.exited;
    await this.refreshProxies();
    return [];
  }

  /**
   * `:crash PORT` — the host dies: every relay to or from it goes silent first (nothing more leaves
   * the host, and its peers are not told), then the process is SIGKILLed behind that silence.
   */
  async crashHost(port: number): Promise<string[]> {
    const node = this.nodes.get(port);
    if (!node?.running || !node.proc?.pid) return [`(real side) nothing running on port ${port}`];
    this.hostsDown.add(port);
    for (const p of this.proxies.values()) if (p.replica === port || p.master === port) p.hostDown = true;
    process.kill(node.proc.pid, 'SIGKILL');
    await node.exited;
    await this.refreshProxies();
    return [];
  }

  /** `:pause PORT` — SIGSTOP: a frozen process; its sockets stay open, nothing is read or answered. */
  pause(port: number): string[] {
    const node = this.nodes.get(port);
    if (!node?.running || !node.proc?.pid) return [`(real side) nothing running on port ${port}`];
    process.kill(node.proc.pid, 'SIGSTOP');
    node.paused = true;
    return [];
  }

  /** `:resume PORT` — SIGCONT. */
  resume(port: number): string[] {
    const node = this.nodes.get(port);
    if (!node?.running || !node.proc?.pid) return [`(real side) nothing running on port ${port}`];
    process.kill(node.proc.pid, 'SIGCONT');
    node.paused = false;
    return [];
  }

  /** `:drop A B` — a silent partition: the relays between A and B blackhole until heal. */
  async drop(a: number, b: number): Promise<string[]> {
    for (const p of this.proxies.values()) {
      if ((p.replica === a && p.master === b) || (p.replica === b && p.master === a)) p.dropped = true;
    }
    // A link not used yet is dropped too: make sure both relays exist and remember the fault.
    for (const [r, m] of [
      [a, b],
      [b, a],
    ]) {
      const key = `${r}->${m}`;
      if (!this.proxies.has(key)) {
        await this.replicaofTarget(r, m);
        this.proxies.get(key)!.dropped = true;
      }
    }
    await this.refreshProxies();
    return [];
  }

  /** `:latency A B MS`, `:bandwidth A B RATE` — the relays between A and B pace what they pass on. */
  async slow(a: number, b: number, setting: { latencyMs?: number; bytesPerSec?: number }): Promise<string[]> {
    for (const [r, m] of [
      [a, b],
      [b, a],
    ]) {
      if (!this.proxies.has(`${r}->${m}`)) await this.replicaofTarget(r, m);
      const p = this.proxies.get(`${r}->${m}`)!;
      if (setting.latencyMs !== undefined) p.latencyMs = setting.latencyMs;
      if (setting.bytesPerSec !== undefined) p.bytesPerSec = setting.bytesPerSec;
    }
    return [];
  }

  /** `:reset A B` — every relayed connection between A and B is reset (RST) on both ends. */
  async reset(a: number, b: number): Promise<string[]> {
    for (const p of this.proxies.values()) {
      if ((p.replica === a && p.master === b) || (p.replica === b && p.master === a)) p.resetConnections();
    }
    return [];
  }

  /** `:heal` — every partition ends: held bytes and closes go on, as TCP retransmits them. */
  async heal(): Promise<string[]> {
    for (const p of this.proxies.values()) p.dropped = false;
    await this.refreshProxies();
    return [];
  }

  private linkDropped(replica: number, master: number): boolean {
    return this.proxies.get(`${replica}->${master}`)?.dropped ?? false;
  }

  private async info(node: RealNode): Promise<InfoFields | null> {
    try {
      if (!node.admin || node.admin.closed) node.admin = await RespConnection.open('127.0.0.1', node.realPort, 1000);
      const r = await Promise.race([node.admin.send(['INFO', 'replication']), sleep(2000).then(() => null)]);
      if (!r || r.kind !== 'bulk' || r.value === null) return null;
      return parseInfo(r.value);
    } catch {
      return null;
    }
  }

  /**
   * One look at the cluster: true when every replica whose master is reachable has its link up and
   * its offset equal to its master's, and every master has seen every live replica ACK its offset.
   */
  private async isSettled(): Promise<{ settled: boolean; why: string }> {
    const live = [...this.nodes.values()].filter((n) => n.running && !n.paused);
    const infos = new Map<number, InfoFields>();
    for (const n of live) {
      const i = await this.info(n);
      if (!i) return { settled: false, why: `no INFO from ${n.port}` };
      infos.set(n.port, i);
    }
    for (const n of live) {
      const i = infos.get(n.port)!;
      if (i.get('role') === 'slave') {
        const masterPort = this.ports.scenario(Number(i.get('master_port')));
        const master = this.nodes.get(masterPort);
        const reachable = master?.running && !master.paused && !this.linkDropped(n.port, masterPort) && !this.hostsDown.has(masterPort);
        if (reachable) {
          const mi = infos.get(masterPort);
          if (i.get('master_link_status') !== 'up') return { settled: false, why: `${n.port} link down` };
          if (!mi || i.get('slave_repl_offset') !== mi.get('master_repl_offset')) {
            return { settled: false, why: `${n.port} offset behind ${masterPort}` };
          }
        }
      }
      for (const [k, v] of i) {
        if (!/^slave\d+$/.test(k)) continue;
        const f = Object.fromEntries(v.split(',').map((kv) => kv.split('=') as [string, string]));
        const replica = this.nodes.get(this.ports.scenario(Number(f.port)));
        if (!replica?.running || replica.paused) continue;
        // Behind a partition a replica stays listed (until repl-timeout) and its ACKs stop: not a sign of work.
        if (this.linkDropped(replica.port, n.port) || this.hostsDown.has(replica.port)) continue;
        if (f.state !== 'online') return { settled: false, why: `${replica.port} ${f.state} on ${n.port}` };
        if (f.offset !== i.get('master_repl_offset')) return { settled: false, why: `${replica.port} ACK behind on ${n.port}` };
      }
    }
    return { settled: true, why: '' };
  }

  /** Poll until replication has settled (bounded), then wait a little more. */
  async settle(timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const s = await this.isSettled();
      if (s.settled) {
        await sleep(60);
        return;
      }
      last = s.why;
      await sleep(40);
    }
    this.warnings.push(`replication did not settle within ${timeoutMs} ms (${last})`);
  }

  /** Stop every server this cluster started (by pid), close the relays. */
  async stopAll(): Promise<void> {
    for (const n of this.nodes.values()) {
      n.admin?.close();
      if (n.running && n.proc?.pid) {
        try {
          process.kill(n.proc.pid, 'SIGCONT');
          process.kill(n.proc.pid, 'SIGKILL');
        } catch {
          // it exited meanwhile
        }
        await Promise.race([n.exited, sleep(3000)]);
      }
    }
    for (const p of this.proxies.values()) await p.close();
  }
}

function quoteConfigArg(v: string): string {
  return /^[^\s"'\\]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
