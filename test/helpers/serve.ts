/**
 * Helpers for serve-mode tests: a LiveServe in this process on free loopback ports, real
 * redis-server processes, redis-cli runs (asynchronous: the served nodes answer from this event
 * loop), raw sockets, and bounded waits. Everything started here is stopped by its test.
 */

import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxSetupLines } from '../../src/lessons/setup-lines.js';
import { LiveServe } from '../../src/serve/live.js';
import { createServedSession } from '../../src/serve/setup.js';
import type { TraceEvent } from '../../src/redis/trace.js';
import { createCatalog } from '../../src/lessons/catalog.js';
import type { Catalog } from '../../src/lessons/api.js';
import { servedReplFactory } from '../../src/serve/served-repl.js';

export const HAVE_REDIS =
  spawnSync('redis-server', ['--version']).status === 0 &&
  spawnSync('redis-cli', ['--version']).status === 0 &&
  spawnSync('redis-benchmark', ['--version']).status === 0;

/** Printed by skipped suites. */
export const INSTALL_HINT = 'needs redis-server, redis-cli and redis-benchmark 7.0: apt-get install -y redis-server redis-tools';

/**
 * Resolves within `ms` when `cond()` holds; rejects after (never loops unbounded). A condition that
 * throws (a connection refused while a server is still starting) counts as not yet.
 */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  for (;;) {
    try {
      if (await cond()) return;
    } catch (e) {
      last = ` (last: ${(e as Error).message.split('\n')[0]})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The first of `n` consecutive free loopback ports (a served sandbox needs 6380–6382 at an offset). */
export async function freePortRun(n: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const first = await freePort();
    const rest = await Promise.all(Array.from({ length: n - 1 }, (_, i) => portFree(first + 1 + i)));
    if (rest.every(Boolean)) return first;
  }
  throw new Error(`no ${n} consecutive free ports`);
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The app's sandbox (lessons/sandbox.yaml): 6380 with replicas 6381 and 6382. */
export function sandboxSetup(): string[] {
  const found = sandboxSetupLines(fileURLToPath(new URL('../../lessons/', import.meta.url)));
  if (!found.ok) throw new Error(found.message);
  return found.lines;
}

export interface ServedWorld {
  live: LiveServe;
  /** The real port of simulated node `simPort`. */
  port(simPort: number): number;
  trace: TraceEvent[];
  notices: string[];
  close(): Promise<void>;
}

export interface StartServeOptions {
  /** Setup lines; the sandbox (6380–6382) by default. */
  setup?: string[];
  seed?: number;
  serverOverrides?: Array<[string, string]>;
  recordFile?: string;
  speed?: number;
  /** A fake wall clock (ms) for the driver. */
  nowMs?: () => number;
}

/** Serve a world on free ports (simulated 6380 at 6380+offset). */
export async function startServe(opts: StartServeOptions = {}): Promise<ServedWorld> {
  const setup = opts.setup ?? sandboxSetup();
  const header = { seed: opts.seed ?? 1, setup, serverOverrides: opts.serverOverrides ?? [] };
  for (let attempt = 0; attempt < 20; attempt++) {
    const session = createServedSession(header);
    const simPorts = session.world.listeningPorts();
    const offset = 10_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all(simPorts.map((p) => portFree(p + offset)));
    if (!free.every(Boolean)) continue;
    const trace: TraceEvent[] = [];
    const notices: string[] = [];
    const live = new LiveServe({
      session,
      header,
      portOffset: offset,
      host: '127.0.0.1',
      speed: opts.speed ?? 1,
      recordFile: opts.recordFile,
      onTrace: (e) => trace.push(e),
      onNotice: (n) => notices.push(n),
      nowMs: opts.nowMs,
    });
    await live.start();
    if (notices.some((n) => n.includes('taken'))) {
      await live.close();
      continue;
    }
    return { live, port: (p) => p + offset, trace, notices, close: () => live.close() };
  }
  throw new Error('no free ports for a served world after 20 tries');
}

/** Run redis-cli with `args`; resolves with its stdout (trailing newline removed). */
export function redisCli(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('redis-cli', args, { timeout: 15_000, encoding: 'latin1' }, (err, stdout, stderr) => {
      if (err && !stdout) reject(new Error(`redis-cli ${args.join(' ')}: ${err.message} ${stderr}`));
      else resolve(stdout.replace(/\n$/, ''));
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

export interface RealRedis {
  port: number;
  proc: ChildProcess;
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Start a real redis-server on a free port with extra `args`; resolves once it answers PING. */
export async function startRealRedis(args: string[] = []): Promise<RealRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'serve-real-'));
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  const cli = (...a: string[]) => redisCli(['-p', String(port), ...a]);
  // Up once it answers, even if only to say NOAUTH (started with --requirepass).
  try {
    await waitFor(async () => /PONG|NOAUTH/.test(await cli('PING').catch(() => '')), 10_000, `redis-server on ${port}:\n${log}`);
  } catch (e) {
    // Never leave a server behind: the caller gets no handle to stop it with.
    proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    port,
    proc,
    cli,
    async stop() {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Send `chunks` on one raw connection (each written separately), then collect what comes back
 * until the server closes or `waitMs` passes. `closed` tells whether the server closed it.
 */
export function rawExchange(port: number, chunks: Array<string | Buffer>, waitMs = 300): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const got: Buffer[] = [];
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ data: Buffer.concat(got), closed });
    };
    // The wait starts once everything is written (one chunk per 5 ms can take a while on a busy machine).
    let timer: NodeJS.Timeout | undefined;
    sock.on('data', (d) => got.push(d));
    sock.on('end', () => {
      closed = true;
      finish();
    });
    sock.on('error', () => {
      closed = true;
      finish();
    });
    sock.on('connect', async () => {
      for (const c of chunks) {
        if (closed) return;
        sock.write(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
        await new Promise((r) => setTimeout(r, 5));
      }
      timer = setTimeout(finish, waitMs);
    });
  });
}

export interface ServedApp {
  live: LiveServe;
  /** The app's catalogue, every world of it served (as `repl-tutor serve` builds it). */
  catalog: Catalog;
  port(simPort: number): number;
  close(): Promise<void>;
}

/**
 * Serve mode as the app runs it: a LiveServe over an empty world, and the lesson catalogue whose
 * every fresh world is a new served segment (ServedRepl). Ports at a free offset (6380–6382).
 */
export async function startServedApp(opts: { recordFile?: string; nowMs?: () => number; home: string }): Promise<ServedApp> {
  const header = { seed: 1, setup: [], serverOverrides: [] as Array<[string, string]> };
  const offset = (await freePortRun(3)) - 6380;
  const live = new LiveServe({ session: createServedSession(header), header, portOffset: offset, host: '127.0.0.1', speed: 1, recordFile: opts.recordFile, nowMs: opts.nowMs });
  await live.start();
  const catalog = createCatalog({ lessonsDir: fileURLToPath(new URL('../../lessons/', import.meta.url)), env: { REPL_TUTOR_HOME: opts.home }, createRepl: servedReplFactory(live, 1) });
  return { live, catalog, port: (p) => p + offset, close: () => live.close() };
}
