/**
 * Serve mode, live: real TCP listeners for every simulated node (127.0.0.1:PORT+offset), real
 * outgoing connections for simulated replicas of real masters, and the wall-clock driver — virtual
 * time follows the wall clock × speed, and every input is applied (and recorded) at the virtual
 * time it arrived. All Redis behaviour is in the core (core.ts) and the engine below it.
 */

import { createWriteStream, type WriteStream } from 'node:fs';
import net from 'node:net';
import type { TraceEvent } from '../redis/trace.js';
import type { World } from '../redis/world.js';
import type { OutputLine } from '../repl/api.js';
import type { ReplSession } from '../repl/session.js';
import { ServeCore, type ExternalClientView, type ExternalMasterView, type ServeInput, type ServeInputBody } from './core.js';
import { encodeRecordLine, type RecordHeader } from './record.js';

export interface LiveServeOptions {
  /** The tutor session whose world is served (already set up: sandbox, lesson or empty). */
  session: ReplSession;
  /** How the session was set up, written at the top of a recording. */
  header: Omit<RecordHeader, 'serve'>;
  /** Real port = simulated port + offset (when 6380 is taken on this machine). */
  portOffset: number;
  /** Address to listen on: 127.0.0.1 unless the learner asked for another (which needs a password). */
  host: string;
  /** Virtual ms per wall ms. */
  speed: number;
  /** Save every input and output here (`repl-tutor batch --replay FILE` reproduces it). */
  recordFile?: string;
  /** Every trace event, as it happens (headless printing). */
  onTrace?: (e: TraceEvent) => void;
  /** What a typed line printed. */
  onPrinted?: (lines: OutputLine[]) => void;
  /** Listening started or failed on a port, a dial failed, …: one line for the learner. */
  onNotice?: (line: string) => void;
  /** Wall-clock ms (tests may pass a fake). */
  nowMs?: () => number;
}

/** How often virtual time catches up with the wall clock while nothing arrives (ms). */
const TICK_MS = 5;

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}

/**
 * A running serve session. Close it with `close()`; every socket and timer ends there.
 *
 * The app wires it like this (headless.ts is the plain-text version): build the session with
 * createServedSession(header), `new LiveServe({ session, header, portOffset, host, speed })`,
 * `await start()`; send typed lines through `submitLine` (so they are recorded) instead of
 * `session.submit`; redraw on `onChange`; draw `world.snapshot()` with `externalClients()` as
 * ClusterInput.clients; map the speed and pause keys to `setSpeed`/`pause`/`resume`; `close()`
 * on quit. The session stays in manual time: only the driver moves it.
 */
export class LiveServe {
  readonly core: ServeCore;
  private readonly listeners = new Map<number, net.Server>();
  private readonly sockets = new Map<number, net.Socket>();
  /** Output per connection since the last flush: byte strings are joined, RDB chunks kept as they are. */
  private readonly outBuf = new Map<number, Array<string | Uint8Array>>();
  private readonly ending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private record: WriteStream | null = null;
  private readonly now: () => number;
  private wallStart: number;
  private virtualStart: number;
  private speedValue: number;
  private pausedValue = false;
  private held: Array<() => void> = [];
  private closedValue = false;
  private readonly changeListeners = new Set<() => void>();
  private unsubscribeTrace: (() => void) | null = null;
  private traceWorld: World | null = null;
  private pendingListens = 0;
  /** Simulated ports whose real listener is up. */
  private readonly listeningNow = new Set<number>();

  constructor(private readonly opts: LiveServeOptions) {
    this.now = opts.nowMs ?? (() => performance.now());
    this.speedValue = opts.speed;
    if (opts.recordFile) {
      this.record = createWriteStream(opts.recordFile);
      this.record.write(encodeRecordLine({ serve: 1, ...opts.header }));
    }
    this.core = new ServeCore(opts.session, {
      write: (conn, data) => {
        const list = this.outBuf.get(conn);
        if (list === undefined) this.outBuf.set(conn, [data]);
        else if (typeof data === 'string' && typeof list[list.length - 1] === 'string') list[list.length - 1] += data;
        else list.push(data);
        if (this.record) this.record.write(encodeRecordLine({ t: this.world.now, out: conn, data }));
      },
      end: (conn) => {
        this.ending.add(conn);
        if (this.record) this.record.write(encodeRecordLine({ t: this.world.now, fin: conn }));
      },
      dial: (conn, port) => this.dial(conn, port),
      printed: (lines) => opts.onPrinted?.(lines),
    });
    this.wallStart = this.now();
    this.virtualStart = this.world.now;
    this.watchTrace();
  }

  get world(): World {
    return this.core.currentWorld;
  }

  get speed(): number {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** Start listening and the clock. Resolves once every current node listens (or failed to). */
  async start(): Promise<void> {
    this.syncListeners();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    await this.listening();
  }

  /** Resolves when no listen() is in flight. */
  async listening(): Promise<void> {
    for (let i = 0; i < 1000 && this.pendingListens > 0; i++) await new Promise((r) => setTimeout(r, 2));
  }

  /** Simulated ports that have a real listener now (a taken port has none). */
  servedPorts(): number[] {
    return [...this.listeningNow].sort((a, b) => a - b);
  }

  /** The real port a simulated node listens on. */
  realPort(simPort: number): number {
    return simPort + this.opts.portOffset;
  }

  /** Real clients of simulated nodes (for the picture). */
  externalClients(): ExternalClientView[] {
    return this.core.externalClients();
  }

  /** Simulated replicas' links to real masters (for the picture). */
  externalMasters(): ExternalMasterView[] {
    return this.core.externalMasters();
  }

  /** Called after anything changed (an input applied, time moved with events): the UI redraws. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A line typed at the tutor's prompt, recorded like any input. */
  submitLine(line: string): void {
    this.input(() => ({ in: 'line', line }));
  }

  /** Virtual ms per wall ms from now on (time already passed keeps its pace). */
  setSpeed(speed: number): void {
    this.catchUp();
    this.wallStart = this.now();
    this.virtualStart = this.world.now;
    this.speedValue = Math.max(0, speed);
  }

  /** Hold virtual time: nothing fires and real clients' input waits (their replies are held). */
  pause(): void {
    if (this.pausedValue) return;
    this.catchUp();
    this.pausedValue = true;
  }

  resume(): void {
    if (!this.pausedValue) return;
    this.pausedValue = false;
    this.wallStart = this.now();
    this.virtualStart = this.world.now;
    const held = this.held;
    this.held = [];
    for (const fn of held) fn();
    this.flush();
  }

  // ---------------------------------------------------------------------------------------------

  /** Run the world up to the virtual time the wall clock says it is. */
  private catchUp(): void {
    if (this.pausedValue || this.closedValue) return;
    const target = this.virtualStart + Math.floor((this.now() - this.wallStart) * this.speedValue);
    const world = this.world;
    world.runFor(Math.max(0, target - world.now));
  }

  private tick(): void {
    if (this.closedValue) return;
    const before = this.world.eventsRun;
    this.catchUp();
    this.flush();
    this.syncListeners();
    if (this.world.eventsRun !== before) this.changed();
  }

  /** Apply an input now (or when time resumes), recording it with its virtual time. */
  private input(make: () => ServeInputBody | null): void {
    if (this.closedValue) return;
    if (this.pausedValue) {
      this.held.push(() => this.input(make));
      return;
    }
    this.catchUp();
    const body = make();
    if (body === null) return;
    const input = { t: this.world.now, ...body } as ServeInput;
    if (this.record) this.record.write(encodeRecordLine(input));
    this.core.apply(input);
    this.flush();
    if (input.in === 'line') this.syncListeners();
    this.changed();
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  private watchTrace(): void {
    if (!this.opts.onTrace || this.traceWorld === this.world) return;
    this.unsubscribeTrace?.();
    this.traceWorld = this.world;
    this.unsubscribeTrace = this.world.trace.onEvent(this.opts.onTrace);
  }

  /** Write what the core produced, then close the connections it ended. */
  private flush(): void {
    this.watchTrace();
    for (const [conn, list] of this.outBuf) {
      const sock = this.sockets.get(conn);
      if (sock && !sock.destroyed) {
        // One write per connection per flush; a byte string goes to the socket without a Buffer of our own.
        if (list.length === 1 && typeof list[0] === 'string') sock.write(list[0], 'latin1');
        else sock.write(list.length === 1 ? toBuffer(list[0]) : Buffer.concat(list.map(toBuffer)));
      }
    }
    this.outBuf.clear();
    for (const conn of this.ending) {
      const sock = this.sockets.get(conn);
      this.sockets.delete(conn);
      sock?.end();
    }
    this.ending.clear();
  }

  /** One real listener per running simulated node; none for nodes that are down. */
  private syncListeners(): void {
    if (this.closedValue) return;
    const want = new Set(this.world.listeningPorts());
    for (const [port, srv] of this.listeners) {
      if (!want.has(port)) {
        this.listeners.delete(port);
        this.listeningNow.delete(port);
        srv.close();
      }
    }
    for (const port of want) {
      if (this.listeners.has(port)) continue;
      const srv = net.createServer((sock) => this.accept(port, sock));
      this.listeners.set(port, srv);
      this.pendingListens++;
      srv.once('error', (err: NodeJS.ErrnoException) => {
        this.pendingListens = Math.max(0, this.pendingListens - 1);
        this.opts.onNotice?.(
          err.code === 'EADDRINUSE'
            ? `port ${this.realPort(port)} is taken on this machine: node ${port} is not served (try --port-offset)`
            : `cannot listen on ${this.opts.host}:${this.realPort(port)}: ${err.message}`,
        );
      });
      srv.listen(this.realPort(port), this.opts.host, () => {
        this.pendingListens = Math.max(0, this.pendingListens - 1);
        this.listeningNow.add(port);
        this.opts.onNotice?.(`node ${port} listens on ${this.opts.host}:${this.realPort(port)}`);
      });
    }
  }

  private accept(port: number, sock: net.Socket): void {
    if (this.closedValue) {
      sock.destroy();
      return;
    }
    sock.setNoDelay(true);
    let conn = 0;
    this.input(() => {
      conn = this.core.allocConn();
      this.sockets.set(conn, sock);
      return { in: 'open', conn, port, remotePort: sock.remotePort ?? 0, loopback: isLoopback(sock.remoteAddress) };
    });
    this.wire(sock, () => conn);
  }

  private wire(sock: net.Socket, conn: () => number): void {
    // Checked when the input is applied, not when it arrives: a paused clock holds both in order.
    sock.on('data', (data: Buffer) => {
      this.input(() => (this.sockets.get(conn()) === sock ? { in: 'data', conn: conn(), data } : null));
    });
    sock.on('close', () => {
      this.input(() => {
        if (this.sockets.get(conn()) !== sock) return null;
        this.sockets.delete(conn());
        return { in: 'close', conn: conn() };
      });
    });
    sock.on('error', () => {
      // 'close' follows and is what the world hears.
    });
  }

  private dial(conn: number, port: number): void {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.setNoDelay(true);
    let connected = false;
    sock.once('connect', () => {
      connected = true;
      this.sockets.set(conn, sock);
      this.input(() => ({ in: 'dial', conn, ok: true }));
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      if (connected) return;
      sock.destroy();
      this.input(() => ({ in: 'dial', conn, ok: false, error: err.code === 'ECONNREFUSED' ? 'Connection refused' : err.message }));
    });
    this.wire(sock, () => conn);
  }

  /** Stop: every connection and listener closes, the clock stops, the recording ends. */
  async close(): Promise<void> {
    if (this.closedValue) return;
    this.catchUp();
    this.flush();
    const rec = this.record;
    this.record = null;
    rec?.write(encodeRecordLine({ t: this.world.now, stop: true }));
    this.closedValue = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribeTrace?.();
    const closing: Array<Promise<void>> = [];
    for (const srv of this.listeners.values()) closing.push(new Promise((r) => srv.close(() => r())));
    this.listeners.clear();
    for (const sock of this.sockets.values()) sock.destroy();
    this.sockets.clear();
    this.core.closeAll();
    this.outBuf.clear();
    this.ending.clear();
    if (rec) closing.push(new Promise((r) => rec.end(() => r())));
    await Promise.all(closing);
  }
}

function toBuffer(d: string | Uint8Array): Buffer {
  return typeof d === 'string' ? Buffer.from(d, 'latin1') : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}
